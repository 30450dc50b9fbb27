"""parse(paths, options) -> Graph: find input files, hand each to its reader, merge one graph.

Each reader module exposes `FORMAT`, `claims(file, head) -> bool` (a cheap look at the name and
the first bytes) and `read(files, options) -> ReadResult` (the `Reader` protocol), and may
expose `finish(result)`, which runs on the combined result of every reader (joins between inputs
of different formats). Files no reader claims are not inputs and are ignored without noise. A
reader that reads file by file also exposes `read_file(file, options) -> ReadResult`; each file
is then read on its own, and with a cache that call is skipped for files whose content was read
before. A reader whose inputs depend on each other (Terraform) may expose
`read_cached(files, options, cache)` and use the cache its own way.

Every claim and read runs under `limits.guarded`: a time budget, the size limit, and whatever a
reader raises turned into diagnostics for the files it was reading (docs/robustness.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from csmm_static.diagnostics import Diagnostic
from csmm_static.memory import rare_collections
from csmm_static.model import Graph, account_node
from csmm_static.readers import awsconfig, claims
from csmm_static.readers.base import (
    BOMS,
    FileRecord,
    InputFile,
    ParseOptions,
    Reader,
    ReadResult,
)
from csmm_static.readers.cache import ReadCache
from csmm_static.readers.lazy import LazyReader
from csmm_static.readers.limits import LimitExceeded, check_size, guarded, guarded_read, read_input

__all__ = [
    "READERS",
    "ParseOptions",
    "ParseResult",
    "ReadCache",
    "Reader",
    "discover",
    "implemented_formats",
    "parse",
]

# A reader's code is imported only when some file is claimed by it (readers.lazy). The AWS
# Config package is cheap to import as it is: its item mappers load inside `read`. (The claim
# modules are not bound to their readers' names here: those name the reader packages.)
READERS: tuple[Reader, ...] = (
    LazyReader(
        claims.terraform.FORMAT,
        claims.terraform.FIXTURE_FORMATS,
        claims.terraform.claims,
        "csmm_static.readers.terraform",
    ),
    LazyReader(
        claims.cloudformation.FORMAT,
        claims.cloudformation.FIXTURE_FORMATS,
        claims.cloudformation.claims,
        "csmm_static.readers.cloudformation",
    ),
    awsconfig,
    LazyReader(
        claims.account_exports.FORMAT,
        claims.account_exports.FIXTURE_FORMATS,
        claims.account_exports.claims,
        "csmm_static.readers.account_exports",
        claims.account_exports.finish,
    ),
)


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

    Symbolic links to files are followed only when they stay inside the root they were found
    under; links to folders are not followed (what they point to inside the root is scanned
    where it lives). Links that leave the root or loop are diagnosed.
    """
    found: dict[Path, InputFile] = {}
    diagnostics: list[Diagnostic] = []
    for argument in paths:
        arg = str(argument)
        given = Path(arg)
        if not given.exists():
            diagnostics.append(
                Diagnostic(
                    arg,
                    0,
                    "path not found (missing, or a symbolic link that loops or points nowhere);"
                    " check the path given to csmm scan",
                    code="path-not-found",
                )
            )
            continue
        root = given.resolve()
        if root.is_file():
            found.setdefault(root, InputFile(root, _label(arg, PurePosixPath(".")), root.parent))
            continue

        def unlistable(error: OSError, arg: str = arg, root: Path = root) -> None:
            where = Path(error.filename or root)
            label = _label(arg, PurePosixPath(where.relative_to(root).as_posix()))
            diagnostics.append(
                Diagnostic(
                    label,
                    0,
                    f"cannot list this folder ({error.strerror or error}); its files are not"
                    " scanned. Check its permissions",
                    level="warning",
                    code="unreadable-folder",
                )
            )

        for current, dirs, files in os.walk(root, onerror=unlistable, followlinks=False):
            kept = []
            for name in sorted(dirs):
                full = Path(current) / name
                if name in SKIPPED_DIRS:
                    continue
                if full.is_symlink():
                    problem = _link_problem(full, root, _label(arg, _relative(full, root)))
                    if problem is not None:
                        diagnostics.append(problem)
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                full = Path(current) / name
                label = _label(arg, _relative(full, root))
                if full.is_symlink():
                    problem = _link_problem(full, root, label)
                    if problem is not None:
                        diagnostics.append(problem)
                        continue
                if not full.is_file():
                    continue
                resolved = full.resolve()
                found.setdefault(resolved, InputFile(resolved, label, root))
    return sorted(found.values(), key=lambda f: f.label), diagnostics


def _relative(full: Path, root: Path) -> PurePosixPath:
    return PurePosixPath(full.relative_to(root).as_posix())


def _link_problem(link: Path, root: Path, label: str) -> Diagnostic | None:
    """Why a symbolic link must not be followed, or None when it stays inside the root."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return None  # dangling: nothing to read
    except (OSError, RuntimeError):  # RuntimeError: Python < 3.13 reports a loop so
        return Diagnostic(
            label,
            0,
            "symbolic link loop (the link leads back to itself); not followed. Remove or fix"
            " the link",
            level="warning",
            code="symlink-loop",
        )
    if target.is_relative_to(root):
        return None
    return Diagnostic(
        label,
        0,
        "symbolic link points outside the scanned root; not followed. Scan the target"
        " itself, or copy it into the scanned folder",
        level="warning",
        code="outside-root",
    )


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
    readers: Sequence[Reader] = READERS,
) -> ParseResult:
    """Read every input under `paths` into one graph with one account node per account."""
    with rare_collections():
        return _parse(paths, options or ParseOptions(), cache, readers)


def _parse(
    paths: Sequence[str | Path],
    options: ParseOptions,
    cache: ReadCache | None,
    readers: Sequence[Reader],
) -> ParseResult:
    files, diagnostics = discover(paths)
    combined = ReadResult(diagnostics=list(diagnostics))
    claimed: dict[str, list[InputFile]] = {}
    for item in files:
        reader = _claim(item, readers, options, combined)
        if reader is None:
            continue
        try:
            if not getattr(reader, "STREAMING", False):
                check_size(item, options)
        except LimitExceeded as exc:
            problem = exc.diagnostic(item.label)
            combined.diagnostics.append(problem)
            combined.files.append(
                FileRecord(item.label, reader.FORMAT, "error", detail=problem.code)
            )
            continue
        except OSError:
            pass  # the reader reports a file it cannot open
        claimed.setdefault(reader.FORMAT, []).append(item)
    from_cache: list[str] = []
    for reader in readers:
        batch = claimed.get(reader.FORMAT)
        if not batch:
            continue
        read_file = getattr(reader, "read_file", None)
        if read_file is None:
            read_cached = getattr(reader, "read_cached", None)
            read = (
                partial(reader.read, batch, options)
                if cache is None or read_cached is None
                else partial(read_cached, batch, options, cache)
            )
            result, _ = guarded_read(reader.FORMAT, batch, read, options)
            combined.extend(result)
            continue
        for item in batch:
            combined.extend(_read_file(reader.FORMAT, read_file, item, options, cache, from_cache))
    for reader in readers:
        finish = getattr(reader, "finish", None)
        if finish is not None:
            finish(combined)
    parsed = _merge(combined)
    parsed.from_cache = from_cache
    return parsed


def _claim(
    item: InputFile, readers: Sequence[Reader], options: ParseOptions, into: ReadResult
) -> Reader | None:
    """The first reader that claims the file. Each look runs under the time budget; a reader
    that fails to decide becomes a diagnostic and the file is not read."""
    head = _head(item.path)
    for reader in readers:
        outcome = guarded(
            partial(reader.claims, item, head),
            [item.label],
            reader.FORMAT,
            options.parse_timeout,
        )
        if not outcome.ok:
            into.diagnostics.extend(outcome.diagnostics)
            into.files.append(FileRecord(item.label, reader.FORMAT, "error", detail="claims"))
            return None
        if outcome.value:
            return reader
    return None


def _read_file(
    fmt: str,
    read_file: Callable[[InputFile, ParseOptions], ReadResult],
    item: InputFile,
    options: ParseOptions,
    cache: ReadCache | None,
    from_cache: list[str],
) -> ReadResult:
    key = None
    if cache is not None:
        try:
            key = cache.key(fmt, item.label, read_input(item, options), options)
        except (OSError, LimitExceeded):
            key = None  # the reader reports it; nothing worth caching
        hit = cache.load(key) if key is not None else None
        if hit is not None:
            from_cache.append(item.label)
            return hit
    result, complete = guarded_read(fmt, [item], partial(read_file, item, options), options)
    if cache is not None and key is not None and complete:
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
                    f"resource {resource.address} is declared twice; the second is ignored."
                    " Rename or remove one of them",
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
