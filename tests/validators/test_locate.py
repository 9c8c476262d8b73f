"""JSON pointer -> line:column: the whole payload needs no scan of the text."""

from __future__ import annotations

import pytest

from ionqkit.spec import jsonscan
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


def test_the_scan_skips_subtrees_not_on_the_way_with_the_shared_scanner() -> None:
    """locate and spans skip a subtree with jsonscan.skip_container and enter only
    jsonscan.prefixes: brackets inside strings of a skipped subtree are text."""
    text = '{"a": {"x": "]}[{", "y": [1, {"z": "}"}]}, "b": {"c": 2}}'
    opener = text.index('{"x"') + 1
    assert jsonscan.skip_container(text, opener) == text.index(', "b"')
    assert jsonscan.skip_container('{"open": [1, 2', 1) == len('{"open": [1, 2')
    assert jsonscan.prefixes({"/b/c", "/a"}) == {"", "/a", "/b", "/b/c"}
    assert JsonText(text).locate({"/b/c"}) == {"/b/c": (1, text.index('"c"') + 1)}
