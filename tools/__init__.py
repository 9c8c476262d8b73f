"""tools/ is a folder of standalone scripts run by path (e.g. `python tools/specs/restore_seed003.py`).

Without this file the folder would still import from the repo root as a namespace package named
`tools`, a generic top-level name the project does not own (tests/test_architecture.py checks).
"""

raise ModuleNotFoundError("tools/ is a folder of scripts, not a package: run them by path", name="tools")
