"""Write the hostile corpus: input files crafted to crash, hang or exhaust a scan, and what a
scan must say about each.

    python scripts/make_hostile_corpus.py                  # rewrite fixtures/hostile/
    python scripts/make_hostile_corpus.py --check          # exit 1 when fixtures/hostile/ is stale
    python scripts/make_hostile_corpus.py --runtime DIR    # add the cases made at test time

Each case is one file (or link) under `<target>/`, with the diagnostics a scan must give for it,
as (code, line) pairs (line 0: unknown), and what becomes of the file: `read`, `error` (claimed
but not read), or `none` (never an input: a link that is not followed). The generator knows
where it put each construct, so the lines are the specification, not a copy of the output.
`expectations.json` records every case and the scan options the corpus is meant for;
tests/test_robustness_hostile.py scans the corpus in a memory-limited child and checks it.

Cases git cannot hold safely (symbolic links, which may loop or leave the checkout, and a sparse
file larger than the size limit) are made at test time with `--runtime` in a copy of the corpus.

`TARGETS` maps each reader to its case generator: a reader joins the corpus by adding one entry
(and its files appear under fixtures/hostile/<reader>/).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "hostile"
EXPECTATIONS = "expectations.json"
# The options the corpus is scanned with: a short budget keeps the slow case cheap.
SCAN_OPTIONS = ("--parse-timeout", "5")

Status = str  # "read" | "error" | "none"


@dataclass(frozen=True)
class Case:
    path: str  # "<target>/<name>"
    why: str
    status: Status
    diagnostics: tuple[tuple[str, int], ...]
    content: bytes | None = None  # committed; None: made at test time by `make`
    make: Callable[[Path], None] | None = None  # receives the path to create

    def expectation(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "status": self.status,
            "diagnostics": [list(d) for d in self.diagnostics],
            "why": self.why,
        }
        if self.content is None:
            entry["made_at_test_time"] = True
        return entry


class Lines:
    """Text built line by line, so a case knows the line of everything it writes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> int:
        """Append lines; the number of the first one."""
        first = len(self.lines) + 1
        self.lines.extend(lines)
        return first

    def text(self, final_newline: bool = True) -> str:
        return "\n".join(self.lines) + ("\n" if final_newline else "")

    def bytes(self) -> bytes:
        return self.text().encode("utf-8")


# ---------------------------------------------------------------------------------------------
# CloudFormation: YAML and JSON templates.

HEADER = "AWSTemplateFormatVersion: '2010-09-09'"
DEPTH = 100  # the default --max-depth: the first level past it is 101


def _template(*resource_lines: str) -> Lines:
    doc = Lines()
    doc.add(HEADER, "Resources:", "  Bucket:", "    Type: AWS::S3::Bucket")
    doc.add(*resource_lines)
    return doc


def _cfn(
    name: str, why: str, status: Status, diagnostics: list[tuple[str, int]], data: bytes
) -> Case:
    return Case(f"cloudformation/{name}", why, status, tuple(diagnostics), data)


# A bucket template plus one line holding the hostile construct: (name, why, status, code, line).
ONE_LINERS = (
    (
        "cidr_count.yaml",
        "Fn::Cidr asked for 10^8 blocks",
        "read",
        "invalid-intrinsic",
        "    Properties: {BucketName: !Select [0, !Cidr [10.0.0.0/8, 100000000, 8]]}",
    ),
    (
        "deep_flow.yaml",
        "10 000 nested flow lists on one line",
        "error",
        "too-deep",
        "    Properties: {Tags: " + "[" * 10_000 + "]" * 10_000 + "}",
    ),
    (
        "huge_integer.yaml",
        "a 10 000-digit number (int() of it is slow, and Python refuses to print it)",
        "read",
        "scalar-as-text",
        "    Properties: {BucketName: " + "9" * 10_000 + "}",
    ),
    (
        "select_index.yaml",
        "Fn::Select far past the end of its list",
        "read",
        "invalid-intrinsic",
        "    Properties: {BucketName: !Select [99999999999999999999, [a, b]]}",
    ),
    (
        "unsafe_tag.yaml",
        "a PyYAML tag that runs a command when constructed by an unsafe loader",
        "error",
        "unsupported-tag",
        '    Metadata: !!python/object/apply:os.system ["echo pwned > /tmp/pwned"]',
    ),
)


def _one_liner(name: str, why: str, status: Status, code: str, text: str) -> Case:
    doc = _template()
    return _cfn(name, why, status, [(code, doc.add(text))], doc.bytes())


def cloudformation_cases() -> list[Case]:
    cases = [_one_liner(*entry) for entry in ONE_LINERS]
    cases += [
        _alias_bomb(),
        _alias_depth(),
        _deep_block(),
        _deep_json(),
        _deep_intrinsics(),
        _deep_condition_chain(),
        _condition_cycle(),
        _duplicate_keys(),
        _multiple_documents(),
        _binary_garbage(),
        _latin1(),
        _utf16_bom(),
        _utf8_bom(),
        _truncated_yaml(),
        _truncated_json(),
        _truncated_utf8(),
        _split_amplification(),
        _findinmap_amplification(),
        _sub_many_variables(),
        _sub_unclosed(),
        _blank_head(),
        _slow_conditions(),
    ]
    return cases + _cloudformation_runtime_cases()


def _alias_bomb() -> Case:
    doc = Lines()
    doc.add(HEADER, "Metadata:")
    first = doc.add("  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]")
    for level in range(1, 9):
        doc.add(f"  l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]")
    doc.add("Resources:", "  Bucket:", "    Type: AWS::S3::Bucket", "    Metadata: {laughs: *l8}")
    # Walked in document order, the count runs out inside the l0 block.
    return _cfn(
        "alias_bomb.yaml",
        "billion laughs: 10^9 values from nine anchored lines",
        "error",
        [("too-many-nodes", first)],
        doc.bytes(),
    )


def _alias_depth() -> Case:
    doc = Lines()
    doc.add(HEADER, "Metadata:")  # the top mapping is depth 1, Metadata's mapping depth 2
    first = doc.add("  d0: &d0 [x]")
    for level in range(1, DEPTH + 20):
        doc.add(f"  d{level}: &d{level} [*d{level - 1}]")
    doc.add("Resources:", "  Bucket:", "    Type: AWS::S3::Bucket")
    # Each line is one level deeper than the one it aliases: under d98 (depth 3), d0's list is
    # at depth 101, the first place past the limit in document order.
    return _cfn(
        "alias_depth.yaml",
        "nesting built from aliases, which no constructor sees",
        "error",
        [("too-deep", first)],
        doc.bytes(),
    )


def _deep_block() -> Case:
    doc = _template("Metadata:")  # Metadata's value (depth 2) starts on the next line
    start = len(doc.lines) + 1
    for level in range(150):
        doc.add(" " * (level + 1) + f"k{level}:")
    doc.add(" " * 151 + "k: v")
    return _cfn(
        "deep_block.yaml",
        "150 nested block mappings",
        "error",
        [("too-deep", start + (DEPTH + 1 - 2))],
        doc.bytes(),
    )


def _deep_json() -> Case:
    doc = Lines()
    # Depths: template 1, Resources 2, Bucket 3, Properties 4, then one list per line from 5.
    doc.add('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Bucket": {')
    doc.add('"Type": "AWS::S3::Bucket", "Properties": {"Tags":')
    first = doc.add(*(["["] * 150))
    doc.add("]" * 150 + "}}}}")
    return _cfn(
        "deep_json.json",
        "150 nested JSON arrays",
        "error",
        [("too-deep", first + (DEPTH + 1 - 5))],
        doc.bytes(),
    )


def _deep_intrinsics() -> Case:
    doc = _template()
    # Depths: template 1, Resources 2, Bucket 3, Properties 4; then each line holds one
    # !Join mapping (5 + 3k), its argument list and its list of parts.
    first = doc.add("    Properties:", '      BucketName: !Join ["", [') + 1
    levels = 60
    for _ in range(levels - 1):
        doc.add('        !Join ["", [')
    doc.add("        x" + "]]" * levels)
    return _cfn(
        "deep_intrinsics.yaml",
        "Fn::Join nested 60 times (180 levels)",
        "error",
        [("too-deep", first + (DEPTH + 1 - 5) // 3)],
        doc.bytes(),
    )


def _deep_condition_chain() -> Case:
    doc = Lines()
    doc.add(HEADER, "Parameters:", "  Env: {Type: String}", "Conditions:")
    first = doc.add("  C0: !Not [!Condition C1]")
    for index in range(1, 150):
        doc.add(f"  C{index}: !Not [!Condition C{index + 1}]")
    doc.add("  C150: !Equals [!Ref Env, prod]")
    doc.add("Resources:", "  Bucket:", "    Type: AWS::S3::Bucket")
    doc.add("    Properties: {BucketName: !If [C0, a, b]}")
    return _cfn(
        "deep_condition_chain.yaml",
        "a chain of 150 conditions, each defined by the next",
        "error",
        [("too-deep", first + DEPTH)],
        doc.bytes(),
    )


def _condition_cycle() -> Case:
    doc = Lines()
    doc.add(HEADER, "Conditions:")
    line = doc.add("  A: !Not [!Condition B]")
    doc.add("  B: !Not [!Condition A]")
    doc.add("Resources:", "  Bucket:", "    Type: AWS::S3::Bucket")
    doc.add("    Properties: {BucketName: !If [A, a, b]}")
    return _cfn(
        "condition_cycle.yaml",
        "two conditions defined by each other",
        "read",
        [("condition-cycle", line)],
        doc.bytes(),
    )


def _duplicate_keys() -> Case:
    doc = _template("    Properties: {BucketName: a}")
    line = doc.add("  Bucket:", "    Type: AWS::S3::Bucket")
    return _cfn(
        "duplicate_keys.yaml",
        "the same logical id twice (CloudFormation keeps one, unpredictably)",
        "error",
        [("duplicate-key", line)],
        doc.bytes(),
    )


def _multiple_documents() -> Case:
    doc = _template()
    line = doc.add("---")
    doc.add(HEADER)
    return _cfn(
        "multiple_documents.yaml",
        "two YAML documents in one file",
        "error",
        [("parse-error", line)],
        doc.bytes(),
    )


def _binary_garbage() -> Case:
    rng = random.Random(7)
    head = b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::'
    data = head + bytes(rng.randrange(256) for _ in range(4096))
    try:
        data.decode("utf-8")
        raise AssertionError("the garbage must not be UTF-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    return _cfn(
        "binary_garbage.json",
        "random bytes after a template-looking start",
        "error",
        [("unreadable", line)],
        data,
    )


def _latin1() -> Case:
    doc = _template()
    line = doc.add("    Properties: {BucketName: café}")
    return _cfn(
        "latin1.yaml",
        "Latin-1 text (not UTF-8)",
        "error",
        [("unreadable", line)],
        doc.text().encode("latin-1"),
    )


def _utf16_bom() -> Case:
    text = (
        '{"AWSTemplateFormatVersion": "2010-09-09",'
        ' "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'
    )
    return _cfn(
        "utf16_bom.json", "UTF-16 with a byte-order mark: read", "read", [], text.encode("utf-16")
    )


def _utf8_bom() -> Case:
    return _cfn(
        "utf8_bom.yaml",
        "UTF-8 with a byte-order mark: read",
        "read",
        [],
        b"\xef\xbb\xbf" + _template().bytes(),
    )


def _truncated_yaml() -> Case:
    doc = _template()
    line = doc.add("    Properties: {BucketName: b, Tags: [{Key: a, Val")
    return _cfn(
        "truncated.yaml",
        "cut inside a flow mapping",
        "error",
        [("parse-error", line)],
        doc.text(final_newline=False).encode(),
    )


def _truncated_json() -> Case:
    doc = Lines()
    doc.add("{", '  "AWSTemplateFormatVersion": "2010-09-09",', '  "Resources": {')
    line = doc.add('    "B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b')
    return _cfn(
        "truncated.json",
        "cut inside a JSON string",
        "error",
        [("parse-error", line)],
        doc.text(final_newline=False).encode(),
    )


def _truncated_utf8() -> Case:
    doc = _template()
    line = doc.add("    Properties: {BucketName: café}")
    data = doc.text(final_newline=False).encode()[:-2]  # "}" and half of "é"
    return _cfn(
        "truncated_utf8.yaml",
        "cut inside a multi-byte character",
        "error",
        [("unreadable", line)],
        data,
    )


def _split_amplification() -> Case:
    doc = Lines()
    doc.add(HEADER, "Parameters:", "  Commas:", "    Type: String")
    doc.add("    Default: '" + "," * 50_000 + "'")
    line = doc.add("Resources:", "  Bucket:") + 1
    doc.add("    Type: AWS::S3::Bucket", "    Properties:")
    joined = ", ".join(["!Ref Commas"] * 20)
    doc.add(f"      Tags: !Split [',', !Join [',', [{joined}]]]")
    return _cfn(
        "split_amplification.yaml",
        "Fn::Split of a joined parameter into a million values",
        "error",
        [("too-many-values", line)],
        doc.bytes(),
    )


def _findinmap_amplification() -> Case:
    doc = Lines()
    doc.add(HEADER, "Mappings:", "  Big:", "    Key:")
    doc.add("      Values: [" + ", ".join(f"v{i}" for i in range(2000)) + "]")
    line = doc.add("Resources:", "  Bucket:") + 1
    doc.add("    Type: AWS::S3::Bucket", "    Properties:", "      Tags:")
    doc.add(*(["        - !FindInMap [Big, Key, Values]"] * 600))
    return _cfn(
        "findinmap_amplification.yaml",
        "one 2000-value mapping copied 600 times",
        "error",
        [("too-many-values", line)],
        doc.bytes(),
    )


def _sub_many_variables() -> Case:
    doc = Lines()
    doc.add(HEADER, "Parameters:", "  Block:", "    Type: String")
    doc.add("    Default: " + "x" * 1000)
    line = doc.add("Resources:", "  Bucket:") + 1
    doc.add("    Type: AWS::S3::Bucket", "    Properties:")
    names = [f"v{i}" for i in range(2000)]
    template = "".join(f"${{{n}}}" for n in names)
    variables = ", ".join(f"{n}: !Ref Block" for n in names)
    doc.add(f"      BucketName: !Sub ['{template}', {{{variables}}}]")
    return _cfn(
        "sub_many_variables.yaml",
        "Fn::Sub with 2000 variables, each a 1000-character parameter",
        "error",
        [("value-too-long", line)],
        doc.bytes(),
    )


def _sub_unclosed() -> Case:
    doc = _template()
    doc.add("    Properties: {BucketName: !Sub '" + "${" * 30_000 + "'}")
    return _cfn(
        "sub_unclosed.yaml",
        "30 000 unclosed ${ in Fn::Sub (quadratic for a naive pattern): read",
        "read",
        [],
        doc.bytes(),
    )


def _blank_head() -> Case:
    data = b"\n" * 65_536 + _template().bytes()
    return _cfn(
        "blank_head.yaml",
        "64 KiB of blank lines before the template (quadratic for a naive detection pattern);"
        " no template marker in the first 64 KiB, so not an input",
        "none",
        [],
        data,
    )


def _slow_conditions() -> Case:
    doc = Lines()
    doc.add(HEADER, "Parameters:", "  Env: {Type: String}", "Conditions:")
    for index in range(24):
        doc.add(f"  C{index}: !Equals [!Ref Env, e{index}]")
    doc.add("Resources:")
    # Each bucket depends on its own eight mutually exclusive conditions: the solver tries
    # 128 combinations for each, to find the nine that can hold. Legitimate, just slow.
    combos = itertools.islice(itertools.combinations(range(24), 8), 0, None, 997)
    for index, combo in zip(range(300), combos, strict=False):
        doc.add(f"  B{index}:", "    Type: AWS::S3::Bucket", "    Properties:", "      Tags:")
        doc.add(*(f"        - !If [C{c}, {{Key: k, Value: v}}, !Ref AWS::NoValue]" for c in combo))
    return _cfn(
        "slow_conditions.yaml",
        "a template whose conditions take tens of seconds to enumerate",
        "error",
        [("parse-timeout", 0)],
        doc.bytes(),
    )


def _cloudformation_runtime_cases() -> list[Case]:
    def link(target: Callable[[Path], Path], directory: bool = False) -> Callable[[Path], None]:
        def make(path: Path) -> None:
            path.symlink_to(target(path), target_is_directory=directory)

        return make

    def sparse(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(_template().bytes())
            handle.truncate(21 * 1024 * 1024)  # over the default 20 MB, without the disk space

    here = Path(__file__).resolve()
    return [
        Case(
            "cloudformation/loop_a.yaml",
            "a symbolic link to a link back to it",
            "none",
            (("symlink-loop", 0),),
            make=link(lambda p: p.with_name("loop_b.yaml")),
        ),
        Case(
            "cloudformation/loop_b.yaml",
            "the other half of the loop",
            "none",
            (("symlink-loop", 0),),
            make=link(lambda p: p.with_name("loop_a.yaml")),
        ),
        Case(
            "cloudformation/escape.yaml",
            "a symbolic link to a file outside the scanned root (think ~/.aws/credentials)",
            "none",
            (("outside-root", 0),),
            make=link(lambda p: here),
        ),
        Case(
            "cloudformation/escape_dir",
            "a symbolic link to a folder outside the scanned root",
            "none",
            (("outside-root", 0),),
            make=link(lambda p: here.parent, directory=True),
        ),
        Case(
            "cloudformation/oversized.yaml",
            "a template padded to 21 MB (sparse: no disk space)",
            "error",
            (("file-too-large", 0),),
            make=sparse,
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Terraform: every case is its own root module (a folder), since a root is read as a whole.

BUCKET_TF = ('resource "aws_s3_bucket" "b" {', '  bucket = "b"', "}")


def _tf(
    path: str, why: str, status: Status, diagnostics: list[tuple[str, int]], data: bytes
) -> Case:
    return Case(f"terraform/{path}", why, status, tuple(diagnostics), data)


def _tf_one_liner(folder: str, why: str, status: Status, code: str, text: str) -> Case:
    doc = Lines()
    doc.add(*BUCKET_TF)
    line = doc.add(text)
    return _tf(f"{folder}/main.tf", why, status, [(code, line)] if code else [], doc.bytes())


TF_ONE_LINERS = (
    (
        "module_outside",
        "a module whose source leaves the scanned root",
        "read",
        "outside-root",
        'module "escape" {\n  source = "../../../../../../etc"\n}',
    ),
    (
        "file_outside",
        "file() of a path outside the scanned root (think ~/.aws/credentials)",
        "read",
        "outside-root",
        'resource "aws_s3_object" "o" {\n  content = file("../../../../../../etc/passwd")\n}',
    ),
    (
        "file_dev_zero",
        "file() of /dev/zero, which never ends",
        "read",
        "outside-root",
        'resource "aws_s3_object" "o" {\n  content = file("/dev/zero")\n}',
    ),
    (
        "huge_count",
        "count asks for 10^12 copies of a resource (read as a count that is not known)",
        "read",
        "too-many-instances",
        'resource "aws_s3_bucket" "many" {\n  count = 1000000000000\n}',
    ),
    (
        "huge_for_each",
        "for_each over 5000 keys (read as keys not known)",
        "read",
        "too-many-instances",
        'resource "aws_s3_bucket" "many" {\n  for_each = toset(flatten([for i in range(1000) :'
        ' [for j in range(5) : "${i}-${j}"]]))\n}',
    ),
    (
        "format_width",
        "format() padding one number to 10^9 characters",
        "error",
        "value-too-long",
        'resource "aws_s3_bucket" "wide" { bucket = format("%01000000000d", 1) }',
    ),
    (
        "replace_amplification",
        "replace() turning each of 10 000 characters into 1000",
        "error",
        "value-too-long",
        'resource "aws_s3_bucket" "big" { bucket = replace(join("", [for i in range(1000)'
        ' : "xxxxxxxxxx"]), "x", join("", [for i in range(1000) : "y"])) }',
    ),
    (
        "nested_for",
        "for expressions nested three deep over 1000 elements each: 10^9 values",
        "error",
        "too-many-values",
        'resource "aws_s3_bucket" "big" { bucket = length(flatten([for i in range(1000) :'
        " [for j in range(1000) : [for k in range(1000) : k]]])) }",
    ),
)


def terraform_cases() -> list[Case]:
    cases = [_tf_one_liner(*entry) for entry in TF_ONE_LINERS]
    cases += [
        _tf_module_cycle(),
        *_tf_module_depth(),
        _tf_deep_nesting(),
        *_tf_templatefile_amplification(),
        _tf_binary(),
        _tf_latin1(),
        _tf_utf16(),
        _tf_utf8_bom(),
        _tf_json_deep(),
        *_tf_tfvars_garbage(),
        _tf_truncated(),
    ]
    return cases + _terraform_runtime_cases()


def _tf_module_cycle() -> Case:
    doc = Lines()
    doc.add(*BUCKET_TF)
    line = doc.add('module "again" {', '  source = "./"', "}")
    return _tf(
        "module_cycle/main.tf",
        "a module that calls itself",
        "read",
        [("module-cycle", line)],
        doc.bytes(),
    )


def _tf_module_depth() -> list[Case]:
    """A chain of 20 nested module folders, each calling the next: the call from the 16th
    level (MAX_MODULE_DEPTH) is cut. Each folder is also a root of its own, whose chain is
    shorter."""
    cases = []
    levels = 20
    for level in range(levels + 1):
        folder = "module_depth" + "/m" * level
        doc = Lines()
        doc.add(*BUCKET_TF)
        diagnostics: list[tuple[str, int]] = []
        if level < levels:
            line = doc.add('module "next" {', '  source = "./m"', "}")
            if level == 16:
                diagnostics = [("too-deep", line)]
        cases.append(
            _tf(
                f"{folder}/main.tf",
                f"level {level} of a chain of {levels} nested modules",
                "read",
                diagnostics,
                doc.bytes(),
            )
        )
    return cases


def _tf_deep_nesting() -> Case:
    doc = Lines()
    doc.add("locals {")
    first = doc.add(*(["  deep = ["] + ["[" for _ in range(149)]))
    doc.add("]" * 150, "}")
    return _tf(
        "deep_nesting/main.tf",
        "150 nested lists",
        "error",
        [("too-deep", first + DEPTH - 1)],
        doc.bytes(),
    )


def _tf_templatefile_amplification() -> list[Case]:
    template = "%{ for i in range(600) }%{ for j in range(1000) }xx%{ endfor }%{ endfor }\n"
    doc = Lines()
    doc.add(*BUCKET_TF)
    line = doc.add(
        'resource "aws_s3_bucket" "big" { bucket = templatefile("${path.module}/big.tftpl", {}) }'
    )
    return [
        _tf(
            "templatefile_amplification/main.tf",
            "templatefile() of a template that writes 1.2 million characters",
            "error",
            [("value-too-long", line)],
            doc.bytes(),
        ),
        _tf(
            "templatefile_amplification/big.tftpl",
            "the template (not an input of its own)",
            "none",
            [],
            template.encode(),
        ),
    ]


def _bad_line(data: bytes) -> int:
    """The line of the first byte that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    raise AssertionError("the data must not be UTF-8")


def _tf_binary() -> Case:
    rng = random.Random(11)
    data = b'resource "aws_s3_bucket" "b" {\n' + bytes(rng.randrange(256) for _ in range(4096))
    return _tf("binary/main.tf", "random bytes", "error", [("unreadable", _bad_line(data))], data)


def _tf_latin1() -> Case:
    doc = Lines()
    doc.add('resource "aws_s3_bucket" "b" {', '  bucket = "café"', "}")
    data = doc.text().encode("latin-1")
    return _tf(
        "latin1/main.tf",
        "Latin-1 text (not UTF-8)",
        "error",
        [("unreadable", _bad_line(data))],
        data,
    )


def _tf_utf16() -> Case:
    doc = Lines()
    doc.add(*BUCKET_TF)
    data = doc.text().encode("utf-16")
    return _tf(
        "utf16/main.tf",
        "UTF-16 with a byte-order mark (Terraform reads only UTF-8)",
        "error",
        [("unreadable", _bad_line(data))],
        data,
    )


def _tf_utf8_bom() -> Case:
    doc = Lines()
    doc.add(*BUCKET_TF)
    return _tf(
        "utf8_bom/main.tf",
        "UTF-8 with a byte-order mark: read",
        "read",
        [],
        b"\xef\xbb\xbf" + doc.bytes(),
    )


def _tf_json_deep() -> Case:
    doc = Lines()
    doc.add('{"locals": {"deep":')  # depths: document 1, locals 2, deep's list from 3
    first = doc.add(*(["["] * 150))
    doc.add("]" * 150 + "}}")
    return _tf(
        "json_deep/main.tf.json",
        "150 nested JSON arrays in a .tf.json file",
        "error",
        [("too-deep", first + DEPTH - 2)],
        doc.bytes(),
    )


def _tf_tfvars_garbage() -> list[Case]:
    rng = random.Random(13)
    data = b"region = " + bytes(rng.randrange(32, 127) for _ in range(2048))
    config = Lines()
    config.add('variable "region" {}', *BUCKET_TF)
    return [
        _tf(
            "tfvars_garbage/terraform.tfvars",
            "a variables file of printable garbage",
            "error",
            [("parse-error", 1)],
            data,
        ),
        _tf("tfvars_garbage/main.tf", "the configuration it sets", "read", [], config.bytes()),
    ]


def _tf_truncated() -> Case:
    doc = Lines()
    doc.add('resource "aws_s3_bucket" "b" {')
    line = doc.add('  bucket = "b')
    return _tf(
        "truncated/main.tf",
        "cut inside a string",
        "error",
        [("parse-error", line)],
        doc.text(final_newline=False).encode(),
    )


def _terraform_runtime_cases() -> list[Case]:
    def file_link(path: Path) -> None:
        path.symlink_to(Path(__file__).resolve())

    def loop(path: Path) -> None:
        path.symlink_to(path.name)

    doc = Lines()
    doc.add(*BUCKET_TF)
    line = doc.add('resource "aws_s3_object" "o" {', '  content = file("secret.txt")', "}")
    return [
        _tf(
            "file_symlink/main.tf",
            "file() of a link that leaves the scanned root",
            "read",
            [("outside-root", line)],
            doc.bytes(),
        ),
        Case(
            "terraform/file_symlink/secret.txt",
            "the link file() reads, to a file outside the scanned root",
            "none",
            (("outside-root", 0),),
            make=file_link,
        ),
        Case(
            "terraform/symlink_loop/main.tf",
            "a configuration file that is a link to itself",
            "none",
            (("symlink-loop", 0),),
            make=loop,
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Terraform plan and state JSON.

PLAN_HEAD = '{"format_version": "1.2", "terraform_version": "1.7.0",'


def _plan(name: str, why: str, status: Status, code: str, line: int, data: bytes) -> Case:
    return Case(f"terraform-plan/{name}", why, status, ((code, line),) if code else (), data)


def plan_cases() -> list[Case]:
    deep = Lines()
    deep.add(PLAN_HEAD, '"planned_values": {"root_module": {"resources": [{"values": {"tags":')
    first = deep.add(*(["["] * 150))  # depths: 1 plan, 2, 3, 4 list, 5 item, 6 values, 7 tags
    deep.add("]" * 150 + "}}]}}}")
    huge = PLAN_HEAD + ' "planned_values": {"root_module": {"resources": [{"address":'
    huge += ' "aws_s3_bucket.b", "type": "aws_s3_bucket", "name": "b", "values": {"tags_all":'
    huge += " [" + ",".join(["0"] * 100_000) + "]}}]}}}\n"
    shapes = Lines()
    shapes.add(PLAN_HEAD, '"planned_values": ["not", "an", "object"],')
    shapes.add('"resource_changes": {"also": "wrong"}, "configuration": 7}')
    types = Lines()
    types.add(PLAN_HEAD, '"planned_values": {"root_module": {"resources": [')
    types.add('{"address": 1, "type": ["aws_s3_bucket"], "name": null, "values": "text",')
    types.add('"mode": {}, "provider_name": 2.5, "child_modules": "no"}]}}}')
    future = Lines()
    future.add('{"format_version": "99.0", "terraform_version": "99.0.0", "planned_values": {}}')
    truncated = Lines()
    truncated.add(PLAN_HEAD, '"planned_values": {"root_module": {"resources": [{"address": "aws_')
    return [
        _plan(
            "deep.json",
            "150 nested JSON arrays",
            "error",
            "too-deep",
            first + DEPTH - 6,  # the first list is at depth 7
            deep.bytes(),
        ),
        _plan(
            "huge_array.json",
            "a list of 100 000 values",
            "read",
            "",
            0,
            huge.encode(),
        ),
        _plan(
            "wrong_shapes.json",
            "lists where objects belong, objects where lists belong",
            "error",
            "parse-error",
            0,
            shapes.bytes(),
        ),
        _plan(
            "wrong_types.json",
            "numbers, lists and nulls where strings belong",
            "read",
            "",
            0,
            types.bytes(),
        ),
        _plan(
            "unsupported_version.json",
            "a format_version from the future",
            "error",
            "unsupported-format",
            1,
            future.bytes(),
        ),
        _plan(
            "truncated.json",
            "cut inside a string",
            "error",
            "parse-error",
            2,
            truncated.text(final_newline=False).encode(),
        ),
    ]


# ---------------------------------------------------------------------------------------------
# AWS Config: snapshots (.json, .json.gz) and JSON lines.


def _config_item(index: int, **changes: object) -> dict[str, object]:
    item: dict[str, object] = {
        "resourceType": "AWS::S3::Bucket",
        "resourceId": f"bucket-{index}",
        "resourceName": f"bucket-{index}",
        "awsAccountId": "111122223333",
        "awsRegion": "eu-west-1",
        "configurationItemCaptureTime": "2024-05-02T09:14:07.000Z",
        "configurationItemStatus": "OK",
        "configuration": {"name": f"bucket-{index}"},
        "relationships": [],
    }
    item.update(changes)
    return item


def _snapshot(items: list[dict[str, object]]) -> Lines:
    """A snapshot with one item per line, so that each item's line is known."""
    doc = Lines()
    doc.add('{"fileVersion": "1.0", "configurationItems": [')
    for index, item in enumerate(items):
        doc.add(json.dumps(item, sort_keys=True) + ("," if index < len(items) - 1 else ""))
    doc.add("]}")
    return doc


def _config(
    name: str, why: str, status: Status, diagnostics: list[tuple[str, int]], data: bytes
) -> Case:
    return Case(f"aws-config/{name}", why, status, tuple(diagnostics), data)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: the same bytes every run


def config_cases() -> list[Case]:
    bomb = b'{"fileVersion": "1.0", "configurationItems": [' + b" " * (25 * 1024 * 1024)
    truncated = _snapshot([_config_item(i) for i in range(3)]).bytes()
    lines = Lines()
    lines.add(json.dumps(_config_item(1), sort_keys=True))
    garbage = lines.add("{not json at all")
    lines.add(json.dumps(_config_item(2), sort_keys=True))
    twice = _snapshot([_config_item(1, configuration='{"name": "bucket-1", "owner": {')])
    types = _snapshot([_config_item(1, awsRegion=7, resourceType=["AWS::S3::Bucket"])])
    relationships = [
        {
            "resourceType": "AWS::EC2::VPC",
            "resourceId": f"vpc-{i % 10}",
            "name": "Is contained in Vpc",
        }
        for i in range(100_000)
    ]
    huge_relationships = _snapshot([_config_item(1, relationships=relationships)])
    many_bad = _snapshot([_config_item(0, awsRegion=7)] * 10_000)
    deep = Lines()
    deep.add('{"fileVersion": "1.0", "configurationItems": [{"resourceType": "AWS::S3::Bucket",')
    first = deep.add('"configuration":', *(["["] * 150)) + 1  # depths: file 1, list 2, item 3
    deep.add("]" * 150 + "}]}")
    rng = random.Random(17)
    binary = b'{"configurationItems": [{"resourceType": "AWS::S3::' + bytes(
        rng.randrange(256) for _ in range(4096)
    )
    utf16 = _snapshot([_config_item(1)]).text().encode("utf-16")
    return [
        _config(
            "gzip_bomb.json.gz",
            "25 MiB of blanks in 25 KiB of gzip",
            "error",
            [("decompressed-too-large", 0)],
            _gzip(bomb),
        ),
        _config(
            "truncated.json.gz",
            "a snapshot whose gzip stream is cut in half",
            "error",
            [("parse-error", 0)],
            _gzip(truncated)[: len(_gzip(truncated)) // 2],
        ),
        _config(
            "garbage_line.jsonl",
            "a line of garbage between two items",
            "read",
            [("parse-error", garbage)],
            lines.bytes(),
        ),
        _config(
            "twice_encoded.json",
            "a configuration encoded as a JSON string, cut short",
            "error",
            [("config-item", 2)],
            twice.bytes(),
        ),
        _config(
            "wrong_types.json",
            "a number where the region belongs, a list where the type belongs",
            "error",
            [("config-item", 2)],
            types.bytes(),
        ),
        _config(
            "huge_relationships.json.gz",
            "one item related to 100 000 resources (gzip keeps the committed file small)",
            "read",
            [],
            _gzip(huge_relationships.bytes()),
        ),
        _config(
            "many_bad_items.json.gz",
            "10 000 items, each with a number for a region: one diagnostic, not 10 000",
            "error",
            [("config-item", 2)],
            _gzip(many_bad.bytes()),
        ),
        _config(
            "deep.json",
            "150 nested arrays in an item's configuration",
            "error",
            [("too-deep", first + DEPTH - 3)],  # the first list is at depth 4
            deep.bytes(),
        ),
        _config(
            "binary_garbage.json",
            "random bytes after a snapshot-looking start",
            "error",
            [("parse-error", 0)],
            binary,
        ),
        _config("utf16_bom.json", "UTF-16 with a byte-order mark: read", "read", [], utf16),
    ]


# ---------------------------------------------------------------------------------------------
# Account exports: IAM credential report (CSV) and the JSON the AWS CLI writes.

ACCOUNT = "account-export/111122223333"
# What the reader looks for first; the report's other columns are left out, a hostile detail too.
CREDENTIAL_HEADER = "user,arn,user_creation_time,password_enabled,mfa_active"


def _export(
    name: str, why: str, status: Status, diagnostics: list[tuple[str, int]], data: bytes
) -> Case:
    return Case(f"{ACCOUNT}/{name}", why, status, tuple(diagnostics), data)


def account_export_cases() -> list[Case]:
    malformed = Lines()
    malformed.add(CREDENTIAL_HEADER)
    malformed.add("<root_account>,arn:aws:iam::111122223333:root,not-a-date")
    malformed.add('alice,"arn:aws:iam::111122223333:user/alice,' + "x," * 40)
    malformed.add("\x00\x01\x02,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,")
    huge = Lines()
    huge.add(CREDENTIAL_HEADER)
    line = huge.add('bob,"' + "a" * 200_000 + '",true')
    trails = '{"trailList": {"Name": "not-a-list"}}\n'
    details = '{"UserDetailList": ["alice", 7, null], "RoleDetailList": {"r": 1}}\n'
    rules = '{"ConfigRules": [{"ConfigRuleName": 7, "Source": "managed"}, "x", null]}\n'
    deep = Lines()
    deep.add('{"trailList": [{"Name": "t", "EventSelectors":')  # depths: 1, list 2, trail 3
    first = deep.add(*(["["] * 150))
    deep.add("]" * 150 + "}]}")
    return [
        _export(
            "iam/credential-report.csv",
            "a credential report with short, long and binary rows and a bad date",
            "read",
            [],
            malformed.bytes(),
        ),
        _export(
            "iam-huge-field/credential-report.csv",
            "a credential report with a 200 000-character field (over the csv module's limit)",
            "error",
            [("parse-error", line)],
            huge.bytes(),
        ),
        _export(
            "cloudtrail/trails.json",
            "an object where the list of trails belongs",
            "read",
            [],
            trails.encode(),
        ),
        _export(
            "iam/authorization-details.json",
            "users that are not objects, roles that are not a list",
            "read",
            [],
            details.encode(),
        ),
        _export(
            "config-service/config-rules.json",
            "rules that are numbers, text and null",
            "read",
            [],
            rules.encode(),
        ),
        _export(
            "cloudtrail-deep/trails.json",
            "150 nested arrays in a trail",
            "error",
            [("too-deep", first + DEPTH - 3)],  # the first list is at depth 4
            deep.bytes(),
        ),
    ]


# ---------------------------------------------------------------------------------------------

# One entry per reader the corpus attacks.
TARGETS: dict[str, Callable[[], list[Case]]] = {
    "cloudformation": cloudformation_cases,
    "terraform": terraform_cases,
    "terraform-plan": plan_cases,
    "aws-config": config_cases,
    "account-export": account_export_cases,
}


def all_cases() -> list[Case]:
    return sorted(
        (case for generate in TARGETS.values() for case in generate()), key=lambda c: c.path
    )


def expectations(cases: list[Case]) -> str:
    document = {
        "scan_options": list(SCAN_OPTIONS),
        "files": {case.path: case.expectation() for case in cases},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def committed(cases: list[Case]) -> dict[str, bytes]:
    """Every committed file of the corpus, by its path relative to the corpus folder."""
    files = {case.path: case.content for case in cases if case.content is not None}
    files[EXPECTATIONS] = expectations(cases).encode("utf-8")
    return files


def write(corpus: Path) -> None:
    wanted = committed(all_cases())
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() or p.is_symlink()):
        if path.relative_to(corpus).as_posix() not in wanted:
            path.unlink()
    for name, data in wanted.items():
        target = corpus / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def stale(corpus: Path) -> list[str]:
    """The committed files that differ from what the generator writes."""
    wanted = committed(all_cases())
    present = (
        {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
        if corpus.is_dir()
        else set()
    )
    problems = sorted(present - set(wanted))
    for name, data in wanted.items():
        path = corpus / name
        if not path.is_file() or path.read_bytes() != data:
            problems.append(name)
    return sorted(problems)


def make_runtime(corpus: Path) -> None:
    """Add the cases git cannot hold safely to a copy of the corpus."""
    for case in all_cases():
        if case.make is not None:
            target = corpus / case.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or target.exists():
                target.unlink()
            case.make(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when the corpus is stale")
    parser.add_argument("--runtime", type=Path, help="add the test-time cases to this copy")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runtime is not None:
        make_runtime(args.runtime)
        return 0
    if args.check:
        problems = stale(args.corpus)
        for name in problems:
            print(f"stale: {name} (run python scripts/make_hostile_corpus.py)", file=sys.stderr)
        return 1 if problems else 0
    write(args.corpus)
    print(f"wrote {len(committed(all_cases()))} files to {os.path.relpath(args.corpus)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
