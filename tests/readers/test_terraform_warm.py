"""Warm Terraform re-scans: a root module is evaluated again exactly when something it looked at
changed, and a warm scan reads the same graph as a scan without a cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from csmm_static.readers import ParseResult, ReadCache, parse
from csmm_static.readers import terraform as reader
from csmm_static.readers.cache import encode
from csmm_static.readers.terraform import warm
from tests.conftest import corpus

MODULE = """
resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

variable "name" {}
"""

APP = """
module "data" {
  source = "../modules/bucket"
  name   = "app-data"
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = file("${path.module}/policy.json")
}
"""

POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",'
POLICY += ' "Resource": "*"}]}'

OTHER = """
# csmm:ignore s3_bucket_versioning_enabled Access logs are written once, never changed
resource "aws_s3_bucket" "logs" {
  bucket = "other-logs"
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "infra"
    (root / "modules" / "bucket").mkdir(parents=True)
    (root / "modules" / "bucket" / "main.tf").write_text(MODULE, encoding="utf-8")
    (root / "app").mkdir()
    (root / "app" / "main.tf").write_text(APP, encoding="utf-8")
    (root / "app" / "policy.json").write_text(POLICY, encoding="utf-8")
    (root / "other").mkdir()
    (root / "other" / "main.tf").write_text(OTHER, encoding="utf-8")
    return root


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The labels of the root modules evaluated (rather than taken from the cache)."""
    seen: list[str] = []
    original = reader._evaluate_root

    def counting(loader, source, values, directory_label):
        seen.append(directory_label)
        return original(loader, source, values, directory_label)

    monkeypatch.setattr(reader, "_evaluate_root", counting)
    return seen


def _same(a: ParseResult, b: ParseResult) -> None:
    # Compared in the cache's encoding: unknown values refuse to be compared.
    assert [encode((r.node_id, r.properties, r.source)) for r in a.graph] == [
        encode((r.node_id, r.properties, r.source)) for r in b.graph
    ]
    assert [r.suppressions for r in a.graph] == [r.suppressions for r in b.graph]
    assert a.graph.edges() == b.graph.edges()
    assert a.diagnostics == b.diagnostics
    assert a.files == b.files


def _roots(seen: list[str]) -> list[str]:
    return sorted(label.rsplit("/", 1)[-1] for label in seen)


def _rescan_after(project: Path, evaluated: list[str], edit: Callable[[], object]) -> ParseResult:
    """A cached scan, `edit`, then a warm scan, checked equal to a scan without the cache."""
    cache = ReadCache(project.parent / "cache")
    parse([project], cache=cache)
    evaluated.clear()
    edit()
    warm_result = parse([project], cache=cache)
    seen = list(evaluated)
    _same(warm_result, parse([project]))
    evaluated[:] = seen  # what the warm scan evaluated, not the comparison scan
    return warm_result


def test_unchanged_roots_are_not_evaluated_again(project: Path, evaluated: list[str]) -> None:
    cache = ReadCache(project.parent / "cache")
    first = parse([project], cache=cache)
    assert _roots(evaluated) == ["app", "other"]
    evaluated.clear()
    second = parse([project], cache=cache)
    assert evaluated == []
    assert any(r.suppressions for r in second.graph)  # read from the file, not its parse
    _same(first, second)
    _same(second, parse([project]))


def test_an_edit_in_a_called_module_reevaluates_its_callers_only(
    project: Path, evaluated: list[str]
) -> None:
    module = project / "modules" / "bucket" / "main.tf"
    warm_result = _rescan_after(
        project,
        evaluated,
        lambda: module.write_text(MODULE.replace('"Enabled"', '"Suspended"'), encoding="utf-8"),
    )
    assert _roots(evaluated) == ["app"]
    versioning = [r for r in warm_result.graph if r.type == "AWS::S3::Bucket"]
    statuses = {r.get("VersioningConfiguration.Status") for r in versioning}
    assert "Suspended" in statuses


def test_a_file_read_by_file_reevaluates_its_root(project: Path, evaluated: list[str]) -> None:
    policy = project / "app" / "policy.json"
    _rescan_after(
        project, evaluated, lambda: policy.write_text(POLICY.replace("GetObject", "*"), "utf-8")
    )
    assert _roots(evaluated) == ["app"]


def test_a_new_file_in_a_module_folder_reevaluates_its_callers(
    project: Path, evaluated: list[str]
) -> None:
    extra = 'resource "aws_sns_topic" "alerts" {\n  name = "alerts"\n}\n'
    topic = project / "modules" / "bucket" / "topic.tf"
    warm_result = _rescan_after(project, evaluated, lambda: topic.write_text(extra, "utf-8"))
    assert _roots(evaluated) == ["app"]
    assert any(r.type == "AWS::SNS::Topic" for r in warm_result.graph)


def test_parse_errors_and_records_survive_the_cache(project: Path) -> None:
    (project / "other" / "broken.tf").write_text('resource "x" {\n  = 1\n', encoding="utf-8")
    cache = ReadCache(project.parent / "cache")
    cold = parse([project])
    assert any(d.code == "parse-error" for d in cold.diagnostics)
    parse([project], cache=cache)
    _same(parse([project], cache=cache), cold)


def test_corrupt_entries_are_evaluated_again(project: Path, evaluated: list[str]) -> None:
    cache = ReadCache(project.parent / "cache")
    cold = parse([project], cache=cache)
    for entry in (project.parent / "cache" / warm.AREA).rglob("*.json"):
        entry.write_text('{"reads": [["file"]], "calls": 3}', encoding="utf-8")
    evaluated.clear()
    again = parse([project], cache=cache)
    assert _roots(evaluated) == ["app", "other"]
    _same(again, cold)


def test_warm_scan_of_a_module_library_matches_a_cold_one(tmp_path: Path) -> None:
    source = corpus("tfmod-s3-bucket")
    copy = tmp_path / "lib"
    shutil.copytree(source, copy)
    cache = ReadCache(tmp_path / "cache")
    cold = parse([copy])
    parse([copy], cache=cache)
    _same(parse([copy], cache=cache), cold)
    edited = sorted(copy.rglob("*.tf"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _same(parse([copy], cache=cache), parse([copy]))
