from csmm_static.model import Graph, Resource, control

_ALL_REGIONS = {"ALL_REGIONS", "ALL_REGIONS_EXCEPT_SPECIFIED"}


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record Security Hub finding aggregators, so the Region linking "
            "mode is not in a snapshot"
        ),
    },
    refs={
        "nist_csf": ["DE.AE-03"],
        "prowler": ["securityhub_delegated_admin_enabled_all_regions"],
    },
)
def securityhub_findings_aggregated_across_regions(account: Resource, graph: Graph) -> bool:
    """Security Hub aggregates findings from every Region into one Region.

    Why it matters:
        Attackers favour the Regions nobody looks at. A finding aggregator that links all
        Regions, including ones enabled later, puts every finding in the one console the
        team actually watches.

    Remediation:
        Declare `AWS::SecurityHub::FindingAggregator` with `RegionLinkingMode: ALL_REGIONS`
        (or `ALL_REGIONS_EXCEPT_SPECIFIED`) in the home Region (Terraform:
        `aws_securityhub_finding_aggregator` `linking_mode = "ALL_REGIONS"`).
    """
    return any(
        str(aggregator.get("RegionLinkingMode")) in _ALL_REGIONS
        for aggregator in graph.resources("AWS::SecurityHub::FindingAggregator")
    )
