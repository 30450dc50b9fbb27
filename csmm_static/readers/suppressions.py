"""Inline suppression comments in HCL: `# csmm:ignore <control_id> <reason> [until YYYY-MM-DD]`.

The Terraform reader calls `comment_suppressions(text, first_line, last_line)` with a resource
block's line range and stores the result on `Resource.suppressions`. A comment counts when it is
on a line of the block, or in the run of comment lines directly above the block's first line.
This module only reads what was written; the overrides stage checks reasons, dates and control
ids and reports what it rejects (docs/configuration.md).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from csmm_static.model import Suppression

MARKER = "csmm:ignore"
_DIRECTIVE = re.compile(r"^\s*csmm:ignore\b(?P<rest>.*)$")
_UNTIL = re.compile(r"^(?P<reason>.*?)\s*\buntil\s+(?P<date>\S+)\s*$")


@dataclass(frozen=True)
class _Index:
    lines: tuple[int, ...]  # 1-based lines holding a directive, ascending
    found: tuple[Suppression, ...]  # the directive on each of those lines
    comment_only: frozenset[int]  # 1-based lines that hold nothing but a comment


def comment_suppressions(text: str, first_line: int, last_line: int) -> tuple[Suppression, ...]:
    """The `csmm:ignore` directives on lines `first_line..last_line` (1-based, inclusive) of an
    HCL file, and in the comment lines directly above `first_line`."""
    index = _index(text)
    start = first_line
    while start - 1 in index.comment_only:
        start -= 1
    low = bisect.bisect_left(index.lines, start)
    high = bisect.bisect_right(index.lines, last_line)
    return index.found[low:high]


def parse_directive(comment: str, line: int = 0) -> Suppression | None:
    """One comment's text (without `#` or `//`) as a suppression, or None when it is not one."""
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    rest = match.group("rest").strip()
    control_id, _, tail = rest.partition(" ")
    until = ""
    dated = _UNTIL.match(tail)
    if dated:
        tail, until = dated.group("reason"), dated.group("date")
    return Suppression(control_id.strip(), _unquote(tail.strip()), until, line)


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


@lru_cache(maxsize=16)
def _index(text: str) -> _Index:
    """Every directive and comment-only line of a file, found once per file text."""
    lines: list[int] = []
    found: list[Suppression] = []
    comment_only: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        start = _comment_start(line)
        if start is None:
            continue
        if not line[:start].strip():
            comment_only.add(number)
        body = line[start:].lstrip("#/").strip()
        if MARKER not in body:
            continue
        directive = parse_directive(body, number)
        if directive is not None:
            lines.append(number)
            found.append(directive)
    return _Index(tuple(lines), tuple(found), frozenset(comment_only))


def _comment_start(line: str) -> int | None:
    """Where a `#` or `//` comment starts on a line, outside string literals; None if none."""
    in_string = False
    escaped = False
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#" or line.startswith("//", index):
            return index
    return None
