"""Fuzzing ionqkit: mutational targets for lint, generate, diff and migrate (`make fuzz`).

Each target module defines `one_input(data: bytes) -> None`, which feeds one input to the tool
and lets any exception escape that is not an IonqkitError: the property under test is "no
traceback, ever: a result, or a typed error that the CLI turns into one line and exit 2".
`python -m fuzz` runs every target under atheris (coverage-guided, structure-aware mutations)
when it is installed, else under the seeded random engine in fuzz/engine.py.
"""
