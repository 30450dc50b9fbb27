"""Reader golden tests: each case folder under fixtures/readers/terraform is scanned and its
graph compared with `expected.graph.json` next to the inputs. After an intended change, rewrite
them with `pytest --update-golden` and review the diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.model import Reference, is_unknown, unknown_reason
from csmm_static.readers import ParseOptions, parse
from tests.conftest import FIXTURES, ROOT

CASES = FIXTURES / "readers" / "terraform"
GOLDEN = "expected.graph.json"
# Values a case needs from the command line (the rest come from its own tfvars files).
OPTIONS: dict[str, ParseOptions] = {
    "modules": ParseOptions(variables=(("replicas", "2"),)),
}


def _value(value: Any) -> Any:
    if is_unknown(value):
        return {"$unknown": unknown_reason(value)}
    if isinstance(value, Reference):
        return {"$reference": str(value), "target": value.target, "attribute": value.attribute}
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def graph_document(case: Path) -> dict[str, Any]:
    relative = case.relative_to(ROOT).as_posix()
    result = parse([relative], OPTIONS.get(case.name, ParseOptions()))
    nodes = []
    for resource in sorted(result.graph, key=lambda r: r.node_id):
        node: dict[str, Any] = {
            "id": resource.node_id,
            "type": resource.type,
            "native_type": resource.native_type,
            "address": resource.address,
            "properties": _value(resource.properties),
        }
        if resource.source is not None:
            source = resource.source
            where = f"{source.file}:{source.line}-{source.end_line}"
            node["source"] = f"{where} {source.format} {source.context}".strip()
        if resource.multiplicity_unknown:
            node["multiplicity_unknown"] = True
        nodes.append(node)
    return {
        "nodes": nodes,
        "edges": [f"{e.source} -> {e.target} ({e.kind} {e.via})" for e in result.graph.edges()],
        "files": [f"{f.file}: {f.status} {f.resources} {f.detail}".strip() for f in result.files],
        "diagnostics": [
            f"{d.file}:{d.line} {d.level} {d.code}: {d.message}" for d in result.diagnostics
        ],
    }


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize(
    "case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_graph_matches_golden(case: Path, update_golden: bool) -> None:
    actual = json.dumps(graph_document(case), indent=2, sort_keys=False) + "\n"
    golden = case / GOLDEN
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden for {case.name}; run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), f"{case.name}: graph differs from {GOLDEN}"
