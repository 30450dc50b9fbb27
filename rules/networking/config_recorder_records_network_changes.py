from csmm_static.model import Graph, Resource, as_bool, as_list, control

# The resource types whose history shows how the network changed.
NETWORK_TYPES = (
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Subnet",
    "AWS::EC2::VPC",
    "AWS::EC2::InternetGateway",
)


def _records_network(recorder: Resource) -> bool:
    if as_bool(recorder.get("Recording")) is False:
        return False  # AWS Config reports a stopped recorder
    group = recorder.get("RecordingGroup")
    if not isinstance(group, dict):
        return True  # AWS records every supported regional type by default
    strategy = str(group.get("RecordingStrategy", {}).get("UseOnly", "")).upper()
    if strategy == "EXCLUSION_BY_RESOURCE_TYPES":
        excluded = set(as_list(group.get("ExclusionByResourceTypes", {}).get("ResourceTypes")))
        return not excluded & set(NETWORK_TYPES)
    if as_bool(group.get("AllSupported")) is True or strategy == "ALL_SUPPORTED_RESOURCE_TYPES":
        return True
    return set(NETWORK_TYPES) <= set(as_list(group.get("ResourceTypes")))


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["DE.CM-01", "ID.AM-08"]},
)
def config_recorder_records_network_changes(account: Resource, graph: Graph) -> bool:
    """AWS Config records the history of security groups, ACLs, routes and VPCs.

    Why it matters:
        Drift can only be detected against a record: the configuration history of security
        groups, network ACLs, route tables, subnets, VPCs and gateways shows who opened what
        and when, and feeds the rules that flag it. A recorder that leaves them out cannot.

    Remediation:
        Deploy `AWS::Config::ConfigurationRecorder` recording all supported types (no
        `RecordingGroup`, or `RecordingGroup.AllSupported: true`), or list the network types
        in `RecordingGroup.ResourceTypes`; do not exclude them with
        `ExclusionByResourceTypes`. Terraform: `aws_config_configuration_recorder
        .recording_group`.
    """
    return any(
        _records_network(recorder)
        for recorder in graph.resources("AWS::Config::ConfigurationRecorder")
    )
