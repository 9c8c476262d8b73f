"""The compiled lint facts' shape and where they live: what their writer and reader must agree on.

Shared by the writer (ionqkit.spec.jobfacts and codegen/generate.py, at generate time) and the
reader (validators/specdata.py, on every lint), which refuses facts of another format. The reader
imports these constants alone, not the compiler, so this module imports nothing.
"""

FORMAT = 1  # the version of the facts' JSON shape
FACTS_FILE = "lint_facts.json"  # in a generated package folder
CATALOG_PARTS = ("specs", "backends.yaml")  # the backend catalog compiled in, inside the ionqkit package
