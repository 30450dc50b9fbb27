from csmm_static.model import Graph, Reference, Resource, as_bool, control
from csmm_static.network import egress_rules, ingress_rules

# The remediation that strips the default group's rules when AWS Config finds them.
_REMEDIATION = "AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules"
# The custom resource the CDK adds (restrictDefaultSecurityGroup) to revoke them at deploy.
_RESTRICTING_CUSTOM_RESOURCE = "Custom::VpcRestrictDefaultSG"
_RULE_TYPES = ("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress")


def _names_default_group(value: object) -> bool:
    return isinstance(value, Reference) and value.attribute == "DefaultSecurityGroup"


def _auto_remediated(graph: Graph) -> bool:
    return any(
        item.get("TargetId") == _REMEDIATION and as_bool(item.get("Automatic")) is True
        for item in graph.resources("AWS::Config::RemediationConfiguration")
    )


@control(
    pillar="networking",
    level=2,
    severity="high",
    subject="AWS::EC2::VPC",
    refs={
        "cis": ["5.4"],
        "fsbp": ["EC2.2"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_securitygroup_default_restrict_traffic"],
    },
)
def vpc_default_security_group_closed(vpc: Resource, graph: Graph) -> bool:
    """The default security group of every VPC admits and sends no traffic.

    Why it matters:
        Resources launched without a security group land in the VPC's default group, which
        AWS creates with rules admitting everything from its other members and sending
        anything anywhere. Closing it makes forgotten placements fail safe instead of
        quietly joining a flat network.

    Remediation:
        CloudFormation cannot change the default group: add no rules to
        `!GetAtt VPC.DefaultSecurityGroup`, and revoke AWS's rules with the CDK's
        `restrictDefaultSecurityGroup` (custom resource `Custom::VpcRestrictDefaultSG`) or an
        automatic AWS Config remediation (`AWS::Config::RemediationConfiguration` with
        `TargetId: AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules`,
        `Automatic: true`). Terraform: declare `aws_default_security_group` for the VPC with
        no `ingress` or `egress` blocks.
    """
    referrers = graph.related(vpc, direction="in")
    for item in referrers:
        if item.type in _RULE_TYPES and _names_default_group(item.get("GroupId")):
            return False  # a rule added to the default group
    managed = [
        item
        for item in referrers
        if item.type == "AWS::EC2::SecurityGroup" and item.get("GroupName") == "default"
    ]
    if managed:
        return all(not ingress_rules(g) and not egress_rules(g) for g in managed)
    if any(
        item.type == _RESTRICTING_CUSTOM_RESOURCE
        and _names_default_group(item.get("DefaultSecurityGroupId"))
        for item in referrers
    ):
        return True
    return _auto_remediated(graph)  # otherwise AWS's default rules stay in place
