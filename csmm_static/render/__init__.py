"""render(report, format) -> str: one module per output format, all reading the same report."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from csmm_static.report import Report

# Format name -> module under csmm_static.render exposing render(report) -> str.
FORMATS: dict[str, str] = {
    "terminal": "terminal",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
    "badge": "badge",
}


def render(report: Report, fmt: str, **options: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    module = import_module(f"csmm_static.render.{FORMATS[fmt]}")
    function: Callable[..., str] = module.render
    return function(report, **options)


def write(report: Report, fmt: str, stream: TextIO, **options: object) -> None:
    """Render to a stream; the JSON report is written in pieces, never held whole."""
    if fmt == "json":
        from csmm_static.render import json_report

        json_report.write(report, stream)
    else:
        stream.write(render(report, fmt, **options))


# `csmm diff` renders a comparison alone in these formats.
COMPARISON_FORMATS = ("terminal", "json", "markdown")


def render_comparison(comparison: dict[str, object], fmt: str, **options: object) -> str:
    if fmt not in COMPARISON_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {list(COMPARISON_FORMATS)}")
    if fmt == "json":
        return json.dumps(comparison, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    module = import_module(f"csmm_static.render.{FORMATS[fmt]}")
    function: Callable[..., str] = module.render_comparison
    return function(comparison, **options)
