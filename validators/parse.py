"""Payload bytes/str/Mapping -> plain data, with IQ0xx findings for the text itself.

JSON goes through orjson (fast, and strict: it rejects NaN/Infinity, trailing data, invalid
UTF-8 and a BOM itself, so the clean path needs no second parser). A small payload that holds
nothing the two parsers could read differently is read by the standard library's json instead:
importing orjson (which imports dataclasses, uuid and datetime) costs a one-file lint or a
pre-commit run more than parsing takes. Every payload either parser refuses, and every one the
fast path is unsure of, is read by orjson, so the verdicts and messages are orjson's either way.
YAML payloads go through the project loader (ruamel), which keeps positions. Both JSON parsers keep
the last of duplicate keys silently; `duplicate_keys()` finds them with a scan that runs only when
a cheap count says it must.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from ionqkit.errors import InputError
from ionqkit.records import field, record
from ionqkit.spec.inputs import decode_utf8
from ionqkit.validators.registry import IQ001, IQ002, IQ003, IQ004, IQ005, IQ006, IQ007

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:  # locate (a JSON tokenizer): only for a payload with findings to place
    from typing import Any

    import orjson

    from ionqkit.validators.locate import JsonText, Position

BOM = b"\xef\xbb\xbf"
_NON_SPACE = re.compile(rb"[^ \t\n\r\x0b\x0c]")  # bytes.strip()'s whitespace
YAML_SUFFIXES = (".yaml", ".yml")

# The fast path's bounds. Up to 1,024 brackets, nesting is within orjson's depth limit (1,024).
# What the standard library reads and orjson refuses or reads otherwise: integers beyond 64 bits
# (orjson makes a float of them), numbers too large for a float (orjson refuses them, json gives
# inf) and escaped UTF-16 surrogates (orjson refuses a lone one). The number hooks see only
# numbers (a base64 string full of digits is no concern); a surrogate escape anywhere, even a
# paired one, sends the payload to orjson.
_FAST_MAX_BYTES = 64 * 1024
_FAST_MAX_BRACKETS = 1024
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1
_UNSURE: Any = object()

# (code, message, line, column) for faults in the text itself.
TextFinding = tuple[str, str, int | None, int | None]


@record
class Parsed:
    name: str
    data: Any = None
    ok: bool = False
    raw: bytes | None = None
    is_yaml: bool = False
    yaml_positions: Mapping[str, Position] | None = None
    findings: list[TextFinding] = field(default_factory=list)
    _json: JsonText | None = None

    def json_text(self) -> JsonText | None:
        if self._json is None and self.raw is not None and not self.is_yaml:
            from ionqkit.validators.locate import JsonText

            self._json = JsonText(self.raw.decode("utf-8", errors="replace"))
        return self._json

    def locate(self, pointers: set[str]) -> dict[str, Position]:
        if self.yaml_positions is not None:
            out: dict[str, Position] = {}
            for pointer in pointers:
                probe = pointer
                while probe not in self.yaml_positions and probe:
                    probe = probe.rsplit("/", 1)[0]
                out[pointer] = self.yaml_positions.get(probe, (1, 1))
            return out
        text = self.json_text()
        return text.locate(pointers) if text is not None else {}


def parse(payload: bytes | str | Mapping[str, Any], name: str) -> Parsed:
    if isinstance(payload, Mapping):
        return Parsed(name=name, data=plain(payload), ok=True)
    raw = payload.encode("utf-8", errors="surrogatepass") if isinstance(payload, str) else bytes(payload)
    parsed = Parsed(name=name, raw=raw)
    if raw.startswith(BOM):
        parsed.findings.append((IQ003.code, "payload starts with a UTF-8 byte order mark (BOM)", 1, 1))
        raw = raw[len(BOM) :]
        parsed.raw = raw
    first = _NON_SPACE.search(raw)  # unlike strip(), never copies a 7 MB payload
    if first is None:
        parsed.findings.append((IQ007.code, "payload is empty", 1, 1))
        return parsed
    parsed.is_yaml = name.endswith(YAML_SUFFIXES) or (
        not name.endswith(".json") and first.group() not in (b"{", b"[")
    )
    if parsed.is_yaml:
        _parse_yaml(parsed, raw)
    else:
        _parse_json(parsed, raw)
    return parsed


def _parse_json(parsed: Parsed, raw: bytes) -> None:
    data = _fast_json(raw)
    if data is not _UNSURE:
        parsed.data = data
        parsed.ok = True
        return
    import orjson

    try:
        parsed.data = orjson.loads(raw)
        parsed.ok = True
    except orjson.JSONDecodeError as exc:
        parsed.findings.append(_json_error(exc, raw, parsed.name))


def _fast_json(raw: bytes) -> Any:
    """A small payload's data as orjson would read it, by the standard library's json; _UNSURE
    if it is not small, holds something the two could read differently, or does not parse."""
    if (
        len(raw) > _FAST_MAX_BYTES
        or raw.count(b"[") + raw.count(b"{") > _FAST_MAX_BRACKETS
        or _SURROGATE_ESCAPE.search(raw) is not None
    ):
        return _UNSURE
    try:
        text = raw.decode("utf-8")
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, the hooks' refusals
        return _UNSURE


def _int(literal: str) -> int:
    value = int(literal)
    if len(literal) >= 19 and not _INT_MIN <= value <= _INT_MAX:
        raise ValueError("beyond 64 bits")
    return value


def _float(literal: str) -> float:
    value = float(literal)
    if value - value != 0:  # inf - inf is nan
        raise ValueError("not finite as a double")
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_error(exc: orjson.JSONDecodeError, raw: bytes, name: str) -> TextFinding:
    message = exc.msg
    if "UTF-8" in message:
        try:
            decode_utf8(raw, name)
        except InputError as err:
            return (IQ002.code, err.message, err.line, err.column)
    text = raw.decode("utf-8", errors="replace")
    at = min(exc.pos, len(text))
    if text[at : at + 8] == "Infinity" and text[at - 1 : at] == "-":
        at -= 1  # orjson stops after the sign
    from ionqkit.validators.locate import JsonText

    line, column = JsonText(text).position(at)
    if text.startswith(("NaN", "Infinity", "-Infinity"), at):
        return (IQ004.code, f"{text[at : at + 9].rstrip(',} ')} is not a JSON number", line, column)
    if "depth" in message or "recursion" in message:
        return (IQ006.code, "nesting is too deep to parse", line, column)
    if "after document" in message:
        return (IQ001.code, "unexpected data after the end of the JSON value", line, column)
    return (IQ001.code, f"invalid JSON: {message}", line, column)


def _parse_yaml(parsed: Parsed, raw: bytes) -> None:
    from ionqkit.spec.loader import load_bytes  # ruamel: only for YAML payloads

    try:
        doc = load_bytes(raw, name=parsed.name)
    except InputError as exc:
        text = exc.message
        code = IQ001.code
        if "UTF-8" in text:
            code = IQ002.code
        elif "duplicate" in text:
            code = IQ005.code
        elif "not a JSON number" in text:
            code = IQ004.code
        elif "nesting" in text:
            code = IQ006.code
        parsed.findings.append((code, text, exc.line, exc.column))
        return
    parsed.data = doc.data
    parsed.yaml_positions = doc.positions
    parsed.ok = True


def duplicate_keys(parsed: Parsed, key_count: int) -> list[tuple[str, Position]]:
    """Repeated keys in JSON text. `key_count` is the number of keys orjson kept.

    Every key/value pair in JSON text has one `:` outside strings, so if the text has no more
    colons than the parsed data has keys, no key was dropped and the scan is skipped.
    """
    if parsed.raw is None or parsed.is_yaml or parsed.raw.count(b":") <= key_count:
        return []
    text = parsed.json_text()
    return text.duplicates() if text is not None else []


def plain(value: Any) -> Any:
    """A caller's Mapping/sequence tree as dicts and lists (values are kept as given)."""
    if isinstance(value, Mapping):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
