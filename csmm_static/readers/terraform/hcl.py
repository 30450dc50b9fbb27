"""Terraform files loaded once each into blocks with line numbers.

Native syntax goes through python-hcl2 8.x: its lark parse and its typed rule tree, which the
expression evaluator walks (the serialized dict form re-prints expressions as text, and 8.x
reports no lines through it). Line numbers come from each rule's lark position (`_meta`), read
in one helper so a future python-hcl2 fix can replace it. JSON syntax (`.tf.json`) is loaded with
`json`: its strings are templates, parsed on demand by `parse_template`.
"""

from __future__ import annotations

import abc
import copyreg
import errno
import io
import json
import pickle
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.base import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES
from csmm_static.readers.limits import LimitExceeded, too_deep

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
    expr: Any  # a python-hcl2 expression rule, or a JsonValue
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


def meta_lines(rule: Any) -> tuple[int, int]:
    """First and last line (1-based) of a python-hcl2 rule (its lark position)."""
    meta = getattr(rule, "_meta", None)
    line = int(getattr(meta, "line", 0) or 0)
    end = int(getattr(meta, "end_line", 0) or 0)
    return line, max(end, line)


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


def _normalized(text: str) -> str:
    # Terraform accepts a heredoc terminator followed by blanks; python-hcl2's lexer does not.
    # Trailing blanks carry no meaning anywhere else, and the line count stays the same.
    return re.sub(r"[ \t]+(?=\r?\n)", "", text)


def load_parser() -> None:
    """Build python-hcl2's lark parser now (from its cache file; it is kept for the process)."""
    from hcl2.parser import parser

    parser()


# Rules that nest a value or a body, counted against --max-depth.
_NESTING = frozenset(
    {"block", "object", "tuple", "function_call", "for_tuple_expr", "for_object_expr"}
)
# Any rule: the typed tree is built and evaluated recursively, a few frames per level.
MAX_TREE_DEPTH = 300


def parse_native(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """The typed python-hcl2 tree (a StartRule) of a native-syntax file.

    The lark parse is iterative; the typed tree is built recursively, so nesting is measured
    first (LimitExceeded "depth", with the line).
    """
    from hcl2.api import parses_to_tree, transform  # deferred: lark builds its parser on import

    tree = parses_to_tree(_normalized(text))
    _check_nesting(tree, max_depth)
    start = transform(tree, discard_comments=True)
    _keep_lines_only(start)
    return start


def _check_nesting(tree: Any, max_depth: int) -> None:
    from lark import Tree

    stack: list[tuple[Any, int, int]] = [(tree, 0, 0)]
    while stack:
        node, depth, nesting = stack.pop()
        if not isinstance(node, Tree):
            continue
        nesting += node.data in _NESTING
        if nesting > max_depth or depth >= MAX_TREE_DEPTH:
            line = int(getattr(node.meta, "line", 0) or 0) if not node.meta.empty else 0
            if nesting > max_depth:
                raise too_deep(max_depth, line)
            detail = f"an expression nested deeper than {MAX_TREE_DEPTH} grammar levels"
            raise LimitExceeded("depth", detail, line)
        stack.extend((child, depth + 1, nesting) for child in node.children)


def _keep_lines_only(start: Any) -> None:
    """Give every rule a position holding its lines only, one shared per pair of lines.

    Lark's positions carry thirteen fields per rule and nothing here reads more than the lines:
    sharing them makes a parsed file about a third smaller, in memory and between processes.
    """
    from lark.tree import Meta

    shared: dict[tuple[int, int], Meta] = {}
    stack = [start]
    while stack:
        rule = stack.pop()
        old = rule._meta
        line = getattr(old, "line", 0) or 0
        end = max(getattr(old, "end_line", 0) or 0, line)
        meta = shared.get((line, end))
        if meta is None:
            meta = shared[(line, end)] = Meta()
            if line:
                meta.empty, meta.line, meta.end_line = False, line, end
        rule._meta = meta
        stack.extend([child for child in rule._children if hasattr(child, "_children")])


def _reduce_class(cls: type) -> Any:
    """python-hcl2 makes its token classes at run time (`StringToken["NAME"]`), so they cannot
    be found by name: they travel as the call that makes them again. Other classes of the same
    metaclass are found by name, as usual."""
    from hcl2.rules.tokens import StaticStringToken, StringToken

    if issubclass(cls, StaticStringToken) and cls is not StaticStringToken:
        return _static_token_class, (cls.lark_name(), getattr(cls, "_default_value", None))
    if issubclass(cls, StringToken) and cls is not StringToken:
        return _token_class, (cls.lark_name(),)
    return cls.__qualname__


def _token_class(name: str) -> type:
    from hcl2.rules.tokens import StringToken

    return StringToken[name]  # type: ignore[misc]


def _static_token_class(name: str, default: str | None) -> type:
    from hcl2.rules.tokens import StaticStringToken

    return StaticStringToken[(name, default)]  # type: ignore[misc]


def dump_parsed(value: Any) -> bytes:
    """Pickled bytes of parsed files, to hand them from a worker process to the scan.

    Only for that hand-over between processes of one scan: never stored (the read cache holds
    data, not pickles)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, abc.ABCMeta: _reduce_class}
    pickler.dump(value)
    return out.getvalue()


def error_line(exc: BaseException) -> int:
    line = getattr(exc, "line", None)
    if isinstance(line, int) and line > 0:
        return line
    return 1


def label_text(rule: Any) -> str:
    """The text of a block label or type: an identifier or a literal string."""
    from hcl2.rules.literal_rules import TokenRule
    from hcl2.rules.strings import StringRule

    if isinstance(rule, StringRule):
        return "".join(str(part.content.value) for part in rule.string_parts)
    if isinstance(rule, TokenRule):
        return str(rule.token.value)
    return str(rule)


def native_blocks(start: Any, file_label: str) -> list[Block]:
    return list(_body_blocks(start.body, file_label))


def _body_blocks(body: Any, file_label: str) -> Iterator[Block]:
    from hcl2.rules.base import BlockRule

    for child in body.children:
        if isinstance(child, BlockRule):
            yield _native_block(child, file_label)


def _native_block(rule: Any, file_label: str) -> Block:
    from hcl2.rules.base import AttributeRule, BlockRule

    labels = [label_text(label) for label in rule.labels]
    attributes: dict[str, Attribute] = {}
    blocks: list[Block] = []
    for child in rule.body.children:
        if isinstance(child, AttributeRule):
            name = label_text(child.identifier)
            attributes[name] = Attribute(name, child.expression, meta_lines(child)[0])
        elif isinstance(child, BlockRule):
            blocks.append(_native_block(child, file_label))
    line, end = meta_lines(rule)
    return Block(labels[0], tuple(labels[1:]), attributes, tuple(blocks), file_label, line, end)


def native_attributes(start: Any) -> dict[str, Attribute]:
    """Top-level attributes of a native-syntax file (a .tfvars file)."""
    from hcl2.rules.base import AttributeRule

    found: dict[str, Attribute] = {}
    for child in start.body.children:
        if isinstance(child, AttributeRule):
            name = label_text(child.identifier)
            found[name] = Attribute(name, child.expression, meta_lines(child)[0])
    return found


# ---------------------------------------------------------------------------------------------
# Templates parsed on demand (heredoc bodies, JSON-syntax strings)


def _quoted(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


@lru_cache(maxsize=4096)
def parse_template(text: str) -> Any:
    """The expression rule of `text` read as a template (`${...}` and `%{...}` are live).

    Backslashes and quotes in `text` are literal, as in a heredoc body or a decoded JSON string.
    Raises when the template itself is malformed.
    """
    from hcl2.rules.base import AttributeRule

    start = parse_native(f"x = {_quoted(text)}\n")
    for child in start.body.children:
        if isinstance(child, AttributeRule):
            return child.expression
    raise ValueError("empty template")


@lru_cache(maxsize=1024)
def parse_expression(text: str) -> Any:
    """The expression rule of an expression written as text (a --var value, a JSON traversal)."""
    from hcl2.rules.base import AttributeRule

    start = parse_native(f"x = {text}\n")
    for child in start.body.children:
        if isinstance(child, AttributeRule):
            return child.expression
    raise ValueError("empty expression")


_HEREDOC = re.compile(r"\A<<(-?)([A-Za-z][A-Za-z0-9._-]*)\r?\n(.*?)[ \t]*\2\r?\n?\Z", re.DOTALL)


def heredoc_body(token_text: str) -> str:
    """The template text of a heredoc token, with `<<-` indentation removed."""
    match = _HEREDOC.match(token_text)
    if not match:
        return token_text
    trim, _, body = match.groups()
    body = body.replace("\r\n", "\n")
    if trim:
        lines = body.split("\n")
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        body = "\n".join(line[cut:] for line in lines)
    return body


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
