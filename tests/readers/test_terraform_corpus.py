"""The Terraform reader on real public configurations (skipped when the corpora are absent).

Every `.tf` file either parses or yields a diagnostic with its file and line, nothing crashes,
and the number of resources matches an independent count: resource blocks (read with
python-hcl2's own dictionary API, not the reader's tree walk) times their multiplicity where it
is a literal, through local modules called without `count`/`for_each` or with a literal one.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import hcl2
import pytest
from hcl2.utils import SerializationOptions

from csmm_static.readers import parse
from tests.conftest import corpus

TERRAFORM_CORPORA = [
    "terragoat",
    "sadcloud",
    "sra",
    "tfmod-vpc",
    "tfmod-s3-bucket",
    "tfmod-iam",
    "tfmod-security-group",
    "tfmod-eks",
    "tfmod-rds",
    "tfmod-lambda",
    "tfmod-kms",
]
_ADDRESS = re.compile(r"^(module\.[\w-]+(\[[^\]]*\])?\.)*[\w-]+\.[\w-]+(\[[^\]]*\])?$")
_LITERAL = re.compile(r"^\d+$")
_PLAIN = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)


@functools.cache
def _blocks(directory: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {"resource": [], "module": []}
    for path in sorted(directory.glob("*.tf")):
        try:
            document = hcl2.loads(
                path.read_text(encoding="utf-8-sig"), serialization_options=_PLAIN
            )
        except Exception:  # the reader must report these; the count skips them
            continue
        for kind in found:
            for block in document.get(kind, []):
                found[kind].append(block)
    return found


def _static_multiplicity(body: dict[str, Any]) -> int | None:
    """1 without count/for_each, the number for a literal count, None when it needs evaluation."""
    if "for_each" in body:
        return None
    if "count" not in body:
        return 1
    count = body["count"]
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    return int(count) if isinstance(count, str) and _LITERAL.match(count) else None


def _expected(directory: Path, prefix: str, scan_root: Path, depth: int = 0) -> Counter[str]:
    """Instances per block address (`module.a.aws_x.y`) whose multiplicity is known statically."""
    expected: Counter[str] = Counter()
    if depth > 8:
        return expected
    blocks = _blocks(directory)
    for block in blocks["resource"]:
        for rtype, named in block.items():
            if not rtype.startswith("aws_"):
                continue  # other providers' resources are not part of the AWS graph
            for name, body in named.items():
                multiplicity = _static_multiplicity(body)
                if multiplicity is not None:
                    expected[f"{prefix}{rtype}.{name}"] += multiplicity
    for block in blocks["module"]:
        for name, body in block.items():
            source = body.get("source")
            multiplicity = _static_multiplicity(body)
            if (
                not isinstance(source, str)
                or not source.startswith(("./", "../"))
                or multiplicity != 1
            ):
                continue
            child = (directory / source).resolve()
            if child.is_relative_to(scan_root) and child.is_dir():
                expected.update(_expected(child, f"{prefix}module.{name}.", scan_root, depth + 1))
    return expected


def _block_address(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)


@pytest.mark.parametrize("name", TERRAFORM_CORPORA)
def test_every_file_parses_or_is_a_located_diagnostic_and_counts_match(name: str) -> None:
    root = corpus(name)
    result = parse([root])
    records = {r.file: r for r in result.files}
    for path in sorted(root.rglob("*.tf")):
        if ".terraform" in path.parts:
            continue
        record = records.get(path.as_posix())
        assert record is not None, f"{path} was not read"
        if record.status == "error":
            assert any(d.file == record.file and d.line > 0 for d in result.diagnostics), record
    by_root: dict[str, Counter[str]] = {}
    for resource in result.graph:
        if resource.type == "AWS::Account" or not _ADDRESS.match(resource.address):
            continue  # the account node, and resources split out of an inline setting
        root_label = resource.node_id.split("#", 1)[0].removeprefix("tf:")
        by_root.setdefault(root_label, Counter())[_block_address(resource.address)] += 1
    compared = 0
    for root_label, actual in sorted(by_root.items()):
        expected = _expected(Path(root_label), "", root.resolve())
        for block, count in sorted(expected.items()):
            found = actual.get(block, 0)
            assert found == count, f"{root_label}: {block} has {found} instances, expected {count}"
            compared += 1
    assert compared > 0
