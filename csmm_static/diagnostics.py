"""Diagnostics: what could not be read or evaluated, with where and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str  # relative to the scanned root ("" for diagnostics about no file)
    line: int  # 1-based; 0 when unknown
    message: str
    level: Level = "error"
    code: str = ""  # short stable slug, e.g. "parse-error", "file-too-large", "control-error"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }
