"""Parsed Terraform files stored as JSON: loading gives back the same blocks and expressions,
and an entry holding anything the parser does not make is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csmm_static.readers import ParseOptions, ReadCache
from csmm_static.readers.terraform.hcl import json_blocks, native_blocks, parse_native
from csmm_static.readers.terraform.loader import parse_file
from csmm_static.readers.terraform.stored import ParsedStore, decode_blocks, encode_blocks
from tests.conftest import FIXTURES

SOURCE = """
locals {
  ports = [for p in var.ports : p if (p > 0 && p < 65536)]
  name  = "${var.prefix}-%{if var.env == "prod"}live%{else}test%{endif}"
}

resource "aws_security_group" "web" {
  name = local.name
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port = ingress.value
      to_port   = -ingress.value * 1.5
      cidr_blocks = var.open ? ["0.0.0.0/0"] : aws_subnet.private[*].cidr_block
    }
  }
  policy = <<-EOT
    {"Statement": [${join(",", [for s in var.statements : jsonencode(s)])}]}
  EOT
}
"""


def test_a_stored_file_loads_as_the_same_tree() -> None:
    blocks = native_blocks(parse_native(SOURCE), "main.tf")
    data = json.loads(json.dumps(encode_blocks(blocks)))
    again = decode_blocks(data, "main.tf")
    assert again == blocks  # tuples again, not the JSON arrays they were stored as
    cidr = again[1].blocks[0].blocks[0].attributes["cidr_blocks"]
    assert cidr.line == 14 and cidr.expr[0] == "cond"


def test_every_example_file_round_trips() -> None:
    files = sorted(FIXTURES.rglob("*.tf"))
    assert files
    for path in files:
        try:
            blocks = native_blocks(parse_native(path.read_text(encoding="utf-8")), path.name)
        except Exception:  # files that are meant not to parse
            continue
        data = json.loads(json.dumps(encode_blocks(blocks)))
        assert encode_blocks(decode_blocks(data, path.name)) == encode_blocks(blocks), path


@pytest.mark.parametrize(
    "expression",
    [
        ["exec", "import os"],  # a tag the parser never makes
        ["get", ["var", "x"]],  # a known tag of the wrong size
        ["lit", {"a": 1}],  # a value no literal holds
        ["tuple", [["var", "x"], ["call", "f", [], False, "extra"]]],  # nested
    ],
)
def test_only_expressions_the_parser_makes_are_loaded(expression: list[object]) -> None:
    data = {"blocks": [["locals", [], [["x", 1, expression]], [], 1, 1]]}
    with pytest.raises(ValueError):
        decode_blocks(data, "main.tf")


def test_store_misses_on_other_content_and_skips_json_syntax(tmp_path: Path) -> None:
    store = ParsedStore(ReadCache(tmp_path / "cache"), ParseOptions())
    main = tmp_path / "main.tf"
    main.write_text(SOURCE, encoding="utf-8")
    parsed = parse_file(main, "main.tf", 10**6, 100, 0)
    assert store.load(main, "main.tf") is None
    store.save(parsed)
    loaded = store.load(main, "main.tf")
    assert loaded is not None and loaded.text == parsed.text
    assert loaded.blocks == parsed.blocks
    main.write_text(SOURCE + "\n# edited\n", encoding="utf-8")
    assert store.load(main, "main.tf") is None
    syntax = tmp_path / "main.tf.json"
    syntax.write_text('{"locals": {"x": 1}}', encoding="utf-8")
    doc = json_blocks(json.loads(syntax.read_text()), "main.tf.json", syntax.read_text())
    assert doc and store.load(syntax, "main.tf.json") is None
