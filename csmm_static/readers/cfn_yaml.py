"""Decode CloudFormation YAML and JSON with line marks and short-form intrinsics.

Same results as cfn-lint's decoder (marked mappings, lists and strings; `!Ref X` → `{"Ref": X}`,
`!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`; duplicate keys rejected; alias amplification
refused), built directly on PyYAML's C loader: importing cfn-lint costs about 0.3 s, more than the
whole scan of a typical template. cfn-lint's JSON decoder remains the fallback for JSON that is not
valid YAML (tabs in indentation).

`decode` never raises: whatever the text, it returns a document or the errors that prevent
reading it, each with a line and a code. Nesting is limited (`max_depth`) while constructing, so
a deep document cannot exhaust the stack, and again after alias expansion; tags other than YAML's
core ones and CloudFormation's short forms are refused, never constructed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from csmm_static.readers.base import DEFAULT_MAX_DEPTH
from csmm_static.readers.limits import LimitExceeded

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_NODES = 250_000  # after alias expansion, as cfn-lint
MAX_NUMBER_CHARS = 3000  # longer numbers stay text: Python refuses to print ints over 4300 digits


@dataclass(frozen=True)
class DecodeError:
    """Why the text cannot be read (or, next to a document, what was read leniently)."""

    line: int  # 1-based, 0 when unknown
    message: str
    code: str = "parse-error"


def _limit(kind: str, detail: str, line: int) -> DecodeError:
    exceeded = LimitExceeded(kind, detail, line)
    diagnostic = exceeded.diagnostic("")
    return DecodeError(line, diagnostic.message, diagnostic.code)


class Mark:
    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line  # 0-based, like PyYAML's marks
        self.column = column


class MarkedDict(dict[str, Any]):
    start_mark: Mark
    end_mark: Mark


class MarkedList(list[Any]):
    start_mark: Mark
    end_mark: Mark


class MarkedStr(str):
    start_mark: Mark
    end_mark: Mark


def _mark(obj: Any, node: Node) -> Any:
    obj.start_mark = Mark(node.start_mark.line, node.start_mark.column)
    obj.end_mark = Mark(node.end_mark.line, node.end_mark.column)
    return obj


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _UnsupportedTag(Exception):
    def __init__(self, tag: str, line: int) -> None:
        super().__init__(tag)
        self.tag = tag
        self.line = line


class _Loader(_BaseLoader):
    """SafeLoader that keeps marks, rewrites CloudFormation short-form tags and counts depth."""

    max_depth = DEFAULT_MAX_DEPTH
    depth = 0
    warnings: list[DecodeError]


def _nested(build: Any) -> Any:
    """A container constructor that refuses to go deeper than the loader's max_depth."""

    def construct(loader: Any, *args: Any) -> Any:
        node = args[-1]
        loader.depth += 1
        try:
            if loader.depth > loader.max_depth:
                raise _TooDeep(node.start_mark.line + 1)
            return build(loader, *args)
        finally:
            loader.depth -= 1

    return construct


@_nested
def _construct_mapping(loader: Any, node: MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict()
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in seen:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        seen[key] = key_node.start_mark.line
        marked_key = _mark(MarkedStr(key), key_node)
        result[marked_key] = loader.construct_object(value_node, deep=True)
    return _mark(result, node)


@_nested
def _construct_sequence(loader: Any, node: SequenceNode) -> MarkedList:
    return _mark(
        MarkedList(loader.construct_object(child, deep=True) for child in node.value), node
    )


def _construct_str(loader: Any, node: ScalarNode) -> MarkedStr:
    return _mark(MarkedStr(loader.construct_scalar(node)), node)


@_nested  # the {"Fn::X": ...} mapping it builds is one level of the document
def _construct_tag(loader: Any, suffix: str, node: Node) -> MarkedDict:
    name = "Ref" if suffix == "Ref" else "Condition" if suffix == "Condition" else f"Fn::{suffix}"
    value: Any
    if isinstance(node, ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt" and isinstance(value, str):
            value = _mark(MarkedList(value.split(".", 1)), node)
    elif isinstance(node, SequenceNode):
        value = _construct_sequence(loader, node)
    elif isinstance(node, MappingNode):
        value = _construct_mapping(loader, node)
    else:  # pragma: no cover - PyYAML has no other node kind
        raise yaml.constructor.ConstructorError(None, None, f"unexpected node for !{suffix}")
    return _mark(MarkedDict({name: value}), node)


_SAFE_CONSTRUCTORS: dict[Any, Any] = _BaseLoader.yaml_constructors  # type: ignore[attr-defined]


def _lenient(kind: str, build: Any) -> Any:
    """A scalar constructor that keeps the text when it is no valid `kind` (a 5000-digit number,
    February 30th): the value is still read, and a warning says so."""

    def construct(loader: Any, node: ScalarNode) -> Any:
        try:
            if len(node.value) > MAX_NUMBER_CHARS:  # converting costs time and gives a number
                raise ValueError(node.value)  # that cannot be printed again (CVE-2020-10735)
            return build(loader, node)
        except (ValueError, OverflowError):
            text = str(node.value)
            shown = text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"
            loader.warnings.append(
                DecodeError(
                    node.start_mark.line + 1,
                    f"{shown!r} is read as text, not as {kind} (it is not a valid one, or is"
                    f" longer than {MAX_NUMBER_CHARS} characters); quote it to say it is text",
                    "scalar-as-text",
                )
            )
            return _construct_str(loader, node)

    return construct


def _refuse(loader: Any, node: Node) -> Any:
    raise _UnsupportedTag(str(node.tag), node.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
for _kind, _meaning in (("int", "an integer"), ("float", "a number"), ("timestamp", "a date")):
    _tag = f"tag:yaml.org,2002:{_kind}"
    _Loader.add_constructor(_tag, _lenient(_meaning, _SAFE_CONSTRUCTORS[_tag]))
# CloudFormation supports none of these YAML tags; anything else unknown is refused too.
for _kind in ("binary", "omap", "pairs", "set"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_kind}", _refuse)
_Loader.add_constructor(None, _refuse)
_Loader.add_multi_constructor("!", _construct_tag)


def _oversized(value: Any, max_nodes: int, max_depth: int) -> DecodeError | None:
    """Why the document is too large once aliases are expanded (an alias counts what it points
    at again, where it is used), or None. Iterative, in document order, stopping at the first
    excess; the line is that of the value where it happens (an anchored block, for aliases)."""
    count = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > max_nodes:
            return _limit(
                "nodes",
                f"more than {max_nodes} values once YAML aliases are expanded (alias"
                " amplification)",
                _line(item),
            )
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return _too_deep(max_depth, _line(item))
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def _too_deep(max_depth: int, line: int) -> DecodeError:
    return _limit("depth", f"nested deeper than {max_depth} levels (--max-depth)", line)


def _line(node: Any) -> int:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else 0


def decode(
    text: str, max_depth: int = DEFAULT_MAX_DEPTH, max_nodes: int = MAX_NODES
) -> tuple[Any, list[DecodeError]]:
    """The document with marks, or None and the errors that prevent reading it.

    With a document, the list holds warnings about values read leniently (`scalar-as-text`).
    """
    loader = _Loader(text)
    loader.max_depth = max_depth
    loader.warnings = []
    try:
        document = loader.get_single_data()
    except _DuplicateKey as exc:
        return None, [
            DecodeError(
                exc.line,
                f"duplicate key {exc.key!r}; keys must be unique (CloudFormation would keep"
                " only one). Remove or rename one of them",
                "duplicate-key",
            )
        ]
    except _TooDeep as exc:
        return None, [_too_deep(max_depth, exc.line)]
    except _UnsupportedTag as exc:
        return None, [
            DecodeError(
                exc.line,
                f"tag {_short_tag(exc.tag)} is not supported in CloudFormation templates and is"
                " not constructed. Remove it",
                "unsupported-tag",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the text libyaml counts one line more than there is.
        line = min(mark.line + 1, _last_line(text)) if mark is not None else 0
        problem = ", ".join(str(part) for part in (exc.context, exc.problem) if part)
        problem = problem or "syntax error"
        if "maximum nesting depth" in problem:  # libyaml's own limit
            return None, [_too_deep(max_depth, line)]
        if text.lstrip().startswith("{"):
            return _decode_json_fallback(text, max_depth, max_nodes)
        return None, [DecodeError(line, f"{problem}; fix the YAML/JSON syntax")]
    except yaml.YAMLError as exc:
        return None, [DecodeError(0, f"cannot be read as YAML: {exc}; fix the YAML/JSON syntax")]
    except RecursionError:
        return None, [_too_deep(max_depth, 0)]
    finally:
        loader.dispose()
    oversized = _oversized(document, max_nodes, max_depth)
    if oversized is not None:
        return None, [oversized]
    return document, loader.warnings


def _json_error(text: str, exc: ValueError) -> DecodeError:
    """Where the JSON is broken: the standard decoder says it precisely (cfn-lint's decoder
    reports where the enclosing value starts)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as precise:
        exc = precise
    except (ValueError, RecursionError):
        pass
    line = min(int(getattr(exc, "lineno", 0)), _last_line(text))
    column = getattr(exc, "colno", 0)
    problem = str(getattr(exc, "msg", exc)).removesuffix(" at")
    return DecodeError(line, f"{problem} (column {column}); fix the JSON syntax")


# What YAML counts as a line break, so that a line is the one its marks count.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _last_line(text: str) -> int:
    """The number of the last line that holds text, counted as YAML counts."""
    lines = _LINE_BREAKS.split(text)
    return len(lines) - (1 if len(lines) > 1 and lines[-1] == "" else 0)


def _short_tag(tag: str) -> str:
    core = "tag:yaml.org,2002:"
    return "!!" + tag[len(core) :] if tag.startswith(core) else tag


def _decode_json_fallback(
    text: str, max_depth: int, max_nodes: int
) -> tuple[Any, list[DecodeError]]:
    from cfnlint.decode import cfn_json  # deferred: slow to import, rarely needed

    try:
        document = cfn_json.loads(text)
    except (json.JSONDecodeError, cfn_json.JSONDecodeError) as exc:
        return None, [_json_error(text, exc)]
    except RecursionError:
        return None, [_too_deep(max_depth, 0)]
    except Exception as exc:  # third-party decoder: report, never raise
        return None, [
            DecodeError(
                0, f"cannot be read as JSON: {type(exc).__name__}: {exc}; fix the JSON syntax"
            )
        ]
    oversized = _oversized(document, max_nodes, max_depth)
    return (None, [oversized]) if oversized is not None else (document, [])
