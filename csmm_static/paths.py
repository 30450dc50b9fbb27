"""Where the built-in controls and schemas are: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name  # wheel: force-included next to the code
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name  # source checkout or editable install


def rules_dir() -> Path:
    return _shipped("rules")


def schemas_dir() -> Path:
    return _shipped("schemas")


def schema_path(name: str) -> Path:
    return schemas_dir() / name
