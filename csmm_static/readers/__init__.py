"""parse(paths, options) -> Graph: find input files, hand each to its reader, merge one graph.

Each reader module exposes `FORMAT`, `claims(file, head) -> bool` (a cheap look at the name and
the first bytes) and `read(files, options) -> ReadResult`, and may expose `finish(result)`, which
runs on the combined result of every reader (joins between inputs of different formats). Files
no reader claims are not inputs and are ignored without noise. A reader that reads file by file
also exposes `read_file(file, options) -> ReadResult`; with a cache, that call is skipped for
files whose content was read before. A reader whose inputs depend on each other (Terraform) may
expose `read_cached(files, options, cache)` and use the cache its own way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType

from csmm_static.diagnostics import Diagnostic
from csmm_static.memory import paused_collector
from csmm_static.model import Graph, account_node
from csmm_static.readers import account_exports, awsconfig, cloudformation, terraform
from csmm_static.readers.base import BOMS, FileRecord, InputFile, ParseOptions, ReadResult
from csmm_static.readers.cache import ReadCache

__all__ = ["ParseOptions", "ParseResult", "ReadCache", "discover", "implemented_formats", "parse"]

READERS: tuple[ModuleType, ...] = (terraform, cloudformation, awsconfig, account_exports)


def implemented_formats() -> set[str]:
    """The fixture formats (keys of model.FORMATS) that some reader reads."""
    return {key for reader in READERS for key in reader.FIXTURE_FORMATS}


# Folders that never hold inputs of their own (vendored Terraform modules are reached through
# their callers, not scanned as roots).
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".terraform", "node_modules", ".venv", "venv", "__pycache__", ".tox"}
)
HEAD_BYTES = 64 * 1024


@dataclass
class ParseResult:
    graph: Graph
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    from_cache: list[str] = field(default_factory=list)  # labels of files not read again
    # Records of types no reader maps, per type (AWS Config items of unsupported types).
    unsupported: dict[str, int] = field(default_factory=dict)

    @property
    def formats(self) -> list[str]:
        return sorted({f.format for f in self.files if f.status == "read"})

    @property
    def has_account_evidence(self) -> bool:
        """True when the input describes an account (AWS Config or account exports)."""
        return any(f.status == "read" and f.format in ACCOUNT_FORMATS for f in self.files)


ACCOUNT_FORMATS = frozenset({"aws-config", "account-export"})


def _label(argument: str, relative: PurePosixPath) -> str:
    base = PurePosixPath(argument.replace(os.sep, "/"))
    joined = base / relative if str(relative) != "." else base
    text = joined.as_posix()
    return text[2:] if text.startswith("./") else text


def discover(paths: Sequence[str | Path]) -> tuple[list[InputFile], list[Diagnostic]]:
    """Every regular file under the given paths, sorted, never leaving a root.

    Symbolic links are followed only when they stay inside the root they were found under.
    """
    found: dict[Path, InputFile] = {}
    diagnostics: list[Diagnostic] = []
    for argument in paths:
        arg = str(argument)
        given = Path(arg)
        if not given.exists():
            diagnostics.append(Diagnostic(arg, 0, "path not found", code="path-not-found"))
            continue
        root = given.resolve()
        if root.is_file():
            found.setdefault(root, InputFile(root, _label(arg, PurePosixPath(".")), root.parent))
            continue
        for current, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            for name in sorted(files):
                full = Path(current) / name
                relative = PurePosixPath(full.relative_to(root).as_posix())
                label = _label(arg, relative)
                if full.is_symlink():
                    target = full.resolve()
                    if not target.is_relative_to(root):
                        diagnostics.append(
                            Diagnostic(
                                label,
                                0,
                                "symbolic link points outside the scanned root; not followed",
                                level="warning",
                                code="outside-root",
                            )
                        )
                        continue
                    if not target.is_file():
                        continue
                if not full.is_file():
                    continue
                found.setdefault(full.resolve(), InputFile(full.resolve(), label, root))
    return sorted(found.values(), key=lambda f: f.label), diagnostics


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(HEAD_BYTES)
    except OSError:
        return ""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    return raw.decode("utf-8", errors="replace")


def parse(
    paths: Sequence[str | Path],
    options: ParseOptions | None = None,
    cache: ReadCache | None = None,
) -> ParseResult:
    """Read every input under `paths` into one graph with one account node per account."""
    with paused_collector():
        return _parse(paths, options or ParseOptions(), cache)


def _parse(
    paths: Sequence[str | Path], options: ParseOptions, cache: ReadCache | None
) -> ParseResult:
    files, diagnostics = discover(paths)
    claimed: dict[str, list[InputFile]] = {}
    for item in files:
        head = _head(item.path)
        for reader in READERS:
            if reader.claims(item, head):
                claimed.setdefault(reader.FORMAT, []).append(item)
                break
    combined = ReadResult(diagnostics=list(diagnostics))
    from_cache: list[str] = []
    for reader in READERS:
        batch = claimed.get(reader.FORMAT)
        if not batch:
            continue
        if cache is not None and hasattr(reader, "read_cached"):
            combined.extend(reader.read_cached(batch, options, cache))
            continue
        if cache is None or not hasattr(reader, "read_file"):
            combined.extend(reader.read(batch, options))
            continue
        for item in batch:
            combined.extend(_read_cached(reader, item, options, cache, from_cache))
    for reader in READERS:
        if hasattr(reader, "finish"):
            reader.finish(combined)
    parsed = _merge(combined)
    parsed.from_cache = from_cache
    return parsed


def _read_cached(
    reader: ModuleType,
    item: InputFile,
    options: ParseOptions,
    cache: ReadCache,
    from_cache: list[str],
) -> ReadResult:
    try:
        too_large = item.path.stat().st_size > options.max_file_bytes
        content = b"" if too_large else item.path.read_bytes()
    except OSError:
        too_large, content = True, b""
    if too_large:  # the reader reports it; nothing worth caching
        result: ReadResult = reader.read_file(item, options)
        return result
    key = cache.key(reader.FORMAT, item.label, content, options)
    hit = cache.load(key)
    if hit is not None:
        from_cache.append(item.label)
        return hit
    result = reader.read_file(item, options)
    cache.store(key, result)
    return result


def _merge(result: ReadResult) -> ParseResult:
    graph = Graph()
    diagnostics = list(result.diagnostics)
    for resource in sorted(result.resources, key=lambda r: r.node_id):
        if resource.node_id in graph:
            source = resource.source
            diagnostics.append(
                Diagnostic(
                    source.file if source else "",
                    source.line if source else 0,
                    f"resource {resource.address} is declared twice; the second is ignored",
                    level="warning",
                    code="duplicate-resource",
                )
            )
            continue
        graph.add(resource)
    accounts = {r.account for r in result.resources} | set(result.account_facts)
    known = sorted(a for a in accounts if a is not None)
    if len(known) == 1:
        # IaC without an account id belongs to the one account the evidence describes.
        only = known[0]
        for resource in list(graph):
            if resource.account is None:
                resource.account = only
        facts = {**result.account_facts.get(None, {}), **result.account_facts.get(only, {})}
        graph.add(account_node(only, facts))
    else:
        for account in known:
            graph.add(account_node(account, dict(result.account_facts.get(account, {}))))
        if None in accounts or not known:
            graph.add(account_node(None, dict(result.account_facts.get(None, {}))))
    for edge in result.edges:
        graph.connect(edge)
    files = sorted(result.files, key=lambda f: (f.file, f.format))
    diagnostics = sorted(set(diagnostics))
    return ParseResult(
        graph, diagnostics, files, unsupported=dict(sorted(result.unsupported.items()))
    )
