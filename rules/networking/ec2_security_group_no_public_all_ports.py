from csmm_static.model import Graph, Resource, control
from csmm_static.network import public_ingress


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::EC2::SecurityGroup",
    refs={
        "fsbp": ["EC2.18"],
        "nist_csf": ["PR.IR-01"],
        "prowler": [
            "ec2_securitygroup_allow_ingress_from_internet_to_all_ports",
            "ec2_securitygroup_allow_ingress_from_internet_to_any_port",
        ],
    },
)
def ec2_security_group_no_public_all_ports(group: Resource, graph: Graph) -> bool:
    """Security groups do not admit all ports or protocols from the internet.

    Why it matters:
        A rule for every protocol, or for the whole TCP or UDP port range, from 0.0.0.0/0 or
        ::/0 exposes every service on the attached hosts, including ones nobody knows are
        listening, to the whole internet.

    Remediation:
        Replace the rule with rules for the ports the workload serves, from the narrowest
        sources that need them. CloudFormation: `IpProtocol`, `FromPort`, `ToPort` and
        `CidrIp` / `CidrIpv6` of the `SecurityGroupIngress` entry or
        `AWS::EC2::SecurityGroupIngress`; Terraform: `protocol`, `from_port`, `to_port` and
        `cidr_blocks` / `ipv6_cidr_blocks` of the `ingress` block, `aws_security_group_rule`
        or `aws_vpc_security_group_ingress_rule`.
    """
    return not any(rule.all_traffic for rule in public_ingress(group))
