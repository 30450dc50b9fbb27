from csmm_static.model import ACCOUNT, Graph, Resource, as_bool, control


@control(
    pillar="networking",
    level=2,
    severity="high",
    subject="AWS::Account",
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
    if not enabled:
        return False
    used = {r.region for r in graph if r.type != ACCOUNT and r.region}
    covered = {detector.region for detector in enabled}
    return used <= covered
