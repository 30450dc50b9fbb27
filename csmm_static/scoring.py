"""Gated maturity scoring: control statuses in, cell, level and overall scores out.

This module is the executable form of DESIGN.md "Scoring (normative)" and docs/scoring.md. It is
pure: no I/O, no global state. Arithmetic is exact (fractions) so that a level at exactly 80 %
opens its gate on every machine; floats appear only in the returned values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from csmm_static.engine import ControlResult, Status
from csmm_static.model import LEVELS, PILLARS, Control

GATE = Fraction(80, 100)
LEVEL_POINTS = 20
PILLAR_WEIGHTS: Mapping[str, Fraction] = {p: Fraction(str(w)) for p, w in PILLARS.items()}

# Statuses that count in a cell's denominator, and those that count as passed.
COUNTED: frozenset[Status] = frozenset({"pass", "fail", "unknown", "attested"})
PASSING: frozenset[Status] = frozenset({"pass", "attested"})


@dataclass(frozen=True)
class CellScore:
    pillar: str
    level: int
    score: float | None  # None: the cell is empty (no counted control)
    passed_weight: int
    counted_weight: int


@dataclass(frozen=True)
class LevelScore:
    level: int
    name: str
    score: float  # 0..1; 0 when not assessed
    unlocked: bool
    assessed: bool  # at least one counted control
    gate_passed: bool  # opens the next level (score >= 80 %, no critical failure, assessed)
    critical_failures: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    overall: float  # 0..100, one decimal
    level: int
    level_name: str
    levels: tuple[LevelScore, ...]
    cells: tuple[CellScore, ...]


def level_label(level: int) -> str:
    return f"L{level} {LEVELS[level]}"


def _index(controls: Iterable[Control] | Mapping[str, Control]) -> Mapping[str, Control]:
    if isinstance(controls, Mapping):
        return controls
    return {c.id: c for c in controls}


def score(
    results: Iterable[ControlResult], controls: Iterable[Control] | Mapping[str, Control]
) -> Score:
    """Score one account's results. Results of controls not in `controls` are an error."""
    by_id = _index(controls)
    statuses = {r.control_id: r.status for r in results}
    return _score(statuses, by_id)


def _score(statuses: Mapping[str, Status], by_id: Mapping[str, Control]) -> Score:
    passed: dict[tuple[str, int], int] = {}
    counted: dict[tuple[str, int], int] = {}
    criticals: dict[int, list[str]] = {lvl: [] for lvl in LEVELS}
    for control_id, status in statuses.items():
        item = by_id[control_id]
        cell = (item.pillar, item.level)
        if status in COUNTED:
            counted[cell] = counted.get(cell, 0) + item.weight
            if status in PASSING:
                passed[cell] = passed.get(cell, 0) + item.weight
        if status == "fail" and item.severity == "critical":
            criticals[item.level].append(control_id)

    cells: list[CellScore] = []
    cell_fraction: dict[tuple[str, int], Fraction] = {}
    for level in LEVELS:
        for pillar in PILLARS:
            key = (pillar, level)
            total = counted.get(key, 0)
            if total:
                cell_fraction[key] = Fraction(passed.get(key, 0), total)
            cells.append(
                CellScore(
                    pillar,
                    level,
                    float(cell_fraction[key]) if key in cell_fraction else None,
                    passed.get(key, 0),
                    total,
                )
            )

    levels: list[LevelScore] = []
    overall = Fraction(0)
    unlocked = True
    current = 1
    for level in LEVELS:
        weights = [
            (PILLAR_WEIGHTS[p], cell_fraction[(p, level)])
            for p in PILLARS
            if (p, level) in cell_fraction
        ]
        assessed = bool(weights)
        value = (
            sum((w * s for w, s in weights), Fraction(0)) / sum(w for w, _ in weights)
            if assessed
            else Fraction(0)
        )
        blockers = tuple(sorted(criticals[level]))
        gate = assessed and value >= GATE and not blockers
        if unlocked:
            current = level
            overall += LEVEL_POINTS * value
        levels.append(
            LevelScore(level, LEVELS[level], float(value), unlocked, assessed, gate, blockers)
        )
        unlocked = unlocked and gate
    return Score(
        overall=_round1(overall),
        level=current,
        level_name=LEVELS[current],
        levels=tuple(levels),
        cells=tuple(cells),
    )


def _round1(value: Fraction) -> float:
    """Round half up to one decimal, exactly (monotone, platform independent)."""
    tenths = (value * 10 + Fraction(1, 2)).__floor__()
    return float(Fraction(tenths, 10))


# ---------------------------------------------------------------------------------------------
# Roadmap: what to fix next.


@dataclass(frozen=True)
class Step:
    control_id: str
    status: Status  # fail or unknown
    gain: float  # overall points the fix adds on its own
    level_gain: float  # points of the level's own score (0..100) the fix adds


@dataclass(frozen=True)
class Roadmap:
    level: int | None  # the lowest level short of its gate (None: every gate is open)
    assessed: bool
    steps: tuple[Step, ...]  # its failing and unknown controls, most valuable first
    needed: int | None  # fixes needed to open the gate (None: the level is not assessed)


def roadmap(
    results: Iterable[ControlResult], controls: Iterable[Control] | Mapping[str, Control]
) -> Roadmap:
    """The failing and unknown controls of the lowest level short of its gate, ordered by the
    overall score each fix adds, and how many fixes open the gate.

    Fixes within a level add up (a fix never changes a cell's denominator), so taking the
    critical failures first and then the largest level gains gives the smallest count.
    """
    by_id = _index(controls)
    statuses = {r.control_id: r.status for r in results}
    base = _score(statuses, by_id)
    target = next((lv for lv in base.levels if not lv.gate_passed), None)
    if target is None:
        return Roadmap(None, True, (), 0)
    steps: list[Step] = []
    for control_id, status in statuses.items():
        item = by_id[control_id]
        if item.level != target.level or status not in ("fail", "unknown"):
            continue
        fixed = _score({**statuses, control_id: "pass"}, by_id)
        gain = fixed.overall - base.overall
        level_gain = fixed.levels[target.level - 1].score - target.score
        steps.append(Step(control_id, status, round(gain, 1), round(100 * level_gain, 1)))
    steps.sort(
        key=lambda s: (
            -s.gain,
            -s.level_gain,
            by_id[s.control_id].severity != "critical",
            s.control_id,
        )
    )
    if not target.assessed:
        return Roadmap(target.level, False, tuple(steps), None)
    # Greedy: criticals first (the gate needs them all), then the largest level gains.
    needed = 0
    current = dict(statuses)
    order = sorted(
        steps,
        key=lambda s: (by_id[s.control_id].severity != "critical", -s.level_gain, s.control_id),
    )
    for step in order:
        if _score(current, by_id).levels[target.level - 1].gate_passed:
            break
        current[step.control_id] = "pass"
        needed += 1
    return Roadmap(target.level, True, tuple(steps), needed)
