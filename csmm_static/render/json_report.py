"""The JSON report: the report itself, serialized deterministically."""

from __future__ import annotations

import json

from csmm_static.report import Report


def render(report: Report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
