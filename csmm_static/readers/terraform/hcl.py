"""Terraform files loaded once each into blocks with line numbers.

Native syntax is read by `syntax` (tree-sitter's HCL grammar) into blocks whose attribute
expressions are plain tuples the evaluator walks. JSON syntax (`.tf.json`) is loaded with `json`:
its strings are templates, parsed on demand by `parse_template`.
"""

from __future__ import annotations

import errno
import json
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.base import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES
from csmm_static.readers.limits import LimitExceeded
from csmm_static.readers.terraform.syntax import Expr, Item, parse_body, parse_one, template_of

# Blocks whose bodies are Terraform's own language, not provider schema: in JSON syntax their
# keys are nested blocks rather than object-valued attributes.
_JSON_NESTED_BLOCKS = frozenset({"dynamic", "lifecycle", "provisioner", "connection"})


@dataclass(frozen=True)
class JsonValue:
    """An expression written in Terraform's JSON syntax (strings are templates)."""

    value: Any
    literal: bool = False  # variable defaults and tfvars.json values are not templates


@dataclass(frozen=True)
class Attribute:
    name: str
    expr: Any  # a `syntax` expression tuple, or a JsonValue
    line: int


@dataclass(frozen=True)
class Block:
    type: str
    labels: tuple[str, ...]
    attributes: dict[str, Attribute]
    blocks: tuple[Block, ...]
    file: str  # the file's label (relative to the scanned root)
    line: int
    end_line: int

    def nested(self, block_type: str) -> Iterator[Block]:
        return (b for b in self.blocks if b.type == block_type)


@dataclass
class ParsedFile:
    path: Path
    label: str
    blocks: list[Block] = field(default_factory=list)
    error: Diagnostic | None = None
    text: str = ""  # kept for what reads comments by line (suppression directives)


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> str:
    """File text as Terraform reads it: UTF-8, a leading BOM dropped.

    Only a regular file is opened (a FIFO would block, a device never end), and no more than
    `max_bytes` are read (LimitExceeded "file-size").
    """
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise LimitExceeded(
            "file-size", f"file is over the {max_bytes}-byte limit (--max-file-size)"
        )
    return raw.decode("utf-8-sig")


# ---------------------------------------------------------------------------------------------
# Native syntax


def parse_native(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> tuple[Item, ...]:
    """The top-level attributes and blocks of a native-syntax file (`syntax.parse_body`)."""
    return parse_body(text, max_depth)


def native_blocks(items: tuple[Item, ...], file_label: str) -> list[Block]:
    return [_block(item, file_label) for item in items if item.kind == "block"]


def _block(item: Item, file_label: str) -> Block:
    attributes: dict[str, Attribute] = {}
    blocks: list[Block] = []
    for child in item.body:
        if child.kind == "attribute":
            attributes[child.name] = Attribute(child.name, child.expr, child.line)
        else:
            blocks.append(_block(child, file_label))
    return Block(
        item.name, item.labels, attributes, tuple(blocks), file_label, item.line, item.end_line
    )


def native_attributes(items: tuple[Item, ...]) -> dict[str, Attribute]:
    """Top-level attributes of a native-syntax file (a .tfvars file)."""
    return {
        item.name: Attribute(item.name, item.expr, item.line)
        for item in items
        if item.kind == "attribute"
    }


def error_line(exc: BaseException) -> int:
    line = getattr(exc, "line", None)
    if isinstance(line, int) and line > 0:
        return line
    return 1


# ---------------------------------------------------------------------------------------------
# Templates parsed on demand (templatefile(), JSON-syntax strings) and expressions given as text


@lru_cache(maxsize=4096)
def parse_template(text: str) -> Expr:
    """The expression of `text` read as a template (`${...}` and `%{...}` are live).

    Backslashes and quotes in `text` are literal, as in a heredoc body or a decoded JSON string.
    Raises when the template itself is malformed.
    """
    return template_of(text, DEFAULT_MAX_DEPTH)


@lru_cache(maxsize=1024)
def parse_expression(text: str) -> Expr:
    """The expression of text (a --var value, a JSON-syntax traversal)."""
    return parse_one(text, DEFAULT_MAX_DEPTH)


# ---------------------------------------------------------------------------------------------
# JSON syntax


def json_blocks(doc: Any, file_label: str, text: str) -> list[Block]:
    """Blocks of a `.tf.json` document (Terraform's JSON configuration syntax)."""
    if not isinstance(doc, dict):
        raise ValueError("a .tf.json file must hold one JSON object")
    locator = _JsonLocator(text)
    blocks: list[Block] = []
    for kind, content in doc.items():
        if kind == "//":
            continue
        if kind in ("resource", "data"):
            for rtype, named in _objects(content):
                for name, body in _objects(named):
                    for one in _bodies(body):
                        line = locator.find(rtype, name)
                        blocks.append(_json_block(kind, (rtype, name), one, file_label, line))
        elif kind in ("variable", "module", "output", "provider"):
            for name, body in _objects(content):
                for one in _bodies(body):
                    line = locator.find(kind, name)
                    literal = kind == "variable"
                    blocks.append(_json_block(kind, (name,), one, file_label, line, literal))
        elif kind == "locals":
            for one in _bodies(content):
                attributes = {
                    k: Attribute(k, JsonValue(v), locator.find("locals", k))
                    for k, v in one.items()
                    if k != "//"
                }
                line = locator.find("locals")
                blocks.append(Block("locals", (), attributes, (), file_label, line, line))
        elif kind == "terraform":
            for one in _bodies(content):
                line = locator.find("terraform")
                blocks.append(_json_block(kind, (), one, file_label, line))
    return blocks


def _objects(value: Any) -> Iterator[tuple[str, Any]]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            for key, inner in item.items():
                if key != "//":
                    yield str(key), inner


def _bodies(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return [value] if isinstance(value, dict) else []


def _json_block(
    kind: str,
    labels: tuple[str, ...],
    body: dict[str, Any],
    file_label: str,
    line: int,
    literal: bool = False,
) -> Block:
    attributes: dict[str, Attribute] = {}
    blocks: list[Block] = []
    for key, value in body.items():
        if key == "//":
            continue
        if key in _JSON_NESTED_BLOCKS or (kind == "dynamic" and key == "content"):
            if key in ("dynamic", "provisioner"):
                for label, inner in _objects(value):
                    for one in _bodies(inner):
                        blocks.append(_json_block(key, (label,), one, file_label, line))
            else:
                for one in _bodies(value):
                    blocks.append(_json_block(key, (), one, file_label, line))
            continue
        is_literal = literal and key in ("default", "type", "description")
        attributes[key] = Attribute(key, JsonValue(value, literal=is_literal), line)
    return Block(kind, labels, attributes, tuple(blocks), file_label, line, line)


class _JsonLocator:
    """Approximate lines for JSON-syntax blocks: the line of the first matching key path."""

    def __init__(self, text: str) -> None:
        self.text = text

    def find(self, *keys: str) -> int:
        offset = 0
        for key in keys:
            found = re.search(r'"' + re.escape(key) + r'"\s*:', self.text[offset:])
            if not found:
                break
            offset += found.start()
        return self.text.count("\n", 0, offset) + 1


def load_json(text: str) -> Any:
    return json.loads(text)
