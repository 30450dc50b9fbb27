from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="iam",
    level=2,
    severity="critical",
    subject="AWS::Account",
    refs={
        "cis": ["3.1"],
        "fsbp": ["CloudTrail.1"],
        "nist_csf": ["PR.PS-04", "DE.CM-03"],
        "prowler": ["cloudtrail_multi_region_enabled"],
    },
    # AWS Config records a trail's settings but not whether it is logging:
    # `get-trail-status` output does.
    formats=("cfn", "tf", "tfplan", "evidence"),
)
def cloudtrail_multi_region_enabled(account: Resource, graph: Graph) -> bool:
    """A multi-region CloudTrail trail records the account's management events.

    Why it matters:
        Without a trail covering every region, API activity (including an attacker's, in a
        region nobody watches) leaves no durable record, and investigations start blind.

    Remediation:
        Create one trail with `IsMultiRegionTrail: true`, `IsLogging: true` and
        `IncludeGlobalServiceEvents: true` (Terraform: `is_multi_region_trail = true`), ideally
        an organization trail from the management account.
    """
    for trail in graph.resources("AWS::CloudTrail::Trail"):
        logging = as_bool(trail.get("IsLogging", True))
        multi_region = as_bool(trail.get("IsMultiRegionTrail")) is True
        global_events = as_bool(trail.get("IncludeGlobalServiceEvents", True)) is not False
        if logging and multi_region and global_events:
            return True
    return False
