"""Markdown for a pull-request comment or a job summary: the score and level, the matrix, what
changed against the baseline, the top blockers, and everything waived, attested or expired."""

from __future__ import annotations

from typing import Any

from csmm_static.model import LEVELS, PILLARS
from csmm_static.render.common import PILLAR_TITLES, failures, gate, location, signed
from csmm_static.render.escape import markdown as _cell
from csmm_static.render.escape import markdown_code as _code
from csmm_static.report import Report

MAX_ROWS = 20
TOP_BLOCKERS = 5


def render(report: Report) -> str:
    parts = [_header(report), _matrix(report)]
    if "comparison" in report:
        parts.append(comparison_section(report["comparison"]))
    parts.append(_blockers(report))
    parts.append(_overrides(report))
    parts.append(_footer(report))
    return "\n".join(p for p in parts if p).rstrip() + "\n"


def render_comparison(comparison: dict[str, Any]) -> str:
    """`csmm diff --format markdown`."""
    return comparison_section(comparison).rstrip() + "\n"


def _header(report: Report) -> str:
    score = report["score"]
    head = (
        f"## CSMM: {score['overall']:.1f} / 100 · L{score['level']} {_cell(score['level_name'])}\n"
    )
    comparison = report.get("comparison")
    if comparison:
        base = comparison["base"]
        arrow = (
            "▼" if comparison["overall_delta"] < 0 else "▲" if comparison["overall_delta"] else "="
        )
        head += (
            f"\n{arrow} **{signed(comparison['overall_delta'])}** against the baseline"
            f" ({base['overall']:.1f}, L{base['level']} {_cell(base['level_name'])})"
        )
        head += " — **regression**\n" if comparison["regression"] else "\n"
    return head + f"\n_{_cell(report['scope_note'])}_\n"


def _matrix(report: Report) -> str:
    cells = {(c["pillar"], c["level"]): c["score"] for c in report["cells"]}
    levels = {lv["level"]: lv for lv in report["score"]["levels"]}
    rows = [
        "| Level | " + " | ".join(PILLAR_TITLES[p] for p in PILLARS) + " | Score | Gate |",
        "|---|" + "---:|" * len(PILLARS) + "---:|---|",
    ]
    for level in sorted(LEVELS, reverse=True):
        info = levels[level]
        values = [
            "—" if cells[(p, level)] is None else f"{cells[(p, level)]:.0f}%" for p in PILLARS
        ]
        name = f"L{level} {LEVELS[level]}"
        score = f"{info['score']:.1f}%" if info["assessed"] else "n/a"
        rows.append(
            f"| {name if info['unlocked'] else f'_{name}_'} | "
            + " | ".join(values)
            + f" | {score} | {gate(info)} |"
        )
    return "### Maturity matrix\n\n" + "\n".join(rows) + "\n"


def comparison_section(comparison: dict[str, Any]) -> str:
    base, head = comparison["base"], comparison["head"]
    lines = [
        "### What changed",
        "",
        f"Score {base['overall']:.1f} → {head['overall']:.1f}"
        f" ({signed(comparison['overall_delta'])}),"
        f" level L{base['level']} {_cell(base['level_name'])}"
        f" → L{head['level']} {_cell(head['level_name'])}.",
        "",
    ]
    moved = [lv for lv in comparison["levels"] if lv["delta"]]
    if moved:
        lines.append(
            "Levels: "
            + ", ".join(
                f"L{lv['level']} {lv['base']:.1f}% → {lv['head']:.1f}% ({signed(lv['delta'])})"
                for lv in moved
            )
            + "."
        )
        lines.append("")
    new, fixed = comparison["subjects"]["new_failures"], comparison["subjects"]["fixed"]
    if new:
        lines += [f"**New failures ({len(new)})**", "", *_subject_table(new), ""]
    if fixed:
        lines += [f"**Fixed ({len(fixed)})**", "", *_subject_table(fixed), ""]
    controls = comparison["controls"]
    for title, key in (("Controls newly failing", "newly_failing"), ("Controls fixed", "fixed")):
        if controls[key]:
            names = ", ".join(_code(c["id"]) for c in controls[key][:MAX_ROWS])
            more = len(controls[key]) - MAX_ROWS
            lines.append(f"{title}: {names}" + (f" and {more} more" if more > 0 else "") + ".")
    if comparison["regression"]:
        lines += ["", "**Regression:** " + "; ".join(map(_cell, comparison["reasons"])) + "."]
    else:
        lines += ["", "No regression."]
    return "\n".join(lines) + "\n"


def _subject_table(rows: list[dict[str, Any]]) -> list[str]:
    out = ["| Control | Severity | Resource | Where |", "|---|---|---|---|"]
    for row in rows[:MAX_ROWS]:
        where = _code(f"{row['file']}:{row['line']}") if row["file"] else ""
        out.append(
            f"| {_code(row['control'])} | {_cell(row['severity'])} | {_cell(row['address'])}"
            f" | {where} |"
        )
    if len(rows) > MAX_ROWS:
        out.append(f"| … and {len(rows) - MAX_ROWS} more | | | |")
    return out


def _blockers(report: Report) -> str:
    plan = report["roadmap"]
    lines = ["### Top blockers", ""]
    if plan["level"] is None:
        return "### Top blockers\n\nEvery gate is open.\n"
    level = plan["level"]
    if not plan["assessed"]:
        lines.append(
            f"L{level} {LEVELS[level]} is not assessed: no control of that level has a subject"
            " in this scan."
        )
        return "\n".join(lines) + "\n"
    lines += [
        f"To pass the L{level} {LEVELS[level]} gate: {plan['fixes_needed']} fix(es) needed,"
        " best first.",
        "",
        "| +score | Control | Severity | Pillar | Status | Where |",
        "|---:|---|---|---|---|---|",
    ]
    where: dict[str, list[str]] = {}
    for control, subject in failures(report):
        where.setdefault(control["id"], []).append(location(subject) or subject["address"])
    for step in plan["steps"][:TOP_BLOCKERS]:
        places = where.get(step["id"], [])
        shown = ", ".join(_code(p) for p in places[:3]) + (
            f" +{len(places) - 3}" if len(places) > 3 else ""
        )
        lines.append(
            f"| +{step['gain']:.1f} | {_code(step['id'])} {_cell(step['title'])}"
            f" | {_cell(step['severity'])} | {_cell(step['pillar'])} | {_cell(step['status'])}"
            f" | {shown} |"
        )
    return "\n".join(lines) + "\n"


def _overrides(report: Report) -> str:
    block = report["overrides"]
    sections = []
    waived = block["waived"]
    if waived:
        rows = [
            "| Control | Resource | Kind | Reason | Expires | Where |",
            "|---|---|---|---|---|---|",
        ]
        for row in waived[:MAX_ROWS]:
            rows.append(
                f"| {_code(row['control'])} | {_cell(row.get('address', 'all subjects'))}"
                f" | {_cell(row['kind'])} | {_cell(row['reason'])}"
                f" | {_cell(row.get('expires', ''))}"
                f" | {_code(row['origin'])} |"
            )
        if len(waived) > MAX_ROWS:
            rows.append(f"| … and {len(waived) - MAX_ROWS} more | | | | | |")
        sections.append(_details(f"Waived or suppressed ({len(waived)})", rows))
    attested = block["attested"]
    if attested:
        rows = ["| Control | Owner | Statement | Expires |", "|---|---|---|---|"]
        for row in attested[:MAX_ROWS]:
            rows.append(
                f"| {_code(row['control'])} | {_cell(row['owner'])} | {_cell(row['statement'])}"
                f" | {_cell(row['expires'])} |"
            )
        sections.append(_details(f"Attested ({len(attested)})", rows))
    expired = block["expired"]
    if expired:
        lines = [f"**Expired, no longer applied ({len(expired)})**", ""]
        for row in expired[:MAX_ROWS]:
            what = _code(row["control"]) if row["control"] else "every control"
            lines.append(
                f"- {_cell(row['kind'])} of {what} expired {_cell(row['expired'])}"
                f" ({_code(row['origin'])}):"
                f" {_cell(row['detail'])}"
            )
        sections.append("\n".join(lines) + "\n")
    if block["inline_suppressions"] == "ignored" and block.get("inline_ignored"):
        sections.append(f"Inline suppressions ignored: {_cell(block['inline_ignored'])}.\n")
    return "\n".join(sections)


def _footer(report: Report) -> str:
    coverage = report["coverage"]
    counts = coverage["controls"]
    text = (
        f"<sub>{coverage['files']['read']}/{coverage['files']['total']} files read,"
        f" {coverage['resources']} resources; controls: {counts['pass']} pass,"
        f" {counts['fail']} fail, {counts['unknown']} unknown, {counts['attested']} attested,"
        f" {counts['waived']} waived"
    )
    if report["diagnostics"]:
        text += f"; {len(report['diagnostics'])} diagnostic(s)"
    return text + f". csmm {_cell(report['tool']['version'])}</sub>\n"


def _details(summary: str, rows: list[str]) -> str:
    return f"<details><summary>{summary}</summary>\n\n" + "\n".join(rows) + "\n\n</details>\n"
