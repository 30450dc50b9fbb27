"""render(report, format) -> str: one module per output format, all reading the same report."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from csmm_static.report import Report

# Format name -> module under csmm_static.render exposing render(report) -> str.
FORMATS: dict[str, str] = {
    "terminal": "terminal",
    "json": "json_report",
}


def render(report: Report, fmt: str, **options: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    module = import_module(f"csmm_static.render.{FORMATS[fmt]}")
    function: Callable[..., str] = module.render
    return function(report, **options)
