from typing import Any

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import automation_responds, pattern_admits

# IAM calls that change who may do what; a revert needs at least one of them seen.
CHANGE_EVENTS = (
    "AttachRolePolicy",
    "AttachUserPolicy",
    "AttachGroupPolicy",
    "PutRolePolicy",
    "PutUserPolicy",
    "PutGroupPolicy",
    "CreatePolicyVersion",
    "SetDefaultPolicyVersion",
    "UpdateAssumeRolePolicy",
    "CreateAccessKey",
)
# What the automation needs to put the baseline back.
REVERT_ACTIONS = (
    "iam:DetachRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:DetachUserPolicy",
    "iam:DeleteUserPolicy",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateAccessKey",
)


def _sees_iam_changes(pattern: dict[str, Any]) -> bool:
    return (
        pattern_admits(pattern, "source", "aws.iam")
        and pattern_admits(pattern, "detail-type", "AWS API Call via CloudTrail")
        and pattern_admits(pattern, "detail.eventSource", "iam.amazonaws.com")
        and any(pattern_admits(pattern, "detail.eventName", e) for e in CHANGE_EVENTS)
    )


@control(
    pillar="iam",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-01", "DE.CM-03"]},
)
def iam_change_events_trigger_revert(account: Resource, graph: Graph) -> bool:
    """IAM policy changes trigger automation that can revert them.

    Why it matters:
        Policy drift is most dangerous in the minutes after it happens: an attacker attaching
        `AdministratorAccess` to a foothold role, or an engineer's "temporary" trust change.
        An EventBridge rule on the IAM API calls that invokes code able to detach, delete or
        roll back closes that window without waiting for a person.

    Remediation:
        Create an `AWS::Events::Rule` in us-east-1 (where IAM events arrive) with an
        `EventPattern` on `source: aws.iam`, `detail-type: AWS API Call via CloudTrail` and the
        policy-changing `eventName`s, targeting a Lambda function, state machine or SSM
        Automation whose role may call `iam:DetachRolePolicy`, `iam:DeletePolicyVersion`, ...
        (Terraform `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`).
    """
    return automation_responds(graph, _sees_iam_changes, REVERT_ACTIONS)
