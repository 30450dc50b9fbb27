"""The HTML report: one self-contained file, a heat map, progress, failing resources."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from csmm_static.pipeline import scan
from csmm_static.render import render

pytestmark = pytest.mark.usefixtures("in_root")
EXAMPLES = "fixtures/examples"
VOID = {"meta", "br", "link", "img", "input", "hr"}


class _Checker(HTMLParser):
    """Collects tags, flags anything fetched from elsewhere, and checks nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def test_self_contained_and_well_nested() -> None:
    report = scan([EXAMPLES]).report
    text = render(report, "html")
    checker = _Checker()
    checker.feed(text)
    assert checker.stack == []
    assert "script" not in checker.tags and checker.external == []
    assert "@import" not in text and "url(http" not in text
    assert text == render(report, "html")


def test_heat_map_progress_and_failing_resources_with_source() -> None:
    report = scan([EXAMPLES]).report
    text = render(report, "html")
    assert '<table class="heat">' in text and 'class="cell" style="background:hsl(' in text
    assert text.count('<div class="gate"') == 5
    for control in report["controls"]:
        for subject in control["subjects"]:
            if subject["status"] == "fail":
                source = subject["source"]
                assert f"<code>{source['file']}</code>" in text
                assert f"<code>{source['line']}–{source['end_line']}</code>" in text
                assert f"<code>{html.escape(subject['address'])}</code>" in text


def test_text_from_the_input_is_escaped() -> None:
    report = scan([EXAMPLES]).report
    report["controls"][0]["subjects"] = [
        {
            "address": "<script>alert(1)</script>",
            "type": "AWS::S3::Bucket",
            "status": "fail",
            "source": {"file": "a.yaml", "line": 1, "end_line": 2, "format": "cloudformation"},
        }
    ]
    report["controls"][0]["status"] = "fail"
    text = render(report, "html")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
