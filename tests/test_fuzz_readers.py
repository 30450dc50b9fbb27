"""Fuzz every reader (and decoder) with mutated real files and generated structures.

Invariants, for any input: no exception escapes the reader (the dispatcher would report it as
`reader-error`), nothing hangs (`parse-timeout` within the per-file budget, and a deadline on
each example), and the report built from the result validates against its schema. A decoder
returns a document or errors, and never raises.

`TARGETS` holds one line per fuzzed reader or decoder; a new reader joins with its line (and a
strategy generating its format). CI runs a few hundred derandomized examples per test; set
CSMM_FUZZ_EXAMPLES and CSMM_FUZZ_SEED for other runs, or use scripts/fuzz_campaign.py, which
calls the `fuzz_*` functions with a `Run` of its own.
"""

from __future__ import annotations

import copy
import dataclasses
import gzip
import json
import os
import re
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from csmm_static.engine import evaluate
from csmm_static.paths import schema_path
from csmm_static.readers import (
    ParseOptions,
    Reader,
    account_exports,
    awsconfig,
    cloudformation,
    parse,
    terraform,
)
from csmm_static.readers.base import decode_text
from csmm_static.readers.cfn_yaml import decode
from csmm_static.report import ScanInput, build
from tests.conftest import CORPORA, FIXTURES, builtin_controls

MAX_SEED_BYTES = 64 * 1024  # larger files make slow examples and add little
# A budget far above any example's cost, so that only a real hang reaches it (not a pause of
# the garbage collector on a loaded machine).
OPTIONS = ParseOptions(parse_timeout=10)


@dataclass(frozen=True)
class Run:
    """How many examples, and from which seed (None: the same derandomized inputs every run)."""

    examples: int = int(os.environ.get("CSMM_FUZZ_EXAMPLES", "300"))
    seed: int | None = int(os.environ["CSMM_FUZZ_SEED"]) if "CSMM_FUZZ_SEED" in os.environ else None


# ---------------------------------------------------------------------------------------------
# Checks: what must hold for one input.


@lru_cache(maxsize=1)
def _report_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@dataclass(frozen=True)
class ReaderCheck:
    """Scan the bytes (`encode`d: compressed, say) as one file through `parse`: no reader error,
    no timeout, and a file claimed but not read has a diagnostic that says why. Every
    `report_every`-th input also goes through the controls into a report that must validate
    against its schema (the costly part: a campaign checks a sample, CI every input)."""

    reader: Reader
    suffix: str
    encode: Callable[[bytes], bytes] = bytes
    report_every: int = 1

    def __call__(self, data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / f"input{self.suffix}").write_bytes(self.encode(data))
            parsed = parse([folder], OPTIONS, readers=(self.reader,))
        problems = [d for d in parsed.diagnostics if d.code in ("reader-error", "parse-timeout")]
        assert not problems, problems
        explained = {d.file for d in parsed.diagnostics}
        unexplained = [f for f in parsed.files if f.status == "error" and f.file not in explained]
        assert not unexplained, unexplained
        # Sampled by content, so that hypothesis, replaying an input, makes the same choice.
        if zlib.crc32(data) % self.report_every:
            return
        controls = builtin_controls()
        report = build(ScanInput(parsed, controls, evaluate(controls, parsed.graph), "workload"))
        _report_schema().validate(report)


def reader_check(
    reader: Reader, suffix: str, encode: Callable[[bytes], bytes] = bytes
) -> ReaderCheck:
    return ReaderCheck(reader, suffix, encode)


# What YAML counts as a line break (a lone CR, NEL and the Unicode separators too).
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def decoder_check(function: Callable[[str], tuple[Any, list[Any]]]) -> Callable[[bytes], None]:
    """Decode the text (as the reader would see it): a document (None for an empty one) or
    errors with lines inside the text, never an exception."""

    def check(data: bytes) -> None:
        text, problem, _ = decode_text(data)
        if problem:  # the reader stops here; the decoder still gets the text, repaired
            text = data.decode("utf-8", "replace")
        document, errors = function(text)
        last = len(LINE_BREAKS.findall(text)) + 1
        assert all(e.message and e.code and 0 <= e.line <= last for e in errors), errors
        if document is not None:  # read, perhaps leniently: only warnings
            assert all(e.code == "scalar-as-text" for e in errors), errors

    return check


# ---------------------------------------------------------------------------------------------
# Inputs: real files mutated byte by byte or value by value, and generated structures.

TOKENS = [
    b"!Ref ",
    b"!GetAtt ",
    b"!Sub '${",
    b"${AWS::Region}",
    b"!If [",
    b"!Condition ",
    b"!Join [",
    b"!Select [",
    b"!Split [",
    b"!Cidr [",
    b"!FindInMap [",
    b"!Base64 ",
    b"Fn::If",
    b"Ref: ",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"\n  ",
    b"\n- ",
    b"'",
    b'"',
    b"\t",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"!!python/object/apply:os.system [x]",
    b"!!binary ",
    b"!!set ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"Condition: ",
    b"DependsOn: ",
    b"9" * 5000,
    b"2001-02-30",
    b".inf",
    b".nan",
    b"0x" + b"f" * 4000,
    b"[" * 300,
]


# Edits, weighted so that most inputs still decode and still look like the format: a mutant
# the reader rejects at the first byte tests little.
OVERWRITE, DELETE, INSERT, TOKEN, REPEAT, TRUNCATE = range(6)
EDITS = [OVERWRITE, DELETE, DELETE, INSERT, TOKEN, TOKEN, TOKEN, REPEAT, REPEAT, TRUNCATE]
BYTES = st.sampled_from(list(range(32, 127)) * 3 + [9, 10, 13] * 8 + list(range(256)))


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[bytes, ...], marker: bytes) -> bytes:
    """A seed with a few byte edits after the line holding `marker`, which a reader looks for
    before reading anything (a mutant no reader claims tests nothing)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    start = data.find(b"\n", data.find(marker)) + 1 if marker in data else 0
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(start, len(data)))
        edit = draw(st.sampled_from(EDITS))
        if edit == OVERWRITE and data:
            data[min(at, len(data) - 1)] = draw(BYTES)
        elif edit == DELETE:
            del data[at : at + draw(st.integers(1, 64))]
        elif edit == INSERT:
            data[at:at] = bytes(draw(st.lists(BYTES, min_size=1, max_size=16)))
        elif edit == TOKEN:  # something that means something to a decoder
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif edit == REPEAT:  # a slice again, somewhere else, maybe many times
            piece = bytes(data[at : at + draw(st.integers(1, 256))])
            where = draw(st.integers(start, len(data)))
            data[where:where] = piece * draw(st.integers(1, 8))
        else:
            del data[at:]
    return bytes(data)


def _containers(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a decoded document."""
    found: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        keys: list[Any] = list(node) if isinstance(node, dict) else []
        keys = keys or (list(range(len(node))) if isinstance(node, list) else [])
        for key in keys:
            found.append((node, key))
            stack.append(node[key])
    return found


@st.composite
def grafted(draw: st.DrawFn, trees: tuple[Any, ...], values: st.SearchStrategy[Any]) -> Any:
    """A decoded seed with a few of its values replaced by generated ones: real shapes, hostile
    details, and still valid syntax."""
    tree = copy.deepcopy(draw(st.sampled_from(trees)))
    for _ in range(draw(st.integers(1, 4))):
        places = _containers(tree)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        container[key] = copy.deepcopy(draw(values))  # drawn values may be shared
    return tree


def _seeds(root: Path, patterns: tuple[str, ...]) -> tuple[bytes, ...]:
    """The seed files' bytes (decompressed: mutations of compressed bytes test only gzip)."""
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    found = (
        gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files
    )
    return tuple(data for data in found if len(data) <= MAX_SEED_BYTES)


def _json_or_yaml(document: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    return st.tuples(document, st.booleans()).map(
        lambda t: (json.dumps(t[0]) if t[1] else yaml.safe_dump(t[0])).encode("utf-8")
    )


# CloudFormation templates: every section, every intrinsic the reader evaluates, references
# between them that resolve, dangle or loop.
NAMES = st.sampled_from(["A", "B", "C", "Bucket", "Role", "AWS::Region", "AWS::NoValue", "Nope"])
RESOURCE_TYPES = st.sampled_from(
    [
        "AWS::S3::Bucket",
        "AWS::S3::BucketPolicy",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::Instance",
        "AWS::IAM::Role",
        "AWS::RDS::DBInstance",
        "Custom::Thing",
    ]
)
SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.sampled_from(["0.0.0.0/0", "10.0.0.0/16", "::/0", "true", "Enabled", "${A}", "a,b,c"]),
)


def _values(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    pair = st.tuples(inner, inner).map(list)
    return st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["Key", "Value", "Status", "Ref", "Fn::If"]), inner),
        NAMES.map(lambda n: {"Ref": n}),
        st.one_of(st.tuples(NAMES, st.text(max_size=8)).map(list), NAMES).map(
            lambda a: {"Fn::GetAtt": a}
        ),
        st.one_of(
            st.text(max_size=20).map(lambda t: t + "${A}${AWS::Region}${!Literal}"),
            st.tuples(st.text(max_size=10), st.dictionaries(NAMES, inner)).map(list),
        ).map(lambda a: {"Fn::Sub": a}),
        st.tuples(st.text(max_size=2), st.lists(inner, max_size=4)).map(
            lambda a: {"Fn::Join": list(a)}
        ),
        pair.map(lambda a: {"Fn::Select": a}),
        pair.map(lambda a: {"Fn::Split": a}),
        st.tuples(NAMES, inner, inner).map(lambda a: {"Fn::If": list(a)}),
        st.tuples(NAMES, NAMES, NAMES).map(lambda a: {"Fn::FindInMap": list(a)}),
        st.tuples(SCALARS, st.integers(-5, 300), st.integers(-5, 140)).map(
            lambda a: {"Fn::Cidr": list(a)}
        ),
        st.sampled_from(["Fn::Base64", "Fn::ToJsonString", "Fn::Length", "Fn::GetAZs"]).flatmap(
            lambda key: inner.map(lambda v: {key: v})
        ),
        st.tuples(st.sampled_from(["Fn::ImportValue", "Fn::Nope", "Condition"]), inner).map(
            lambda a: {a[0]: a[1]}
        ),
    )


VALUES = st.recursive(SCALARS, _values, max_leaves=12)
CONDITIONS = st.recursive(
    st.one_of(
        st.tuples(VALUES, VALUES).map(lambda a: {"Fn::Equals": list(a)}),
        NAMES.map(lambda n: {"Condition": n}),
        st.booleans(),
    ),
    lambda inner: st.one_of(
        inner.map(lambda c: {"Fn::Not": [c]}),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"Fn::And": c}),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"Fn::Or": c}),
    ),
    max_leaves=6,
)
PARAMETERS = st.fixed_dictionaries(
    {
        "Type": st.sampled_from(
            [
                "String",
                "Number",
                "CommaDelimitedList",
                "List<String>",
                "AWS::SSM::Parameter::Value<String>",
            ]
        )
    },
    optional={"Default": st.one_of(SCALARS, st.lists(SCALARS, max_size=3))},
)
RESOURCES = st.fixed_dictionaries(
    {"Type": RESOURCE_TYPES},
    optional={
        "Properties": st.dictionaries(st.text(min_size=1, max_size=10), VALUES, max_size=5),
        "Condition": NAMES,
        "DependsOn": st.one_of(NAMES, st.lists(NAMES, max_size=3)),
        "Metadata": st.builds(lambda: {"csmm": {"ignore": [{"control": "x", "reason": "y"}]}}),
    },
)
TEMPLATES = st.fixed_dictionaries(
    {"Resources": st.dictionaries(NAMES.filter(lambda n: "::" not in n), RESOURCES, min_size=1)},
    optional={
        "AWSTemplateFormatVersion": st.just("2010-09-09"),
        "Parameters": st.dictionaries(NAMES, PARAMETERS, max_size=3),
        "Mappings": st.dictionaries(NAMES, st.dictionaries(NAMES, st.dictionaries(NAMES, VALUES))),
        "Conditions": st.dictionaries(NAMES, CONDITIONS, max_size=4),
    },
)


def cfn_documents(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """Generated templates, and the seeds' templates with generated values grafted in."""
    trees = []
    for data in seeds:
        document, _ = decode(data.decode("utf-8", "replace"))
        if isinstance(document, dict):
            trees.append(json.loads(json.dumps(document, default=str)))  # plain values
    grafts = st.one_of(VALUES, CONDITIONS, RESOURCES, st.dictionaries(NAMES, VALUES))
    return _json_or_yaml(st.one_of(TEMPLATES, grafted(tuple(trees), grafts)))


@dataclass(frozen=True)
class Format:
    """What fuzzing needs to know of an input format."""

    suffix: str  # the file name inputs are written under
    marker: bytes  # byte mutations keep the line holding it
    seeds: tuple[str, ...]  # globs under fixtures/
    corpus_seeds: tuple[str, ...]  # globs under the shared corpora
    documents: Callable[[tuple[bytes, ...]], st.SearchStrategy[bytes]]  # from the seeds
    ci_examples: int = 300  # examples per input kind in CI (CSMM_FUZZ_EXAMPLES overrides)


CLOUDFORMATION = Format(
    ".yaml",
    b"Resources",
    ("controls/*/*.cfn.yaml", "examples/**/*.yaml", "regression/**/*.yaml"),
    ("cfngoat/*.yaml", "sra/**/*.yaml", "sra/**/*.json"),
    cfn_documents,
)


# Terraform configuration: generated blocks whose expressions use every kind of construct the
# evaluator knows (references that resolve, dangle or loop; functions; for; templates).
IDENTS = st.sampled_from(["a", "b", "c", "bucket", "name", "tags", "count", "each", "self"])
REFS = st.sampled_from(
    [
        "local.a",
        "local.b",
        "var.v",
        "aws_s3_bucket.a.id",
        "aws_s3_bucket.a[0].arn",
        "each.key",
        "count.index",
        "module.m.out",
        "data.aws_iam_policy_document.d.json",
        "path.module",
        "nope",
    ]
)
FUNCTIONS = st.sampled_from(
    [
        "join",
        "format",
        "lookup",
        "merge",
        "concat",
        "flatten",
        "length",
        "element",
        "jsonencode",
        "jsondecode",
        "file",
        "templatefile",
        "range",
        "setproduct",
        "indent",
        "replace",
        "regex",
        "cidrsubnet",
        "tostring",
        "tolist",
        "toset",
        "try",
        "coalesce",
        "split",
        "upper",
        "strrev",
    ]
)
HCL_SCALARS = st.one_of(
    st.integers(-(10**6), 10**12).map(str),
    st.text(st.characters(codec="utf-8", exclude_characters='"\\'), max_size=12).map(
        lambda t: f'"{t}"'
    ),
    st.sampled_from(
        [
            "true",
            "false",
            "null",
            '"${local.a}"',
            '"%{ for x in [1] }${x}%{ endfor }"',
            '"../../etc/passwd"',
            '"/dev/zero"',
            "1e400",
            "0x10",
        ]
    ),
    REFS,
)


def _hcl_values(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, max_size=4).map(lambda v: "[" + ", ".join(v) + "]"),
        st.lists(st.tuples(IDENTS, inner), max_size=4).map(
            lambda v: "{" + ", ".join(f"{k} = {x}" for k, x in v) + "}"
        ),
        st.tuples(FUNCTIONS, st.lists(inner, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        st.tuples(inner, inner).map(lambda t: f"[for x in {t[0]} : {t[1]}]"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} + {t[1]}"),
    )


HCL_VALUES = st.recursive(HCL_SCALARS, _hcl_values, max_leaves=10)
HCL_ATTRIBUTES = st.lists(st.tuples(IDENTS, HCL_VALUES), max_size=5).map(
    lambda v: "".join(f"  {k} = {x}\n" for k, x in v)
)
HCL_BLOCKS = st.one_of(
    st.tuples(
        st.sampled_from(
            ["aws_s3_bucket", "aws_iam_role", "aws_security_group", "aws_instance", "aws_kms_key"]
        ),
        IDENTS,
        HCL_ATTRIBUTES,
    ).map(lambda t: f'resource "{t[0]}" "{t[1]}" {{\n{t[2]}}}\n'),
    HCL_ATTRIBUTES.map(lambda a: f"locals {{\n{a}}}\n"),
    st.tuples(IDENTS, HCL_ATTRIBUTES).map(lambda t: f'variable "{t[0]}" {{\n{t[1]}}}\n'),
    st.tuples(IDENTS, st.sampled_from(['"./"', '"../x"', '"../../.."', '"git::https://x"'])).map(
        lambda t: f'module "{t[0]}" {{\n  source = {t[1]}\n}}\n'
    ),
)


def tf_documents(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """Generated configurations, and seeds with generated blocks appended."""
    generated = st.lists(HCL_BLOCKS, min_size=1, max_size=6).map("".join)
    grafted_text = st.tuples(st.sampled_from(seeds), generated).map(
        lambda t: t[0] + b"\n" + t[1].encode("utf-8")
    )
    return st.one_of(generated.map(lambda t: t.encode("utf-8")), grafted_text)


def json_documents(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """The seeds' JSON documents with generated values grafted in (right keys, wrong kinds of
    values), as JSON."""
    trees = []
    for data in seeds:
        try:
            trees.append(json.loads(data))
        except ValueError:
            continue
    return grafted(tuple(trees), VALUES).map(lambda tree: json.dumps(tree).encode("utf-8"))


def json_lines(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """JSON lines: grafted items, garbage lines, items encoded as JSON strings."""
    items = json_documents(tuple(line for data in seeds for line in data.splitlines()))
    line = st.one_of(
        items,
        st.binary(max_size=40),
        items.map(lambda b: json.dumps(b.decode("utf-8")).encode("utf-8")),
    )
    return st.lists(line, min_size=1, max_size=5).map(b"\n".join)


TERRAFORM = Format(
    ".tf",
    b"",
    ("controls/*/*.tf", "readers/terraform/**/*.tf", "examples/**/*.tf"),
    ("terragoat/**/*.tf", "tfmod-*/**/*.tf"),
    tf_documents,
    ci_examples=40,
)
PLAN = Format(
    ".json",
    b"format_version",
    ("controls/*/*.tfplan.json", "readers/terraform/**/*.json"),
    ("tfplans/**/*.json",),
    json_documents,
    ci_examples=40,
)
CONFIG = Format(
    ".json",
    b"resourceType",
    ("controls/*/*.config.json", "readers/config/**/*.json"),
    ("config/**/*.json",),
    json_documents,
    ci_examples=40,
)
CONFIG_GZ = dataclasses.replace(CONFIG, suffix=".json.gz")
CONFIG_LINES = Format(
    ".jsonl",
    b"",
    ("readers/config/**/*.jsonl",),
    ("config/**/*.jsonl",),
    json_lines,
    ci_examples=40,
)
EXPORTS = Format(
    ".json",
    b"",
    ("controls/*/*.evidence/**/*.json",),
    (),
    json_documents,
    ci_examples=40,
)
CREDENTIAL_REPORT = Format(
    ".csv",
    b"user,arn",
    ("controls/*/*.evidence/**/*.csv",),
    (),
    lambda seeds: mutated(seeds, b"user,arn"),
    ci_examples=10,  # each example evaluates every identity control: slow
)


@dataclass(frozen=True)
class Target:
    name: str
    check: Callable[[bytes], None]
    format: Format


# One line per fuzzed reader or decoder.
TARGETS = (
    Target("cloudformation", reader_check(cloudformation, CLOUDFORMATION.suffix), CLOUDFORMATION),
    Target("cfn-decoder", decoder_check(decode), CLOUDFORMATION),
    Target("terraform", reader_check(terraform, TERRAFORM.suffix), TERRAFORM),
    Target("terraform-plan", reader_check(terraform, PLAN.suffix), PLAN),
    Target("aws-config", reader_check(awsconfig, CONFIG.suffix), CONFIG),
    Target("aws-config-gz", reader_check(awsconfig, ".json.gz", gzip.compress), CONFIG_GZ),
    Target("aws-config-lines", reader_check(awsconfig, CONFIG_LINES.suffix), CONFIG_LINES),
    Target("account-exports", reader_check(account_exports, EXPORTS.suffix), EXPORTS),
    Target(
        "credential-report",
        reader_check(account_exports, CREDENTIAL_REPORT.suffix),
        CREDENTIAL_REPORT,
    ),
)
BY_NAME = {target.name: target for target in TARGETS}


def _corpora() -> Path | None:
    given_path = os.environ.get("CSMM_CORPORA")
    path = Path(given_path) if given_path else CORPORA
    return path if path.is_dir() else None


# ---------------------------------------------------------------------------------------------


def _fuzz(inputs: st.SearchStrategy[bytes], check: Callable[[bytes], None], run: Run) -> None:
    @settings(
        max_examples=run.examples,
        deadline=timedelta(seconds=30),
        derandomize=run.seed is None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(inputs)
    def example(data: bytes) -> None:
        check(data)

    (seed(run.seed)(example) if run.seed is not None else example)()


def _fixture_seeds(target: Target) -> tuple[bytes, ...]:
    seeds = _seeds(FIXTURES, target.format.seeds)
    assert seeds, f"no fixture seeds for {target.name}"
    return seeds


def fuzz_mutated_fixtures(target: Target, run: Run = Run()) -> None:
    _fuzz(mutated(_fixture_seeds(target), target.format.marker), target.check, run)


def fuzz_mutated_corpus_files(target: Target, run: Run = Run()) -> None:
    corpora = _corpora()
    if corpora is None:
        pytest.skip("corpora not present (set CSMM_CORPORA)")
    seeds = _seeds(corpora, target.format.corpus_seeds)
    if not seeds:
        pytest.skip(f"no corpus seeds for {target.name}")
    _fuzz(mutated(seeds, target.format.marker), target.check, run)


def fuzz_generated_documents(target: Target, run: Run = Run()) -> None:
    _fuzz(target.format.documents(_fixture_seeds(target)), target.check, run)


CAMPAIGN = (fuzz_mutated_fixtures, fuzz_mutated_corpus_files, fuzz_generated_documents)


def _ci(target: Target) -> Run:
    """CI's run for a target: its own example count unless CSMM_FUZZ_EXAMPLES says otherwise."""
    examples = os.environ.get("CSMM_FUZZ_EXAMPLES")
    return dataclasses.replace(
        Run(), examples=int(examples) if examples else target.format.ci_examples
    )


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_mutated_fixtures(name: str) -> None:
    fuzz_mutated_fixtures(BY_NAME[name], _ci(BY_NAME[name]))


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_mutated_corpus_files(name: str) -> None:
    fuzz_mutated_corpus_files(BY_NAME[name], _ci(BY_NAME[name]))


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_generated_documents(name: str) -> None:
    fuzz_generated_documents(BY_NAME[name], _ci(BY_NAME[name]))
