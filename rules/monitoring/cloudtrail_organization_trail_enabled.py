from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="monitoring",
    level=3,
    severity="high",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config records a trail's organization setting but not whether the trail is "
            "logging, which only get-trail-status reports"
        ),
    },
    refs={"nist_csf": ["PR.PS-04", "DE.CM-03"]},
)
def cloudtrail_organization_trail_enabled(account: Resource, graph: Graph) -> bool:
    """An organization trail records every account's activity into one archive.

    Why it matters:
        Trails created account by account drift: a new account starts unlogged and an admin of
        any account can stop its own trail. An organization trail from the management account
        covers every member from its first minute, and members cannot switch it off.

    Remediation:
        Declare an `AWS::CloudTrail::Trail` with `IsOrganizationTrail: true`,
        `IsMultiRegionTrail: true` and `IsLogging: true` in the management (or delegated
        administrator) account, delivering to a bucket in a dedicated log archive account
        (Terraform: `aws_cloudtrail.is_organization_trail = true`).
    """
    return any(
        as_bool(trail.get("IsOrganizationTrail")) is True
        and as_bool(trail.get("IsLogging", True)) is not False
        for trail in graph.resources("AWS::CloudTrail::Trail")
    )
