"""ionqkit's error type: one line naming file, place and cause, even after crossing processes."""

from __future__ import annotations

import pickle

from ionqkit.errors import InputError, SpecError


def test_str_names_file_line_column_and_pointer() -> None:
    error = SpecError("broken", file="spec.yaml", line=3, column=7, pointer="/paths")
    assert str(error) == "spec.yaml:3:7: broken (at /paths)"
    assert str(InputError("no such file", file="x.json")) == "x.json: no such file"


def test_location_survives_pickling_between_worker_processes() -> None:
    error = SpecError("broken", file="spec.yaml", line=3, column=7, pointer="/paths")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is SpecError
    assert (copy.file, copy.line, copy.column, copy.pointer, str(copy)) == (
        "spec.yaml", 3, 7, "/paths", "spec.yaml:3:7: broken (at /paths)",
    )  # fmt: skip
