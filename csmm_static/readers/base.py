"""What every reader receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import Edge, Resource

FileStatus = Literal["read", "error", "skipped"]

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(raw: bytes) -> tuple[str, str, int]:
    """Text from bytes: UTF-8, or UTF-16/32 with a byte-order mark.

    Returns (text, problem, line): on failure the text is empty and the problem says where the
    first undecodable byte is and what to do.
    """
    encoding = "utf-8"
    for bom, name in BOMS:
        if raw.startswith(bom):
            raw, encoding = raw[len(bom) :], name
            break
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", f"not {encoding.upper()} text (byte {exc.start}); save the file as UTF-8", line
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return (
            "",
            "binary content (NUL byte); not a text input. If it is UTF-16 text, save it as"
            " UTF-8 (or with a byte-order mark)",
            line,
        )
    return text, "", 0


# Default limits (docs/robustness.md); readers.limits enforces them, ParseOptions carries them.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
DEFAULT_PARSE_TIMEOUT = 30.0  # seconds per file
DEFAULT_MAX_DEPTH = 100  # nested mappings and lists in one document


@dataclass(frozen=True)
class ParseOptions:
    """Everything a reader may be told by the user."""

    variables: tuple[tuple[str, str], ...] = ()  # --var NAME=VALUE (Terraform)
    var_files: tuple[Path, ...] = ()  # --var-file (Terraform)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # 0: no budget. Left out of repr, which keys the read cache: only completed reads are
    # cached, and the budget does not change what a completed read gives.
    parse_timeout: float = field(default=DEFAULT_PARSE_TIMEOUT, repr=False)
    max_depth: int = DEFAULT_MAX_DEPTH


@dataclass(frozen=True)
class InputFile:
    """A file found under a scanned root."""

    path: Path  # absolute, resolved
    label: str  # how reports name it: the scan argument joined with the relative path
    root: Path  # the resolved scan root it was found under


@dataclass(frozen=True)
class FileRecord:
    """What happened to one input file, for the coverage section of the report."""

    file: str
    format: str
    status: FileStatus
    resources: int = 0
    detail: str = ""


@dataclass
class ReadResult:
    resources: list[Resource] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    # Account-wide evidence found in the input, keyed by account id (None: account unknown).
    account_facts: dict[str | None, dict[str, Any]] = field(default_factory=dict)
    # Records of resource types no reader maps (AWS Config items), counted per type.
    unsupported: dict[str, int] = field(default_factory=dict)

    def extend(self, other: ReadResult) -> None:
        self.resources.extend(other.resources)
        self.edges.extend(other.edges)
        self.diagnostics.extend(other.diagnostics)
        self.files.extend(other.files)
        for account, facts in other.account_facts.items():
            merge_facts(self.account_facts.setdefault(account, {}), facts)
        for rtype, count in other.unsupported.items():
            self.unsupported[rtype] = self.unsupported.get(rtype, 0) + count


def merge_facts(into: dict[str, Any], facts: dict[str, Any]) -> None:
    """Merge account facts; maps merge key by key (two readers may each report some config
    rules, or some regions' settings)."""
    for key, value in facts.items():
        current = into.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merged = dict(current)
            merge_facts(merged, value)
            into[key] = merged
        else:
            into[key] = value


class Reader(Protocol):
    """What `parse` needs from a reader module (or any object shaped like one)."""

    FORMAT: str
    FIXTURE_FORMATS: tuple[str, ...]

    def claims(self, file: InputFile, head: str) -> bool: ...

    def read(self, files: list[InputFile], options: ParseOptions) -> ReadResult: ...


@runtime_checkable
class FileReader(Reader, Protocol):
    """A reader that reads file by file: the dispatcher then reads, budgets and caches each file
    on its own."""

    def read_file(self, file: InputFile, options: ParseOptions) -> ReadResult: ...
