"""Decode CloudFormation YAML and JSON with line marks and short-form intrinsics.

Same results as cfn-lint's decoder (marked mappings, lists and strings; `!Ref X` → `{"Ref": X}`,
`!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`; duplicate keys rejected; alias amplification
refused), built directly on PyYAML's C loader: importing cfn-lint costs about 0.3 s, more than the
whole scan of a typical template. cfn-lint's JSON decoder remains the fallback for JSON that is not
valid YAML (tabs in indentation).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_NODES = 250_000  # after alias expansion, as cfn-lint


@dataclass(frozen=True)
class DecodeError:
    line: int  # 1-based, 0 when unknown
    message: str


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


class _Loader(_BaseLoader):
    """SafeLoader that keeps marks and rewrites CloudFormation short-form tags."""


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


def _construct_sequence(loader: Any, node: SequenceNode) -> MarkedList:
    return _mark(
        MarkedList(loader.construct_object(child, deep=True) for child in node.value), node
    )


def _construct_str(loader: Any, node: ScalarNode) -> MarkedStr:
    return _mark(MarkedStr(loader.construct_scalar(node)), node)


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


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_multi_constructor("!", _construct_tag)


def _count_nodes(value: Any, limit: int) -> int:
    """Nodes after alias expansion (an alias re-counts what it points at), stopping at `limit`."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return count
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def decode(text: str) -> tuple[Any, list[DecodeError]]:
    """The document with marks, or None and the errors that prevent reading it."""
    try:
        document = yaml.load(text, Loader=_Loader)
    except _DuplicateKey as exc:
        return None, [DecodeError(exc.line, f"duplicate key {exc.key!r}; keys must be unique")]
    except yaml.MarkedYAMLError as exc:
        if text.lstrip().startswith("{"):
            return _decode_json_fallback(text)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        return None, [DecodeError(line, f"{exc.problem or exc.context or 'syntax error'}")]
    except yaml.YAMLError as exc:
        return None, [DecodeError(0, f"cannot be read as YAML: {exc}")]
    except RecursionError:
        return None, [DecodeError(0, "nested too deeply to read")]
    if _count_nodes(document, MAX_NODES) > MAX_NODES:
        return None, [
            DecodeError(
                1,
                f"more than {MAX_NODES} nodes once YAML aliases are expanded"
                " (alias amplification); not read",
            )
        ]
    return document, []


def _decode_json_fallback(text: str) -> tuple[Any, list[DecodeError]]:
    try:
        from cfnlint.decode.cfn_json import loads  # deferred: slow to import, rarely needed

        return loads(text), []
    except json.JSONDecodeError as exc:
        return None, [DecodeError(exc.lineno, exc.msg)]
    except Exception as exc:  # third-party decoder: report, never raise
        return None, [DecodeError(0, f"cannot be read as JSON: {type(exc).__name__}: {exc}")]
