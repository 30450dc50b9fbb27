from typing import Any

from csmm_static import policy
from csmm_static.model import Graph, Resource, control
from csmm_static.network import finding_response_can

# What swapping an instance's security groups for a quarantine group takes.
ISOLATING_ACTIONS = ("ec2:ModifyInstanceAttribute", "ec2:ModifyNetworkInterfaceAttribute")
ISOLATING_APIS = ("ModifyInstanceAttribute", "ModifyNetworkInterfaceAttribute")
# AWS-owned runbooks that contain an instance.
ISOLATING_RUNBOOKS = ("AWSSupport-ContainEC2Instance",)


def _isolates(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), ISOLATING_ACTIONS))


@control(
    pillar="networking",
    level=5,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config"),
    refs={"nist_csf": ["RS.MI-01", "RS.MI-02"]},
)
def guardduty_findings_isolate_instances(account: Resource, graph: Graph) -> bool:
    """GuardDuty findings trigger automation that can isolate the instance involved.

    Why it matters:
        A compromised instance keeps exfiltrating and spreading for as long as it takes a
        person to read the alert. An EventBridge rule on GuardDuty findings that starts a
        function, state machine or runbook allowed to replace the instance's security groups
        with a quarantine group cuts it off within seconds, with its disk kept for forensics.

    Remediation:
        Add an `AWS::Events::Rule` with `EventPattern` `{source: [aws.guardduty],
        detail-type: [GuardDuty Finding]}` (filtered to EC2 finding types and severities)
        whose `Targets` invoke a Lambda function or state machine whose role allows
        `ec2:ModifyInstanceAttribute` / `ec2:ModifyNetworkInterfaceAttribute` (and
        `ec2:CreateSnapshot`), or the `AWSSupport-ContainEC2Instance` runbook. Terraform:
        `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`, `aws_lambda_function`,
        `aws_iam_role_policy`.
    """
    return finding_response_can(
        graph, "aws.guardduty", _isolates, ISOLATING_APIS, ISOLATING_RUNBOOKS
    )
