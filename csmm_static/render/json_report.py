"""The JSON report: the report itself, serialized deterministically."""

from __future__ import annotations

import json
import re

from csmm_static.report import Report

# Written as JSON escapes rather than as themselves (the data read back is the same): lone
# surrogates (from a `\ud800` escape in a JSON input), which UTF-8 cannot encode, and the
# characters that act on a terminal or reorder text when someone runs `cat` on the report (DEL,
# C1 controls such as the 8-bit CSI, bidirectional overrides, line separators); json.dumps
# already escapes the C0 controls.
_RAW = re.compile(
    "[\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def render(report: Report) -> str:
    text = json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
