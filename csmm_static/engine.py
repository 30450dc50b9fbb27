"""Evaluate controls against a graph: the only place that calls control functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Literal

from csmm_static.diagnostics import Diagnostic, line_in
from csmm_static.model import (
    FORMAT_NAMES,
    SOURCE_FORMATS,
    Control,
    Graph,
    Resource,
    Source,
    Unknown,
)

SubjectStatus = Literal["pass", "fail", "unknown"]
Status = Literal["pass", "fail", "unknown", "not_applicable", "not_assessed", "waived", "attested"]
Scope = Literal["workload", "account"]

STATUSES: tuple[Status, ...] = (
    "pass",
    "fail",
    "unknown",
    "attested",
    "waived",
    "not_applicable",
    "not_assessed",
)


@dataclass(frozen=True)
class SubjectResult:
    """A control's result on one resource (or on the account node)."""

    node_id: str
    address: str
    type: str
    status: SubjectStatus
    reason: str = ""  # why it is unknown, or which scenario failed
    source: Source | None = None


@dataclass(frozen=True)
class ControlResult:
    """A control's status in one account, with the per-subject results behind it."""

    control_id: str
    status: Status
    subjects: tuple[SubjectResult, ...] = ()
    note: str = ""  # why it is not assessed, waived or attested


@dataclass(frozen=True)
class Partition:
    """The results for one account (or for the workload when no account is known)."""

    account: str | None
    results: tuple[ControlResult, ...]


@dataclass(frozen=True)
class Evaluation:
    partitions: tuple[Partition, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def combine(statuses: Iterable[SubjectStatus]) -> Status:
    """A control's status from its subjects' results: any fail fails, else any unknown."""
    seen = set(statuses)
    if not seen:
        return "not_applicable"
    if "fail" in seen:
        return "fail"
    if "unknown" in seen:
        return "unknown"
    return "pass"


def evaluate(controls: Sequence[Control], graph: Graph, scope: Scope = "workload") -> Evaluation:
    """Run every control on every subject, per account.

    Account controls are `not_assessed` in workload scope. A control that raises anything but
    `Unknown` yields `unknown` for that subject and one diagnostic, never a crash.
    """
    accounts = graph.accounts
    if len(accounts) <= 1:
        views = [(accounts[0].account if accounts else None, graph)]
    else:
        views = [(node.account, graph.restricted_to(node)) for node in accounts]
    diagnostics: dict[str, Diagnostic] = {}
    partitions = []
    for account, view in views:
        # Beside named accounts, the resources that name none (IaC) are a workload: no
        # evidence describes their account, so its account controls are not assessed.
        view_scope: Scope = "workload" if account is None and len(views) > 1 else scope
        formats = _view_formats(view)
        results = tuple(
            _evaluate_control(c, view, view_scope, diagnostics, formats) for c in controls
        )
        partitions.append(Partition(account, results))
    return Evaluation(tuple(partitions), tuple(diagnostics[k] for k in sorted(diagnostics)))


def _view_formats(graph: Graph) -> frozenset[str]:
    """The fixture formats (model.FORMATS keys) of the inputs that describe one account."""
    found: set[str] = set()
    for resource in graph:
        names = (resource.source.format,) if resource.source else ()
        for name in (*names, *resource.evidence):
            found.add(SOURCE_FORMATS.get(name, name))
    return frozenset(found)


def _evaluate_control(
    item: Control,
    graph: Graph,
    scope: Scope,
    diagnostics: dict[str, Diagnostic],
    formats: frozenset[str] = frozenset(),
) -> ControlResult:
    if item.is_account_control:
        if scope != "account":
            return ControlResult(
                item.id,
                "not_assessed",
                note="account control: assessed only in account scope"
                " (AWS Config or account evidence, or --scope account)",
            )
        blind = _no_input_can_show(item, formats)
        if blind:
            return ControlResult(
                item.id,
                "unknown",
                tuple(
                    SubjectResult(a.node_id, a.address, a.type, "unknown", blind, a.source)
                    for a in graph.accounts
                ),
            )
        subjects = graph.accounts
    else:
        subjects = graph.resources(item.subject)
    results = tuple(_evaluate_subject(item, subject, graph, diagnostics) for subject in subjects)
    return ControlResult(item.id, combine(r.status for r in results), results)


def _evaluate_subject(
    item: Control, subject: Resource, graph: Graph, diagnostics: dict[str, Diagnostic]
) -> SubjectResult:
    blind = _format_cannot_show(item, subject)
    if blind:
        return SubjectResult(
            subject.node_id, subject.address, subject.type, "unknown", blind, subject.source
        )
    views = [(label, subject.in_scenario(label, props)) for label, props in subject.scenarios]
    if not views:
        views = [("", subject)]
    outcomes: list[tuple[SubjectStatus, str]] = []
    for label, view in views:
        status, reason = _call(item, view, graph, diagnostics)
        if label and status != "pass":
            reason = f"{reason}; scenario {label}" if reason else f"scenario {label}"
        outcomes.append((status, reason))
    combined = combine(s for s, _ in outcomes)
    reasons = sorted({r for s, r in outcomes if s == combined and r})
    return SubjectResult(
        node_id=subject.node_id,
        address=subject.address,
        type=subject.type,
        status=combined,  # type: ignore[arg-type]  # never "not_applicable": views is non-empty
        reason="; ".join(reasons),
        source=subject.source,
    )


def _format_cannot_show(item: Control, subject: Resource) -> str:
    """Why the subject's input format cannot show this control's evidence ("" when it can).

    A control declares the formats that record what it reads; a resource from another format
    (a load balancer from AWS Config, which does not record web ACL associations) is unknown,
    never judged on the absence of data its format never carries.
    """
    if subject.source is None:
        return ""
    return _blind_reason(item.formats, item.unrecorded, subject.source.format, subject.evidence)


@lru_cache(maxsize=4096)
def _blind_reason(
    formats: tuple[str, ...],
    unrecorded: tuple[tuple[str, str], ...],
    source_format: str,
    evidence: tuple[str, ...],
) -> str:
    # Called once per control and subject: a handful of distinct arguments in a whole scan.
    keys = [SOURCE_FORMATS.get(f) for f in (source_format, *evidence)]
    if any(key is None or key in formats for key in keys):
        return ""
    return _why_unrecorded(unrecorded, keys[0] or "")


def _why_unrecorded(unrecorded: tuple[tuple[str, str], ...], key: str) -> str:
    """The control's own reason why format `key` cannot show it, or a general one."""
    reason = dict(unrecorded).get(key)
    if reason:
        return reason
    return f"{FORMAT_NAMES.get(key, key)} does not record what this control reads"


def _no_input_can_show(item: Control, formats: frozenset[str]) -> str:
    """Why an account control cannot be judged from this account's inputs ("" when it can).

    The account's evidence is whatever its inputs hold; when none of them is in a format the
    control declares (a budget judged from an AWS Config snapshot, which does not record
    budgets), the absence of evidence says nothing.
    """
    if not formats or formats & set(item.formats):
        return ""
    given = dict(item.unrecorded)
    reasons = [given[f] for f in sorted(formats) if given.get(f)]
    if reasons:
        return "; ".join(reasons)
    names = ", ".join(sorted(FORMAT_NAMES.get(f, f) for f in formats))
    return f"no input of this account records what this control reads (read: {names})"


def _call(
    item: Control, subject: Resource, graph: Graph, diagnostics: dict[str, Diagnostic]
) -> tuple[SubjectStatus, str]:
    try:
        verdict = item.function(subject, graph)
    except Unknown as exc:
        return "unknown", exc.reason
    except Exception as exc:  # a broken control must not lose the others' results
        # Named by the subject's file, like every diagnostic about the input: the control's own
        # path is where CSMM is installed (absolute, machine-specific), so only its name and
        # line go into the message.
        where = f"{PurePath(item.path).name}:{line_in(exc, item.path)}"
        diagnostics.setdefault(
            item.id,
            Diagnostic(
                subject.source.file if subject.source else "",
                subject.source.line if subject.source else 0,
                f"control {item.id} raised {type(exc).__name__}: {exc} (on {subject.address},"
                f" at {where}); its result is unknown for every subject it raised on. Report it"
                f" as a bug with the control id {item.id} (for a control of your own from"
                " --rules, fix it)",
                code="control-error",
            ),
        )
        return "unknown", f"control error: {type(exc).__name__}"
    if not isinstance(verdict, bool):
        diagnostics.setdefault(
            item.id,
            Diagnostic(
                subject.source.file if subject.source else "",
                subject.source.line if subject.source else 0,
                f"control {item.id} returned {type(verdict).__name__}, expected bool (on"
                f" {subject.address}, at {PurePath(item.path).name}:"
                f"{item.function.__code__.co_firstlineno}); its result is unknown for its"
                f" subjects. Report it as a bug with the control id {item.id} (for a control of"
                " your own from --rules, make it return True or False)",
                code="control-error",
            ),
        )
        return "unknown", "control returned a non-boolean"
    return ("pass", "") if verdict else ("fail", "")
