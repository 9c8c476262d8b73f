"""fuzz/ is a folder of scripts run by path (`python fuzz`, what `make fuzz` runs), not a package.

Each target module defines `one_input(data: bytes) -> None`, which feeds one input to the tool
and lets any exception escape that is not an IonqkitError: the property under test is "no
traceback, ever: a result, or a typed error that the CLI turns into one line and exit 2".
`python fuzz` runs every target under atheris (coverage-guided, structure-aware mutations)
when it is installed, else under the seeded random engine in fuzz/engine.py.

Without this file the folder would still import from the repo root as a namespace package named
`fuzz`, a generic top-level name the project does not own. fuzz/__main__.py loads the modules
here under the private package name `_ionqkit_fuzz` instead (tests/test_architecture.py checks).
"""

raise ModuleNotFoundError("fuzz/ is a folder of scripts, not a package: run `python fuzz`", name="fuzz")
