"""The same input gives byte-identical output whatever the hash seed, locale, time zone or the
order in which the files were written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORMATS = ("json", "sarif", "markdown", "terminal")


def _scan(target: Path, fmt: str, **env: str) -> bytes:
    environment = {**os.environ, "NO_COLOR": "1", **env}
    result = subprocess.run(
        [sys.executable, "-m", "csmm_static", "scan", ".", "--format", fmt],
        cwd=target,
        capture_output=True,
        env=environment,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.stdout


def _copy(order: list[Path], source: Path, target: Path) -> None:
    for path in order:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


SOURCES = {
    "examples": (ROOT / "fixtures" / "examples", FORMATS),
    # Hostile input: the diagnostics too must not vary. The slow template is left out: whether
    # it times out depends on the machine, by design.
    "hostile": (ROOT / "fixtures" / "hostile", ("json",)),
}
CASES = [(name, fmt) for name, (_, formats) in SOURCES.items() for fmt in formats]
MACHINE_DEPENDENT = {"slow_conditions.yaml"}


@pytest.mark.parametrize(("source_name", "fmt"), CASES)
def test_output_is_identical_across_seeds_locales_zones_and_file_order(
    source_name: str, fmt: str, tmp_path: Path
) -> None:
    source = SOURCES[source_name][0]
    files = sorted(p for p in source.rglob("*") if p.is_file() and p.name not in MACHINE_DEPENDENT)
    forward, backward = tmp_path / "a", tmp_path / "b"
    _copy(files, source, forward)
    _copy(list(reversed(files)), source, backward)
    baseline = _scan(forward, fmt, PYTHONHASHSEED="0", TZ="UTC", LC_ALL="C")
    assert baseline
    variants = [
        _scan(backward, fmt, PYTHONHASHSEED="12345", TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8"),
        _scan(forward, fmt, PYTHONHASHSEED="random", TZ="America/St_Johns", LANG="de_DE.UTF-8"),
    ]
    for variant in variants:
        assert variant == baseline
