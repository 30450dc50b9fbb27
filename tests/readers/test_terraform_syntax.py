"""Terraform's native syntax read into expression tuples: the grammar's corners, errors with
their lines, limits, and agreement with python-hcl2 (an independent parser) on every fixture."""

from __future__ import annotations

from typing import Any

import hcl2
import pytest
from hcl2.utils import SerializationOptions

from csmm_static.readers.limits import LimitExceeded
from csmm_static.readers.terraform.hcl import native_blocks, parse_template
from csmm_static.readers.terraform.syntax import HclSyntaxError, parse_body, parse_one
from csmm_static.readers.terraform.variables import constant
from tests.conftest import FIXTURES


def value(text: str) -> Any:
    return constant(parse_one(text, 100))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"  two  spaces ${"in"}  between  "', "  two  spaces in  between  "),
        ('"a # not a comment // nor /* this */"', "a # not a comment // nor /* this */"),
        ('"tab\\there \\u00e9 \\U0001F600 \\\\ \\""', 'tab\there é 😀 \\ "'),
        ('"$${literal} %%{also}"', "${literal} %{also}"),
        ('"x ${~ "y" ~} z"', "xyz"),
        ('"%{ for v in [1, 2] ~}\n  ${v}\n%{~ endfor }"', "12"),
        ('"%{if true}yes%{else}no%{endif}"', "yes"),
        ('"%{if false}yes%{endif}"', ""),
        ("[1, 2,\n 3,\n]", [1, 2, 3]),
        (
            '{ a = 1, "b" = 2, ("c") = 3, 4 = 4, d: 5 }',
            {"a": 1, "b": 2, "c": 3, "4": 4, "d": 5},
        ),
        ("[[1, 2], [3]][0][1]", 2),
        ("[{ a = [1] }, { a = [2] }][*].a[0]", [1, 2]),
        ("[{ a = 1 }, { a = 2 }].*.a", [1, 2]),
        ("[{ a = [1, 9] }, { a = [2] }].*.a[0]", [1, 9]),
        ("{ a = [5, 6] }.a.1", 6),
        ("(1 + 2) * 3", 9),
        ("!false && (1 < 2 || false)", True),
        ("-2 * -3 - 1", 5),
        ("1.5e3", 1500),
        ("0.25", 0.25),
        ("max([1, 7, 3]...)", 7),
        ('true ? "y" : "n"', "y"),
        ('[for i, v in ["a", "b"] : "${i}${v}" if i > 0]', ["1b"]),
        ('{for v in ["a", "b", "a"] : v => v...}', {"a": ["a", "a"], "b": ["b"]}),
        ("null", None),
        ("[] # trailing comment", []),
    ],
)
def test_expression_corners(text: str, expected: Any) -> None:
    assert value(text) == expected


def test_heredocs_keep_backslashes_and_trim_indentation() -> None:
    source = 'x = <<-EOT\n    {"a": "${join("\\",\\"", ["p", "q"])}",\n      "b": "\\n"}\n    EOT\n'
    (item,) = parse_body(source, 100)
    assert constant(item.expr) == '{"a": "p","q",\n  "b": "\\n"}\n'


def test_templates_read_as_text_keep_quotes_inside_interpolations() -> None:
    # templatefile() bodies and JSON-syntax strings: quotes are literal, HCL inside ${}.
    template = parse_template('{"k": "${upper("v")}"}\nEOT\n${"end"}')
    assert constant(template) == '{"k": "V"}\nEOT\nend'
    assert constant(parse_template("${[1]}")) == [1]  # one interpolation: the value itself
    assert constant(parse_template("no template here")) == "no template here"


def test_blocks_have_labels_lines_and_nested_blocks() -> None:
    source = (
        '# comment\nresource "aws_s3_bucket" logs {\n  bucket = "b" // c\n\n'
        "  versioning {\n    enabled = true\n  }\n}\n"
    )
    (block,) = native_blocks(parse_body(source, 100), "main.tf")
    assert (block.type, block.labels, block.line, block.end_line) == (
        "resource",
        ("aws_s3_bucket", "logs"),
        2,
        8,
    )
    assert block.attributes["bucket"].line == 3
    (nested,) = block.blocks
    assert (nested.type, nested.line, constant(nested.attributes["enabled"].expr)) == (
        "versioning",
        5,
        True,
    )


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ('resource "a" "b" {\n  x = 1\n', 3),  # an unclosed block
        ("locals {\n  a = 1\n  b = [1,\n}\n", 3),
        ("x = = 1\n", 1),
        ('x = "a\x00b"\n', 1),  # a raw NUL byte: Terraform refuses it too
    ],
)
def test_a_syntax_error_names_its_line(source: str, line: int) -> None:
    with pytest.raises(HclSyntaxError) as raised:
        parse_body(source, 100)
    assert raised.value.line == line


def test_nesting_past_the_limit_is_refused_with_the_line() -> None:
    source = "locals {\n  x = " + "[" * 12 + "]" * 12 + "\n}\n"
    with pytest.raises(LimitExceeded) as raised:
        parse_body(source, 10)
    assert raised.value.kind == "depth" and raised.value.line == 2
    parse_body(source, 20)  # under the limit
    sums = "x = " + " + ".join(["1"] * 400) + "\n"  # no nesting, but as many levels deep
    steps = "x = a" + ".b" * 400 + "\n"
    for chain in (sums, steps):
        with pytest.raises(LimitExceeded):
            parse_body(chain, 100)


def test_a_number_too_long_is_an_error_of_its_own_not_a_crash() -> None:
    assert value("1" * 5000 + ".5") is not None  # a float reads; only its type matters here
    reason = value("1.0e999")
    assert "too large" in str(getattr(reason, "reason", reason))


_PLAIN = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)


def _literals(doc: dict[str, Any]) -> dict[str, Any]:
    """python-hcl2's top-level scalar attribute values of locals blocks, by name."""
    found: dict[str, Any] = {}
    for body in doc.get("locals", []):
        for name, item in body.items():
            if isinstance(item, bool | int | float) or (
                isinstance(item, str) and "${" not in item and "\\" not in item
            ):
                found[name] = item
    return found


def test_blocks_and_literals_agree_with_python_hcl2_on_every_fixture() -> None:
    compared = 0
    for path in sorted(FIXTURES.rglob("*.tf")):
        if "hostile" in path.parts:
            continue
        text = path.read_text(encoding="utf-8-sig")
        try:
            theirs = hcl2.loads(text, serialization_options=_PLAIN)
        except Exception:
            continue
        ours = native_blocks(parse_body(text, 100), path.name)
        kinds = sorted(k for k, v in theirs.items() if isinstance(v, list) and k != "locals")
        assert sorted({b.type for b in ours} - {"locals"}) == kinds, path
        for kind in kinds:
            assert len([b for b in ours if b.type == kind]) == len(theirs[kind]), (path, kind)
        mine = {
            name: constant(attribute.expr)
            for block in ours
            if block.type == "locals"
            for name, attribute in block.attributes.items()
        }
        for name, expected in _literals(theirs).items():
            assert mine[name] == expected, (path, name)
            compared += 1
    assert compared > 0
