"""Text from the input made inert for each output.

Addresses, file names, reasons, owners, statements and diagnostic messages come from the scanned
files and `.csmm.yaml`, which a pull request controls. In every output they must read as what
they are and nothing more: no terminal escape sequence, no `rich` markup, no Markdown or HTML
that links, pings, hides or scripts, no character XML 1.0 refuses, no SARIF embedded link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar
from urllib.parse import urlsplit

# C0 and C1 controls and DEL (terminal escape sequences, characters XML 1.0 refuses), lone
# surrogates (not encodable as UTF-8), the two non-characters XML refuses, the bidirectional
# overrides and isolates that reorder what is displayed ("Trojan Source"), and the Unicode line
# and paragraph separators that start a new line where a single line is expected.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: object) -> str:
    """The text on one line with every control and reordering character written out (`\\x1b`)."""
    return _INVISIBLE.sub(_shown, str(text))


T = TypeVar("T")


def deep(value: T, clean: Callable[[str], str] = visible) -> T:
    """`value` (a report or part of one) with `clean` applied to every string, keys included."""
    return _deep(value, clean)


def _deep(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_deep(k, clean): _deep(v, clean) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_deep(v, clean) for v in value]
    return value


# --- Markdown (GitHub-flavoured, for a pull-request comment or a job summary) ---------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that start emphasis, code, links, images, HTML, tables, strikethrough or autolinks.
_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+!|~&$])")
# GitHub turns `@name` into a mention (a notification) and `#123`, `GH-123`, `owner/repo#123`
# into cross-references (a timeline event on that issue), even when the characters were
# escaped; a zero-width space after the sign (as an entity, so it survives the escaping)
# breaks the pattern and shows nothing.
_MD_REFERENCE = re.compile(r"(@|\\#|GH-)(?=[\w-])", re.IGNORECASE)
ZERO_WIDTH = "&#8203;"
MAX_MARKDOWN = 300  # characters of one value: a hostile reason cannot fill a comment


def markdown(text: object, limit: int = MAX_MARKDOWN) -> str:
    """Input text as inert inline Markdown on one line, safe in a table cell."""
    flat = _clip(visible(text), limit)
    escaped = _MD_PUNCTUATION.sub(r"\\\1", flat)
    return _MD_REFERENCE.sub(lambda m: m.group(1) + ZERO_WIDTH, escaped)


def markdown_code(text: object, limit: int = MAX_MARKDOWN) -> str:
    """Input text as a code span (a path, an address) on one line, safe in a table cell.

    Nothing is interpreted inside a code span, mentions included; the fence is one backtick
    longer than the longest run inside, and a pipe is escaped because GitHub splits table
    cells on it even there.
    """
    flat = _clip(visible(text), limit).replace("|", "\\|")
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat[0] in "` " or flat[-1] in "` " else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- HTML ------------------------------------------------------------------------------------


def html(text: object) -> str:
    """Input text as HTML character data or a quoted attribute value."""
    return escape(visible(text), quote=True)


def http_url(text: object) -> str | None:
    """The address when it is an http(s) URL with a host (a link may point there), else None."""
    value = str(text).strip()
    if _INVISIBLE.search(value) or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


# --- SARIF -----------------------------------------------------------------------------------

_SARIF_LINK = re.compile(r"\]\s*\(")


def sarif_text(text: object) -> str:
    """Input text for a SARIF plain-text message.

    A plain-text message may carry embedded links, `[text](target)` (SARIF 2.1.0 §3.11.6), and
    GitHub code scanning renders them. Where the text holds one (`](`), its square brackets and
    backslashes are backslash-escaped, the spec's way to say they are literal; elsewhere they
    stay as they are, so `aws_instance.web[0]` reads as written. Mentions and issue references
    are broken as in Markdown, with a plain zero-width space since this is not HTML.
    """
    shown = visible(text)
    if _SARIF_LINK.search(shown):
        shown = re.sub(r"([\\\[\]])", r"\\\1", shown)
    return re.sub(r"(@|#|GH-)(?=[\w-])", "\\1\u200b", shown, flags=re.IGNORECASE)
