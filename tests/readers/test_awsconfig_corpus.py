"""Public AWS Config data written by others: every file is read or diagnosed, every item is
accounted for. Skips when ../shared/corpora is absent."""

from __future__ import annotations

from pathlib import Path

from csmm_static.readers import ParseOptions, discover, parse
from csmm_static.readers.awsconfig import claims
from csmm_static.readers.awsconfig.collect import Collector
from csmm_static.readers.base import InputFile
from tests.conftest import corpus

# Files that are not AWS Config output, so no reader claims them: the folder's notes, a
# CloudTrail event delivered by EventBridge, a bare JSON string and empty files.
NOT_CONFIG = {
    "awsconfig-transformerd/README.md",
    "custodian-config-items/event-cloudsearch.json",
    "yams-config-loading/base_invalid.json",
    "yams-config-loading/base_invalid.jsonl",
    "yams-config-loading/base_valid_empty.json",
    "yams-config-loading/base_valid_empty.jsonl",
}


def _relative(root: Path, label: str) -> str:
    return Path(label).relative_to(root).as_posix()


def test_every_config_corpus_file_is_read_or_diagnosed() -> None:
    root = corpus("config")
    parsed = parse([root])
    records = {_relative(root, f.file): f for f in parsed.files}
    every = {_relative(root, str(p)) for p in root.rglob("*") if p.is_file()}
    assert every - set(records) == NOT_CONFIG
    diagnosed = {_relative(root, d.file) for d in parsed.diagnostics if d.level != "info"}
    for name, record in records.items():
        assert record.status == "read" or name in diagnosed, name
    assert parsed.has_account_evidence
    assert len(parsed.graph) > 20


def test_every_corpus_item_is_accounted_for() -> None:
    root = corpus("config")
    files, _ = discover([root])
    collector = Collector(ParseOptions())
    for item in files:
        if claims(item, item.path.read_text(encoding="utf-8", errors="replace")[:65536]):
            collector.add_file(InputFile(item.path, item.label, item.root))
    result = collector.result()
    stats = collector.stats
    assert stats.items - stats.superseded == (
        stats.resources + stats.evidence + stats.unsupported + stats.deleted + stats.unmappable
    )
    assert stats.unmappable == 0
    # Items that are not usable at all (a malformed SNS message, a region that is a number)
    # are rejected with a diagnostic, never silently.
    assert stats.rejected == sum(1 for d in result.diagnostics if d.code == "config-item")
    assert sum(result.unsupported.values()) == stats.unsupported
