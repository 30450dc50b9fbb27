"""csmm diff and scan --baseline: deltas, new failures matched by control, file and address."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from csmm_static.cli import app
from csmm_static.diff import compare
from csmm_static.paths import schema_path
from tests.conftest import FIXTURES

runner = CliRunner()
BEFORE = FIXTURES / "regression" / "before" / "network.yaml"
AFTER = FIXTURES / "regression" / "after" / "network.yaml"
SSH = "ec2_security_group_no_public_ssh"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose infra/ is scanned before and after a change, from its root."""
    (tmp_path / "infra").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _scan_json(template: Path, out: str, *extra: str) -> dict[str, Any]:
    shutil.copyfile(template, Path("infra") / "network.yaml")
    result = runner.invoke(app, ["scan", "infra", "--format", "json", "--output", out, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(Path(out).read_text(encoding="utf-8"))


def _ssh_line(template: Path) -> int:
    lines = template.read_text(encoding="utf-8").splitlines()
    return lines.index("  AppSecurityGroup:") + 1


def test_opening_ssh_to_the_world_is_a_regression_with_file_and_line(repo: Path) -> None:
    base = _scan_json(BEFORE, "base.json")
    head = _scan_json(AFTER, "head.json")
    assert head["score"]["overall"] < base["score"]["overall"]

    result = runner.invoke(app, ["diff", "base.json", "head.json", "--fail-on-regression"])
    assert result.exit_code == 1
    where = f"infra/network.yaml:{_ssh_line(AFTER)}"
    assert f"{SSH}  AppSecurityGroup  {where}" in result.output
    drop = base["score"]["overall"] - head["score"]["overall"]
    assert f"score dropped by {drop:.1f}" in result.output
    before, after = base["score"], head["score"]
    assert after["level"] < before["level"]
    assert (
        f"level dropped from L{before['level']} {before['level_name']}"
        f" to L{after['level']} {after['level_name']}"
    ) in result.output.replace("\n", " ")

    as_json = runner.invoke(app, ["diff", "base.json", "head.json", "--format", "json"])
    assert as_json.exit_code == 0  # without --fail-on-regression it only reports
    comparison = json.loads(as_json.stdout)
    (failure,) = [f for f in comparison["subjects"]["new_failures"] if f["control"] == SSH]
    assert failure["file"] == "infra/network.yaml" and failure["line"] == _ssh_line(AFTER)
    assert failure["control"] == SSH and failure["address"] == "AppSecurityGroup"
    assert comparison["overall_delta"] == round(-drop, 1)
    assert comparison["level_change"] == after["level"] - before["level"]
    assert [c["id"] for c in comparison["controls"]["newly_failing"]] == [SSH]
    assert {lv["level"]: lv["delta"] for lv in comparison["levels"]}[1] < 0


def test_scan_with_baseline_embeds_the_comparison_and_gates(repo: Path) -> None:
    _scan_json(BEFORE, "base.json")
    shutil.copyfile(AFTER, Path("infra") / "network.yaml")
    args = ["scan", "infra", "--baseline", "base.json", "--fail-on-regression"]
    result = runner.invoke(app, [*args, "--format", "json", "--output", "head.json"])
    assert result.exit_code == 1
    assert "regression: score dropped" in result.output
    report = json.loads(Path("head.json").read_text(encoding="utf-8"))
    assert report["comparison"]["regression"] is True
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
    markdown = runner.invoke(app, [*args, "--format", "markdown"])
    assert "### What changed" in markdown.stdout and "**Regression:**" in markdown.stdout
    assert f"`infra/network.yaml:{_ssh_line(AFTER)}`" in markdown.stdout


def test_fixing_it_again_is_no_regression(repo: Path) -> None:
    _scan_json(AFTER, "base.json")
    _scan_json(BEFORE, "head.json")
    result = runner.invoke(app, ["diff", "base.json", "head.json", "--fail-on-regression"])
    assert result.exit_code == 0, result.output
    comparison = json.loads(
        runner.invoke(app, ["diff", "base.json", "head.json", "-f", "json"]).stdout
    )
    assert [f["address"] for f in comparison["subjects"]["fixed"]] == ["AppSecurityGroup"]
    assert [c["id"] for c in comparison["controls"]["fixed"]] == [SSH]
    assert comparison["overall_delta"] > 0 and comparison["regression"] is False


def test_moving_a_failing_resource_down_is_not_a_new_failure(repo: Path) -> None:
    base = _scan_json(AFTER, "base.json")
    moved = repo / "moved.yaml"
    moved.write_text(
        AFTER.read_text(encoding="utf-8").replace("Resources:\n", "Resources:\n\n\n\n"),
        encoding="utf-8",
    )
    head = _scan_json(moved, "head.json")
    comparison = compare(base, head)
    assert comparison["subjects"]["new_failures"] == [] and comparison["regression"] is False


def test_same_address_in_another_file_is_a_new_failure(repo: Path) -> None:
    base = _scan_json(AFTER, "base.json")
    shutil.copyfile(AFTER, Path("infra") / "copy.yaml")
    result = runner.invoke(app, ["scan", "infra", "--format", "json"])
    head = json.loads(result.stdout)
    comparison = compare(base, head)
    new = comparison["subjects"]["new_failures"]
    assert new and all(f["file"] == "infra/copy.yaml" for f in new)
    (failure,) = [f for f in new if f["control"] == SSH]
    assert failure["address"] == "AppSecurityGroup"
    assert comparison["regression"] is True
    assert comparison["overall_delta"] == 0  # the score alone would not have shown it


def test_waived_failures_are_not_new_failures(repo: Path) -> None:
    base = _scan_json(BEFORE, "base.json")
    Path("infra/.csmm.yaml").write_text(
        f"waivers:\n  - control: {SSH}\n    address: App*\n    reason: Debug window.\n",
        encoding="utf-8",
    )
    head = _scan_json(AFTER, "head.json")
    comparison = compare(base, head)
    assert comparison["subjects"]["new_failures"] == []
    assert [c["head"] for c in comparison["controls"]["changed"]] == ["waived"]


def test_bad_inputs_exit_two(repo: Path) -> None:
    Path("notes.json").write_text('{"hello": 1}', encoding="utf-8")
    _scan_json(BEFORE, "base.json")
    assert runner.invoke(app, ["diff", "notes.json", "base.json"]).exit_code == 2
    assert runner.invoke(app, ["diff", "missing.json", "base.json"]).exit_code == 2
    result = runner.invoke(app, ["scan", "infra", "--fail-on-regression"])
    assert result.exit_code == 2 and "needs --baseline" in result.output
    assert runner.invoke(app, ["scan", "infra", "--baseline", "notes.json"]).exit_code == 2
