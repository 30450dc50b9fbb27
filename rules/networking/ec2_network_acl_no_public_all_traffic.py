from csmm_static.model import Graph, Resource, control
from csmm_static.network import nacl_admits_world_all_traffic


@control(
    pillar="networking",
    level=2,
    severity="low",
    subject="AWS::EC2::NetworkAcl",
    refs={
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_networkacl_allow_ingress_any_port"],
    },
)
def ec2_network_acl_no_public_all_traffic(acl: Resource, graph: Graph) -> bool:
    """Network ACLs do not admit all traffic from the whole internet.

    Why it matters:
        An ingress entry that allows every protocol and port from 0.0.0.0/0 or ::/0 turns
        the subnet's network ACL into a pass-through, leaving security groups as the only
        filter. Public subnets need only their service ports and the ephemeral range
        (1024-65535) for return traffic.

    Remediation:
        Replace the allow-all ingress entry with entries for the ports the subnet serves and
        the ephemeral port range (CloudFormation `AWS::EC2::NetworkAclEntry` with `Protocol: 6`
        and `PortRange`; Terraform `aws_network_acl_rule` `protocol`, `from_port`, `to_port`).
    """
    return not nacl_admits_world_all_traffic(acl)
