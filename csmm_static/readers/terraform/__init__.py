"""Terraform: configuration (`.tf`, `.tf.json`, tfvars) and plan or state JSON, one graph.

A root module is a directory of configuration files that no other scanned directory calls as a
local module (`source = "./..."` or `"../..."`); called directories are evaluated through their
callers, with the callers' arguments, and never on their own. Should the calls form a loop with no
caller outside it, the first directory of the loop in name order is taken as the root.

A plan or state JSON file describes the root module in its own directory; when that directory's
configuration is scanned too, the plan's resources are used (their values are resolved) and the
configuration only lends them file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult
from csmm_static.readers.cache import ReadCache
from csmm_static.readers.claims.terraform import FIXTURE_FORMATS, claims
from csmm_static.readers.claims.terraform import VAR_FILES as _VAR_FILES
from csmm_static.readers.limits import LimitExceeded, check_json_depth, guarded, read_input
from csmm_static.readers.suppressions import MARKER, comment_suppressions
from csmm_static.readers.terraform import plan as plan_json
from csmm_static.readers.terraform.assemble import assemble
from csmm_static.readers.terraform.hcl import Block
from csmm_static.readers.terraform.loader import FORMAT, Loader, ModuleSource, is_config
from csmm_static.readers.terraform.mapping import merged_tags, takes_tags
from csmm_static.readers.terraform.modules import ModuleInstance, RawResource, Run
from csmm_static.readers.terraform.stored import ParsedStore
from csmm_static.readers.terraform.variables import RootValues, root_values
from csmm_static.readers.terraform.warm import FolderSummary, RootOutcome, WarmCache

MAX_RESOURCES = 100_000  # resource instances per root module

T = TypeVar("T")

__all__ = ["FIXTURE_FORMATS", "FORMAT", "claims", "read", "read_cached"]


def read(files: list[InputFile], options: ParseOptions) -> ReadResult:
    return read_cached(files, options, None)


def read_cached(
    files: list[InputFile], options: ParseOptions, cache: ReadCache | None
) -> ReadResult:
    """Read every root module under each scanned root. With a cache, root modules whose inputs
    are unchanged since the last scan are taken from it (warm.py)."""
    result = ReadResult()
    by_root: dict[Path, list[InputFile]] = {}
    for item in files:
        by_root.setdefault(item.root, []).append(item)
    for scan_root in sorted(by_root):
        result.extend(
            _read_root(scan_root, sorted(by_root[scan_root], key=lambda f: f.label), options, cache)
        )
    return result


def _labeler(scan_root: Path, items: list[InputFile]) -> Callable[[Path], str]:
    sample = items[0]
    relative = sample.path.relative_to(scan_root).as_posix()
    prefix = (
        sample.label[: len(sample.label) - len(relative)] if sample.label.endswith(relative) else ""
    )

    def label(path: Path) -> str:
        try:
            inner = path.relative_to(scan_root).as_posix()
        except ValueError:
            return path.as_posix()
        if inner == ".":
            return prefix.rstrip("/") or "."
        return prefix + inner

    return label


def find_roots(local_calls: dict[Path, dict[str, str]]) -> list[Path]:
    """Directories that are root modules: not called as a local module by another one.

    `local_calls` holds each module folder's calls written as a local path (name -> path)."""
    sources = local_calls
    calls: dict[Path, set[Path]] = {}
    for directory, written in sources.items():
        calls[directory] = {(directory / path).resolve() for path in written.values()} - {directory}
    called = set().union(*calls.values()) if calls else set()
    roots = [d for d in sorted(sources) if d not in called]
    reached: set[Path] = set()
    frontier = list(roots)
    while True:
        while frontier:
            current = frontier.pop()
            if current in reached:
                continue
            reached.add(current)
            frontier.extend(c for c in calls.get(current, ()) if c in sources)
        left = [d for d in sorted(sources) if d not in reached]
        if not left:
            return roots
        roots.append(left[0])  # a loop of calls with no caller outside it
        frontier.append(left[0])


def _read_root(
    scan_root: Path, items: list[InputFile], options: ParseOptions, cache: ReadCache | None
) -> ReadResult:
    label = _labeler(scan_root, items)
    loader = Loader(
        scan_root, label, options.max_file_bytes, options.max_depth, options.parse_timeout
    )
    result = ReadResult()
    by_directory: dict[Path, list[Path]] = {}
    var_files: list[InputFile] = []
    plans: list[InputFile] = []
    for item in items:
        if is_config(item.path):
            by_directory.setdefault(item.path.parent, []).append(item.path)
        elif item.path.name.lower().endswith(_VAR_FILES):
            var_files.append(item)
        else:
            plans.append(item)
    loader.scanned = {label(path): path for paths in by_directory.values() for path in paths}
    # Plans borrow lines from the configuration, so with a plan every folder is parsed.
    warm = WarmCache(cache, options, loader) if cache is not None and not plans else None
    if cache is not None:
        loader.store = ParsedStore(cache, options)
    calls, sources = _folders(loader, by_directory, warm)
    roots = find_roots(calls)
    raws: list[RawResource] = []
    planned: set[Path] = set()
    for item in plans:
        found = _read_plan(item, loader, sources, options)
        result.diagnostics.extend(found.diagnostics)
        if found.record is not None:
            result.files.append(found.record)
        if found.record is not None and found.record.status == "read":
            planned.add(item.path.parent)
            _add(result, found.raws, plan_json.FORMAT, loader)
    used_var_files: set[Path] = set()
    failed_var_files: set[Path] = set()
    outcomes: list[tuple[Path, RootValues, RootOutcome | None]] = []
    for directory in roots:
        if directory in planned:
            continue
        values = _guarded(
            loader,
            directory,
            by_directory[directory],
            options,
            partial(
                root_values,
                directory,
                label,
                options.var_files,
                options.variables,
                options.max_depth,
            ),
        )
        if values is None:
            continue
        result.diagnostics.extend(values.diagnostics)
        used_var_files.update(values.used_files)
        failed_var_files.update(values.failed_files)
        outcomes.append((directory, values, warm.root(directory, values) if warm else None))
    if warm is not None:
        # The scanned files that stale roots read last time, parsed together (across cores);
        # other files are parsed as the evaluation meets them, so that it notes what they gave.
        scanned = {path for paths in by_directory.values() for path in paths}
        loader.parse_all([path for path in warm.stale_files if path in scanned])
    for directory, values, cached in outcomes:
        if cached is None:
            paths = by_directory[directory]
            cached = _guarded(
                loader,
                directory,
                paths,
                options,
                partial(_evaluate, loader, directory, paths, values, warm),
            )
            if cached is None:
                continue
        else:
            loader.diagnostics.extend(cached.diagnostics)
            for record in cached.records:
                loader.records.setdefault(record.file, record)
        raws.extend(cached.raws)
    _add(result, raws, FORMAT, loader)
    counts: dict[str, int] = {}
    for raw in raws:
        counts[raw.file] = counts.get(raw.file, 0) + 1
    for record in sorted(loader.records.values(), key=lambda r: r.file):
        if record.status == "read":
            record = FileRecord(
                record.file, record.format, "read", resources=counts.get(record.file, 0)
            )
        result.files.append(record)
    for item in var_files:
        if item.path in failed_var_files:
            result.files.append(FileRecord(item.label, FORMAT, "error", detail="see diagnostic"))
        elif item.path in used_var_files:
            result.files.append(FileRecord(item.label, FORMAT, "read"))
        else:
            detail = "not loaded automatically by Terraform; pass it with --var-file to use it"
            result.files.append(FileRecord(item.label, FORMAT, "skipped", detail=detail))
    result.diagnostics.extend(loader.diagnostics)
    return result


def _guarded(
    loader: Loader,
    directory: Path,
    paths: list[Path],
    options: ParseOptions,
    call: Callable[[], T],
) -> T | None:
    """`call()` for one root module (its variables, or its evaluation) under a budget of the
    parse timeout per file of the root; when a limit stops it, the root's files become unread
    (one diagnostic each) and the other roots are unaffected."""
    labels = [loader.label_of(path) for path in paths]
    files = [f for f in labels if loader.records.get(f, _READ).status == "read"]
    outcome = guarded(
        call,
        files or [loader.label_of(directory)],
        FORMAT,
        options.parse_timeout * max(1, len(files)),
    )
    if outcome.ok:
        return outcome.value
    for problem in outcome.diagnostics:
        loader.diagnostics.append(problem)
        loader.records[problem.file] = FileRecord(
            problem.file, FORMAT, "error", detail=problem.code
        )
    return None


_READ = FileRecord("", FORMAT, "read")


def _folders(
    loader: Loader, by_directory: dict[Path, list[Path]], warm: WarmCache | None
) -> tuple[dict[Path, dict[str, str]], dict[Path, ModuleSource]]:
    """Each folder's local module calls, from the cache or by parsing it (and its sources, for
    the folders parsed); the diagnostics and records of every folder go to the loader."""
    calls: dict[Path, dict[str, str]] = {}
    parse: list[Path] = []
    for directory, paths in sorted(by_directory.items()):
        summary = warm.folder(directory, paths) if warm is not None else None
        if summary is None:
            parse.append(directory)
            continue
        calls[directory] = summary.calls
        loader.diagnostics.extend(summary.diagnostics)
        for record in summary.records:
            loader.records[record.file] = record
    loader.parse_all([path for directory in parse for path in by_directory[directory]])
    sources: dict[Path, ModuleSource] = {}
    for directory in parse:
        paths = by_directory[directory]
        before = len(loader.diagnostics)
        source = sources[directory] = loader.source(directory, paths)
        calls[directory] = source.local_calls()
        if warm is not None:
            parsed = [loader.parse(path) for path in paths]
            summary = FolderSummary(
                calls[directory],
                [p.error for p in parsed if p.error is not None] + loader.diagnostics[before:],
                [loader.records[p.label] for p in parsed],
            )
            warm.store_folder(directory, paths, summary)
    return calls, sources


def _evaluate(
    loader: Loader,
    directory: Path,
    paths: list[Path],
    values: RootValues,
    warm: WarmCache | None,
) -> RootOutcome:
    """A root module evaluated; with a warm cache, what it looked at is noted and stored."""
    if warm is None:
        source = loader.source(directory, paths)
        return RootOutcome(_evaluate_root(loader, source, values, source.label))
    loader.reads = {("dir", str(directory))}
    diagnostics = len(loader.diagnostics)
    records = set(loader.records)
    try:
        source = loader.source(directory, paths)
        raws = _evaluate_root(loader, source, values, source.label)
        reads = loader.reads
    finally:
        loader.reads = None
    outcome = RootOutcome(
        raws,
        loader.diagnostics[diagnostics:],
        [r for k, r in loader.records.items() if k not in records],
    )
    warm.store_root(directory, values, outcome, reads)
    return outcome


def _add(result: ReadResult, raws: list[RawResource], fmt: str, loader: Loader) -> None:
    assembled = assemble(raws, fmt)
    marked: dict[str, bool] = {}  # per file, not per resource: files hold hundreds of them
    for resource in assembled.resources:
        source = resource.source
        if source is None:
            continue
        if source.file not in marked:
            marked[source.file] = MARKER in loader.text(source.file)
        if marked[source.file]:
            text = loader.text(source.file)
            resource.suppressions = comment_suppressions(text, source.line, source.end_line)
    result.resources.extend(assembled.resources)
    result.edges.extend(assembled.edges)
    if assembled.facts:
        result.account_facts.setdefault(None, {}).update(assembled.facts)


def _evaluate_root(
    loader: Loader, source: ModuleSource, values: RootValues, directory_label: str
) -> list[RawResource]:
    run = Run(loader, source, values, directory_label)
    root = ModuleInstance(run, source)
    default_tags = run.default_tags(root)
    raws: list[RawResource] = []
    instances = root.walk()
    while True:
        if len(raws) >= MAX_RESOURCES:
            loader.diagnostics.append(
                Diagnostic(
                    source.label,
                    0,
                    f"more than {MAX_RESOURCES} resource instances; the rest are left out."
                    " Check count/for_each for a runaway value, or scan the modules apart",
                    code="too-many-resources",
                )
            )
            break
        try:
            instance = next(instances)
        except StopIteration:
            break
        except RecursionError:
            loader.diagnostics.append(
                Diagnostic(
                    source.label,
                    0,
                    "module structure nested too deeply to evaluate; its resources are left out."
                    " Flatten the module tree, or scan the deeper module on its own",
                    code="too-deep",
                )
            )
            break
        escapes = len(loader.escapes)
        try:
            raw = instance.raw()
        except LimitExceeded as exc:  # the root is not read: the guard reports it
            exc.file, exc.line = exc.file or instance.block.file, exc.line or instance.block.line
            raise
        except RecursionError:
            loader.diagnostics.append(
                Diagnostic(
                    instance.block.file,
                    instance.block.line,
                    f"{instance.address} is nested too deeply to evaluate; it is left out."
                    " Simplify its expressions (deeply nested values or functions)",
                    code="too-deep",
                )
            )
            continue
        except Exception as exc:  # a construct the evaluator mishandles must not stop the scan
            loader.diagnostics.append(
                Diagnostic(
                    instance.block.file,
                    instance.block.line,
                    f"{instance.address} could not be evaluated ({type(exc).__name__}: {exc});"
                    " it is left out. Report this as a bug with the snippet that defines it",
                    code="evaluation-error",
                )
            )
            continue
        for path in loader.escapes[escapes:]:
            loader.diagnostics.append(
                Diagnostic(
                    instance.block.file,
                    instance.block.line,
                    f"{instance.address} reads {path}, outside the scanned root: it is not read"
                    " and the value is unknown. Copy the file into the scanned folder",
                    level="warning",
                    code="outside-root",
                )
            )
        if default_tags and takes_tags(raw.tf_type):
            raw.values = {**raw.values, "tags": merged_tags(default_tags, raw.values.get("tags"))}
        raws.append(raw)
    return raws


def _read_plan(
    item: InputFile, loader: Loader, sources: dict[Path, ModuleSource], options: ParseOptions
) -> plan_json.PlanResult:
    """One plan or state file, under its own budget and limits."""
    source = sources.get(item.path.parent)

    def locate(names: list[str], block: str) -> Block | None:
        return None if source is None else loader.locate(source, names, block)

    def unread(message: str, code: str) -> plan_json.PlanResult:
        result = plan_json.PlanResult()
        result.diagnostics.append(Diagnostic(item.label, 0, message, code=code))
        result.record = FileRecord(item.label, plan_json.FORMAT, "error", detail=message)
        return result

    def read() -> plan_json.PlanResult:
        try:
            text = plan_json.decode(read_input(item, options))
        except (OSError, UnicodeDecodeError) as exc:
            return unread(
                f"cannot read plan file: {getattr(exc, 'strerror', None) or exc}; write it again"
                " with `terraform show -json` (UTF-8)",
                "unreadable",
            )
        check_json_depth(text, options.max_depth)
        try:
            return plan_json.read_plan(item, text, f"tf:{item.label}#", locate)
        # A member of the wrong kind (dict() of a string raises ValueError).
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            return unread(
                f"plan or state JSON of an unexpected shape ({type(exc).__name__}: {exc});"
                " write it again with `terraform show -json`",
                "parse-error",
            )

    outcome = guarded(read, [item.label], plan_json.FORMAT, options.parse_timeout)
    if outcome.ok and outcome.value is not None:
        return outcome.value
    failed = plan_json.PlanResult(diagnostics=list(outcome.diagnostics))
    failed.record = FileRecord(
        item.label, plan_json.FORMAT, "error", detail=outcome.diagnostics[0].code
    )
    return failed
