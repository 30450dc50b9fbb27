from csmm_static.model import Graph, Resource, control
from csmm_static.network import ingress_rules, is_wide_public


@control(
    pillar="networking",
    level=3,
    severity="low",
    subject="AWS::EC2::SecurityGroup",
    refs={
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_securitygroup_allow_wide_open_public_ipv4"],
    },
)
def ec2_security_group_no_wide_public_ingress(group: Resource, graph: Graph) -> bool:
    """Security groups admit public address ranges no wider than a /24.

    Why it matters:
        A rule for a whole public /8 or /16 (a cloud provider's, an ISP's) admits
        thousands of hosts nobody vetted, and usually stands in for a partner or office
        address that should be named exactly. Whole-internet rules are judged by the
        load-balancer and port controls; private (RFC 1918) ranges are not public.

    Remediation:
        Narrow `CidrIp` / `CidrIpv6` of the `SecurityGroupIngress` entry to the partner's
        published addresses, or use a managed prefix list (`SourcePrefixListId`). Terraform:
        `cidr_blocks` / `ipv6_cidr_blocks`, or `prefix_list_ids`.
    """
    return not any(
        is_wide_public(rule.get("CidrIp")) or is_wide_public(rule.get("CidrIpv6"))
        for rule in ingress_rules(group)
    )
