from csmm_static.model import Graph, Resource, control
from csmm_static.network import publicly_open_ports


@control(
    pillar="networking",
    level=1,
    severity="critical",
    subject="AWS::EC2::SecurityGroup",
    refs={
        "cis": ["5.2", "5.3"],
        "fsbp": ["EC2.14"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"],
    },
)
def ec2_security_group_no_public_rdp(group: Resource, graph: Graph) -> bool:
    """Security groups do not open RDP (TCP 3389) to the internet.

    Why it matters:
        Internet-exposed RDP is a leading entry point for ransomware operators, through
        brute force and remote-desktop vulnerabilities.

    Remediation:
        Remove the rule or restrict its source to a management range; use SSM Session Manager
        or Fleet Manager for remote access. Terraform: `cidr_blocks` of the ingress rule;
        CloudFormation: `CidrIp` / `CidrIpv6` of the `SecurityGroupIngress` entry.
    """
    return not publicly_open_ports(group, (3389,))
