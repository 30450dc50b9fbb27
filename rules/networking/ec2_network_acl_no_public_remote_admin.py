from csmm_static.model import Graph, Resource, control
from csmm_static.network import nacl_admits_world


@control(
    pillar="networking",
    level=2,
    severity="medium",
    subject="AWS::EC2::NetworkAcl",
    refs={
        "cis": ["5.1"],
        "fsbp": ["EC2.21"],
        "nist_csf": ["PR.IR-01"],
        "prowler": [
            "ec2_networkacl_allow_ingress_tcp_port_22",
            "ec2_networkacl_allow_ingress_tcp_port_3389",
        ],
    },
)
def ec2_network_acl_no_public_remote_admin(acl: Resource, graph: Graph) -> bool:
    """Network ACLs do not admit SSH or RDP from the whole internet.

    Why it matters:
        The network ACL is the subnet-wide second layer behind security groups: when it
        already stops SSH (TCP 22) and RDP (TCP 3389) from 0.0.0.0/0 and ::/0, one
        mis-edited security group no longer exposes a remote shell. Entries are evaluated in
        rule-number order and the first match decides, so a lower-numbered deny closes a
        later allow-all.

    Remediation:
        Add ingress deny entries for TCP 22 and 3389 from `0.0.0.0/0` and `::/0` numbered
        below any broad allow, or narrow the allow entries (CloudFormation
        `AWS::EC2::NetworkAclEntry` `RuleNumber`, `RuleAction`, `Protocol`, `PortRange`,
        `CidrBlock` / `Ipv6CidrBlock`; Terraform `aws_network_acl_rule` or the `ingress`
        blocks of `aws_network_acl`).
    """
    return not (nacl_admits_world(acl, 22) or nacl_admits_world(acl, 3389))
