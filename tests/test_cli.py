"""The command line: formats, outputs, thresholds and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csmm_static.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
EXAMPLES = "fixtures/examples"
pytestmark = pytest.mark.usefixtures("in_root")


def test_scan_terminal_prints_matrix_score_and_failures() -> None:
    result = runner.invoke(app, ["scan", EXAMPLES], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Overall" in result.output and "L1 Exposed" in result.output
    assert "Failing subjects" in result.output and "network.yaml:" in result.output
    assert "\x1b[" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 100


def test_scan_json_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", EXAMPLES, "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["tool"]["name"] == "csmm"


def test_thresholds_set_exit_code_one() -> None:
    result = runner.invoke(app, ["scan", EXAMPLES, "--fail-under-score", "99"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["scan", EXAMPLES, "--fail-under-level", "3"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["scan", EXAMPLES, "--fail-under-score", "0"])
    assert result.exit_code == 0


def test_no_readable_input_exits_two(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not infrastructure", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["scan", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_broken_template_is_a_diagnostic_and_the_rest_is_scanned(tmp_path: Path) -> None:
    good = FIXTURES / "controls" / "s3_bucket_versioning_enabled" / "fail.cfn.yaml"
    (tmp_path / "good.yaml").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"
        "    Properties: [unclosed\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["inventory"] == {"AWS::S3::Bucket": 1}
    problems = [d for d in report["diagnostics"] if d["file"].endswith("bad.yaml")]
    assert problems and problems[0]["line"] > 0


def test_custom_rules_dir_is_loaded(tmp_path: Path) -> None:
    rules = tmp_path / "my_rules" / "storage"
    rules.mkdir(parents=True)
    (rules / "s3_bucket_named.py").write_text(
        "from csmm_static.model import control\n\n\n"
        '@control(pillar="storage", level=3, severity="low", subject="AWS::S3::Bucket",'
        ' refs={"nist_csf": ["ID.AM-08"]})\n'
        "def s3_bucket_named(bucket, graph):\n"
        '    """S3 buckets have explicit names.\n\n    Why it matters:\n        x\n\n'
        '    Remediation:\n        y\n    """\n'
        '    return bucket.get("BucketName") is not None\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["scan", EXAMPLES, "--rules", str(tmp_path / "my_rules"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    custom = next(c for c in report["controls"] if c["id"] == "s3_bucket_named")
    assert custom["status"] == "fail"


def test_controls_command_formats() -> None:
    result = runner.invoke(app, ["controls", "--format", "json"])
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert items and {"id", "pillar", "level", "severity", "refs"} <= set(items[0])
    result = runner.invoke(app, ["controls"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "controls" in result.output


def test_files_over_the_size_limit_are_diagnosed_and_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    padding = "#" + "x" * 1023 + "\n"
    big.write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
        + padding * 1100,
        encoding="utf-8",
    )
    small = tmp_path / "small.yaml"
    small.write_text(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: x}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(tmp_path), "--format", "json", "--max-file-size", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["inventory"] == {"AWS::S3::Bucket": 1}
    message = next(d["message"] for d in report["diagnostics"] if d["file"].endswith("big.yaml"))
    assert "limit" in message and "--max-file-size" in message


def test_a_custom_control_repeating_a_built_in_id_names_both_files(tmp_path: Path) -> None:
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "copy.py").write_text(
        "from csmm_static.model import control\n\n\n"
        '@control(pillar="storage", level=1, severity="low", subject="AWS::S3::Bucket",'
        ' refs={"nist_csf": ["ID.AM-08"]})\n'
        "def s3_bucket_acls_disabled(bucket, graph):\n"
        '    """S3 buckets.\n\n    Why it matters:\n        x\n\n'
        '    Remediation:\n        y\n    """\n'
        "    return True\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", EXAMPLES, "--rules", str(rules), "--format", "json"])
    report = json.loads(result.output)
    (problem,) = [d for d in report["diagnostics"] if d["code"] == "control-duplicate"]
    assert problem["file"] == f"{rules.as_posix()}/copy.py"
    assert "already defined in rules/storage/s3_bucket_acls_disabled.py" in problem["message"]
