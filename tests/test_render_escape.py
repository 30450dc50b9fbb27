"""The sanitising helpers each output uses for text from the input."""

from __future__ import annotations

import pytest

from csmm_static.render.escape import (
    deep,
    html,
    http_url,
    markdown,
    markdown_code,
    sarif_text,
    visible,
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("line\nnext\ttab\r", "line\\nnext\\ttab\\r"),
        ("\x9b2J\x7f\x00", "\\x9b2J\\x7f\\x00"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("lone \ud800", "lone \\ud800"),
        ("sep\u2028", "sep\\u2028"),
        ("café 東京 ✓ [red]", "café 東京 ✓ [red]"),
    ],
)
def test_visible_writes_out_controls_and_keeps_the_rest(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(visible(raw)) == visible(raw)


def test_deep_cleans_keys_values_and_lists() -> None:
    assert deep({"k\x1b": ["v\x07", 3, None, {"x": "\n"}]}) == {
        "k\\x1b": ["v\\x07", 3, None, {"x": "\\n"}]
    }


def test_markdown_escapes_structure_and_breaks_mentions() -> None:
    out = markdown("a | b `c` <img src=x> [l](javascript:x) @team #12 GH-3 *s* \n# h")
    assert "\\|" in out and "\\`c\\`" in out and "\\<img src=x\\>" in out
    assert "\\[l\\]\\(javascript:x\\)" in out
    assert "@&#8203;team" in out and "\\#&#8203;12" in out and "GH-&#8203;3" in out
    assert "\n" not in out and "\\n\\# h" in out


def test_markdown_clips_long_values() -> None:
    assert len(markdown("x" * 10_000)) == 300


@pytest.mark.parametrize(
    ("raw", "span"),
    [
        ("infra/main.tf:3", "`infra/main.tf:3`"),
        ("a`b", "``a`b``"),
        ("`x", "`` `x ``"),
        ("p|q", "`p\\|q`"),
        ("a\nb", "`a\\nb`"),
        ("", ""),
    ],
)
def test_markdown_code_fences_any_backticks(raw: str, span: str) -> None:
    assert markdown_code(raw) == span


def test_html_escapes_markup_and_quotes() -> None:
    assert html("<a href='x' onclick=\"y\">&\x1b") == (
        "&lt;a href=&#x27;x&#x27; onclick=&quot;y&quot;&gt;&amp;\\x1b"
    )


@pytest.mark.parametrize(
    ("value", "link"),
    [
        ("https://wiki.example.com/ir", "https://wiki.example.com/ir"),
        ("http://wiki.example.com", "http://wiki.example.com"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("https:///nohost", None),
        ("https://x.example/\x1b", None),
        ("https://x.example/a b", None),
        ("wiki/page", None),
    ],
)
def test_http_url_accepts_only_http_addresses(value: str, link: str | None) -> None:
    assert http_url(value) == link


def test_sarif_text_escapes_embedded_links_only_where_there_is_one() -> None:
    assert sarif_text("aws_instance.web[0]") == "aws_instance.web[0]"
    assert sarif_text("see [here](https://evil)") == "see \\[here\\](https://evil)"
    assert sarif_text("a\\b [x]: (y)") == "a\\b [x]: (y)"
    assert sarif_text("[x] (y)") == "\\[x\\] (y)"  # a loose viewer may take it for a link
    assert sarif_text("[x](1) \\") == "\\[x\\](1) \\\\"
    assert sarif_text("ping @team about #4") == "ping @\u200bteam about #\u200b4"
    assert sarif_text("\x1b]8;;x") == "\\x1b]8;;x"
