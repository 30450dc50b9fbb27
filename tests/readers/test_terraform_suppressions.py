"""`# csmm:ignore` comments in Terraform reach the resource they annotate."""

from __future__ import annotations

from pathlib import Path

from csmm_static.readers import parse

MAIN = """\
# csmm:ignore s3_bucket_versioning_enabled Scratch data, recreated nightly until 2099-01-01
resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-data"
}

resource "aws_s3_bucket" "reports" {
  bucket = "reports" # csmm:ignore s3_bucket_kms_encrypted "Reports are public anyway"
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}
"""


def test_comments_above_and_inside_a_block_are_its_suppressions(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    graph = parse([tmp_path]).graph
    found = {r.address: r.suppressions for r in graph.resources("AWS::S3::Bucket")}
    (scratch,) = found["aws_s3_bucket.scratch"]
    assert (scratch.control_id, scratch.reason, scratch.until, scratch.line) == (
        "s3_bucket_versioning_enabled",
        "Scratch data, recreated nightly",
        "2099-01-01",
        1,
    )
    (reports,) = found["aws_s3_bucket.reports"]
    assert (reports.control_id, reports.reason) == (
        "s3_bucket_kms_encrypted",
        "Reports are public anyway",
    )
    assert found["aws_s3_bucket.plain"] == ()
