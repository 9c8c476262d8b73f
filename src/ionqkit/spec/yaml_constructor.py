"""The loader's YAML constructor: ruamel's safe one, with every value it cannot build refused where
it was written.

ruamel's safe constructor raises bare ValueError/KeyError/IndexError for a tagged scalar it cannot
read (`!!int "xyz"`, `!!float "abc"`, `!!bool maybe`, `!!int ""`) and for an integer longer than
Python's 4,300-digit conversion limit; here each becomes a ConstructorError carrying the node's
line:column, which the loader reports like any other YAML error. Integers are also capped in
size whatever their base (`0x` and 5,000 hex digits parses, but no later `str()` could print it),
and a mapping key must be a string or an integer (what JSON, and the converter, can keep): a
sequence, mapping, boolean, null or float key is refused at the key.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

_TAG = "tag:yaml.org,2002:"
# Keys the converter keeps: strings (timestamps stay strings), integers (`200:` in `responses`), and
# the merge key `<<`, whose merged keys are checked in the mapping they come from.
_KEY_TAGS = frozenset(f"{_TAG}{name}" for name in ("str", "int", "timestamp", "merge", "value"))
_INT_DIGITS = sys.get_int_max_str_digits() or 4300
_INT_BITS = math.floor(_INT_DIGITS * math.log2(10))  # below this, str() of the int always works


class SafeYamlConstructor(SafeConstructor):
    """Plain data only; timestamps kept as written; unbuildable values refused at their node."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError) as exc:
            raise ConstructorError(None, None, _cannot_build(node, exc), node.start_mark) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag not in _KEY_TAGS:
                    raise ConstructorError(None, None, _bad_key(key_node), key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_bounded_int(self, node: Any) -> int:
        value: int = self.construct_yaml_int(node)
        if value.bit_length() > _INT_BITS:
            raise ConstructorError(None, None, _too_long(node), node.start_mark)
        return value


SafeYamlConstructor.add_constructor(f"{_TAG}timestamp", SafeYamlConstructor.construct_yaml_str)
SafeYamlConstructor.add_constructor(f"{_TAG}int", SafeYamlConstructor.construct_bounded_int)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _tag_name(node: Node) -> str:
    tag = str(node.tag)
    return f"!!{tag[len(_TAG) :]}" if tag.startswith(_TAG) else tag


def _too_long(node: Node) -> str:
    return f"integer {_short(str(node.value))} is longer than {_INT_DIGITS:,} digits"


def _cannot_build(node: Node, exc: Exception) -> str:
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return _too_long(node)
    if isinstance(node, ScalarNode):
        return f"{_short(str(node.value))} is not a valid {_tag_name(node)} value"
    return f"cannot build a {_tag_name(node)} value from this {_kind(node)}"


def _bad_key(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return f"mapping key {_short(str(node.value))} ({_tag_name(node)}) is not a string"
    return f"mapping key is a {_kind(node)}, not a string"


def _kind(node: Node) -> str:
    return str(getattr(node, "id", "node"))  # "scalar", "sequence" or "mapping"
