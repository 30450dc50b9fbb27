from datetime import datetime, timezone
from typing import Any

from csmm_static.model import Graph, Resource, Unknown, as_list, control

# Days a finding may stay open, by severity label.
SLA_DAYS = {"CRITICAL": 7, "HIGH": 30}
_OPEN_WORKFLOW = {"NEW", "NOTIFIED"}


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _overdue(finding: dict[str, Any], as_of: datetime) -> bool:
    """An open, failing critical or high finding older than its SLA. Findings are the account
    exports' summaries (docs/graph.md `SecurityHubFindings`)."""
    if str(finding.get("RecordState", "ACTIVE")).upper() != "ACTIVE":
        return False
    if str(finding.get("WorkflowStatus", "NEW")).upper() not in _OPEN_WORKFLOW:
        return False
    if str(finding.get("ComplianceStatus", "")).upper() == "PASSED":
        return False
    days = SLA_DAYS.get(str(finding.get("Severity", "")).upper())
    opened = _time(finding.get("FirstObservedAt")) or _time(finding.get("CreatedAt"))
    return days is not None and opened is not None and (as_of - opened).days > days


@control(
    pillar="monitoring",
    level=4,
    severity="high",
    subject="AWS::Account",
    formats=("evidence",),
    unrecorded={
        "cfn": (
            "CloudFormation declares no Security Hub findings: their severity, workflow status "
            "and age exist only at run time"
        ),
        "tf": (
            "Terraform configuration declares no Security Hub findings: their severity, workflow "
            "status and age are runtime facts"
        ),
        "tfplan": (
            "A Terraform plan holds no Security Hub findings; their severity, workflow status and"
            " age exist only in Security Hub"
        ),
        "config": (
            "AWS Config does not record Security Hub findings, so their severity, workflow status"
            " and age are not in a snapshot"
        ),
    },
    refs={
        "nist_csf": ["RS.MA-02", "ID.RA-06"],
        "prowler": ["guardduty_no_high_severity_findings"],
    },
)
def securityhub_findings_within_sla(account: Resource, graph: Graph) -> bool:
    """No critical finding stays open past 7 days, and no high finding past 30.

    Why it matters:
        Detection is worth what the response to it is worth. Critical and high findings left
        open for weeks are known ways in, and an auditor reads their age as the real measure
        of how the team keeps up. Ages are measured against the newest update in the export.

    Remediation:
        Triage and resolve critical findings within 7 days and high ones within 30, or
        suppress them with a recorded reason; provide `aws securityhub get-findings` output
        (ASFF) to evidence it. Configuration cannot show this (neither CloudFormation nor
        Terraform declares findings).
    """
    findings = account.get("SecurityHubFindings")
    if findings is None:
        raise Unknown(
            "no findings evidence; add the output of `aws securityhub get-findings`"
            " filtered to active critical and high findings"
        )
    items = [f for f in as_list(findings) if isinstance(f, dict)]
    if not items:
        return True
    stamps = [t for t in (_time(f.get("UpdatedAt")) for f in items) if t is not None]
    if not stamps:
        raise Unknown("the findings carry no UpdatedAt time to measure their age against")
    as_of = max(stamps)  # the export's own clock: the report stays reproducible
    return not any(_overdue(f, as_of) for f in items)
