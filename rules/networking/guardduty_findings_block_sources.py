from typing import Any

from csmm_static import policy
from csmm_static.model import Graph, Resource, control
from csmm_static.network import finding_response_can

# Updating a WAF IP set, a Network Firewall rule group or a network ACL.
BLOCKING_ACTIONS = (
    "wafv2:UpdateIPSet",
    "network-firewall:UpdateRuleGroup",
    "ec2:CreateNetworkAclEntry",
    "ec2:ReplaceNetworkAclEntry",
)
BLOCKING_APIS = (
    "UpdateIPSet",
    "UpdateRuleGroup",
    "CreateNetworkAclEntry",
    "ReplaceNetworkAclEntry",
)


def _blocks(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), BLOCKING_ACTIONS))


@control(
    pillar="networking",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config"),
    refs={"nist_csf": ["RS.MI-01"]},
)
def guardduty_findings_block_sources(account: Resource, graph: Graph) -> bool:
    """GuardDuty findings trigger automation that can block the malicious address.

    Why it matters:
        Brute force, scanning and command-and-control findings name the remote address.
        Automation that adds it to a WAF IP set, a Network Firewall rule group or a network
        ACL deny entry stops the next attempt everywhere at once, instead of after a
        ticket queue.

    Remediation:
        Target an `AWS::Events::Rule` on `source: [aws.guardduty]` at a Lambda function or
        state machine whose role allows `wafv2:UpdateIPSet`,
        `network-firewall:UpdateRuleGroup` or `ec2:CreateNetworkAclEntry`, and reference
        the IP set from a blocking rule of the web ACL (`IPSetReferenceStatement`).
        Terraform: `aws_cloudwatch_event_target`, `aws_wafv2_ip_set`, `aws_iam_role_policy`.
    """
    return finding_response_can(graph, "aws.guardduty", _blocks, BLOCKING_APIS)
