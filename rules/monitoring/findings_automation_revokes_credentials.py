from typing import Any

from csmm_static import policy
from csmm_static.events import automation_can, finding_routes
from csmm_static.model import Graph, Resource, control

# Ways to cut off a compromised principal: disable its keys, or attach a deny-all (or a
# deny for sessions issued before now) to it. SSM runbooks call the same APIs by name.
REVOKING_ACTIONS = (
    "iam:UpdateAccessKey",
    "iam:DeleteAccessKey",
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:AttachUserPolicy",
)
AWS_RUNBOOKS = ("AWSConfigRemediation-RevokeUnusedIAMUserCredentials",)


def _revokes(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), REVOKING_ACTIONS))


@control(
    pillar="monitoring",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MI-01", "RS.MI-02"]},
)
def findings_automation_revokes_credentials(account: Resource, graph: Graph) -> bool:
    """Findings start automation that can revoke a compromised principal's credentials.

    Why it matters:
        Leaked access keys are used within minutes of appearing in public. A playbook wired to
        GuardDuty or Security Hub findings that deactivates the key, or attaches a deny-all
        policy to the role, ends the attacker's session before a person has read the alert.

    Remediation:
        Route findings (`AWS::Events::Rule` on GuardDuty or Security Hub findings) to a Lambda
        function or state machine whose role may `iam:UpdateAccessKey` and
        `iam:PutRolePolicy`/`iam:AttachRolePolicy`, or to an SSM Automation runbook that calls
        them (Terraform: `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`,
        `aws_iam_role_policy`).
    """
    reached = list(finding_routes(graph).targets())
    return automation_can(graph, reached, _revokes, REVOKING_ACTIONS, AWS_RUNBOOKS)
