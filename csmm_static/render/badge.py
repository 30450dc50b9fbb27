"""A score badge (SVG) for a README: `csmm | 42.3 · L1 Exposed`, coloured by level."""

from __future__ import annotations

from csmm_static.render.escape import html as escape
from csmm_static.report import Report

COLOURS = {1: "#e05d44", 2: "#fe7d37", 3: "#dfb317", 4: "#97ca00", 5: "#44cc11"}
LABEL = "csmm"
HEIGHT = 20
PADDING = 6
# Approximate advance widths of 11 px Verdana, enough to size the two boxes.
_NARROW = set(" .,:;|!'il·")
_WIDE = set("MWmw@%")


def render(report: Report) -> str:
    score = report["score"]
    message = f"{score['overall']:.1f} · L{score['level']} {score['level_name']}"
    left = _width(LABEL) + 2 * PADDING
    right = _width(message) + 2 * PADDING
    total = left + right
    colour = COLOURS[score["level"]]
    title = escape(f"CSMM maturity: {message}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{HEIGHT}"'
        f' role="img" aria-label="{title}">\n'
        f"<title>{title}</title>\n"
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb"'
        f' stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>\n'
        f'<clipPath id="r"><rect width="{total}" height="{HEIGHT}" rx="3" fill="#fff"/>'
        f"</clipPath>\n"
        f'<g clip-path="url(#r)"><rect width="{left}" height="{HEIGHT}" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill="{colour}"/>'
        f'<rect width="{total}" height="{HEIGHT}" fill="url(#s)"/></g>\n'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,'
        f'sans-serif" font-size="11">\n'
        f'<text x="{left / 2:.1f}" y="14">{LABEL}</text>\n'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(message)}</text>\n'
        f"</g>\n</svg>\n"
    )


def _width(text: str) -> int:
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.0
        elif char.isupper() or char.isdigit():
            width += 7.3
        else:
            width += 6.4
    return round(width)
