"""Helpers for the Terraform reader tests: write a small configuration, read it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csmm_static.model import Resource, is_unknown, unknown_reason
from csmm_static.readers import ParseOptions, ParseResult, parse


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def scan(root: Path, files: dict[str, str] | None = None, **options: Any) -> ParseResult:
    if files:
        write(root, files)
    return parse([root], ParseOptions(**options))


def by_address(result: ParseResult) -> dict[str, Resource]:
    return {r.address: r for r in result.graph if r.type != "AWS::Account"}


def value_of(root: Path, expression: str, prelude: str = "", **options: Any) -> Any:
    """The evaluated value of one expression (in an AWS resource type no table maps)."""
    text = f'{prelude}\nresource "aws_test_value" "x" {{\n  value = {expression}\n}}\n'
    result = scan(root, {"main.tf": text}, **options)
    return by_address(result)["aws_test_value.x"].properties.get("value")


def reason(value: Any) -> str:
    assert is_unknown(value), f"expected an unknown value, got {value!r}"
    return unknown_reason(value)
