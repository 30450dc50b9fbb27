"""The hostile corpus (fixtures/hostile/, written by scripts/make_hostile_corpus.py) is scanned in
bounded time and memory, with exactly the expected diagnostics for each file and no traceback.

The scan runs the real command in a child interpreter whose address space is capped
(RLIMIT_AS), so a memory bomb that slipped past the limits fails this test instead of the
machine, and whose audit hook aborts on any socket or process creation (a tag that would run a
command must stay text); the cases git cannot hold (links, a sparse oversized file) are made in a
copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from csmm_static.paths import schema_path
from tests.conftest import ROOT

CORPUS = ROOT / "fixtures" / "hostile"
SCRIPT = ROOT / "scripts" / "make_hostile_corpus.py"
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the child (it peaks near 130 MB)
TIME_LIMIT = 120  # seconds; the scan takes a few
OFFLINE = 97  # the child's exit code when the input made it open a socket or start a process
CHILD = f"""
import os, resource, sys

def guard(event, args):
    if event.startswith(("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn",
                         "os.spawn", "os.fork", "urllib.", "http.client.")):
        if event != "socket.gethostname":
            sys.stderr.write(f"FORBIDDEN {{event}}\\n")
            os._exit({OFFLINE})

sys.addaudithook(guard)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["csmm", *sys.argv[2:]]
from csmm_static.cli import main
main()
"""


@dataclass(frozen=True)
class Scan:
    returncode: int
    stderr: str
    seconds: float
    report: dict[str, Any] | None


def _expectations() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "expectations.json").read_text(encoding="utf-8"))
    return data


def _scan(folder: Path, *options: str) -> Scan:
    output = folder.parent / f"{folder.name}.report.json"
    command = ["scan", folder.name, "--format", "json", "--output", str(output), "--no-cache"]
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_LIMIT), *command, *options],
        cwd=folder.parent,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        check=False,
    )
    seconds = time.monotonic() - start
    report = json.loads(output.read_text(encoding="utf-8")) if output.is_file() else None
    return Scan(result.returncode, result.stderr, seconds, report)


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("hostile") / "hostile"
    shutil.copytree(CORPUS, copy)
    (copy / "expectations.json").unlink()
    subprocess.run([sys.executable, str(SCRIPT), "--runtime", str(copy)], check=True, timeout=60)
    return copy


@pytest.fixture(scope="module")
def scanned(corpus_copy: Path) -> Scan:
    return _scan(corpus_copy, *_expectations()["scan_options"])


def test_the_committed_corpus_is_what_the_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_the_scan_finishes_in_bounded_time_and_memory_without_a_traceback(scanned: Scan) -> None:
    assert "Traceback" not in scanned.stderr and "MemoryError" not in scanned.stderr
    assert scanned.returncode != OFFLINE, scanned.stderr
    assert scanned.returncode == 0, scanned.stderr  # some hostile files are read, with warnings
    assert scanned.seconds < 60


def test_each_file_gets_exactly_its_expected_diagnostics(scanned: Scan) -> None:
    assert scanned.report is not None
    found: dict[str, set[tuple[str, int]]] = {}
    for diagnostic in scanned.report["diagnostics"]:
        file = diagnostic["file"].removeprefix("hostile/")
        found.setdefault(file, set()).add((diagnostic["code"], diagnostic["line"]))
    expected = {
        path: {(code, line) for code, line in case["diagnostics"]}
        for path, case in _expectations()["files"].items()
    }
    assert {k: v for k, v in found.items() if v} == {k: v for k, v in expected.items() if v}


def test_coverage_lists_exactly_the_files_that_were_not_read(scanned: Scan) -> None:
    assert scanned.report is not None
    files = scanned.report["coverage"]["files"]
    cases = _expectations()["files"]
    unread = sorted(f"hostile/{p}" for p, c in cases.items() if c["status"] == "error")
    inputs = [p for p, c in cases.items() if c["status"] in ("read", "error")]
    assert files["unread"] == unread
    assert (files["total"], files["read"]) == (len(inputs), len(inputs) - len(unread))


def test_the_report_validates_against_its_schema(scanned: Scan) -> None:
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(scanned.report, schema, cls=jsonschema.Draft202012Validator)


def test_a_scan_that_reads_nothing_exits_2(corpus_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "unreadable"
    cases = _expectations()["files"]
    for path, case in cases.items():
        source = corpus_copy / path
        if case["status"] == "error" and not case.get("made_at_test_time"):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    result = _scan(folder, *_expectations()["scan_options"])
    assert result.returncode == 2, result.stderr
    assert "no input could be read" in result.stderr and "Traceback" not in result.stderr
    assert result.report is not None and result.report["coverage"]["files"]["read"] == 0
