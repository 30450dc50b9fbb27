"""Shared test helpers: where the project's folders are, and the loaded controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static.loader import load_controls
from csmm_static.model import Control

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CONTROL_FIXTURES = FIXTURES / "controls"


def _find_corpora() -> Path:
    """../shared/corpora of the project, or of a folder above it (git worktrees live deeper)."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora"


CORPORA = _find_corpora()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the reader golden files from the current output",
    )


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so reports name files by relative paths."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


_CONTROLS: list[Control] | None = None


def builtin_controls() -> list[Control]:
    global _CONTROLS
    if _CONTROLS is None:
        controls, problems = load_controls()
        assert not problems, problems
        _CONTROLS = controls
    return _CONTROLS


def corpus(name: str) -> Path:
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"corpus {name} not present ({path})")
    return path
