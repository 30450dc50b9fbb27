"""Golden graphs: each case under fixtures/readers/config is read and compared, node by node and
edge by edge, with its `expected.graph.json` (`pytest --update-golden` rewrites them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.model import Graph, Reference, is_unknown, unknown_reason
from csmm_static.readers import ParseResult, parse
from tests.conftest import FIXTURES, ROOT

CASES = sorted(p for p in (FIXTURES / "readers" / "config").iterdir() if p.is_dir())


def encode(value: Any) -> Any:
    """Graph values as JSON: unknowns keep their reason, an unrecorded item says so."""
    if is_unknown(value):
        return {"$unknown": unknown_reason(value)}
    if isinstance(value, Reference):
        return str(value)
    if isinstance(value, dict):
        out = {str(k): encode(v) for k, v in dict.items(value)}
        if type(value) is not dict:
            out["$class"] = type(value).__name__
        return out
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def graph_json(parsed: ParseResult) -> dict[str, Any]:
    graph: Graph = parsed.graph
    return {
        "resources": [
            {
                "node_id": r.node_id,
                "type": r.type,
                "native_type": r.native_type,
                "address": r.address,
                "account": r.account,
                "region": r.region,
                "source": None
                if r.source is None
                else [r.source.file, r.source.line, r.source.end_line, r.source.format],
                "properties": encode(r.properties),
            }
            for r in graph
        ],
        "edges": [[e.source, e.target, e.kind, e.via] for e in graph.edges()],
        "files": [[f.file, f.format, f.status, f.resources] for f in parsed.files],
        "unsupported": parsed.unsupported,
        "diagnostics": [[d.file, d.line, d.level, d.code, d.message] for d in parsed.diagnostics],
    }


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_reader_output_matches_golden_graph(case: Path, update_golden: bool) -> None:
    actual = graph_json(parse([str((case / "input").relative_to(ROOT))]))
    expected = case / "expected.graph.json"
    if update_golden:
        expected.write_text(json.dumps(actual, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert expected.is_file(), f"no golden graph for {case.name}: run pytest --update-golden"
    assert json.loads(expected.read_text(encoding="utf-8")) == json.loads(json.dumps(actual))


def test_golden_cases_cover_every_input_shape() -> None:
    names = {c.name for c in CASES}
    assert {"snapshot_delivered", "history_api", "advanced_query", "notifications"} <= names
