"""`csmm scan --var` and `--var-file` reach the Terraform reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from csmm_static.cli import app

runner = CliRunner()

CONFIGURATION = """
variable "versioning" {}
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration { status = var.versioning }
}
"""


def _versioning_status(report: dict[str, Any]) -> str:
    for control in report["controls"]:
        if control["id"] == "s3_bucket_versioning_enabled":
            return str(control["status"])
    raise AssertionError("control not in the report")


def _scan(tmp_path: Path, *arguments: str) -> dict[str, Any]:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["scan", str(tmp_path / "infra"), "-f", "json", "-o", str(out), *arguments]
    )
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def test_variables_from_the_command_line_decide_what_was_unknown(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(CONFIGURATION, encoding="utf-8")
    (tmp_path / "prod.tfvars").write_text('versioning = "Suspended"\n', encoding="utf-8")
    assert _versioning_status(_scan(tmp_path)) == "unknown"
    assert (
        _versioning_status(_scan(tmp_path, "--var-file", str(tmp_path / "prod.tfvars"))) == "fail"
    )
    enabled = _scan(
        tmp_path, "--var-file", str(tmp_path / "prod.tfvars"), "--var", "versioning=Enabled"
    )
    assert _versioning_status(enabled) == "pass"


def test_a_malformed_var_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path), "--var", "no-equals-sign"])
    assert result.exit_code == 2 and "NAME=VALUE" in result.output
    result = runner.invoke(
        app, ["scan", str(tmp_path), "--var-file", str(tmp_path / "missing.tfvars")]
    )
    assert result.exit_code == 2
