"""Rule functions, one module per family; their codes and docs are in ionqkit.validators.registry."""
