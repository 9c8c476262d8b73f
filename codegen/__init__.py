"""Code generation: specs -> loaded & checked documents -> intermediate model -> emitters -> files."""
