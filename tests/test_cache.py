"""The per-file read cache: unchanged files are not read again, and the report never changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csmm_static.cli import app
from csmm_static.model import Reference, UnknownValue, is_unknown
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.readers import ParseOptions, ReadCache, parse
from csmm_static.readers.base import ReadResult
from csmm_static.readers.cache import _decode_result, _encode_result, default_cache_dir
from csmm_static.render import render
from tests.conftest import FIXTURES

WEBSHOP = FIXTURES / "examples" / "webshop"


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(WEBSHOP, tmp_path / "infra")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_second_run_reads_nothing_and_an_edit_rereads_one_file(estate: Path) -> None:
    cache = ReadCache(estate / "cache")
    first = parse(["infra"], cache=cache)
    assert first.from_cache == []
    second = parse(["infra"], cache=cache)
    # Per-file readers (CloudFormation here) are cached file by file.
    templates = sorted(f.file for f in first.files if f.format == "cloudformation")
    assert second.from_cache == templates
    network = estate / "infra" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    third = parse(["infra"], cache=cache)
    assert sorted(set(templates) - set(third.from_cache)) == ["infra/network.yaml"]


def test_cached_report_is_byte_identical(estate: Path) -> None:
    uncached = render(scan(["infra"]).report, "json")
    options = ScanOptions(cache_dir=estate / "cache")
    assert render(scan(["infra"], options).report, "json") == uncached  # fills the cache
    assert render(scan(["infra"], options).report, "json") == uncached  # reads from it


def test_corrupt_entries_are_ignored_and_rewritten(estate: Path) -> None:
    cache = ReadCache(estate / "cache")
    parse(["infra"], cache=cache)
    entries = _file_entries(estate / "cache")
    assert entries
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_text('{"resources": [{"$c": "Nope", "f": {}}]}', encoding="utf-8")
    again = parse(["infra"], cache=cache)
    assert len(again.from_cache) == len(entries) - 2
    assert len(parse(["infra"], cache=cache).from_cache) == len(entries)


def test_options_and_labels_are_part_of_the_key(estate: Path) -> None:
    cache = ReadCache(estate / "cache")
    parse(["infra"], cache=cache)
    other = parse(["infra"], ParseOptions(max_file_bytes=10**7), cache=cache)
    assert other.from_cache == []
    shutil.copytree(estate / "infra", estate / "copy")
    assert parse(["copy"], cache=cache).from_cache == []


def test_codec_keeps_unknowns_references_tuples_and_dollar_keys() -> None:
    parsed = parse([WEBSHOP])
    resources = list(parsed.graph)
    resources[0].properties["$weird"] = {"$u": "a real key", "t": (1, "x")}
    resources[0].properties["Unknown"] = UnknownValue("no default")
    resources[0].properties["Ref"] = Reference("${Key.Arn}", "cfn:x#Key", "Arn")
    original = ReadResult(resources=resources, edges=parsed.graph.edges())
    decoded = _decode_result(_encode_result(original))
    again = decoded.resources[0].properties
    assert again["$weird"] == {"$u": "a real key", "t": (1, "x")}
    assert is_unknown(again["Unknown"])
    assert isinstance(again["Ref"], Reference) and again["Ref"].target == "cfn:x#Key"
    assert _encode_result(decoded) == _encode_result(original)  # nothing else was lost
    assert decoded.edges == original.edges and decoded.edges


def test_default_folder_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert default_cache_dir() == Path("/var/cache/me/csmm")


def test_cli_cache_options(estate: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["scan", "infra", "--no-cache"]).exit_code == 0
    assert not (estate / "mine").exists()
    assert runner.invoke(app, ["scan", "infra", "--cache-dir", "mine"]).exit_code == 0
    assert len(_file_entries(estate / "mine")) == len(list(WEBSHOP.glob("*.yaml")))
    # Terraform has entries of its own: each parsed file, the two folders and the root module.
    parsed = len(list(WEBSHOP.rglob("*.tf")))
    assert len(list((estate / "mine" / "terraform").rglob("*.json"))) == parsed + 3


def _file_entries(cache: Path) -> list[Path]:
    """The per-file entries (CloudFormation here), not the Terraform ones."""
    return sorted(p for p in cache.rglob("*.json") if "terraform" not in p.relative_to(cache).parts)
