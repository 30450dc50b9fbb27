"""The JSON report: the report itself, serialized deterministically.

The text is exactly `json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False)` plus a
newline, with the characters in `_RAW` escaped, written in pieces: the report of a large AWS
Config snapshot runs to hundreds of megabytes, which `json.dumps` would hold whole (and, with an
indent, build through a chain of generators several times slower than this).
"""

from __future__ import annotations

import io
import json.encoder
import re
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from csmm_static.report import Report

_ENCODE: Callable[[str], str] = json.encoder.encode_basestring  # the C function where built
# Written as JSON escapes rather than as themselves (the data read back is the same): lone
# surrogates (from a `\ud800` escape in a JSON input), which UTF-8 cannot encode, and the
# characters that act on a terminal or reorder text when someone runs `cat` on the report (DEL,
# C1 controls such as the 8-bit CSI, bidirectional overrides, line separators); the encoder
# already escapes the C0 controls.
_RAW = re.compile(
    "[\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _string(text: str) -> str:
    encoded = _ENCODE(text)
    if _RAW.search(encoded) is None:
        return encoded
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


_INDENT = "  "
_FLUSH_PARTS = 4096


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


def write(report: Report, stream: TextIO) -> None:
    """Write the report's JSON text to `stream`, a few kilobytes at a time."""
    parts: list[str] = []
    _Encoder(parts, stream).value(report, "\n")
    parts.append("\n")
    stream.write("".join(parts))


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


def _key(key: object) -> str:
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return _float(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


class _Encoder:
    """json's pure-Python encoder with `indent=2`, rewritten as one recursive function that
    appends to a list and hands the list to the stream whenever it grows long."""

    def __init__(self, parts: list[str], stream: TextIO) -> None:
        self.parts = parts
        self.stream = stream

    def value(self, value: Any, newline: str) -> None:
        """Append `value`; `newline` is a newline followed by the current indentation."""
        parts = self.parts
        if isinstance(value, str):
            parts.append(_string(value))
        elif value is None:
            parts.append("null")
        elif value is True:
            parts.append("true")
        elif value is False:
            parts.append("false")
        elif isinstance(value, int):
            parts.append(int.__repr__(value))
        elif isinstance(value, float):
            parts.append(_float(value))
        elif isinstance(value, list | tuple):
            self._list(value, newline)
        elif isinstance(value, dict):
            self._dict(value, newline)
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
        if len(parts) > _FLUSH_PARTS:
            self.stream.write("".join(parts))
            parts.clear()

    def _list(self, items: list[Any] | tuple[Any, ...], newline: str) -> None:
        self._container("[", "]", (("", item) for item in items), newline)

    def _dict(self, mapping: dict[Any, Any], newline: str) -> None:
        entries = ((_string(_key(key)) + ": ", item) for key, item in mapping.items())
        self._container("{", "}", entries, newline)

    def _container(
        self, opening: str, closing: str, entries: Iterator[tuple[str, Any]], newline: str
    ) -> None:
        inner = newline + _INDENT
        separator = "," + inner
        first = True
        for prefix, item in entries:
            self.parts.append((opening + inner if first else separator) + prefix)
            first = False
            self.value(item, inner)
        self.parts.append(opening + closing if first else newline + closing)
