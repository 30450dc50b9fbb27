"""Waivers, inline suppressions and attestations: the pure stage between evaluate and score.

It never changes a subject's own result: a waived subject still shows whether it passed or
failed. It changes a control's status: subjects that a waiver or suppression covers leave the
control's combination (all of them covered: `waived`), a whole-control waiver makes it `waived`,
and a valid attestation turns an attestable control's `unknown` into `attested`. Expiry is judged
against the `today` it is given, so the same input and date give the same result.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Literal

from csmm_static.config import Attestation, Config, Waiver
from csmm_static.diagnostics import Diagnostic
from csmm_static.engine import (
    ControlResult,
    Evaluation,
    Partition,
    SubjectResult,
    SubjectStatus,
    combine,
)
from csmm_static.model import Control, Graph

ExemptionKind = Literal["waiver", "suppression"]
DOCS = "see docs/configuration.md"


@dataclass(frozen=True)
class Exemption:
    """Why a control or one of its subjects is out of the score."""

    kind: ExemptionKind
    reason: str
    origin: str  # "<file>:<line>" where it was written
    expires: str = ""  # YYYY-MM-DD, "" when it never expires


@dataclass(frozen=True)
class Expired:
    """A waiver, suppression or attestation that no longer applies."""

    kind: Literal["waiver", "suppression", "attestation"]
    control_id: str  # "" for a waiver on every control
    expired: str  # its last valid day
    origin: str
    detail: str  # the reason, or the attested statement


@dataclass(frozen=True)
class OverrideOptions:
    today: datetime.date
    attestations: bool = True  # False: --no-attestations
    inline_suppressions: bool = True  # False: --no-inline-suppressions


@dataclass(frozen=True)
class Overrides:
    """What the stage applied and rejected, for the report."""

    config: str = ""
    today: datetime.date | None = None
    attestations_enabled: bool = True
    inline_enabled: bool = True
    inline_ignored: int = 0  # suppressions found while --no-inline-suppressions
    dated: bool = False  # some entry has a date, so the result depends on `today`
    controls: Mapping[str, Exemption] = field(default_factory=dict)
    subjects: Mapping[tuple[str, str], Exemption] = field(default_factory=dict)
    attested: Mapping[str, Attestation] = field(default_factory=dict)
    expired: tuple[Expired, ...] = ()


@dataclass
class _Inline:
    exemption: Exemption
    used: bool = False


def apply(
    evaluation: Evaluation,
    controls: Sequence[Control],
    graph: Graph,
    config: Config,
    options: OverrideOptions,
) -> tuple[Evaluation, Overrides]:
    """The evaluation with waivers, suppressions and attestations applied, and what was done."""
    state = _State({c.id: c for c in controls}, options)
    waivers = state.active_waivers(config.waivers)
    inline = state.inline(graph) if options.inline_suppressions else {}
    attestations = state.active_attestations(config.attestations) if options.attestations else {}
    partitions = tuple(
        Partition(
            p.account,
            tuple(state.apply(r, waivers, inline, attestations) for r in p.results),
        )
        for p in evaluation.partitions
    )
    state.report_unused(waivers, inline)
    dated = (
        any(w.expires for w in config.waivers)
        or any(s.until for r in graph for s in r.suppressions)
        or bool(config.attestations)
    )
    overrides = Overrides(
        config=config.path,
        today=options.today,
        attestations_enabled=options.attestations,
        inline_enabled=options.inline_suppressions,
        inline_ignored=0
        if options.inline_suppressions
        else sum(len(r.suppressions) for r in graph),
        dated=dated,
        controls=dict(sorted(state.controls.items())),
        subjects=dict(sorted(state.subjects.items())),
        attested=dict(sorted(state.attested.items())),
        expired=tuple(sorted(state.expired, key=lambda e: (e.origin, e.control_id))),
    )
    diagnostics = tuple(sorted(set(evaluation.diagnostics) | set(state.diagnostics)))
    return Evaluation(partitions, diagnostics), overrides


@dataclass
class _State:
    by_id: Mapping[str, Control]
    options: OverrideOptions
    diagnostics: list[Diagnostic] = field(default_factory=list)
    expired: list[Expired] = field(default_factory=list)
    controls: dict[str, Exemption] = field(default_factory=dict)
    subjects: dict[tuple[str, str], Exemption] = field(default_factory=dict)
    attested: dict[str, Attestation] = field(default_factory=dict)
    used_waivers: set[int] = field(default_factory=set)

    # -- checking what was written --------------------------------------------------------
    def active_waivers(self, waivers: Sequence[Waiver]) -> list[Waiver]:
        active = []
        for waiver in waivers:
            if waiver.control_id and waiver.control_id not in self.by_id:
                self._warn(
                    waiver.origin,
                    f"waiver names unknown control {waiver.control_id}; correct the control id",
                )
            elif waiver.expires is not None and waiver.expires < self.options.today:
                self._expire(
                    "waiver", waiver.control_id, waiver.expires, waiver.origin, waiver.reason
                )
            else:
                active.append(waiver)
        return active

    def inline(self, graph: Graph) -> dict[tuple[str, str], _Inline]:
        """(control id, node id) -> the valid, unexpired inline suppression for it."""
        found: dict[tuple[str, str], _Inline] = {}
        for resource in graph:
            file = resource.source.file if resource.source else resource.address
            for item in resource.suppressions:
                origin = f"{file}:{item.line}"
                if not item.control_id:
                    self._warn(
                        origin,
                        "inline suppression names no control; write"
                        " `csmm:ignore <control_id> <reason> [until YYYY-MM-DD]`",
                    )
                elif item.control_id not in self.by_id:
                    self._warn(
                        origin,
                        f"inline suppression names unknown control {item.control_id}; correct"
                        " the control id",
                    )
                elif not item.reason:
                    self._warn(
                        origin,
                        f"inline suppression of {item.control_id} has no reason;"
                        " a reason is required, so it is ignored. Add one",
                    )
                else:
                    until = _date(item.until)
                    if item.until and until is None:
                        self._warn(
                            origin,
                            f"inline suppression of {item.control_id}: until"
                            f" {item.until!r} is not a date; it is ignored. Write it as"
                            " YYYY-MM-DD",
                        )
                    elif until is not None and until < self.options.today:
                        self._expire("suppression", item.control_id, until, origin, item.reason)
                    else:
                        exemption = Exemption("suppression", item.reason, origin, item.until)
                        found.setdefault((item.control_id, resource.node_id), _Inline(exemption))
        return found

    def active_attestations(self, attestations: Sequence[Attestation]) -> dict[str, Attestation]:
        active = {}
        for item in attestations:
            control = self.by_id.get(item.control_id)
            if control is None:
                self._warn(
                    item.origin,
                    f"attestation names unknown control {item.control_id}; correct the control id",
                )
            elif not control.attestable:
                self._warn(
                    item.origin,
                    f"control {item.control_id} is not attestable: its"
                    " evidence comes from configuration, so the attestation is ignored. Remove"
                    " it",
                )
            elif item.date > self.options.today:
                self._warn(
                    item.origin,
                    f"attestation of {item.control_id} is dated"
                    f" {item.date.isoformat()}, in the future; it is ignored. Correct the date",
                )
            elif item.expires < self.options.today:
                self._expire(
                    "attestation", item.control_id, item.expires, item.origin, item.statement
                )
            else:
                active[item.control_id] = item
        return active

    # -- applying -------------------------------------------------------------------------
    def apply(
        self,
        result: ControlResult,
        waivers: Sequence[Waiver],
        inline: Mapping[tuple[str, str], _Inline],
        attestations: Mapping[str, Attestation],
    ) -> ControlResult:
        if result.status in ("not_applicable", "not_assessed"):
            if result.control_id in attestations and result.status == "not_assessed":
                self._info(
                    attestations[result.control_id].origin,
                    f"attestation of {result.control_id} is not used: account controls"
                    " are assessed only in account scope; pass --scope account to use it",
                )
            return result
        whole = next(
            (
                i
                for i, w in enumerate(waivers)
                if w.whole_control and w.control_id == result.control_id
            ),
            None,
        )
        if whole is not None and result.status in ("fail", "unknown"):
            self.used_waivers.add(whole)
            waiver = waivers[whole]
            waived = Exemption("waiver", waiver.reason, waiver.origin, _iso(waiver.expires))
            self.controls[result.control_id] = waived
            return dataclasses.replace(result, status="waived", note=_note(waived))
        kept: list[SubjectStatus] = []
        exempted = 0
        for subject in result.subjects:
            exemption: Exemption | None = None
            if subject.status != "pass":  # only a failing or unknown result needs one
                exemption = self._subject_exemption(result.control_id, subject, waivers, inline)
            if exemption is None:
                kept.append(subject.status)
            else:
                self.subjects[(result.control_id, subject.node_id)] = exemption
                exempted += 1
        if exempted:
            status = combine(kept) if kept else "waived"
            note = f"{exempted} of {len(result.subjects)} subjects waived or suppressed"
            result = dataclasses.replace(result, status=status, note=note)
        return self._attest(result, attestations)

    def _subject_exemption(
        self,
        control_id: str,
        subject: SubjectResult,
        waivers: Sequence[Waiver],
        inline: Mapping[tuple[str, str], _Inline],
    ) -> Exemption | None:
        written = inline.get((control_id, subject.node_id))
        if written is not None:
            written.used = True
            return written.exemption
        file = subject.source.file if subject.source else ""
        for index, waiver in enumerate(waivers):
            if waiver.whole_control or (waiver.control_id and waiver.control_id != control_id):
                continue
            if waiver.address and not fnmatchcase(subject.address, waiver.address):
                continue
            if waiver.file and not fnmatchcase(file, waiver.file):
                continue
            self.used_waivers.add(index)
            return Exemption("waiver", waiver.reason, waiver.origin, _iso(waiver.expires))
        return None

    def _attest(
        self, result: ControlResult, attestations: Mapping[str, Attestation]
    ) -> ControlResult:
        item = attestations.get(result.control_id)
        if item is None:
            expired = next(
                (
                    e
                    for e in self.expired
                    if e.kind == "attestation" and e.control_id == result.control_id
                ),
                None,
            )
            if expired is not None and result.status == "unknown":
                note = f"attestation expired on {expired.expired} ({expired.origin})"
                return dataclasses.replace(result, note=note)
            return result
        if result.status == "unknown":
            self.attested[result.control_id] = item
            note = f"attested by {item.owner} until {item.expires.isoformat()} ({item.origin})"
            return dataclasses.replace(result, status="attested", note=note)
        if result.status == "fail":
            self._warn(
                item.origin,
                f"attestation of {result.control_id} is not used: the"
                " configuration shows the control failing, and evidence outweighs it. Fix the"
                " configuration, or remove the attestation",
            )
        return result

    def report_unused(
        self, waivers: Sequence[Waiver], inline: Mapping[tuple[str, str], _Inline]
    ) -> None:
        for index, waiver in enumerate(waivers):
            if index not in self.used_waivers:
                self._warn(
                    waiver.origin,
                    "waiver matches no failing or unknown result; remove"
                    " it or correct its control, address or file",
                )
        for (control_id, _), item in sorted(inline.items()):
            if not item.used:
                self._warn(
                    item.exemption.origin,
                    f"inline suppression of {control_id} matches"
                    " no failing or unknown result of that control on this resource; remove it",
                )

    # -- reporting ------------------------------------------------------------------------
    def _expire(
        self,
        kind: Literal["waiver", "suppression", "attestation"],
        control_id: str,
        on: datetime.date,
        origin: str,
        detail: str,
    ) -> None:
        self.expired.append(Expired(kind, control_id, on.isoformat(), origin, detail))
        what = f"{kind} of {control_id}" if control_id else kind
        self._warn(
            origin, f"{what} expired on {on.isoformat()} and no longer applies; renew or remove it"
        )

    def _warn(self, origin: str, message: str) -> None:
        self.diagnostics.append(_diagnostic(origin, f"{message} ({DOCS})", "warning"))

    def _info(self, origin: str, message: str) -> None:
        self.diagnostics.append(_diagnostic(origin, message, "info"))


def _diagnostic(origin: str, message: str, level: Literal["warning", "info"]) -> Diagnostic:
    file, _, line = origin.rpartition(":")
    return Diagnostic(file, int(line) if line.isdigit() else 0, message, level, "override")


def _note(exemption: Exemption) -> str:
    return f"{exemption.kind}: {exemption.reason} ({exemption.origin})"


def _date(text: str) -> datetime.date | None:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""
