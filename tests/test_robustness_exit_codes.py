"""The exit codes README.md documents, for what robustness adds: unreadable input, the limit
flags, an output that cannot be written, and a crash (which must never pass for a verdict)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from csmm_static.cli import EXIT_INTERNAL, app, main
from tests.conftest import FIXTURES

runner = CliRunner()
WEBSHOP = FIXTURES / "examples" / "webshop"


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    shutil.copytree(WEBSHOP, tmp_path / "infra")
    return tmp_path / "infra"


def _scan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", *args, "--no-cache", "--format", "json"])
    return result.exit_code, result.output


def test_an_unreadable_file_fails_the_scan_only_when_asked(estate: Path) -> None:
    (estate / "broken.yaml").write_text("Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A: x\n")
    code, output = _scan(str(estate))
    assert code == 0
    assert json.loads(output)["coverage"]["files"]["unread"] == [f"{estate}/broken.yaml"]
    code, output = _scan(str(estate), "--fail-on-unreadable")
    assert code == 1 and "1 input file(s) could not be read" in output


def test_the_limit_flags_reach_the_readers(estate: Path) -> None:
    code, output = _scan(str(estate), "--max-depth", "3")
    report = json.loads(output)
    too_deep = {d["file"] for d in report["diagnostics"] if d["code"] == "too-deep"}
    # Every template and the Terraform files that nest deeper than three levels are not read.
    expected = {f"{estate}/{name}" for name in ("compute.yaml", "data.yaml", "network.yaml")}
    expected |= {f"{estate}/analytics/main.tf", f"{estate}/analytics/variables.tf"}
    assert expected <= too_deep <= set(report["coverage"]["files"]["unread"])
    code, output = _scan(str(estate / "network.yaml"), "--max-depth", "3")
    assert code == 2 and "no input could be read" in output
    code, _ = _scan(str(estate), "--parse-timeout", "0.5", "--max-depth", "50")
    assert code == 0
    code, _ = _scan(str(estate), "--max-depth", "201")
    assert code == 2  # a usage error: the readers recurse, so the ceiling is 200


def test_an_output_that_cannot_be_written_is_a_usage_error(estate: Path) -> None:
    code, output = _scan(str(estate), "--output", str(estate / "missing" / "report.json"))
    assert code == 2 and "cannot write" in output


def test_a_crash_exits_3_with_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    broken = typer.Typer()

    @broken.command()
    def scan(path: str) -> None:
        raise RuntimeError("a bug")

    with pytest.raises(SystemExit) as exited:
        main(broken, ["anything"])
    assert exited.value.code == EXIT_INTERNAL
    stderr = capsys.readouterr().err
    assert "RuntimeError: a bug" in stderr and "internal error" in stderr
