"""Terraform's built-in functions, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csmm_static.model import Reference, UnknownValue, is_unknown
from csmm_static.readers.terraform.functions import FunctionError, Members, call, distinct
from tests.readers.terraform_support import value_of

U = UnknownValue("not known")


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("merge", [{"a": 1}, None, {"a": 2, "b": 3}], {"a": 2, "b": 3}),
        ("concat", [[1], [2, 3]], [1, 2, 3]),
        ("lookup", [{"a": 1}, "b", "d"], "d"),
        ("coalesce", [None, "", "x"], "x"),
        ("coalescelist", [[], [1]], [1]),
        ("format", ["%s-%03d-%.2f-%t-%q-%%", "a", 7, 1.5, True, "q"], 'a-007-1.50-true-"q"-%'),
        ("formatlist", ["%s=%s", ["a", "b"], "x"], ["a=x", "b=x"]),
        ("join", [",", ["a", "b"], ["c"]], "a,b,c"),
        ("split", [",", "a,b"], ["a", "b"]),
        ("replace", ["a-b-c", "-", "_"], "a_b_c"),
        ("replace", ["v1.2", "/v(\\d+)\\.(\\d+)/", "$2.$1"], "2.1"),
        ("lower", ["AbC"], "abc"),
        ("upper", ["AbC"], "ABC"),
        ("length", [{"a": 1, "b": 2}], 2),
        ("length", ["héllo"], 5),
        ("element", [["a", "b"], 3], "b"),
        ("keys", [{"b": 1, "a": 2}], ["a", "b"]),
        ("values", [{"b": 1, "a": 2}], [2, 1]),
        ("contains", [["a", "b"], "b"], True),
        ("flatten", [[1, [2, [3]], []]], [1, 2, 3]),
        ("distinct", [["a", "b", "a"]], ["a", "b"]),
        ("tolist", [["a"]], ["a"]),
        ("toset", [["b", "a", "b"]], ["a", "b"]),
        ("tomap", [{"a": 1}], {"a": 1}),
        ("jsonencode", [{"b": [1, True], "a": None}], '{"a":null,"b":[1,true]}'),
        ("jsondecode", ['{"a": [1, 2]}'], {"a": [1, 2]}),
        ("cidrsubnet", ["10.0.0.0/16", 8, 2], "10.0.2.0/24"),
        ("cidrsubnet", ["fd00::/56", 8, 1], "fd00:0:0:1::/64"),
        (
            "cidrsubnets",
            ["10.1.0.0/16", 4, 4, 8, 4],
            ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"],
        ),
        ("cidrhost", ["10.0.0.0/24", 5], "10.0.0.5"),
        ("cidrnetmask", ["10.0.0.0/12"], "255.240.0.0"),
        ("zipmap", [["a", "b"], [1, 2]], {"a": 1, "b": 2}),
        ("range", [3], [0, 1, 2]),
        ("slice", [["a", "b", "c"], 1, 3], ["b", "c"]),
        ("substr", ["hello", 1, 3], "ell"),
        ("trimspace", ["  x \n"], "x"),
        ("regex", ["^arn:aws:iam::(\\d+):", "arn:aws:iam::123:role/x"], ["123"]),
        ("one", [[]], None),
        ("sum", [[1, 2.5]], 3.5),
        ("max", [3, 9, 1], 9),
        ("tostring", [12], "12"),
        ("tonumber", ["1.5"], 1.5),
        ("base64encode", ["hi"], "aGk="),
        ("sha256", ["x"], "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"),
        (
            "provider::aws::arn_parse",
            ["arn:aws:s3:::b"],
            {"partition": "aws", "service": "s3", "region": "", "account_id": "", "resource": "b"},
        ),
    ],
)
def test_functions(name: str, args: list[Any], expected: Any) -> None:
    assert call(name, args) == expected


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("lookup", [{"a": 1}, "b"]),
        ("element", [[], 0]),
        ("cidrsubnet", ["10.0.0.0/24", 4, 99]),
        ("jsondecode", ["{not json"]),
        ("jsondecode", [["a list"]]),
        ("coalesce", [None, ""]),
        ("one", [[1, 2]]),
    ],
)
def test_arguments_terraform_rejects_are_errors(name: str, args: list[Any]) -> None:
    with pytest.raises(FunctionError):
        call(name, args)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("upper", [U]),
        ("join", [",", ["a", U]]),
        ("cidrsubnet", [U, 8, 0]),
        ("merge", [{"a": 1}, U]),
        ("concat", [[1], U]),
        ("flatten", [[[1], U]]),
        ("timestamp", []),
        ("uuid", []),
        ("cidrsubnet", [Reference("${aws_vpc.v.cidr_block}"), 8, 0]),
        ("contains", [["a", U], "b"]),
        ("contains", [[Reference("${aws_vpc.v.id}")], "vpc-1"]),
    ],
)
def test_results_that_depend_on_unknown_values_are_unknown(name: str, args: list[Any]) -> None:
    assert is_unknown(call(name, args))


def test_partly_unknown_arguments_give_partly_known_results() -> None:
    assert call("length", [[U, U]]) == 2
    assert call("keys", [{"a": U}]) == ["a"]
    assert call("contains", [["a", U], "a"]) is True
    assert call("lookup", [{"a": U, "b": 1}, "b"]) == 1


def test_text_functions_carry_references_as_text() -> None:
    arn = Reference("${aws_s3_bucket.b.arn}", "tf:.#aws_s3_bucket.b", "Arn")
    assert call("format", ["%s/*", arn]) == "${aws_s3_bucket.b.arn}/*"
    assert call("concat", [[arn], ["x"]]) == [arn, "x"]


def test_a_document_with_unknown_parts_keeps_its_known_parts() -> None:
    document = call("jsonencode", [{"Statement": [{"Action": "s3:*", "Resource": U}]}])
    assert isinstance(document, dict) and document["Statement"][0]["Action"] == "s3:*"
    assert call("jsondecode", [document]) == dict(document)


def test_sets_use_terraform_equality() -> None:
    assert distinct([1, 1.0, "1", True, None, None, [1], [1], {"a": 1}]) == [
        1,
        "1",
        True,
        None,
        [1],
        {"a": 1},
    ]
    members = Members(["a", 2, [3]])
    assert "a" in members and 2.0 in members and [3] in members
    assert "2" not in members and True not in members and [4] not in members


def test_a_set_of_many_strings_costs_linear_time(tmp_path: Path) -> None:
    # 20 000 distinct strings: a quadratic set would compare 2 * 10^8 pairs and time out.
    keys = '[for i in range(200) : [for j in range(100) : "${i}-${j}"]]'
    value = value_of(tmp_path, f"length(toset(flatten({keys})))", parse_timeout=60)
    assert value == 20_000


def test_jsondecode_of_a_number_python_refuses_to_convert_is_an_error() -> None:
    with pytest.raises(FunctionError):
        call("jsondecode", ["9" * 5000])
