"""Meta-tests over the control catalog: names, metadata, prose, fixtures and generated docs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from csmm_static.catalog import REGENERATE, fixture_config, fixture_format, render_markdown
from csmm_static.model import DEFAULT_FORMATS, FORMATS, LEVELS, PILLARS, control
from csmm_static.readers import implemented_formats
from tests.conftest import CONTROL_FIXTURES, ROOT, builtin_controls

ID_PATTERN = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
BANNED_WORDS = re.compile(r"\b(rule|check|policy as code|query)\b", re.IGNORECASE)


def test_ids_are_unique_slugs_matching_function_file_and_folder() -> None:
    controls = builtin_controls()
    ids = [c.id for c in controls]
    assert len(ids) == len(set(ids))
    for item in controls:
        path = Path(item.path)
        assert ID_PATTERN.match(item.id) and len(item.id) <= 60, item.id
        assert path.stem == item.id, f"{item.id} lives in {path.name}"
        assert path.parent.name == item.pillar, (
            f"{item.id}: folder {path.parent.name} != pillar {item.pillar}"
        )
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert item.id in functions


def test_metadata_is_valid() -> None:
    for item in builtin_controls():
        assert item.pillar in PILLARS
        assert item.level in LEVELS
        assert item.formats and set(item.formats) <= set(FORMATS)
        assert item.refs.get("nist_csf"), f"{item.id} maps to no NIST CSF 2.0 subcategory"


def test_every_default_format_a_control_leaves_out_has_a_reason() -> None:
    """A report's "unknown" quotes the reason, so it must exist and read as one clause."""
    for item in builtin_controls():
        left_out = sorted(set(DEFAULT_FORMATS) - set(item.formats))
        given = dict(item.unrecorded)
        assert sorted(given) == left_out, f"{item.id}: reasons for {left_out}, got {sorted(given)}"
        for key, reason in given.items():
            assert 20 <= len(reason) <= 200, f"{item.id}: {key} reason length"
            assert not reason.endswith((".", " ")) and "\n" not in reason, item.id


def test_a_reason_for_a_format_the_control_reads_is_refused() -> None:
    with pytest.raises(ValueError, match="unrecorded"):
        control(
            pillar="storage",
            level=1,
            severity="low",
            subject="AWS::S3::Bucket",
            formats=("cfn", "tf"),
            unrecorded={"cfn": "CloudFormation has no such property here"},
        )


def test_prose_has_title_and_headings() -> None:
    for item in builtin_controls():
        assert item.title.endswith("."), item.id
        assert len(item.title) <= 90, item.id
        assert not item.title.lower().startswith(("ensure", "check")), item.id
        assert item.why, f"{item.id}: docstring lacks 'Why it matters:'"
        assert item.remediation, f"{item.id}: docstring lacks 'Remediation:'"


def test_every_control_has_pass_and_fail_fixtures_in_each_declared_format() -> None:
    missing = []
    for item in builtin_controls():
        folder = CONTROL_FIXTURES / item.id
        for fmt in sorted(set(item.formats) & implemented_formats()):
            suffix = FORMATS[fmt]
            # An attestable control can pass only through an attestation, which no
            # configuration fixture carries: it needs its fail fixtures.
            for verdict in ("fail",) if item.attestable else ("pass", "fail"):
                if not list(folder.glob(f"{verdict}*{suffix}")) and not list(
                    folder.glob(f"{verdict}{suffix}")
                ):
                    missing.append(f"{item.id}/{verdict}{suffix}")
    assert not missing, f"missing fixtures: {missing}"


def test_no_fixture_for_an_undeclared_format_or_unknown_control() -> None:
    by_id = {c.id: c for c in builtin_controls()}
    problems = []
    for folder in sorted(p for p in CONTROL_FIXTURES.iterdir() if p.is_dir()):
        if folder.name not in by_id:
            problems.append(f"{folder.name}: no such control")
            continue
        for path in sorted(folder.iterdir()):
            fmt = fixture_format(path)
            if fmt is None or not path.name.startswith(("pass", "fail")):
                problems.append(f"{folder.name}/{path.name}: not a fixture name")
            elif fmt not in by_id[folder.name].formats:
                problems.append(
                    f"{folder.name}/{path.name}: format {fmt} not declared by the control"
                )
    assert not problems, problems


def test_attested_fixtures_belong_to_attestable_controls() -> None:
    """An attestation rides only in an evidence folder named for it (`pass_attested.evidence`),
    and only for a control that accepts one."""
    by_id = {c.id: c for c in builtin_controls()}
    problems = []
    for path in sorted(CONTROL_FIXTURES.glob("*/*")):
        item = by_id.get(path.parent.name)
        carries = fixture_config(path) is not None
        named = "_attested" in path.name.split(".", 1)[0]
        if carries != named:
            problems.append(f"{path.parent.name}/{path.name}: `_attested` iff it has .csmm.yaml")
        elif carries and item is not None and not item.attestable:
            problems.append(f"{path.parent.name}/{path.name}: the control is not attestable")
    assert not problems, problems


@pytest.mark.parametrize("pillar", list(PILLARS))
def test_every_pillar_has_controls_at_levels_one_and_two(pillar: str) -> None:
    levels = {c.level for c in builtin_controls() if c.pillar == pillar}
    expected = {2} if pillar == "monitoring" else {1, 2}
    assert expected <= levels, f"{pillar} lacks controls at {sorted(expected - levels)}"


def test_docs_controls_md_is_current() -> None:
    committed = (ROOT / "docs" / "controls.md").read_text(encoding="utf-8")
    assert committed == render_markdown(builtin_controls()), (
        f"docs/controls.md is stale; regenerate it with `{REGENERATE}`"
    )
