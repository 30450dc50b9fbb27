"""Parsed Terraform files kept in the read cache as JSON, so a warm scan does not parse again.

A python-hcl2 tree is rules (a class, lines, children, and a few fields such as `_parentheses`
or a directive's parts, which are children too) and tokens (a class and a text). Stored, a rule
is `[class, line, end_line, fields, *children]` and a token `[class, value]`, with the classes
listed once per file; loading rebuilds the same objects without running the parser or any code
named by the entry: classes are looked up only among python-hcl2's own rule and token classes.
A tree holding anything else is not stored.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Any

from csmm_static.readers.base import ParseOptions
from csmm_static.readers.cache import ReadCache
from csmm_static.readers.terraform.hcl import Attribute, Block, ParsedFile, read_text

AREA = "terraform"
_KIND = "terraform-parsed"
_LINKS = ("_index", "_parent", "_children", "_meta")


class Unsupported(ValueError):
    """A tree holding something the format does not carry."""


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
        except (Unsupported, OSError):
            return
        if raw.decode("utf-8-sig", errors="replace") != parsed.text:
            return  # changed since it was parsed
        try:
            self.cache.store_data(self._key(raw), data, AREA)
        except (TypeError, ValueError):
            return


# ---------------------------------------------------------------------------------------------
# Encoding


class _Encoder:
    def __init__(self) -> None:
        self.classes: list[list[Any]] = []
        self._ids: dict[type, int] = {}

    def class_id(self, cls: type) -> int:
        found = self._ids.get(cls)
        if found is None:
            found = self._ids[cls] = len(self.classes)
            self.classes.append(_describe(cls))
        return found

    def node(self, node: Any) -> Any:
        if node is None:
            return None
        values = vars(node)
        cls_id = self.class_id(type(node))
        if "_children" not in values:
            value = values.get("_value")
            if not (value is None or isinstance(value, str | int | float)):
                raise Unsupported(f"a token holding {type(value).__name__}")
            return [cls_id, value]
        children = values["_children"]
        flags = {k: _flag(v, children) for k, v in values.items() if k not in _LINKS}
        meta = values["_meta"]
        line = getattr(meta, "line", 0) or 0
        end = getattr(meta, "end_line", 0) or 0
        return [cls_id, line, end, flags or None, *(self.node(c) for c in children)]


def _flag(value: Any, children: list[Any]) -> Any:
    """A rule's own field: a scalar, or (assembled template directives) a reference to one of
    its children, ["c", index], or to several, ["l", [index, ...]]."""
    if value is None or isinstance(value, bool | int | str):
        return value
    positions = {id(child): i for i, child in enumerate(children)}
    if id(value) in positions:
        return ["c", positions[id(value)]]
    if isinstance(value, list) and all(id(v) in positions for v in value):
        return ["l", [positions[id(v)] for v in value]]
    raise Unsupported(f"a rule holding {type(value).__name__}")


def _describe(cls: type) -> list[Any]:
    from hcl2.rules.abstract import LarkRule, LarkToken
    from hcl2.rules.tokens import StaticStringToken, StringToken

    if issubclass(cls, StaticStringToken) and cls is not StaticStringToken:
        return ["s", cls.lark_name(), getattr(cls, "_default_value", None)]
    if issubclass(cls, StringToken) and cls is not StringToken:
        return ["t", cls.lark_name()]
    if issubclass(cls, LarkRule | LarkToken) and cls.__module__.startswith("hcl2.rules."):
        return ["r" if issubclass(cls, LarkRule) else "k", cls.__module__, cls.__qualname__]
    raise Unsupported(f"class {cls.__qualname__}")


def encode_blocks(blocks: list[Block]) -> dict[str, Any]:
    encoder = _Encoder()

    def block(item: Block) -> list[Any]:
        return [
            item.type,
            list(item.labels),
            [[a.name, a.line, encoder.node(a.expr)] for a in item.attributes.values()],
            [block(b) for b in item.blocks],
            item.line,
            item.end_line,
        ]

    encoded = [block(b) for b in blocks]
    return {"classes": encoder.classes, "blocks": encoded}


# ---------------------------------------------------------------------------------------------
# Decoding


def _resolve(entry: list[Any]) -> tuple[bool, type]:
    """(is a rule, the class) for a stored class description; ValueError for anything else."""
    from hcl2.rules.abstract import LarkRule, LarkToken
    from hcl2.rules.tokens import StaticStringToken, StringToken

    kind = entry[0]
    if kind == "t" and isinstance(entry[1], str):
        return False, StringToken[entry[1]]  # type: ignore[misc]
    if kind == "s" and isinstance(entry[1], str):
        return False, StaticStringToken[(entry[1], entry[2])]  # type: ignore[misc]
    if kind in ("r", "k") and isinstance(entry[1], str) and entry[1].startswith("hcl2.rules."):
        found = getattr(importlib.import_module(entry[1]), str(entry[2]), None)
        base = LarkRule if kind == "r" else LarkToken
        if isinstance(found, type) and issubclass(found, base):
            return kind == "r", found
    raise ValueError(f"not a python-hcl2 class: {entry!r}")


def decode_blocks(data: dict[str, Any], label: str) -> list[Block]:
    from lark.tree import Meta

    classes = [_resolve(entry) for entry in data["classes"]]
    metas: dict[tuple[int, int], Meta] = {}

    def meta(line: int, end: int) -> Meta:
        found = metas.get((line, end))
        if found is None:
            found = metas[(line, end)] = Meta()
            if line:
                found.empty, found.line, found.end_line = False, line, end
        return found

    def node(item: Any, parent: Any, index: int) -> Any:
        if item is None:
            return None
        is_rule, cls = classes[item[0]]
        obj = cls.__new__(cls)
        state = obj.__dict__
        state["_index"] = index
        state["_parent"] = parent
        if not is_rule:
            state["_value"] = item[1]
            return obj
        state["_meta"] = meta(int(item[1]), int(item[2]))
        children = state["_children"] = [node(c, obj, i) for i, c in enumerate(item[4:])]
        for key, value in (item[3] or {}).items():
            if not key.startswith("_") or key.startswith("__") or key in _LINKS:
                raise ValueError(f"not a rule flag: {key!r}")
            if isinstance(value, list):
                kind, where = value
                value = children[where] if kind == "c" else [children[i] for i in where]
            state[key] = value
        return obj

    def block(item: list[Any]) -> Block:
        kind, labels, attributes, nested, line, end = item
        return Block(
            str(kind),
            tuple(str(x) for x in labels),
            {str(n): Attribute(str(n), node(e, None, -1), int(at)) for n, at, e in attributes},
            tuple(block(b) for b in nested),
            label,
            int(line),
            int(end),
        )

    return [block(b) for b in data["blocks"]]
