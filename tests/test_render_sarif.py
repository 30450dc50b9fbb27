"""SARIF: valid 2.1.0, and within the rules GitHub code scanning applies on upload.

The SARIF schema is OASIS's, published under the OASIS IPR policy rather than an open-source
licence, so it is not copied into this repository: the validation runs against the copy in the
workplace's shared/schemas when one is found above the project, and is skipped otherwise. The
GitHub rules are asserted in every run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from csmm_static.cli import app
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.render import render
from csmm_static.render.sarif import FINGERPRINT
from tests.conftest import FIXTURES, ROOT

EXAMPLES = "fixtures/examples"
SCHEMA_NAME = "sarif-schema-2.1.0.json"


def _sarif(paths: list[str], **options: Any) -> dict[str, Any]:
    return json.loads(render(scan(paths, ScanOptions(**options)).report, "sarif"))


def _schema() -> dict[str, Any]:
    for folder in ROOT.parents:
        candidate = folder / "shared" / "schemas" / SCHEMA_NAME
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))
    pytest.skip(f"{SCHEMA_NAME} not found in a shared/schemas folder above the project")


@pytest.mark.usefixtures("in_root")
def test_validates_against_the_sarif_schema() -> None:
    schema = _schema()
    log = _sarif([EXAMPLES])
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)


@pytest.mark.usefixtures("in_root")
def test_meets_github_code_scanning_rules() -> None:
    log = _sarif([EXAMPLES])
    assert log["version"] == "2.1.0" and log["$schema"].startswith("https://")
    (run,) = log["runs"]  # one run: GitHub no longer merges several runs of one tool
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "csmm"
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] and f"docs/controls.md#{rule['id']}" in rule["help"]["text"]
        properties = rule["properties"]
        severity = properties["security-severity"]
        assert isinstance(severity, str) and 0.0 < float(severity) <= 10.0
        assert "security" in properties["tags"]
        assert properties["pillar"] in ("iam", "networking", "storage", "compute", "monitoring")
        assert 1 <= properties["level"] <= 5
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["results"]
    for result in run["results"]:
        assert result["message"]["text"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith("fixtures/examples/webshop/")
        region = physical["region"]
        assert 1 <= region["startLine"] <= region["endLine"]
        assert len(result["partialFingerprints"][FINGERPRINT]) == 32
    critical = next(r for r in rules if r["id"] == "ec2_security_group_no_public_ssh")
    assert critical["properties"]["security-severity"] == "9.5"
    assert critical["defaultConfiguration"]["level"] == "error"


def test_fingerprints_survive_edits_above_the_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    template = FIXTURES / "regression" / "after" / "network.yaml"
    shutil.copyfile(template, tmp_path / "network.yaml")
    before = _sarif(["."])["runs"][0]["results"]
    text = template.read_text(encoding="utf-8").replace("Resources:\n", "Resources:\n\n\n")
    (tmp_path / "network.yaml").write_text(text, encoding="utf-8")
    after = _sarif(["."])["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    start = lambda rs: rs[0]["locations"][0]["physicalLocation"]["region"]["startLine"]  # noqa: E731
    assert start(after) == start(before) + 2


def test_waived_failures_are_suppressed_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / "regression" / "after" / "network.yaml", tmp_path / "net.yaml")
    (tmp_path / ".csmm.yaml").write_text(
        "waivers:\n  - control: ec2_security_group_no_public_ssh\n    reason: Lab only.\n",
        encoding="utf-8",
    )
    (run,) = _sarif(["."])["runs"]
    assert run["properties"]["overrides"]["waived"][0]["reason"] == "Lab only."
    (result,) = [r for r in run["results"] if r["ruleId"] == "ec2_security_group_no_public_ssh"]
    assert all("suppressions" not in r for r in run["results"] if r is not result)
    assert result["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "Lab only. (.csmm.yaml:2)"}
    ]


@pytest.mark.usefixtures("in_root")
def test_same_input_same_bytes() -> None:
    first = render(scan([EXAMPLES]).report, "sarif")
    assert first == render(scan([EXAMPLES]).report, "sarif")


def test_render_command_gives_the_same_bytes_as_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(ROOT)
    saved = tmp_path / "report.json"
    assert runner.invoke(app, ["scan", EXAMPLES, "-f", "json", "-o", str(saved)]).exit_code == 0
    for fmt in ("sarif", "junit", "markdown", "html", "badge", "json"):
        direct = runner.invoke(app, ["scan", EXAMPLES, "--format", fmt])
        rendered = runner.invoke(app, ["render", str(saved), "--format", fmt])
        assert direct.exit_code == rendered.exit_code == 0
        assert direct.stdout == rendered.stdout, fmt
