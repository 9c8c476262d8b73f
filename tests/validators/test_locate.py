"""JSON pointer -> line:column: the whole payload needs no scan of the text."""

from __future__ import annotations

import pytest

from ionqkit.validators.locate import JsonText


def test_the_whole_payload_is_located_without_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    text = JsonText('{\n  "a": [1, 2]\n}')

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("scanned the text for the root pointer")

    monkeypatch.setattr(JsonText, "_members", no_scan)
    assert text.locate({""}) == {"": (1, 1)}
    assert text.locate(set()) == {}


def test_other_pointers_are_still_found_beside_the_root() -> None:
    text = JsonText('{\n  "a": [1, 2]\n}')
    assert text.locate({"", "/a/1"}) == {"": (1, 1), "/a/1": (2, 12)}
