"""The JSON report writer: the same text as json.dumps with an indent of two (and terminal
controls escaped), in pieces."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csmm_static.render import json_report

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
KEYS = (
    st.text()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(KEYS, inner, max_size=5)
    ),
    max_leaves=40,
)


def expected(value: object) -> str:
    """json.dumps's text, with the characters that must not reach a terminal escaped after."""
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return json_report._RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@given(VALUES)
def test_same_text_as_json_dumps(value: object) -> None:
    assert json_report.render(value) == expected(value)  # type: ignore[arg-type]


def test_large_report_is_written_in_pieces() -> None:
    report = {"subjects": [{"address": f"r{i}", "line": i, "ok": i % 2 == 0} for i in range(5000)]}

    class Counting(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counting.writes += 1
            return super().write(text)

    out = Counting()
    json_report.write(report, out)
    assert out.getvalue() == expected(report)
    assert Counting.writes > 1


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused_like_json(bad: float) -> None:
    with pytest.raises(ValueError):
        json.dumps(bad, allow_nan=False)
    with pytest.raises(ValueError):
        json_report.render({"x": bad})


def test_unknown_objects_are_refused_like_json() -> None:
    with pytest.raises(TypeError):
        json_report.render({"x": object()})
    with pytest.raises(TypeError):
        json_report.render({(1, 2): 1})  # type: ignore[dict-item]
