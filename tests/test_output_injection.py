"""A hostile estate pushed through every output: nothing it writes gets through as markup.

Every text the input controls carries the same payload: terminal escape sequences (colour,
OSC 8 hyperlink, C1 CSI), `rich` markup, HTML (`<script>`, `<img onerror>`, a comment that hides
the rest), Markdown (table pipes, backticks, a `javascript:` link, a heading after a newline),
an `@mention`, an issue reference, and bidirectional overrides. It reaches the outputs as a file
name, Terraform addresses (`for_each` keys), an inline suppression's reason, a waiver's reason,
an attestation's owner, statement and evidence, parse errors that quote the broken text, and a
control error that quotes the address.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from csmm_static.pipeline import ScanOptions, scan
from csmm_static.render import render
from tests.test_render_sarif import _schema

PAYLOAD = (
    "\x1b[31mRED\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07\x9b2J [red]m[/red]"
    " [link=https://evil.example]x[/link] <script>alert(1)</script>"
    " <img src=x onerror=alert(1)> @octocat #123 [c](javascript:alert(1)) <!-- hide |"
    " pipe `tick` \u202eevil\u202c\n# Heading"
)
HOSTILE_FILE = "evil <b>|`@octocat #1 [x](javascript:y) \x1b[31m.yaml"
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OpenSg:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      csmm:
        ignore:
          - control: ec2_security_group_no_public_rdp
            reason: {payload}
    Properties:
      GroupDescription: {payload}
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}
        - {{IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}}
      Tags:
        - Key: Name
          Value: {payload}
"""
TERRAFORM = """\
resource "aws_s3_bucket" "b" {{
  for_each = toset([{payload}, "plain"])
  bucket   = each.key
}}
"""
CONFIG = """\
scope: account
waivers:
  - control: s3_bucket_versioning_enabled
    reason: {payload}
attestations:
  backup_restore_testing_configured:
    statement: {payload}
    owner: {payload}
    evidence: "javascript:alert(1)"
    date: 2025-03-14
    expires: 2099-03-14
"""
RAISING = '''\
from csmm_static.model import Graph, Resource, control


@control(pillar="storage", level=1, severity="low", subject="AWS::S3::Bucket")
def s3_bucket_read_by_a_control_that_quotes_its_subject(bucket: Resource, graph: Graph) -> bool:
    """A control whose error quotes the address.

    Why it matters:
        x

    Remediation:
        y
    """
    raise ValueError(bucket.address)
'''


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile")
    infra = root / "infra"
    infra.mkdir()
    quoted = json.dumps(PAYLOAD)  # a YAML and HCL double-quoted string
    (infra / HOSTILE_FILE).write_text(TEMPLATE.format(payload=quoted), encoding="utf-8")
    (infra / "main.tf").write_text(TERRAFORM.format(payload=quoted), encoding="utf-8")
    (infra / "broken.tf").write_text(
        'resource "aws_s3_bucket" "x" { <script>@octocat #1 [a](javascript:x) |\n',
        encoding="utf-8",
    )
    (infra / "broken.yaml").write_text(
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {x: [<script>@octocat\n",
        encoding="utf-8",
    )
    (infra / ".csmm.yaml").write_text(CONFIG.format(payload=quoted), encoding="utf-8")
    rules = root / "rules"
    rules.mkdir()
    (rules / "quoting.py").write_text(RAISING, encoding="utf-8")
    base = root / "base"
    base.mkdir()
    (base / "main.tf").write_text('resource "aws_s3_bucket" "ok" {}\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        baseline = scan(["base"]).report
        outcome = scan(["infra"], ScanOptions(rules_dirs=(rules,), baseline=baseline))
    return outcome.report


def test_the_payload_reaches_the_report(report: dict[str, Any]) -> None:
    """Otherwise the assertions below would prove nothing."""
    text = json.dumps(report)
    assert json.dumps(PAYLOAD)[1:-1] in text
    assert json.dumps(HOSTILE_FILE)[1:-1] in text
    assert any("<script>@octocat" in d["message"] for d in report["diagnostics"])
    assert any(
        d["code"] == "control-error" and "[red]" in d["message"] for d in report["diagnostics"]
    )
    overrides = report["overrides"]
    assert overrides["attested"] and overrides["waived"]
    assert report["comparison"]["subjects"]["new_failures"]


def _all_outputs(report: dict[str, Any]) -> dict[str, str]:
    formats = ("terminal", "json", "sarif", "junit", "markdown", "html", "badge")
    out = {fmt: render(report, fmt) for fmt in formats}
    out["terminal-color"] = render(report, "terminal", color=True)
    return out


def test_every_output_encodes_and_carries_no_control_character(report: dict[str, Any]) -> None:
    for fmt, text in _all_outputs(report).items():
        text.encode("utf-8")
        if fmt == "terminal-color":  # rich's own colours only: SGR sequences, nothing else
            text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert not CONTROL_CHARS.search(text), (fmt, CONTROL_CHARS.findall(text)[:5])


def test_terminal_shows_markup_and_escapes_as_text(report: dict[str, Any]) -> None:
    for color in (False, True):
        text = render(report, "terminal", color=color)
        assert "[red]m[/red]" in text and "[link=https://evil.example]x[/link]" in text
        assert "\\x1b[31mRED" in text and "\\x1b]8;;https://evil.example/\\x07" in text
        assert "\\x9b2J" in text and "\\u202eevil\\u202c" in text
        assert "\x1b]8" not in text  # no hyperlink of rich's either


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_markdown_renders_to_nothing_active(report: dict[str, Any]) -> None:
    text = render(report, "markdown")
    # GitHub's renderer: CommonMark with tables, inline HTML allowed (then sanitised, but a
    # comment or an <img> would survive that), mentions and references on text.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    parsed = _tags(html)
    allowed = {
        "h2", "h3", "p", "em", "strong", "code", "table", "thead", "tbody", "tr", "th", "td",
        "details", "summary", "sub", "ul", "li",
    }  # fmt: skip
    assert {tag for tag, _ in parsed.tags} <= allowed
    assert not parsed.comments
    assert all(not attrs for tag, attrs in parsed.tags if tag not in ("th", "td"))
    # Mentions and references are not made inside code, where paths and addresses go.
    rendered = unescape(re.sub(r"<[^>]+>", "", re.sub(r"<code>.*?</code>", "", html)))
    assert not re.search(r"@octocat|#1\b|#123|GH-\d", rendered)  # a zero-width space breaks each
    assert "@\u200boctocat" in rendered and "#\u200b123" in rendered
    assert "# Heading" not in text.replace("\\# Heading", "")
    assert "<script>" in rendered and "[c](javascript:alert(1))" in rendered  # shown as text


def test_markdown_tables_keep_their_columns(report: dict[str, Any]) -> None:
    text = render(report, "markdown")
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert len(tables) >= 4  # matrix, new failures, blockers, waivers, attestations
    for rows in tables:
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_html_has_no_script_link_or_handler_from_the_input(report: dict[str, Any]) -> None:
    text = render(report, "html")
    parsed = _tags(text)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "b", "base", "form"}
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert (attrs["href"] or "").startswith(("http://", "https://"))
    assert not parsed.comments
    assert "javascript:alert(1)</code>" in text  # the evidence, as text, not as a link
    assert not any(tag == "a" for tag, _ in parsed.tags)
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_junit_parses_and_keeps_the_text_visible(report: dict[str, Any]) -> None:
    text = render(report, "junit")
    root = ET.fromstring(text.split("\n", 1)[1])
    files = [case.get("file") or "" for case in root.iter("testcase")]
    assert any(f.endswith("\\x1b[31m.yaml") for f in files)
    skipped = [s.get("message") or "" for s in root.iter("skipped")]
    assert any("<script>" in m and "\\n# Heading" in m for m in skipped)


def test_sarif_is_valid_and_its_messages_carry_no_link_or_mention(report: dict[str, Any]) -> None:
    log = json.loads(render(report, "sarif"))
    run = log["runs"][0]
    messages = [r["message"]["text"] for r in run["results"]]
    messages += [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    messages += [s["justification"] for r in run["results"] for s in r.get("suppressions", [])]
    assert any("<script>" in m for m in messages)
    for message in messages:
        assert not re.search(r"(?<!\\)\]\s*\(", message), message  # no embedded link
        assert not re.search(r"@octocat|#1\b|#123", message), message
    try:
        schema = _schema()
    except pytest.skip.Exception:
        return
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)


def test_badge_and_json_stay_well_formed(report: dict[str, Any]) -> None:
    ET.fromstring(render(report, "badge"))
    assert json.loads(render(report, "json")) == json.loads(json.dumps(report))


def test_control_error_names_the_subject_file_not_the_control_path(
    report: dict[str, Any],
) -> None:
    (problem,) = [d for d in report["diagnostics"] if d["code"] == "control-error"]
    assert problem["file"].startswith("infra/") and problem["line"] > 0
    assert "/" not in problem["message"].split(" at ", 1)[1].split(")", 1)[0]
    assert "report it as a bug with the control id" in problem["message"].lower()


def test_surrogates_from_a_json_input_can_be_written(tmp_path: Path) -> None:
    from csmm_static.render.json_report import render as json_render

    text = json_render({"address": "b\ud800"})
    assert json.loads(text)["address"] == "b\ud800"
    text.encode("utf-8")
