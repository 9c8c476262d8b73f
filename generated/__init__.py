"""Generated code for each IonQ API input (see specs/). Do not edit: run `make generate`."""
