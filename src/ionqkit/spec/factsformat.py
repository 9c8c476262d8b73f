"""The version of the compiled lint facts' JSON shape.

Shared by the writer (ionqkit.spec.jobfacts, at generate time) and the reader
(validators/specdata.py, on every lint), which refuses facts of another format; the reader imports
this constant alone, not the compiler.
"""

FORMAT = 1
