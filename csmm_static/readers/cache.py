"""A cache of per-file reader output, keyed by the file's content, so unchanged files are not
read again (a pre-commit run after a one-file edit re-reads that file only).

Entries are JSON, never pickle: a cache folder is data, and loading it must not run code. The key
covers the content's sha256, the file's label (node ids and sources name it), the reader, the
reader code and the parse options, so any change to one of them misses. An entry that cannot be
read or decoded is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from csmm_static import __version__
from csmm_static.diagnostics import Diagnostic
from csmm_static.model import (
    Edge,
    Reference,
    Resource,
    Source,
    Suppression,
    UnknownValue,
    is_unknown,
    unknown_reason,
)
from csmm_static.readers.base import FileRecord, ParseOptions, ReadResult

CACHE_FORMAT = "1"
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls for cls in (Resource, Source, Suppression, Edge, Diagnostic, FileRecord)
}
# Everything that shapes a reader's output: a change to any of it must miss the cache.
_CODE = ("model.py", "diagnostics.py", "readers")


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/csmm`, else `~/.cache/csmm`: outside the scanned repository, so a
    repository cannot ship cache entries of its own."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csmm"


class ReadCache:
    """Reader output stored under `directory`, one JSON file per entry."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(self, reader: str, label: str, content: bytes, options: ParseOptions) -> str:
        parts = [
            CACHE_FORMAT,
            __version__,
            _code_digest(),
            reader,
            label,
            repr(options),
            hashlib.sha256(content).hexdigest(),
        ]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()

    def _path(self, key: str, area: str = "") -> Path:
        return self.directory / area / key[:2] / f"{key}.json"

    def load(self, key: str) -> ReadResult | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return _decode_result(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # absent or corrupt: read the file again

    def store(self, key: str, result: ReadResult) -> None:
        try:
            self.store_data(key, _encode_result(result))
        except (TypeError, ValueError):
            return  # a value the codec does not know: leave this file uncached

    def load_data(self, key: str, area: str = "") -> Any:
        """What `store_data` stored under `key` (None when absent or not JSON)."""
        try:
            return json.loads(self._path(key, area).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def store_data(self, key: str, data: Any, area: str = "") -> None:
        """Store JSON data (from `encode` for model values), in the sub-folder `area` when
        given; TypeError when it is not JSON."""
        text = json.dumps(data, separators=(",", ":"), allow_nan=True)
        path = self._path(key, area)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except OSError:
            return  # a read-only or full disk only costs speed


@lru_cache(maxsize=1)
def _code_digest() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _CODE:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            digest.update(file.relative_to(package).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# The codec. Tagged objects ({"$u": ...}, {"$r": ...}, {"$t": ...}, {"$c": ...}) carry what JSON
# lacks; a real key starting with "$" is written with one more "$".


def encode(value: Any) -> Any:
    """Model values (unknowns, references, resources, diagnostics, records) as JSON data."""
    return _encode(value)


def decode(value: Any) -> Any:
    """The values `encode` was given."""
    return _decode(value)


def _encode(value: Any) -> Any:
    if is_unknown(value):
        return {"$u": unknown_reason(value)}
    if isinstance(value, Reference):
        return {"$r": [str.__str__(value), value.target, value.attribute]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"cannot cache {name}")
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$c": name, "f": fields}
    if isinstance(value, dict):
        return {_escape(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _escape(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError("only text keys can be cached")
    return "$" + key if key.startswith("$") else key


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "$u":
            return UnknownValue(inner)
        if tag == "$r":
            return Reference(*inner)
        if tag == "$t":
            return tuple(_decode(v) for v in inner)
    if value.keys() == {"$c", "f"}:
        cls = _CLASSES[value["$c"]]
        return cls(**{k: _decode(v) for k, v in value["f"].items()})
    return {(k[1:] if k.startswith("$") else k): _decode(v) for k, v in value.items()}


def _encode_result(result: ReadResult) -> dict[str, Any]:
    return {
        "resources": _encode(result.resources),
        "edges": _encode(result.edges),
        "diagnostics": _encode(result.diagnostics),
        "files": _encode(result.files),
        "account_facts": [[a, _encode(f)] for a, f in result.account_facts.items()],
    }


def _decode_result(data: dict[str, Any]) -> ReadResult:
    result = ReadResult(
        resources=_decode(data["resources"]),
        edges=_decode(data["edges"]),
        diagnostics=_decode(data["diagnostics"]),
        files=_decode(data["files"]),
        account_facts={a: _decode(f) for a, f in data["account_facts"]},
    )
    for name, cls in (
        ("resources", Resource),
        ("edges", Edge),
        ("diagnostics", Diagnostic),
        ("files", FileRecord),
    ):
        if not all(isinstance(item, cls) for item in getattr(result, name)):
            raise TypeError(f"cached {name} are not {cls.__name__}s")
    return result
