"""Parsed Terraform files kept in the read cache as JSON, so a warm scan does not parse again.

A block is stored as `[type, labels, [[name, line, expression], ...], [block, ...], line,
end_line]`; expressions are the tuples of `syntax`, stored as JSON arrays. Loading checks every
tagged array against the tags and sizes `syntax` makes (an entry edited by hand is refused and
the file parsed again) and turns arrays back into tuples.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from csmm_static.readers.base import ParseOptions
from csmm_static.readers.cache import ReadCache
from csmm_static.readers.terraform.hcl import Attribute, Block, ParsedFile, read_text
from csmm_static.readers.terraform.syntax import SHAPES

AREA = "terraform"
_KIND = "terraform-parsed-2"  # the stored shape: a change makes old entries unreachable


class ParsedStore:
    """Parsed native-syntax files by content, in a read cache."""

    def __init__(self, cache: ReadCache, options: ParseOptions) -> None:
        self.cache = cache
        self.options = options

    def _key(self, raw: bytes) -> str:
        return self.cache.key(_KIND, "", hashlib.sha256(raw).digest(), self.options)

    def load(self, path: Path, label: str) -> ParsedFile | None:
        if path.name.endswith(".json"):
            return None
        try:
            raw = path.read_bytes()
            data = self.cache.load_data(self._key(raw), AREA)
            if data is None:
                return None
            parsed = ParsedFile(path, label, decode_blocks(data, label))
            parsed.text = read_text(path)
            return parsed
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, IndexError):
            return None

    def save(self, parsed: ParsedFile) -> None:
        if parsed.error is not None or parsed.path.name.endswith(".json"):
            return
        try:
            data = encode_blocks(parsed.blocks)
            raw = parsed.path.read_bytes()
        except OSError:
            return
        if raw.decode("utf-8-sig", errors="replace") != parsed.text:
            return  # changed since it was parsed
        try:
            self.cache.store_data(self._key(raw), data, AREA)
        except (TypeError, ValueError):
            return


# ---------------------------------------------------------------------------------------------
# Encoding and decoding


def encode_blocks(blocks: list[Block]) -> dict[str, Any]:
    def block(item: Block) -> list[Any]:
        return [
            item.type,
            list(item.labels),
            [[a.name, a.line, a.expr] for a in item.attributes.values()],
            [block(b) for b in item.blocks],
            item.line,
            item.end_line,
        ]

    return {"blocks": [block(b) for b in blocks]}


def _expression(value: Any) -> Any:
    """A stored expression back into tuples; ValueError for anything `syntax` does not make."""
    if isinstance(value, list):
        if value and isinstance(value[0], str):
            size = SHAPES.get(value[0])
            if size is None or len(value) != size:
                raise ValueError(f"not an expression: {value[0]!r}")
        return tuple(_expression(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError(f"not an expression: {type(value).__name__}")


def decode_blocks(data: dict[str, Any], label: str) -> list[Block]:
    def block(item: list[Any]) -> Block:
        kind, labels, attributes, nested, line, end = item
        return Block(
            str(kind),
            tuple(str(x) for x in labels),
            {str(n): Attribute(str(n), _expression(e), int(at)) for n, at, e in attributes},
            tuple(block(b) for b in nested),
            label,
            int(line),
            int(end),
        )

    return [block(b) for b in data["blocks"]]
