from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record its own configuration aggregators as configuration items,"
            " so their organization source is not in a snapshot"
        ),
    },
    refs={
        "nist_csf": ["DE.AE-03", "ID.AM-02"],
        "prowler": ["config_delegated_admin_and_org_aggregator_all_regions"],
    },
)
def config_aggregator_organization_wide(account: Resource, graph: Graph) -> bool:
    """An AWS Config aggregator gathers every account and Region of the organization.

    Why it matters:
        Configuration and compliance seen one account and one Region at a time hides the
        forgotten Region and the new account; an organization aggregator in the security
        account answers "where is this setting wrong" for the whole estate at once.

    Remediation:
        Declare `AWS::Config::ConfigurationAggregator` with
        `OrganizationAggregationSource.AllAwsRegions: true` and its `RoleArn` in the
        delegated administrator account (Terraform: `aws_config_configuration_aggregator`
        `organization_aggregation_source { all_regions = true }`).
    """
    return any(
        as_bool(aggregator.get("OrganizationAggregationSource.AllAwsRegions")) is True
        for aggregator in graph.resources("AWS::Config::ConfigurationAggregator")
    )
