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

# One entry per reader the corpus attacks.
TARGETS: dict[str, Callable[[], list[Case]]] = {
    "cloudformation": cloudformation_cases,
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
