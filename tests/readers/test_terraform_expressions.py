"""Terraform expressions evaluated: operators, templates, traversals, for expressions, unknowns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csmm_static.model import Reference, is_unknown
from tests.readers.terraform_support import by_address, reason, scan, value_of

LOCALS = """
variable "unset" {}
variable "env" { default = "prod" }
variable "ports" { default = [22, 443] }
locals {
  m     = { a = 1, b = 2 }
  names = ["x", "y", "x"]
}
"""


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 + 2 * 3 - 4", 3),
        ("7 / 2", 3.5),
        ("8 / 2", 4),
        ("7 % 3", 1),
        ("-(2 + 3)", -5),
        ("!true", False),
        ("3 >= 3 && 2 < 1", False),
        ('"1" == 1', False),
        ("true == 1", False),
        ('"a-${var.env}"', "a-prod"),
        ('"${var.ports}"', [22, 443]),
        ('"say \\"hi\\"\\n"', 'say "hi"\n'),
        ('"$${aws:username}"', "${aws:username}"),
        ('"%{if var.env == "prod"}live%{else}test%{endif}"', "live"),
        ('"%{for p in var.ports}${p},%{endfor}"', "22,443,"),
        ('var.env == "prod" ? "private" : "public-read"', "private"),
        ("[for p in var.ports : p * 10 if p > 100]", [4430]),
        ("{for k, v in local.m : upper(k) => v + 1}", {"A": 2, "B": 3}),
        ("{for n in local.names : n => n...}", {"x": ["x", "x"], "y": ["y"]}),
        ("[for i, n in local.names : i]", [0, 1, 2]),
        ('local.m.a + local.m["b"]', 3),
        ("var.ports[1]", 443),
        ("var.ports.0", 22),
        ("[{ n = 1 }, { n = 2 }][*].n", [1, 2]),
        ("[{ n = 1 }, { n = 2 }].*.n", [1, 2]),
        ('try(local.m.missing, "fallback")', "fallback"),
        ("can(local.m.missing)", False),
        ("can(local.m.a)", True),
        ('{ (var.env) = 1, "k-${var.env}" = 2 }', {"prod": 1, "k-prod": 2}),
        ("null == var.ports", False),
        ("path.module", "."),
        ("terraform.workspace", "default"),
    ],
)
def test_expression_values(tmp_path: Path, expression: str, expected: Any) -> None:
    assert value_of(tmp_path, expression, LOCALS) == expected


def test_heredoc_strips_indentation_and_interpolates(tmp_path: Path) -> None:
    expression = '<<-EOT\n    {\n      "env": "${var.env}"\n    }\n  EOT'
    assert value_of(tmp_path, expression, LOCALS) == '{\n  "env": "prod"\n}\n'


@pytest.mark.parametrize(
    ("expression", "why"),
    [
        ("var.unset", "var.unset has no value"),
        ('"x-${var.unset}"', "var.unset has no value"),
        ("var.unset ? 1 : 2", "var.unset has no value"),
        ("true && var.unset", "&&"),
        ("local.m.missing", "no attribute"),
        ("var.ports[5]", "out of range"),
        ("[for p in var.unset : p]", "var.unset"),
        ("timestamp()", "not evaluated offline"),
    ],
)
def test_what_cannot_be_known_is_unknown_with_a_reason(
    tmp_path: Path, expression: str, why: str
) -> None:
    assert why in reason(value_of(tmp_path, expression, LOCALS))


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("false && var.unset", False),
        ("true || var.unset", True),
        ('var.unset ? "same" : "same"', "same"),
        ("length([var.unset, 1])", 2),
        ("merge({ a = var.unset }, { b = 1 }).b", 1),
        ("var.unset == null ? 1 : 1", 1),
    ],
)
def test_values_that_do_not_depend_on_the_unknown_part_stay_known(
    tmp_path: Path, expression: str, expected: Any
) -> None:
    assert value_of(tmp_path, expression, LOCALS) == expected


def test_a_map_with_unknown_elements_is_still_not_null(tmp_path: Path) -> None:
    prelude = LOCALS + "locals {\n  partly = { a = var.unset }\n}\n"
    assert value_of(tmp_path, "local.partly != null", prelude) is True


def test_locals_that_depend_on_each_other_in_a_cycle_are_unknown(tmp_path: Path) -> None:
    prelude = "locals {\n  a = local.b\n  b = local.a\n}\n"
    assert "depends on itself" in reason(value_of(tmp_path, "local.a", prelude))


def test_typed_variables_convert_and_fill_optional_attributes(tmp_path: Path) -> None:
    prelude = """
variable "settings" {
  type = object({
    enabled = optional(bool, true)
    port    = number
    name    = optional(string)
  })
  default = { port = "8080" }
}
"""
    assert value_of(tmp_path, "var.settings", prelude) == {
        "enabled": True,
        "port": 8080,
        "name": None,
    }


def test_references_to_other_resources_are_references_and_edges(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_kms_key" "k" {}
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_test_value" "x" {
  key    = aws_kms_key.k.arn
  name   = aws_s3_bucket.b.bucket
  policy = "${aws_s3_bucket.b.arn}/*"
}
"""
        },
    )
    resource = by_address(result)["aws_test_value.x"]
    key = resource.properties["key"]
    assert isinstance(key, Reference) and key == "${aws_kms_key.k.arn}"
    assert key.target.endswith("#aws_kms_key.k") and key.attribute == "Arn"
    assert resource.properties["name"] == "logs"  # a configured argument is its value
    assert resource.properties["policy"] == "${aws_s3_bucket.b.arn}/*"
    targets = {
        (e.target.split("#")[1], e.via)
        for e in result.graph.edges()
        if e.source == resource.node_id
    }
    assert targets == {
        ("aws_kms_key.k", "key"),
        ("aws_s3_bucket.b", "name"),
        ("aws_s3_bucket.b", "policy"),
    }


def test_splat_over_counted_resources_gives_one_reference_each(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_sqs_queue" "q" { count = 2 }
resource "aws_test_value" "x" { ids = aws_sqs_queue.q[*].arn }
"""
        },
    )
    ids = by_address(result)["aws_test_value.x"].properties["ids"]
    assert ids == ["${aws_sqs_queue.q[0].arn}", "${aws_sqs_queue.q[1].arn}"]


def test_computed_attributes_of_nested_blocks_are_unknown_not_errors(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_eks_cluster" "c" {
  vpc_config { subnet_ids = ["s-1"] }
}
resource "aws_test_value" "x" { sg = aws_eks_cluster.c.vpc_config[0].cluster_security_group_id }
"""
        },
    )
    assert "known only after apply" in reason(
        by_address(result)["aws_test_value.x"].properties["sg"]
    )


def test_a_value_known_only_after_apply_never_decides_a_comparison(tmp_path: Path) -> None:
    prelude = 'resource "aws_kms_key" "k" {}\n'
    value = value_of(tmp_path, 'aws_kms_key.k.arn == "x" ? 1 : 2', prelude)
    assert is_unknown(value)


def test_an_argument_set_to_null_reads_as_computed(tmp_path: Path) -> None:
    prelude = (
        'variable "cidr" {\n  default = null\n}\n'
        'resource "aws_vpc" "v" { ipv6_cidr_block = var.cidr }\n'
    )
    assert (
        value_of(tmp_path, "aws_vpc.v.ipv6_cidr_block", prelude) == "${aws_vpc.v.ipv6_cidr_block}"
    )


def test_nested_for_expressions_stop_at_a_million_iterations(tmp_path: Path) -> None:
    # Each `range` is allowed (1024 elements at most); nested, they would build 10^9 values.
    nested = "[for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]]"
    result = scan(
        tmp_path,
        {"main.tf": f'resource "aws_s3_bucket" "b" {{\n  bucket = length(flatten({nested}))\n}}\n'},
    )
    assert [(d.code, d.line) for d in result.diagnostics] == [
        ("too-many-values", 1)
    ]  # the block's line
    assert [f.status for f in result.files] == ["error"]


def test_a_template_for_over_a_number_is_unknown(tmp_path: Path) -> None:
    assert "cannot iterate over a number" in reason(
        value_of(tmp_path, '"%{ for x in 5 }${x}%{ endfor }"')
    )
