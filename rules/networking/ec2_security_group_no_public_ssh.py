from csmm_static.model import Graph, Resource, control
from csmm_static.network import publicly_open_ports


@control(
    pillar="networking",
    level=1,
    severity="critical",
    subject="AWS::EC2::SecurityGroup",
    refs={
        "cis": ["5.2", "5.3"],
        "fsbp": ["EC2.13"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"],
    },
)
def ec2_security_group_no_public_ssh(group: Resource, graph: Graph) -> bool:
    """Security groups do not open SSH (TCP 22) to the internet.

    Why it matters:
        SSH open to 0.0.0.0/0 or ::/0 invites credential stuffing and exploitation of the
        daemon from anywhere; it is among the first things attackers scan for.

    Remediation:
        Remove the rule, or limit its source to a bastion or VPN range. Prefer SSM Session
        Manager, which needs no inbound port. Terraform: change `cidr_blocks` of the ingress
        rule; CloudFormation: change `CidrIp` / `CidrIpv6` of the `SecurityGroupIngress` entry.
    """
    return not publicly_open_ports(group, (22,))
