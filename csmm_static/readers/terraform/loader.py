"""Terraform directories into module sources, each file parsed once, never leaving the scan root.

A `Loader` serves one scanned root. It parses every file once (a module called from ten examples
is parsed once), groups blocks by kind, resolves `module` sources (local paths inside the root,
vendored remote modules from `.terraform/modules/modules.json`), and reads files for `file()` and
`templatefile()` only inside the root. Problems become diagnostics and skipped-file records.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import UnknownValue, is_unknown
from csmm_static.readers import pool
from csmm_static.readers.base import DEFAULT_MAX_DEPTH, FileRecord
from csmm_static.readers.limits import LimitExceeded, check_json_depth, guarded, too_deep
from csmm_static.readers.terraform.hcl import (
    Attribute,
    Block,
    ParsedFile,
    error_line,
    json_blocks,
    load_json,
    native_blocks,
    parse_native,
    read_text,
)
from csmm_static.readers.terraform.syntax import load_parser
from csmm_static.readers.terraform.variables import constant

if TYPE_CHECKING:
    from csmm_static.readers.terraform.modules import ModuleInstance
    from csmm_static.readers.terraform.stored import ParsedStore

FORMAT = "terraform"
CONFIG_SUFFIXES = (".tf", ".tf.json")


def is_config(path: Path) -> bool:
    return path.name.endswith(CONFIG_SUFFIXES)


def _is_override(path: Path) -> bool:
    stem = path.name.removesuffix(".json").removesuffix(".tf")
    return stem == "override" or stem.endswith("_override")


@dataclass
class ModuleSource:
    """The configuration of one module directory, grouped by block kind."""

    directory: Path
    label: str
    files: list[str] = field(default_factory=list)
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    resources: dict[str, Block] = field(default_factory=dict)
    data: dict[str, Block] = field(default_factory=dict)
    modules: dict[str, Block] = field(default_factory=dict)
    outputs: dict[str, Block] = field(default_factory=dict)
    providers: list[Block] = field(default_factory=list)
    resource_types: frozenset[str] = frozenset()

    def local_calls(self) -> dict[str, str]:
        """module name -> literal local source path, for the calls written that way."""
        calls: dict[str, str] = {}
        for name, block in self.modules.items():
            source = module_source_text(block)
            if source is not None and source.startswith(("./", "../")) and "\x00" not in source:
                calls[name] = source
        return calls


def module_source_text(block: Block) -> str | None:
    attribute = block.attributes.get("source")
    if attribute is None:
        return None
    value = constant(attribute.expr)
    return value if isinstance(value, str) and not is_unknown(value) else None


def _merge(base: Block, override: Block) -> Block:
    replaced = {b.type for b in override.blocks}
    return Block(
        base.type,
        base.labels,
        {**base.attributes, **override.attributes},
        tuple(b for b in base.blocks if b.type not in replaced) + override.blocks,
        base.file,
        base.line,
        base.end_line,
    )


class Loader:
    """Parses and groups the Terraform files under one scanned root."""

    def __init__(
        self,
        scan_root: Path,
        label_of: Callable[[Path], str],
        max_file_bytes: int,
        max_depth: int = DEFAULT_MAX_DEPTH,
        parse_timeout: float = 0.0,
    ) -> None:
        self.scan_root = scan_root
        self.label_of = label_of
        self.max_file_bytes = max_file_bytes
        self.max_depth = max_depth
        self.parse_timeout = parse_timeout  # per file parsed (0: none)
        self.diagnostics: list[Diagnostic] = []
        self.records: dict[str, FileRecord] = {}
        self._parsed: dict[Path, ParsedFile] = {}
        self._sources: dict[tuple[Path, tuple[Path, ...]], ModuleSource] = {}
        self._module_index: dict[Path, dict[str, str]] = {}
        self._unavailable: set[tuple[int, str]] = set()
        self.escapes: list[str] = []  # paths file() & co. were refused: outside the root
        # What an evaluation looked at, when someone is noting it (warm.py): ("file", path),
        # ("dir", directory) or ("glob", root, directory, pattern).
        self.reads: set[tuple[str, ...]] | None = None
        self.store: ParsedStore | None = None  # parsed files kept by content (warm scans)
        self.scanned: dict[str, Path] = {}  # the scanned configuration files, by label
        self._texts: dict[str, str] = {}

    def _note(self, *read: str) -> None:
        if self.reads is not None:
            self.reads.add(read)

    # -- files --------------------------------------------------------------------------------
    def inside(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(self.scan_root)
        except OSError:
            return False

    def text(self, label: str) -> str:
        """A configuration file's text by label (for comments read by line): from its parse, or
        read now when a cached root module meant it was not parsed ("" when unknown)."""
        found = self._texts.get(label)
        if found is None:
            path = self.scanned.get(label)
            parsed = self._parsed.get(path) if path is not None else None
            found = parsed.text if parsed is not None else ""
            if parsed is None and path is not None:
                try:
                    found = read_text(path, self.max_file_bytes)
                except (OSError, UnicodeDecodeError, LimitExceeded):
                    found = ""
            self._texts[label] = found
        return found

    def parse(self, path: Path) -> ParsedFile:
        self._note("file", str(path))
        cached = self._parsed.get(path)
        if cached is not None:
            return cached
        label = self.label_of(path)
        stored = self.store.load(path, label) if self.store is not None else None
        if stored is not None:
            return self._keep(stored)
        parsed = parse_file(path, label, self.max_file_bytes, self.max_depth, self.parse_timeout)
        if self.store is not None:
            self.store.save(parsed)
        return self._keep(parsed)

    def parse_all(self, paths: list[Path]) -> None:
        """Parse the files not parsed yet, across processes when there are enough of them."""
        todo = []
        for path in sorted({p for p in paths if p not in self._parsed}):
            stored = self.store.load(path, self.label_of(path)) if self.store else None
            if stored is None:
                todo.append(path)
            else:
                self._keep(stored)
        jobs = [
            (path, self.label_of(path), self.max_file_bytes, self.max_depth, self.parse_timeout)
            for path in todo
        ]
        sizes = [_size(path) for path in todo]
        if any(not path.name.endswith(".json") for path in todo):
            load_parser()  # once, before forking: every worker inherits it
        for parsed in pool.map_items(_parse_job, jobs, sizes, _dump, pickle.loads):
            if self.store is not None:
                self.store.save(parsed)
            self._keep(parsed)

    def _keep(self, parsed: ParsedFile) -> ParsedFile:
        label = parsed.label
        if parsed.error is not None:
            self.diagnostics.append(parsed.error)
            self.records[label] = FileRecord(label, FORMAT, "error", detail=parsed.error.message)
        else:
            self.records.setdefault(label, FileRecord(label, FORMAT, "read"))
        self._parsed[parsed.path] = parsed
        return parsed

    def read_file(self, root_dir: Path, text: str) -> str | UnknownValue:
        target = Path(text) if Path(text).is_absolute() else root_dir / text
        try:
            resolved = target.resolve()
        except (OSError, ValueError):  # ValueError: a NUL byte in the path
            return UnknownValue(f"file {text!r} cannot be resolved")
        if not resolved.is_relative_to(self.scan_root):
            self.escapes.append(text)
            return UnknownValue(f"file {text} is outside the scanned root; it is not read")
        self._note("file", str(resolved))
        try:
            return read_text(resolved, self.max_file_bytes)
        except LimitExceeded:
            return UnknownValue(f"file {text} is over the size limit")
        except (OSError, UnicodeDecodeError):
            return UnknownValue(f"file {text} cannot be read")

    def file_names(self, root_dir: Path, directory: str, pattern: str) -> list[str] | UnknownValue:
        if "\x00" in directory or "\x00" in pattern:
            return UnknownValue("fileset() of a path with a NUL byte")
        self._note("glob", str(root_dir), directory, pattern)
        base = (root_dir / directory).resolve()
        if not base.is_relative_to(self.scan_root) or ".." in Path(pattern).parts:
            self.escapes.append(f"{directory}/{pattern}")
            return UnknownValue(f"fileset() of {directory} is outside the scanned root")
        found = sorted(
            p.relative_to(base).as_posix()
            for p in base.glob(pattern)
            if p.is_file() and p.resolve().is_relative_to(self.scan_root)
        )
        return found

    # -- module sources -----------------------------------------------------------------------
    def directory_files(self, directory: Path) -> list[Path]:
        """A module directory's configuration files (a link leading out of the root is not one)."""
        self._note("dir", str(directory))
        try:
            return sorted(
                p for p in directory.iterdir() if p.is_file() and is_config(p) and self.inside(p)
            )
        except OSError:
            return []

    def source(self, directory: Path, files: list[Path] | None = None) -> ModuleSource:
        chosen = tuple(sorted(files if files is not None else self.directory_files(directory)))
        for path in chosen:
            self._note("file", str(path))
        key = (directory, chosen)
        cached = self._sources.get(key)
        if cached is not None:
            return cached
        source = ModuleSource(directory, self.label_of(directory))
        ordered = [p for p in chosen if not _is_override(p)] + [
            p for p in chosen if _is_override(p)
        ]
        for path in ordered:
            parsed = self.parse(path)
            source.files.append(parsed.label)
            for block in parsed.blocks:
                self._add(source, block, _is_override(path))
        source.resource_types = frozenset(k.split(".", 1)[0] for k in source.resources)
        self._sources[key] = source
        return source

    def _add(self, source: ModuleSource, block: Block, override: bool) -> None:
        if block.type == "locals":
            for name, attribute in block.attributes.items():
                if name in source.locals and not override:
                    self._twice(block.file, attribute.line, f"local.{name}")
                source.locals[name] = attribute
            return
        table: dict[str, Block] | None = None
        key = ""
        if block.type in ("resource", "data") and len(block.labels) >= 2:
            table = source.resources if block.type == "resource" else source.data
            key = f"{block.labels[0]}.{block.labels[1]}"
        elif block.type in ("variable", "module", "output") and block.labels:
            table = {
                "variable": source.variables,
                "module": source.modules,
                "output": source.outputs,
            }[block.type]
            key = block.labels[0]
        elif block.type == "provider":
            source.providers.append(block)
            return
        if table is None:
            return
        if key in table:
            if override:
                table[key] = _merge(table[key], block)
                return
            self._twice(block.file, block.line, f"{block.type} {key}")
            return
        if not override:
            table[key] = block

    def _twice(self, file: str, line: int, what: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                file,
                line,
                f"{what} is declared twice in one module; the first declaration is used."
                " Remove or rename the other one (Terraform itself rejects this module)",
                level="warning",
                code="duplicate-declaration",
            )
        )

    # -- module calls -------------------------------------------------------------------------
    def called_module(
        self, instance: ModuleInstance, name: str, block: Block
    ) -> ModuleSource | None:
        """The module a `module` block calls, or None (with one diagnostic) when unavailable."""
        source_text = module_source_text(block)
        where = f"{instance.prefix}module.{name}"
        if source_text is None:
            return self._unavailable_call(
                instance,
                name,
                block,
                f"{where}: the module source is not a literal string",
                "module-source",
            )
        if "\x00" in source_text:
            return self._unavailable_call(
                instance,
                name,
                block,
                f"{where}: the module source holds a NUL byte; fix the source",
                "module-source",
            )
        if source_text.startswith(("./", "../")):
            directory = (instance.source.directory / source_text).resolve()
            if not directory.is_relative_to(self.scan_root):
                return self._unavailable_call(
                    instance,
                    name,
                    block,
                    f"{where}: module source {source_text} is outside the scanned root; scan a"
                    " folder that contains it",
                    "outside-root",
                )
        else:
            found = self._vendored(instance, name)
            if found is None:
                return self._unavailable_call(
                    instance,
                    name,
                    block,
                    f"{where}: remote module {source_text} is not vendored under"
                    " .terraform/modules; its resources are not in the scan (run `terraform init`"
                    " to vendor it)",
                    "module-not-vendored",
                )
            directory = found
        if directory in instance.chain:
            return self._unavailable_call(
                instance,
                name,
                block,
                f"{where}: the module calls itself; the cycle is cut here. Remove the call that"
                " closes the cycle",
                "module-cycle",
            )
        files = self.directory_files(directory)
        if not files:
            return self._unavailable_call(
                instance,
                name,
                block,
                f"{where}: no Terraform files in {source_text}",
                "module-not-found",
            )
        return self.source(directory, files)

    def _vendored(self, instance: ModuleInstance, name: str) -> Path | None:
        root_dir = instance.run.root_source.directory
        manifest = root_dir / ".terraform" / "modules" / "modules.json"
        self._note("file", str(manifest))
        index = self._module_index.get(root_dir)
        if index is None:
            index = {}
            try:
                text = read_text(manifest, self.max_file_bytes) if manifest.is_file() else "{}"
                check_json_depth(text, self.max_depth)
                doc = json.loads(text)
            except (OSError, UnicodeDecodeError, ValueError, LimitExceeded):
                doc = {}
            for entry in doc.get("Modules", []) if isinstance(doc, dict) else []:
                if (
                    isinstance(entry, dict)
                    and isinstance(entry.get("Key"), str)
                    and entry.get("Dir")
                ):
                    index[entry["Key"]] = str(entry["Dir"])
            self._module_index[root_dir] = index
        key = ".".join([*instance.call_names, name])
        relative = index.get(key)
        if relative is None or "\x00" in relative:
            return None
        directory = (root_dir / relative).resolve()
        return (
            directory if directory.is_relative_to(self.scan_root) and directory.is_dir() else None
        )

    def _unavailable_call(
        self, instance: ModuleInstance, name: str, block: Block, message: str, code: str
    ) -> ModuleSource | None:
        self._unavailable.add((id(instance), name))
        call_key = f"{instance.run.label}#{'.'.join([*instance.call_names, name])}"
        if call_key in instance.run.reported:
            return None  # one diagnostic per call, however many instances
        instance.run.reported.add(call_key)
        self.diagnostics.append(
            Diagnostic(block.file, block.line, message, level="warning", code=code)
        )
        record = f"{block.file}#module.{name}"
        self.records.setdefault(record, FileRecord(record, FORMAT, "skipped", detail=message))
        return None

    def too_deep(self, block: Block, prefix: str, depth: int) -> None:
        self.diagnostics.append(
            Diagnostic(
                block.file,
                block.line,
                f"{prefix.rstrip('.')}: modules nest more than {depth} levels deep; the calls"
                " below are not followed. Flatten the module tree, or scan the deeper module on"
                " its own",
                level="warning",
                code="too-deep",
            )
        )

    def unavailable(self, instance: ModuleInstance, name: str) -> bool:
        return (id(instance), name) in self._unavailable

    def locate(self, root: ModuleSource, call_names: list[str], key: str) -> Block | None:
        """The resource block `key` in the module reached by `call_names` from `root`."""
        current: ModuleSource | None = root
        for name in call_names:
            if current is None:
                return None
            source_text = current.local_calls().get(name)
            if source_text is None:
                return None
            directory = (current.directory / source_text).resolve()
            if not directory.is_relative_to(self.scan_root):
                return None
            current = self.source(directory)
        return current.resources.get(key) if current is not None else None


def _dump(parsed: ParsedFile) -> bytes:
    return pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)


def _parse_job(job: tuple[Path, str, int, int, float]) -> ParsedFile:
    return parse_file(*job)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_file(
    path: Path, label: str, max_file_bytes: int, max_depth: int, parse_timeout: float
) -> ParsedFile:
    """One configuration file read and parsed; problems become the file's `error`. Each file
    runs under its own budget and limits, in this process or a worker, so that a hostile file
    costs only itself."""
    parsed = ParsedFile(path, label)
    outcome = guarded(
        partial(_parse_into, parsed, max_file_bytes, max_depth), [label], FORMAT, parse_timeout
    )
    if not outcome.ok:
        parsed.blocks, parsed.error = [], outcome.diagnostics[0]
    return parsed


def _parse_into(parsed: ParsedFile, max_file_bytes: int, max_depth: int) -> None:
    path, label = parsed.path, parsed.label
    try:
        text = read_text(path, max_file_bytes)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        parsed.error = Diagnostic(
            label,
            line,
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8",
            code="unreadable",
        )
        return
    except OSError as exc:
        parsed.error = Diagnostic(
            label,
            0,
            f"cannot read file: {exc.strerror or exc}; check that it is a readable file",
            code="unreadable",
        )
        return
    parsed.text = text
    try:
        if path.name.endswith(".json"):
            check_json_depth(text, max_depth)
            parsed.blocks = json_blocks(load_json(text), label, text)
        else:
            parsed.blocks = native_blocks(parse_native(text, max_depth), label)
    except LimitExceeded:
        raise
    except Exception as exc:  # a syntax error, or a construct the walk could not read
        if _recursion(exc):
            raise too_deep(max_depth) from exc
        parsed.error = Diagnostic(
            label,
            getattr(exc, "lineno", None) or error_line(exc),
            f"Terraform file could not be parsed ({type(exc).__name__}:"
            f" {_first_line(exc)}); fix the syntax, the rest of the scan goes on",
            code="parse-error",
        )


def _recursion(exc: BaseException) -> bool:
    """A RecursionError, or an error raised because of one."""
    while exc is not None:
        if isinstance(exc, RecursionError):
            return True
        exc = exc.__cause__  # type: ignore[assignment]
    return False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no detail"
