"""The score badge: a small valid SVG with the score and level, coloured by level."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from csmm_static.pipeline import scan
from csmm_static.render import render
from csmm_static.render.badge import COLOURS

pytestmark = pytest.mark.usefixtures("in_root")


def test_badge_shows_score_and_level() -> None:
    report = scan(["fixtures/examples"]).report
    svg = render(report, "badge")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    score = report["score"]
    assert f"{score['overall']:.1f} · L{score['level']} {score['level_name']}" in svg
    assert COLOURS[score["level"]] in svg
    width = int(root.get("width", "0"))
    assert 100 < width < 260
    better = dict(report, score=dict(score, overall=88.8, level=5, level_name="Autonomous"))
    assert COLOURS[5] in render(better, "badge")
