"""Warm re-scans: what did not change since the last scan is taken from the read cache.

Terraform is not read file by file: a root module's resources depend on every file of the
modules it calls, on files read by `file()`, and on folder listings. So two things are cached:

- per module folder, keyed by the content of its files: the module calls it makes (to find the
  root modules) and the diagnostics and file records its parse gave;
- per root module, keyed by its variable files and the options: the resource instances its
  evaluation produced, with everything that evaluation looked at (`Loader.reads`): each file's
  content digest, each folder listing, each `fileset()` result. An entry is used only when all
  of them are still the same, so an edit anywhere a root module looked re-evaluates it, and only
  it.

Entries live in the read cache (JSON, never pickle); a corrupt or stale one is evaluated again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.base import FileRecord, ParseOptions
from csmm_static.readers.cache import ReadCache, decode, encode
from csmm_static.readers.terraform.loader import Loader
from csmm_static.readers.terraform.modules import RawResource
from csmm_static.readers.terraform.variables import RootValues

_FOLDER = "terraform-folder"
_ROOT = "terraform-root"
AREA = "terraform"  # the cache's sub-folder for these entries


@dataclass
class FolderSummary:
    """What the rest of a scan needs from one module folder, without parsing it."""

    calls: dict[str, str]  # module name -> literal local source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    records: list[FileRecord] = field(default_factory=list)


@dataclass
class RootOutcome:
    """One root module's evaluation: its resource instances and what it reported."""

    raws: list[RawResource]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    records: list[FileRecord] = field(default_factory=list)


class WarmCache:
    """Folder summaries and root outcomes of one scanned root, in a read cache."""

    def __init__(self, cache: ReadCache, options: ParseOptions, loader: Loader) -> None:
        self.cache = cache
        self.options = options
        self.loader = loader
        self._digests: dict[str, str] = {}
        self._listings: dict[str, list[str]] = {}
        self.stale_files: list[Path] = []

    # -- what an evaluation may have looked at ------------------------------------------------
    def digest(self, path: str) -> str:
        """sha256 of a file's bytes ("" when it cannot be read), once per scan."""
        found = self._digests.get(path)
        if found is None:
            try:
                found = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                found = ""
            self._digests[path] = found
        return found

    def _current(self, read: tuple[str, ...]) -> Any:
        kind = read[0]
        if kind == "file":
            return self.digest(read[1])
        if kind == "dir":
            listing = self._listings.get(read[1])
            if listing is None:
                saved, self.loader.reads = self.loader.reads, None
                try:
                    listing = [p.name for p in self.loader.directory_files(Path(read[1]))]
                finally:
                    self.loader.reads = saved
                self._listings[read[1]] = listing
            return listing
        if kind == "glob":
            saved, self.loader.reads = self.loader.reads, None
            try:
                found = self.loader.file_names(Path(read[1]), read[2], read[3])
            finally:
                self.loader.reads = saved
            return found if isinstance(found, list) else None
        raise ValueError(f"unknown read {kind}")

    # -- folders ------------------------------------------------------------------------------
    def _folder_key(self, directory: Path, paths: list[Path]) -> str:
        label = self.loader.label_of
        content = [[label(p), self.digest(str(p))] for p in sorted(paths)]
        return self.cache.key(_FOLDER, label(directory), _bytes(content), self.options)

    def folder(self, directory: Path, paths: list[Path]) -> FolderSummary | None:
        data = self.cache.load_data(self._folder_key(directory, paths), AREA)
        try:
            summary = FolderSummary(
                {str(k): str(v) for k, v in data["calls"].items()},
                decode(data["diagnostics"]),
                decode(data["records"]),
            )
        except (TypeError, KeyError, AttributeError, ValueError):
            return None
        if not _all(summary.diagnostics, Diagnostic) or not _all(summary.records, FileRecord):
            return None
        return summary

    def store_folder(self, directory: Path, paths: list[Path], summary: FolderSummary) -> None:
        data = {
            "calls": summary.calls,
            "diagnostics": encode(summary.diagnostics),
            "records": encode(summary.records),
        }
        self._store(self._folder_key(directory, paths), data)

    # -- roots --------------------------------------------------------------------------------
    def _root_key(self, directory: Path, values: RootValues) -> str:
        label = self.loader.label_of
        var_files = [[str(p), self.digest(str(p))] for p in values.used_files]
        return self.cache.key(_ROOT, label(directory), _bytes(var_files), self.options)

    def root(self, directory: Path, values: RootValues) -> RootOutcome | None:
        """The root's cached outcome when nothing it looked at has changed, else None (and
        `stale_files` names the files its last evaluation read, to parse them ahead)."""
        data = self.cache.load_data(self._root_key(directory, values), AREA)
        try:
            reads = [tuple(read) for *read, _ in data["reads"]]
            for read, (*_, value) in zip(reads, data["reads"], strict=True):
                if self._current(read) != value:
                    self.stale_files.extend(Path(r[1]) for r in reads if r[0] == "file")
                    return None
            outcome = RootOutcome(
                [_raw(item) for item in data["raws"]],
                decode(data["diagnostics"]),
                decode(data["records"]),
            )
        except (TypeError, KeyError, AttributeError, ValueError, IndexError):
            return None
        if not _all(outcome.diagnostics, Diagnostic) or not _all(outcome.records, FileRecord):
            return None
        return outcome

    def store_root(
        self,
        directory: Path,
        values: RootValues,
        outcome: RootOutcome,
        reads: set[tuple[str, ...]],
    ) -> None:
        data = {
            "reads": [[*read, self._current(read)] for read in sorted(reads)],
            "raws": [_raw_data(raw) for raw in outcome.raws],
            "diagnostics": encode(outcome.diagnostics),
            "records": encode(outcome.records),
        }
        self._store(self._root_key(directory, values), data)

    def _store(self, key: str, data: dict[str, Any]) -> None:
        try:
            self.cache.store_data(key, data, AREA)
        except (TypeError, ValueError):
            return  # a value the codec does not know: this one is evaluated every time


def _bytes(content: Any) -> bytes:
    return json.dumps(content).encode()


def _all(items: Any, cls: type) -> bool:
    return isinstance(items, list) and all(isinstance(item, cls) for item in items)


_RAW_FIELDS = (
    "tf_type",
    "address",
    "node_id",
    "values",
    "file",
    "line",
    "end_line",
    "context",
    "multiplicity_unknown",
    "edges",
)


def _raw_data(raw: RawResource) -> list[Any]:
    return [encode(getattr(raw, name)) for name in _RAW_FIELDS]


def _raw(data: list[Any]) -> RawResource:
    fields = dict(zip(_RAW_FIELDS, (decode(item) for item in data), strict=True))
    fields["edges"] = [tuple(edge) for edge in fields["edges"]]
    raw = RawResource(**fields)
    if not isinstance(raw.values, dict):
        raise TypeError("cached values are not a mapping")
    return raw
