"""A single-file HTML report: the matrix as a heat map, level progress against the gate, what to
fix first, failing resources grouped by source file, and what was waived, attested or expired.

Inline CSS only: no script, no external asset, so it opens anywhere, offline, and prints. Every
value is escaped (`render.escape.html`), and a Content-Security-Policy forbids scripts and
fetches anyway, so a value that slipped through could still not run or phone home.
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import LEVELS, PILLARS
from csmm_static.render.common import (
    PILLAR_TITLES,
    Entry,
    failures,
    gate,
    location,
    signed,
    unknowns,
)
from csmm_static.render.escape import html as escape
from csmm_static.render.escape import http_url
from csmm_static.report import Report

GATE_PERCENT = 80

STYLE = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:20px;margin:0}h2{font-size:17px;margin:32px 0 12px;border-bottom:1px solid var(--line);
padding-bottom:4px}
.muted{color:var(--muted)}.small{font-size:13px}
header{display:flex;gap:28px;align-items:center;flex-wrap:wrap}
.score{font-size:56px;font-weight:700;line-height:1}.score small{font-size:20px;color:var(--muted)}
.level{font-size:22px;font-weight:600;padding:6px 14px;border-radius:8px;color:#fff}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600}
.heat td.cell{text-align:center;font-weight:600;color:#fff;border:2px solid #fff;width:15%}
.heat td.empty{background:var(--bg);color:var(--muted);font-weight:400}
.heat tr.locked td{opacity:.45}
.bar{position:relative;height:14px;background:var(--bg);border:1px solid var(--line);
border-radius:7px;overflow:hidden}
.fill{height:100%}
.gate{position:absolute;top:-2px;bottom:-2px;width:2px;background:var(--ink)}
.progress td{border:0;padding:4px 8px}
.sev{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;color:#fff}
.sev.critical{background:#8b0000}.sev.high{background:#cf222e}.sev.medium{background:#bf8700}
.sev.low{background:#57606a}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:1px 4px;
border-radius:4px}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.regression{color:#cf222e;font-weight:600}.ok{color:#1a7f37;font-weight:600}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"
LEVEL_COLOURS = {1: "#cf222e", 2: "#d1570f", 3: "#bf8700", 4: "#4d8b0f", 5: "#1a7f37"}


def render(report: Report) -> str:
    score = report["score"]
    title = f"CSMM report: {score['overall']:.1f} / 100, L{score['level']} {score['level_name']}"
    body = "".join(
        (
            _header(report),
            _comparison(report.get("comparison")),
            _heat_map(report),
            _progress(report),
            _roadmap(report),
            _failures(report),
            _unknowns(report),
            _overrides(report),
            _diagnostics(report),
            _footer(report),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _colour(percent: float) -> str:
    """Red at 0 %, amber near the gate, green at 100 %."""
    return f"hsl({round(percent * 1.2)},62%,40%)"


def _header(report: Report) -> str:
    score = report["score"]
    level = score["level"]
    return (
        "<header>\n"
        f'<div class="score">{score["overall"]:.1f}<small> / 100</small></div>\n'
        f'<div class="level" style="background:{LEVEL_COLOURS[level]}">'
        f"L{level} {escape(score['level_name'])}</div>\n"
        f'<div><h1>Cloud security maturity</h1><p class="muted small">'
        f"{escape(report['scope_note'])}</p></div>\n</header>\n"
    )


def _heat_map(report: Report) -> str:
    cells = {(c["pillar"], c["level"]): c for c in report["cells"]}
    levels = {lv["level"]: lv for lv in report["score"]["levels"]}
    rows = [
        '<h2>Maturity matrix</h2>\n<table class="heat">\n<tr><th>Level</th>'
        + "".join(f"<th>{PILLAR_TITLES[p]}</th>" for p in PILLARS)
        + "</tr>\n"
    ]
    for level in sorted(LEVELS, reverse=True):
        info = levels[level]
        row = "<tr>" if info["unlocked"] else '<tr class="locked">'
        row += f"<th>L{level} {LEVELS[level]}<br><span class='small'>{gate(info)}</span></th>"
        for pillar in PILLARS:
            cell = cells[(pillar, level)]
            if cell["score"] is None:
                row += '<td class="cell empty">—</td>'
                continue
            tip = f"{cell['passed_weight']} of {cell['counted_weight']} weight passing"
            row += (
                f'<td class="cell" style="background:{_colour(cell["score"])}"'
                f' title="{escape(tip)}">'
                f"{cell['score']:.0f}%</td>"
            )
        rows.append(row + "</tr>\n")
    rows.append(
        '</table>\n<p class="muted small">Each cell: the weight of passing controls over the'
        " weight of counted ones. Faded rows are locked: a level counts only when the one below"
        f" reaches {GATE_PERCENT}% with no critical failure.</p>\n"
    )
    return "".join(rows)


def _progress(report: Report) -> str:
    out = ['<h2>Level progress</h2>\n<table class="progress">\n']
    for info in report["score"]["levels"]:
        value = info["score"] if info["assessed"] else 0
        colour = _colour(value)
        label = f"{info['score']:.1f}%" if info["assessed"] else "not assessed"
        out.append(
            f"<tr><th>L{info['level']} {escape(info['name'])}</th><td style='width:60%'>"
            f'<div class="bar"><div class="fill" style="width:{value:.1f}%;background:{colour}">'
            f'</div><div class="gate" style="left:{GATE_PERCENT}%"></div></div></td>'
            f"<td>{label}</td><td class='muted'>{gate(info)}</td></tr>\n"
        )
    return "".join(out) + "</table>\n"


def _comparison(comparison: dict[str, Any] | None) -> str:
    if not comparison:
        return ""
    base, head = comparison["base"], comparison["head"]
    verdict = (
        f'<p class="regression">Regression: {escape("; ".join(comparison["reasons"]))}</p>'
        if comparison["regression"]
        else '<p class="ok">No regression.</p>'
    )
    out = [
        "<h2>What changed</h2>\n",
        f"<p>Score {base['overall']:.1f} → {head['overall']:.1f}"
        f" (<strong>{signed(comparison['overall_delta'])}</strong>), level L{base['level']}"
        f" {escape(base['level_name'])} → L{head['level']} {escape(head['level_name'])}.</p>\n",
        verdict + "\n",
    ]
    for title, rows in (
        ("New failures", comparison["subjects"]["new_failures"]),
        ("Fixed", comparison["subjects"]["fixed"]),
    ):
        if rows:
            out.append(f"<h3>{title} ({len(rows)})</h3>\n<table>\n")
            out.append("<tr><th>Control</th><th>Resource</th><th>Where</th></tr>\n")
            for row in rows:
                where = f"{row['file']}:{row['line']}" if row["file"] else ""
                out.append(
                    f"<tr><td>{_severity(row['severity'])} {escape(row['title'])}</td>"
                    f"<td><code>{escape(row['address'])}</code></td>"
                    f"<td><code>{escape(where)}</code></td></tr>\n"
                )
            out.append("</table>\n")
    return "".join(out)


def _roadmap(report: Report) -> str:
    plan = report["roadmap"]
    if plan["level"] is None:
        return '<h2>What to fix first</h2>\n<p class="ok">Every gate is open.</p>\n'
    level = plan["level"]
    if not plan["assessed"]:
        return (
            f"<h2>What to fix first</h2>\n<p>L{level} {LEVELS[level]} is not assessed: no"
            " control of that level has a subject in this scan.</p>\n"
        )
    out = [
        f"<h2>What to fix first</h2>\n<p>To pass the L{level} {LEVELS[level]} gate:"
        f" <strong>{plan['fixes_needed']}</strong> fix(es), best first.</p>\n<table>\n"
        "<tr><th>+score</th><th>Control</th><th>Pillar</th><th>Status</th></tr>\n"
    ]
    for step in plan["steps"][:10]:
        out.append(
            f"<tr><td>+{step['gain']:.1f}</td><td>{_severity(step['severity'])}"
            f" {escape(step['title'])}<br><code>{escape(step['id'])}</code></td>"
            f"<td>{escape(step['pillar'])}</td><td>{escape(step['status'])}</td></tr>\n"
        )
    return "".join(out) + "</table>\n"


def _failures(report: Report) -> str:
    by_file: dict[str, list[tuple[Entry, Entry]]] = {}
    for control, subject in failures(report):
        source = subject.get("source")
        by_file.setdefault(source["file"] if source else "(account-wide)", []).append(
            (control, subject)
        )
    if not by_file:
        return '<h2>Failing resources</h2>\n<p class="ok">No failing resource.</p>\n'
    total = sum(len(v) for v in by_file.values())
    out = [f"<h2>Failing resources ({total})</h2>\n"]
    for file in sorted(by_file):
        rows = sorted(by_file[file], key=lambda cs: (cs[1].get("source") or {}).get("line", 0))
        out.append(
            f"<details open><summary><code>{escape(file)}</code> ({len(rows)})</summary>\n"
            "<table>\n<tr><th>Lines</th><th>Resource</th><th>Control</th><th>Level</th></tr>\n"
        )
        for control, subject in rows:
            source = subject.get("source") or {}
            lines = (
                f"{source['line']}–{source.get('end_line', source['line'])}"
                if source.get("line")
                else ""
            )
            fix = control.get("remediation", "")
            remedy = (
                f"<details><summary class='small'>How to fix</summary>"
                f"<p class='small'>{escape(fix)}</p>"
                f"<p class='small'><code>{escape(control['docs'])}</code></p></details>"
                if fix
                else ""
            )
            out.append(
                f"<tr><td><code>{escape(lines)}</code></td><td><code>{escape(subject['address'])}</code>"
                f"<br><span class='muted small'>{escape(subject['type'])}</span></td>"
                f"<td>{_severity(control['severity'])} {escape(control['title'])}{remedy}</td>"
                f"<td>L{control['level']} {escape(PILLAR_TITLES[control['pillar']])}</td></tr>\n"
            )
        out.append("</table>\n</details>\n")
    return "".join(out)


def _unknowns(report: Report) -> str:
    rows = list(unknowns(report))
    if not rows:
        return ""
    out = [
        f"<h2>Unknown ({len(rows)})</h2>\n<p class='muted small'>What the input cannot decide"
        " offline; it counts as not passed.</p>\n<details><summary>Show</summary>\n<table>\n"
        "<tr><th>Control</th><th>Resource</th><th>Why</th></tr>\n"
    ]
    for control, subject in rows:
        out.append(
            f"<tr><td>{escape(control['title'])}</td><td><code>{escape(subject['address'])}"
            f"</code> <span class='muted small'>{escape(location(subject))}</span></td>"
            f"<td>{escape(subject.get('reason', ''))}</td></tr>\n"
        )
    return "".join(out) + "</table>\n</details>\n"


def _overrides(report: Report) -> str:
    block = report["overrides"]
    out = []
    if block["waived"]:
        out.append(
            f"<h2>Waived or suppressed ({len(block['waived'])})</h2>\n<table>\n"
            "<tr><th>Control</th><th>Resource</th><th>Reason</th><th>Expires</th>"
            "<th>Where</th></tr>\n"
        )
        for row in block["waived"]:
            out.append(
                f"<tr><td>{escape(row['title'])}</td>"
                f"<td><code>{escape(row.get('address', 'all subjects'))}</code></td>"
                f"<td>{escape(row['kind'])}: {escape(row['reason'])}</td>"
                f"<td>{escape(row.get('expires', ''))}</td>"
                f"<td><code>{escape(row['origin'])}</code></td></tr>\n"
            )
        out.append("</table>\n")
    if block["attested"]:
        out.append(
            f"<h2>Attested ({len(block['attested'])})</h2>\n<table>\n"
            "<tr><th>Control</th><th>Statement</th><th>Owner</th><th>Evidence</th>"
            "<th>Expires</th></tr>\n"
        )
        for row in block["attested"]:
            out.append(
                f"<tr><td>{escape(row['title'])}</td><td>{escape(row['statement'])}</td>"
                f"<td>{escape(row['owner'])}</td><td>{_evidence(row['evidence'])}</td>"
                f"<td>{escape(row['expires'])}</td></tr>\n"
            )
        out.append("</table>\n")
    if block["expired"]:
        out.append(f"<h2>Expired, no longer applied ({len(block['expired'])})</h2>\n<ul>\n")
        for row in block["expired"]:
            what = row["control"] or "every control"
            out.append(
                f"<li>{escape(row['kind'])} of <code>{escape(what)}</code> expired"
                f" {escape(row['expired'])} (<code>{escape(row['origin'])}</code>):"
                f" {escape(row['detail'])}</li>\n"
            )
        out.append("</ul>\n")
    return "".join(out)


def _diagnostics(report: Report) -> str:
    items = report["diagnostics"]
    if not items:
        return ""
    out = [f"<h2>Diagnostics ({len(items)})</h2>\n<details><summary>Show</summary>\n<ul>\n"]
    for item in items:
        where = f"{item['file']}:{item['line']}" if item["line"] else item["file"]
        out.append(
            f"<li>{escape(item['level'])}: <code>{escape(where)}</code>"
            f" {escape(item['message'])}</li>\n"
        )
    return "".join(out) + "</ul>\n</details>\n"


def _footer(report: Report) -> str:
    coverage = report["coverage"]
    files = coverage["files"]
    evidence = coverage["evidence_coverage"]
    text = (
        f"{files['read']}/{files['total']} input files read, {coverage['resources']} resources"
        + (f", evidence coverage {evidence:.1f}%" if evidence is not None else "")
        + f". csmm {report['tool']['version']}."
    )
    return f'<footer><p class="muted small">{escape(text)}</p></footer>\n'


def _severity(severity: str) -> str:
    return f'<span class="sev {escape(severity)}">{escape(severity)}</span>'


def _evidence(evidence: str) -> str:
    """A link when the evidence is an http(s) address, its text otherwise (never a script URL)."""
    url = http_url(evidence)
    if url is None:
        return f"<code>{escape(evidence)}</code>"
    return (
        f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">'
        f"<code>{escape(evidence)}</code></a>"
    )
