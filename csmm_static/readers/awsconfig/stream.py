"""Incremental JSON reading: large snapshot files are walked one element at a time.

A delivered snapshot is one JSON object whose `configurationItems` array may hold a hundred
thousand items. `documents` yields the top-level values of a file (one for JSON, one per line for
JSON lines, several for concatenated JSON) and, inside a top-level object, streams the elements of
the arrays named in `stream_keys` instead of decoding the whole object. The C scanner behind
`json.JSONDecoder.raw_decode` does the parsing; this module only keeps a sliding buffer, so memory
holds one element (bounded by `max_value_chars`) rather than the file.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from csmm_static.readers.base import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES
from csmm_static.readers.limits import (
    BoundedStream,
    check_json_depth,
    expansion_limit,
    too_deep,
)

CHUNK_CHARS = 1 << 20
_DECODER = json.JSONDecoder()
_CONTENT = re.compile(r"[^ \t\n\r]")


class StreamError(ValueError):
    """The file is not valid JSON (or JSON lines) at `line`."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Value:
    """One decoded value with the lines it spans (1-based)."""

    data: Any
    line: int
    end_line: int


@dataclass(frozen=True)
class Document:
    """A top-level value of the file.

    For an object, `header` holds its members except the streamed arrays, and `streamed` yields
    `(key, element)` for each element of those arrays; `whole` is the complete value when it was
    decoded in one piece (always for arrays and scalars, and for objects small enough).
    """

    line: int
    whole: Value | None
    header: dict[str, Any]
    streamed: Iterator[tuple[str, Value]]


def open_text(path: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> TextIO:
    """A text stream over a plain or gzip-compressed file, honouring a UTF-8 or UTF-16 BOM.

    A compressed file may expand only so far (`limits.expansion_limit`): past it, reading
    raises LimitExceeded (a gzip bomb)."""
    raw: io.BufferedReader | gzip.GzipFile
    handle = path.open("rb")
    try:
        magic = handle.peek(4)[:4]
        if magic[:2] == b"\x1f\x8b":
            limit = expansion_limit(path.stat().st_size, max_file_bytes)
            raw = io.BufferedReader(BoundedStream(gzip.GzipFile(fileobj=handle), limit))
            magic = raw.peek(4)[:4]
        else:
            raw = handle
        if magic[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            encoding = "utf-16"
        else:
            encoding = "utf-8-sig"
        return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    except Exception:
        handle.close()
        raise


def read_head(path: Path, chars: int) -> str:
    """The first characters of a plain, gzip-compressed or UTF-16 file ("" if unreadable)."""
    try:
        with open_text(path) as handle:
            return handle.read(chars)
    except (OSError, EOFError, ValueError):
        return ""


def needs_decoding(path: Path, head: str) -> bool:
    """True when the raw head the scan passes is not the text (gzip, UTF-16)."""
    return path.name.lower().endswith(".gz") or "\x00" in head[:64]


class _Buffer:
    """A sliding window over a text stream that knows the line of every position."""

    def __init__(self, handle: TextIO, max_value_chars: int, max_depth: int) -> None:
        self.handle = handle
        self.max_value_chars = max_value_chars
        self.max_depth = max_depth
        self.text = ""
        self.pos = 0
        self.eof = False
        self._count_pos = 0  # lines are counted incrementally up to here
        self._count_line = 1

    def fill(self, wanted: int = CHUNK_CHARS) -> bool:
        """Read more text; False at the end of the stream."""
        if self.eof:
            return False
        if self.pos > CHUNK_CHARS:
            if self._count_pos < self.pos:
                self.line_at(self.pos)  # count the lines of the text about to be dropped
            self.text = self.text[self.pos :]
            self._count_pos -= self.pos
            self.pos = 0
        chunk = self.handle.read(max(wanted, CHUNK_CHARS))
        if not chunk:
            self.eof = True
            return False
        self.text += chunk
        return True

    def line_at(self, pos: int) -> int:
        if pos < self._count_pos:
            return self._count_line - self.text.count("\n", pos, self._count_pos)
        self._count_line += self.text.count("\n", self._count_pos, pos)
        self._count_pos = pos
        return self._count_line

    def skip_ws(self) -> str:
        """Skip whitespace; the next character, or "" at the end of the stream."""
        while True:
            found = _CONTENT.search(self.text, self.pos)  # C speed over long runs of blanks
            if found is not None:
                self.pos = found.start()
                return self.text[self.pos]
            self.pos = len(self.text)
            if not self.fill():
                return ""

    def expect(self, char: str) -> None:
        if self.skip_ws() != char:
            found = self.text[self.pos : self.pos + 20] or "end of file"
            raise StreamError(f"expected '{char}' but found {found!r}", self.line_at(self.pos))
        self.pos += 1

    def value(self) -> Value:
        """Decode the value at the cursor, reading more text until it is complete."""
        self.skip_ws()
        start = self.pos
        while True:
            try:
                data, end = _DECODER.raw_decode(self.text, self.pos)
            except RecursionError:
                raise too_deep(self.max_depth, self.line_at(start)) from None
            except json.JSONDecodeError as exc:
                size = len(self.text) - start
                if size > self.max_value_chars:
                    raise StreamError(
                        f"a single value is larger than {self.max_value_chars} characters",
                        self.line_at(start),
                    ) from None
                if self.fill(size):  # doubles the window: a large value costs O(n log n)
                    start = self.pos
                    continue
                raise StreamError(exc.msg, self.line_at(min(exc.pos, len(self.text)))) from None
            line = self.line_at(start)
            end_line = self.line_at(max(end - 1, start))
            self.pos = end
            if isinstance(data, dict | list):
                check_json_depth(self.text[start:end], self.max_depth)
            return Value(data, line, end_line)


def documents(
    handle: TextIO,
    stream_keys: frozenset[str],
    max_value_chars: int,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Iterator[Document]:
    """The top-level values of a JSON, JSON-lines or concatenated-JSON text; a value nested
    deeper than `max_depth` raises LimitExceeded."""
    buf = _Buffer(handle, max_value_chars, max_depth)
    while True:
        char = buf.skip_ws()
        if not char:
            return
        line = buf.line_at(buf.pos)
        if char == "{":
            document = _object(buf, stream_keys, line)
        elif char == "[":
            document = Document(line, None, {}, _array(buf, ""))
        else:
            document = Document(line, buf.value(), {}, iter(()))
        yield document
        for _ in document.streamed:  # whatever the caller left unread
            pass


def _object(buf: _Buffer, stream_keys: frozenset[str], line: int) -> Document:
    # A small object (a JSON line, a notification) decodes in one call; only when it does not
    # fit the window is it walked member by member.
    # A wrapper whose arrays are streamed is walked even when it fits, so that each element
    # keeps its own line numbers.
    if buf.text.find("}", buf.pos, buf.pos + CHUNK_CHARS) >= 0:
        try:
            data, end = _DECODER.raw_decode(buf.text, buf.pos)
        except RecursionError:
            raise too_deep(buf.max_depth, line) from None
        except json.JSONDecodeError:
            pass
        else:
            check_json_depth(buf.text[buf.pos : end], buf.max_depth)
            if not any(isinstance(data.get(k), list) for k in stream_keys):
                value = Value(data, line, buf.line_at(max(end - 1, buf.pos)))
                buf.pos = end
                return Document(line, value, {}, iter(()))
    header: dict[str, Any] = {}
    return Document(line, None, header, _members(buf, stream_keys, header))


def _members(
    buf: _Buffer, stream_keys: frozenset[str], header: dict[str, Any]
) -> Iterator[tuple[str, Value]]:
    buf.expect("{")
    if buf.skip_ws() == "}":
        buf.pos += 1
        return
    while True:
        key = buf.value().data
        if not isinstance(key, str):
            raise StreamError("object key is not a string", buf.line_at(buf.pos))
        buf.expect(":")
        if key in stream_keys and buf.skip_ws() == "[":
            yield from _array(buf, key)
        else:
            header[key] = buf.value().data
        char = buf.skip_ws()
        buf.pos += 1
        if char == "}":
            return
        if char != ",":
            raise StreamError("expected ',' or '}' in an object", buf.line_at(buf.pos - 1))


def _array(buf: _Buffer, key: str) -> Iterator[tuple[str, Value]]:
    buf.expect("[")
    if buf.skip_ws() == "]":
        buf.pos += 1
        return
    while True:
        yield key, buf.value()
        char = buf.skip_ws()
        buf.pos += 1
        if char == "]":
            return
        if char != ",":
            raise StreamError("expected ',' or ']' in an array", buf.line_at(buf.pos - 1))
