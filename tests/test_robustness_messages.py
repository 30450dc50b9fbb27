"""Every diagnostic the code emits says where (file, and line when it is known), what is wrong,
and what the user can do about it.

Scenarios that trigger every diagnostic code are scanned together; the test fails when a code
is not triggered (so a new code needs a scenario here) or when a message names no action.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import Resource, Source
from csmm_static.pipeline import ScanOptions, scan
from csmm_static.readers import READERS, ParseOptions
from csmm_static.readers.base import FileRecord, InputFile, ReadResult
from tests.conftest import FIXTURES, ROOT

# A message says what to do with one of these words.
ACTIONS = re.compile(
    r"\b(fix|remove|rename|correct|check|save|quote|break|flatten|shorten|raise|scan|copy"
    r"|report|add|move|decorate|simplify|look|renew|write|make|give|pass|split|export"
    r"|download)\b",
    re.IGNORECASE,
)
# Codes whose diagnostics know their line in these scenarios.
WITH_LINE = {
    "condition-cycle",
    "config",
    "config-item",
    "control-error",
    "duplicate-key",
    "invalid-intrinsic",
    "module-cycle",
    "override",
    "parse-error",
    "scalar-as-text",
    "too-deep",
    "too-many-instances",
    "too-many-nodes",
    "too-many-values",
    "unreadable",
    "unsupported-format",
    "unsupported-tag",
    "value-too-long",
}
EVERY_CODE = WITH_LINE | {
    "control-duplicate",
    "control-load",
    "decompressed-too-large",
    "duplicate-resource",
    "file-too-large",
    "out-of-memory",
    "outside-root",
    "parse-timeout",
    "path-not-found",
    "reader-error",
    "rules-dir",
    "symlink-loop",
}

PARSE = ParseOptions(parse_timeout=1)
CONTROL = '''\
from csmm_static.model import Graph, Resource, control


@control(pillar="storage", level=1, severity="low", subject="AWS::S3::Bucket")
def {name}(bucket: Resource, graph: Graph) -> bool:
    """A control.

    Why it matters:
        x

    Remediation:
        y
    """
    {body}
'''
BROKEN_CONTROLS = {
    "syntax.py": "def broken(:\n",
    "imports.py": "import no_such_module_anywhere\n",
    "empty.py": "VALUE = 1\n",
    "two.py": CONTROL.format(name="first_control", body="return True")
    + CONTROL.format(name="second_control", body="return True").split("\n", 2)[2],
    "duplicate.py": CONTROL.format(name="s3_bucket_versioning_enabled", body="return True"),
    "raising.py": CONTROL.format(name="s3_bucket_raising", body="raise ValueError('bug')"),
}
CONFIG = """\
scope: everything
waivers:
  - control: no_such_control
    reason: x
  - control: s3_bucket_versioning_enabled
    reason: y
    expires: someday
attestations:
  no_such_control:
    statement: s
    owner: o
    evidence: e
    date: 2025-05-01
    expires: 2025-04-01
"""


class _Failing:
    """A reader of `.<suffix>` files that fails the way it is told to."""

    FIXTURE_FORMATS: tuple[str, ...] = ()

    def __init__(self, suffix: str, failure: BaseException | None) -> None:
        self.FORMAT = f"failing-{suffix}"
        self.suffix = f".{suffix}"
        self.failure = failure

    def claims(self, file: InputFile, head: str) -> bool:
        return file.path.suffix == self.suffix

    def read(self, files: list[InputFile], options: ParseOptions) -> ReadResult:
        if self.failure is not None:
            raise self.failure
        while self.suffix == ".spin":
            pass
        twice = Resource(node_id="x#same", type="AWS::S3::Bucket", address="Same")
        twice.source = Source(files[0].label, 1, 1, self.FORMAT)
        return ReadResult(
            resources=[twice, twice],
            files=[FileRecord(f.label, self.FORMAT, "read") for f in files],
        )


@pytest.fixture(scope="module")
def diagnostics(tmp_path_factory: pytest.TempPathFactory) -> list[Diagnostic]:
    base = tmp_path_factory.mktemp("messages")
    hostile = base / "hostile"
    shutil.copytree(FIXTURES / "hostile", hostile)
    (hostile / "cloudformation" / "slow_conditions.yaml").unlink()  # timeouts come from .spin
    script = ROOT / "scripts" / "make_hostile_corpus.py"
    subprocess.run([sys.executable, str(script), "--runtime", str(hostile)], check=True)
    for name in ("a.boom", "b.memory", "c.spin", "d.twice"):
        (hostile / name).write_text("x", encoding="utf-8")
    readers = (
        *READERS,
        _Failing("boom", ValueError("bug")),
        _Failing("memory", MemoryError()),
        _Failing("spin", None),
        _Failing("twice", None),
    )
    options = ScanOptions(parse=PARSE, readers=readers)
    found = list(scan([hostile, base / "missing"], options).parsed.diagnostics)
    rules = base / "rules"
    rules.mkdir()
    for name, text in BROKEN_CONTROLS.items():
        (rules / name).write_text(text, encoding="utf-8")
    project = base / "project"
    shutil.copytree(FIXTURES / "examples" / "webshop", project)
    (project / ".csmm.yaml").write_text(CONFIG, encoding="utf-8")
    report = scan([project], ScanOptions(parse=PARSE, rules_dirs=(rules, base / "no-rules"))).report
    found += [Diagnostic(**d) for d in report["diagnostics"]]
    return found


def test_every_code_is_triggered(diagnostics: list[Diagnostic]) -> None:
    assert {d.code for d in diagnostics} == EVERY_CODE


def test_every_diagnostic_names_its_file_and_an_action(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.file, diagnostic
        assert ACTIONS.search(diagnostic.message), diagnostic


def test_diagnostics_that_can_know_their_line_give_it(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        # A reader that streams its input locates text that is not UTF-8 by its byte; a
        # compressed stream that breaks, or a document of the wrong shape, has no line.
        located = re.search(
            r"\(byte \d+\)|^cannot read the file|of an unexpected shape", diagnostic.message
        )
        if diagnostic.code in WITH_LINE and not located:
            assert diagnostic.line > 0, diagnostic
