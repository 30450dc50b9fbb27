"""A crash in one reader or one control never loses the results of the others.

The failures are injected through the pipeline's own inputs (a reader object in
`ScanOptions.readers`, a control file in a `--rules` folder), not by patching.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from csmm_static.pipeline import ScanOptions, scan
from csmm_static.readers import READERS, ParseOptions
from csmm_static.readers.base import InputFile, ReadResult
from tests.conftest import FIXTURES

WEBSHOP = FIXTURES / "examples" / "webshop"

RAISING = '''\
from csmm_static.model import Graph, Resource, control


@control(pillar="storage", level=1, severity="low", subject="AWS::S3::Bucket")
def s3_bucket_name_is_read_by_a_broken_control(bucket: Resource, graph: Graph) -> bool:
    """A control with a bug.

    Why it matters:
        x

    Remediation:
        y
    """
    names = {}
    return names[bucket.address]
'''

NOT_BOOL = RAISING.replace(
    "def s3_bucket_name_is_read_by_a_broken_control", "def s3_bucket_control_returning_text"
).replace("names = {}\n    return names[bucket.address]", 'return "yes"')


class _Exploding:
    """A reader that claims `.boom` files and raises on every one."""

    FORMAT = "exploding"
    FIXTURE_FORMATS: tuple[str, ...] = ()

    def claims(self, file: InputFile, head: str) -> bool:
        return file.path.suffix == ".boom"

    def read(self, files: list[InputFile], options: ParseOptions) -> ReadResult:
        raise ZeroDivisionError("division by zero in a reader")


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(WEBSHOP, tmp_path / "infra")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _results(report: dict[str, Any]) -> dict[str, Any]:
    return {c["id"]: (c["status"], c["subjects"]) for c in report["controls"]}


def test_a_reader_that_raises_loses_only_its_own_files(estate: Path) -> None:
    clean = scan(["infra"]).report
    (estate / "infra" / "extra.boom").write_text("anything", encoding="utf-8")
    report = scan(["infra"], ScanOptions(readers=(*READERS, _Exploding()))).report
    assert _results(report) == _results(clean)
    assert report["score"] == clean["score"]
    (problem,) = [d for d in report["diagnostics"] if d["code"] == "reader-error"]
    assert problem["file"] == "infra/extra.boom"
    assert "ZeroDivisionError" in problem["message"] and "report" in problem["message"]
    assert report["coverage"]["files"]["unread"] == ["infra/extra.boom"]
    assert report["coverage"]["files"]["read"] == clean["coverage"]["files"]["read"]


def test_a_control_that_raises_loses_only_its_own_results(estate: Path) -> None:
    clean = scan(["infra"]).report
    rules = estate / "rules"
    rules.mkdir()
    (rules / "raising.py").write_text(RAISING, encoding="utf-8")
    (rules / "not_bool.py").write_text(NOT_BOOL, encoding="utf-8")
    report = scan(["infra"], ScanOptions(rules_dirs=(rules,))).report
    results = _results(report)
    broken = {"s3_bucket_name_is_read_by_a_broken_control", "s3_bucket_control_returning_text"}
    assert {k: v for k, v in results.items() if k not in broken} == _results(clean)
    for control_id in broken:
        status, subjects = results[control_id]
        assert status == "unknown" and subjects
        assert all(s["status"] == "unknown" for s in subjects)
    problems = {
        d["message"].split()[1]: d for d in report["diagnostics"] if d["code"] == "control-error"
    }
    buckets = {
        s["address"]: s["source"]
        for c in clean["controls"]
        for s in c["subjects"]
        if s["type"] == "AWS::S3::Bucket"
    }
    for control_id, problem in problems.items():
        # Named like every diagnostic about the input: the subject's file, relative, and line.
        address = problem["message"].split("(on ", 1)[1].split(",", 1)[0]
        assert (problem["file"], problem["line"]) == (
            buckets[address]["file"],
            buckets[address]["line"],
        )
        assert not problem["file"].startswith("/") and str(estate) not in problem["message"]
        assert f"report it as a bug with the control id {control_id}" in problem["message"].lower()
        assert "unknown" in problem["message"]
    raised = problems["s3_bucket_name_is_read_by_a_broken_control"]
    assert "KeyError" in raised["message"]
    line = RAISING.splitlines().index("    return names[bucket.address]") + 1
    assert f"at raising.py:{line})" in raised["message"]
    returned = problems["s3_bucket_control_returning_text"]  # the function's start: its decorator
    assert (
        f"at not_bool.py:{NOT_BOOL.splitlines().index(RAISING.splitlines()[3]) + 1})"
        in (returned["message"])
    )
