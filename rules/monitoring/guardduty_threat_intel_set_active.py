from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="monitoring",
    level=4,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records GuardDuty threat intel sets without Activate, a write-only "
            "property, so whether a set is in use is not in a snapshot"
        ),
    },
    refs={"nist_csf": ["ID.RA-02", "DE.AE-07"]},
)
def guardduty_threat_intel_set_active(account: Resource, graph: Graph) -> bool:
    """GuardDuty matches traffic against the organization's own threat intelligence.

    Why it matters:
        GuardDuty's feeds cover what AWS sees everywhere; indicators from the team's own
        incidents, sector sharing groups or paid feeds catch the adversary that targets this
        organization in particular.

    Remediation:
        Declare an `AWS::GuardDuty::ThreatIntelSet` with `Activate: true`, `Format` and a
        `Location` in S3 that the team keeps current (Terraform:
        `aws_guardduty_threatintelset` `activate = true`).
    """
    return any(
        as_bool(intel.get("Activate")) is True
        for intel in graph.resources("AWS::GuardDuty::ThreatIntelSet")
    )
