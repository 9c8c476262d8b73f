"""bench/ is a folder of scripts run by path (`python bench`, what `make bench` runs), not a package.

Without this file the folder would still import from the repo root as a namespace package named
`bench`, a generic top-level name the project does not own. bench/__main__.py loads the modules
here under the private package name `_ionqkit_bench` instead (tests/test_architecture.py checks).
"""

raise ModuleNotFoundError("bench/ is a folder of scripts, not a package: run `python bench`", name="bench")
