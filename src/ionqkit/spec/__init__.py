"""The spec core every other part stands on; it imports none of them.

- `inputs`: the one bounded reader for every input (files, stdin, git blobs);
- `loader`: YAML/JSON documents with line:column positions and JSON pointers (`Document`);
- `jsonscan`, `yaml_constructor`: the linear JSON scanner and the strict YAML constructor it uses;
- `refs`: the one `$ref` resolver, with the chain and depth limits;
- `overlay`: OpenAPI Overlay 1.0, with a work budget;
- `specload`: a spec loaded, overlaid and validated (openapi-spec-validator or the meta-schema);
- `atomic`, `tempentries`: the atomic file writer and the temporary entries only our runs remove.

codegen, the differ (`ionqkit.diff`), the linter (`ionqkit.validators`) and `migrate` import it; the client
runtime imports none of it (tests/test_architecture.py checks both).
"""
