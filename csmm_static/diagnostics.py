"""Diagnostics: what could not be read or evaluated, with where and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
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


def line_in(exc: BaseException, file: str | Path) -> int:
    """The last line of `file` the exception passed through on its way up (0: none), so that a
    diagnostic about a broken control file can say where it broke."""
    target = Path(file)
    line = 0
    trace = exc.__traceback__
    while trace is not None:
        if Path(trace.tb_frame.f_code.co_filename) == target:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
