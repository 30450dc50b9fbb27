"""A reader known by its cheap part (format name and claim) until a file is claimed.

Importing every reader costs more than the rest of a small scan (their parsers, mapping tables
and YAML). `parse` asks every reader about every file, so the built-in readers stand in `READERS`
as `LazyReader`s: the claim comes from a small module (readers.claims), and the reader module
itself is imported the first time anything else is asked of it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from csmm_static.readers.base import InputFile, ParseOptions, ReadResult


@dataclass  # not frozen: the Reader protocol declares FORMAT a plain attribute
class LazyReader:
    FORMAT: str
    FIXTURE_FORMATS: tuple[str, ...]
    claims: Callable[[InputFile, str], bool]
    module: str  # the reader module: `read` and its optional hooks (read_file, read_cached, ...)
    # Runs on every scan, so it is given here rather than imported with the module.
    finish: Callable[[ReadResult], None] | None = None

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)

    def read(self, files: list[InputFile], options: ParseOptions) -> ReadResult:
        result: ReadResult = self.load().read(files, options)
        return result

    def __getattr__(self, name: str) -> Any:
        # Only for names the dataclass lacks: the module's optional hooks and settings.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.load(), name)
