"""The terminal report: the maturity matrix, the gate, what to fix next, and what was not seen.

Text from the input reaches the console only as `rich` `Text` (never parsed as markup) and only
after `escape.visible` has written out control characters, so a resource name cannot colour,
clear, retitle or hyperlink the terminal of whoever reads the log.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from csmm_static.model import LEVELS, PILLARS
from csmm_static.render.common import PILLAR_TITLES, gate, location, signed, unknowns
from csmm_static.render.escape import deep
from csmm_static.report import Report

WIDTH = 100
MAX_ROWS = 25
_STATUS_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "unknown": "yellow",
    "attested": "cyan",
    "waived": "magenta",
    "not_applicable": "dim",
    "not_assessed": "dim",
}


def render(report: Report, color: bool = False) -> str:
    report = deep(report)
    buffer = io.StringIO()
    console = _console(buffer, color)
    _header(console, report)
    _matrix(console, report)
    _roadmap(console, report)
    _failures(console, report)
    _unknowns(console, report)
    _overrides(console, report)
    _diagnostics(console, report)
    _coverage(console, report)
    if "comparison" in report:
        _comparison(console, report["comparison"])
    return _trimmed(buffer)


def render_comparison(comparison: dict[str, Any], color: bool = False) -> str:
    """`csmm diff`: what changed between two reports."""
    buffer = io.StringIO()
    _comparison(_console(buffer, color), deep(comparison))
    return _trimmed(buffer)


def _trimmed(buffer: io.StringIO) -> str:
    # rich pads table rows to the full width; trailing blanks are noise in logs and diffs.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(
        file=buffer,
        width=WIDTH,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
    )


def _cell_style(score: float | None) -> str:
    if score is None:
        return "dim"
    if score >= 80:
        return "green"
    if score >= 50:
        return "yellow"
    return "red"


def _header(console: Console, report: Report) -> None:
    score = report["score"]
    title = Text()
    title.append(f"CSMM {report['tool']['version']}", style="bold")
    title.append(f"  ·  {report['scope']} scope\n")
    title.append(f"Overall {score['overall']:.1f} / 100", style="bold")
    title.append("  ·  ")
    title.append(f"L{score['level']} {score['level_name']}", style="bold cyan")
    accounts = report.get("accounts") or []
    if accounts:
        title.append(f"  ·  organisation roll-up of {len(accounts)} accounts", style="dim")
    console.print(title)
    if report["scope"] == "workload":
        console.print(Text(report["scope_note"], style="dim"))
    for entry in accounts:
        account_score = entry["score"]
        line = Text(f"  {entry['account'] or 'no account (IaC)'}  ")
        line.append(f"{account_score['overall']:5.1f} / 100", style="bold")
        line.append(f"  L{account_score['level']} {account_score['level_name']}")
        console.print(line)


def _matrix(console: Console, report: Report) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column("Level", no_wrap=True)
    for pillar in PILLARS:
        table.add_column(PILLAR_TITLES[pillar], justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Gate", no_wrap=True)
    cells = {(c["pillar"], c["level"]): c["score"] for c in report["cells"]}
    levels = {lv["level"]: lv for lv in report["score"]["levels"]}
    for level in sorted(LEVELS, reverse=True):
        info = levels[level]
        row: list[Any] = [
            Text(f"L{level} {LEVELS[level]}", style="bold" if info["unlocked"] else "dim")
        ]
        for pillar in PILLARS:
            value = cells[(pillar, level)]
            text = "—" if value is None else f"{value:.0f}%"
            row.append(Text(text, style=_cell_style(value) if info["unlocked"] else "dim"))
        row.append(Text(f"{info['score']:.1f}%" if info["assessed"] else "n/a"))
        row.append(
            Text(
                gate(info),
                style="green"
                if info["gate_passed"]
                else "dim"
                if not info["unlocked"]
                else "yellow",
            )
        )
        table.add_row(*row)
    console.print(table)


def _roadmap(console: Console, report: Report) -> None:
    plan = report["roadmap"]
    if plan["level"] is None:
        console.print(Text("Every gate is open.", style="green"))
        return
    level = plan["level"]
    if not plan["assessed"]:
        console.print(
            Text(
                f"L{level} {LEVELS[level]} is not assessed: no control of that level has a"
                " subject in this scan. It would be assessed with:",
                style="yellow",
            )
        )
        info = next(lv for lv in report["score"]["levels"] if lv["level"] == level)
        for hint in info.get("to_assess") or ["the inputs or attestations its controls need"]:
            console.print(Text(f"  - {hint}"), overflow="fold")
        return
    head = Text(f"To pass the L{level} {LEVELS[level]} gate", style="bold")
    head.append(f": {plan['fixes_needed']} fix(es) needed, best first")
    console.print(head)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
    table.add_column("+score", justify="right")
    table.add_column("control")
    table.add_column("severity")
    table.add_column("pillar")
    table.add_column("status")
    for step in plan["steps"][:MAX_ROWS]:
        table.add_row(
            Text(f"+{step['gain']:.1f}"),
            Text(step["id"]),
            Text(step["severity"]),
            Text(step["pillar"]),
            Text(step["status"], style=_STATUS_STYLE[step["status"]]),
        )
    console.print(table)
    _more(console, len(plan["steps"]))


def _failures(console: Console, report: Report) -> None:
    rows = [
        (c, s)
        for c in sorted(report["controls"], key=lambda c: (c["level"], c["pillar"], c["id"]))
        if c["status"] == "fail"
        for s in c["subjects"]
        if s["status"] == "fail" and "waived" not in s
    ]
    if not rows:
        return
    console.print(Text(f"\nFailing subjects ({len(rows)})", style="bold"))
    shown = rows[: MAX_ROWS * 2]
    current = None
    for item, subject in shown:
        if item["id"] != current:
            current = item["id"]
            head = Text(f"  L{item['level']} ", style="dim")
            head.append(item["id"], style="red")
            head.append(f"  {item['severity']}", style="dim")
            console.print(head, overflow="fold")
        line = Text(f"      {subject['address']}")
        where = location(subject)
        if where:
            line.append(f"  {where}", style="dim")
        console.print(line, overflow="fold")
    _more(console, len(rows), MAX_ROWS * 2)


def _unknowns(console: Console, report: Report) -> None:
    rows = list(unknowns(report))
    if not rows:
        return
    console.print(
        Text(f"\nUnknown: could not be decided from the input ({len(rows)})", style="bold yellow")
    )
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("control", overflow="fold")
    table.add_column("subject", overflow="fold")
    table.add_column("why", style="dim", overflow="fold")
    for item, subject in rows[:MAX_ROWS]:
        table.add_row(
            Text(item["id"]),
            Text(f"{subject['address']} {location(subject)}".strip()),
            Text(subject.get("reason", "")),
        )
    console.print(table)
    _more(console, len(rows))


def _overrides(console: Console, report: Report) -> None:
    block = report["overrides"]
    for title, rows, style in (
        ("Waived or suppressed", block["waived"], "magenta"),
        ("Attested", block["attested"], "cyan"),
        ("Expired, no longer applied", block["expired"], "yellow"),
    ):
        if not rows:
            continue
        console.print(Text(f"\n{title} ({len(rows)})", style=f"bold {style}"))
        for row in rows[:MAX_ROWS]:
            what = row.get("control") or "every control"
            if "address" in row:
                what += f" on {row['address']}"
            detail = row.get("reason") or row.get("statement") or row.get("detail", "")
            if "expired" in row:
                detail = f"{row['kind']} expired {row['expired']}: {detail}"
            console.print(Text(f"  {what}: {detail} ({row['origin']})"), overflow="fold")
        _more(console, len(rows))
    if block["inline_suppressions"] == "ignored" and block.get("inline_ignored"):
        console.print(
            Text(f"\nInline suppressions ignored: {block['inline_ignored']}", style="dim")
        )


def _comparison(console: Console, comparison: dict[str, Any]) -> None:
    base, head = comparison["base"], comparison["head"]
    line = Text("\nAgainst the baseline: ", style="bold")
    line.append(
        f"{base['overall']:.1f} → {head['overall']:.1f} ({signed(comparison['overall_delta'])}),"
        f" L{base['level']} {base['level_name']} → L{head['level']} {head['level_name']}"
    )
    console.print(line)
    for title, rows in (
        ("New failures", comparison["subjects"]["new_failures"]),
        ("Fixed", comparison["subjects"]["fixed"]),
    ):
        if rows:
            console.print(Text(f"{title} ({len(rows)})", style="bold"))
        for row in rows[:MAX_ROWS]:
            where = f"{row['file']}:{row['line']}" if row["file"] else ""
            console.print(Text(f"  {row['control']}  {row['address']}  {where}"), overflow="fold")
        _more(console, len(rows))
    for title, key in (("Controls newly failing", "newly_failing"), ("Controls fixed", "fixed")):
        rows = comparison["controls"][key]
        if rows:
            names = ", ".join(r["id"] for r in rows[:MAX_ROWS])
            console.print(Text(f"{title} ({len(rows)}): {names}"), overflow="fold")
    if comparison["regression"]:
        reasons = "; ".join(comparison["reasons"])
        console.print(Text(f"Regression: {reasons}", style="bold red"), overflow="fold")
    else:
        console.print(Text("No regression.", style="green"))


def _diagnostics(console: Console, report: Report) -> None:
    items = report["diagnostics"]
    if not items:
        return
    console.print(Text(f"\nDiagnostics ({len(items)})", style="bold"))
    for item in items[:MAX_ROWS]:
        where = f"{item['file']}:{item['line']}" if item["line"] else item["file"]
        console.print(Text(f"  {item['level']}: {where}: {item['message']}"), overflow="fold")
    _more(console, len(items))


def _coverage(console: Console, report: Report) -> None:
    cov = report["coverage"]
    files = cov["files"]
    line = Text("\nCoverage: ", style="bold")
    line.append(f"{files['read']}/{files['total']} input files read, {cov['resources']} resources")
    if cov["evidence_coverage"] is not None:
        line.append(f", evidence coverage {cov['evidence_coverage']:.1f}%")
    unsupported = cov.get("unsupported_types") or {}
    if unsupported:
        line.append(
            f"\n{sum(unsupported.values())} AWS Config items of {len(unsupported)} unsupported"
            " types were read but not mapped (coverage.unsupported_types)"
        )
    counts = cov["controls"]
    line.append(
        f"\nControls: {counts['pass']} pass, {counts['fail']} fail, {counts['unknown']} unknown,"
        f" {counts['attested']} attested, {counts['waived']} waived,"
        f" {counts['not_applicable']} not applicable, {counts['not_assessed']} not assessed"
    )
    console.print(line)


def _more(console: Console, total: int, shown: int = MAX_ROWS) -> None:
    if total > shown:
        console.print(Text(f"  … and {total - shown} more (see --format json)", style="dim"))
