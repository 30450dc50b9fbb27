from typing import Any

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import automation_responds, pattern_admits

# GuardDuty finding types about IAM credentials (a sample per tactic).
IAM_FINDING_TYPES = (
    "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
    "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
    "CredentialAccess:IAMUser/AnomalousBehavior",
    "PrivilegeEscalation:IAMUser/AnomalousBehavior",
    "Persistence:IAMUser/AnomalousBehavior",
    "Policy:IAMUser/RootCredentialUsage",
)
# What containment of a compromised principal needs: deny-all inline policy, key
# deactivation, console password removal.
QUARANTINE_ACTIONS = (
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:AttachUserPolicy",
    "iam:UpdateAccessKey",
    "iam:DeleteLoginProfile",
)


def _sees_iam_findings(pattern: dict[str, Any]) -> bool:
    return (
        pattern_admits(pattern, "source", "aws.guardduty")
        and pattern_admits(pattern, "detail-type", "GuardDuty Finding")
        and any(pattern_admits(pattern, "detail.type", t) for t in IAM_FINDING_TYPES)
    )


@control(
    pillar="iam",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-01", "RS.MA-01"]},
)
def guardduty_iam_findings_quarantine(account: Resource, graph: Graph) -> bool:
    """GuardDuty findings about IAM credentials trigger automated quarantine.

    Why it matters:
        Stolen credentials are used within minutes of the theft; an automated response that
        attaches a deny-all policy, deactivates keys or revokes sessions on the GuardDuty
        finding contains the principal before a person has read the alert.

    Remediation:
        Create an `AWS::Events::Rule` with an `EventPattern` on `source: aws.guardduty`,
        `detail-type: GuardDuty Finding` (optionally `detail.type` prefixes such as
        `UnauthorizedAccess:IAMUser`) targeting a Lambda function, state machine or SSM
        Automation whose role may call `iam:PutRolePolicy`, `iam:PutUserPolicy` or
        `iam:UpdateAccessKey` (Terraform `aws_cloudwatch_event_rule`,
        `aws_cloudwatch_event_target`).
    """
    return automation_responds(graph, _sees_iam_findings, QUARANTINE_ACTIONS)
