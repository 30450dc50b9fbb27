from typing import Any

from csmm_static import policy
from csmm_static.model import ACCOUNT, Graph, Resource, as_bool, control
from csmm_static.network import custom_resource_roles, roles_may

# A provisioning function allowed to do this switches GuardDuty on for the organization.
_ENABLING_ACTIONS = ("guardduty:CreateDetector", "guardduty:EnableOrganizationAdminAccount")


def _grants_enabling(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), _ENABLING_ACTIONS))


@control(
    pillar="networking",
    level=2,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={
        "fsbp": ["GuardDuty.1"],
        "nist_csf": ["DE.CM-01", "DE.CM-09"],
        "prowler": ["guardduty_is_enabled"],
    },
)
def guardduty_enabled(account: Resource, graph: Graph) -> bool:
    """GuardDuty is enabled in every region the account uses.

    Why it matters:
        GuardDuty turns VPC flow logs, DNS queries and CloudTrail events into findings about
        crypto-mining, command-and-control traffic, credential exfiltration and
        reconnaissance. A region without a detector is where an attacker can work unseen.
        An organization-wide deployment by a custom resource whose function may create
        detectors or designate the GuardDuty administrator (as in the AWS Security Reference
        Architecture) counts for every region.

    Remediation:
        Create an enabled detector in every region in use (`AWS::GuardDuty::Detector` with
        `Enable: true`, deployed to all regions with a StackSet; Terraform
        `aws_guardduty_detector.enable = true` per region provider), ideally managed from a
        delegated administrator account that auto-enables members.
    """
    enabled = [
        detector
        for detector in graph.resources("AWS::GuardDuty::Detector")
        if as_bool(detector.get("Enable")) is True
    ]
    # Global resources (IAM, CloudFront) belong to no region a detector could cover.
    used = {r.region for r in graph if r.type != ACCOUNT and r.region and r.region != "global"}
    if enabled and used <= {detector.region for detector in enabled}:
        return True
    # Provisioning functions count only on positive evidence: a custom resource is no
    # reason to doubt a missing detector.
    provisioning = [role for _custom, role in custom_resource_roles(graph)]
    return roles_may(graph, provisioning, _grants_enabling, doubt_is_unknown=False)
