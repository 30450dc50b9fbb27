from csmm_static.model import Graph, Resource, control
from csmm_static.network import unrestricted_egress


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::EC2::SecurityGroup",
    refs={"nist_csf": ["PR.IR-01"]},
)
def ec2_security_group_no_unrestricted_egress(group: Resource, graph: Graph) -> bool:
    """Security groups do not send all traffic to the whole internet.

    Why it matters:
        Egress is how stolen data leaves and how implants reach their controllers. An
        allow-all egress rule (AWS's default for a group created without egress rules)
        lets a compromised host talk to any address on any port; naming the ports and
        destinations a workload needs makes most command-and-control channels fail.

    Remediation:
        Declare `SecurityGroupEgress` with the ports and destinations the workload needs
        (for example TCP 443 to a VPC endpoint's group or a prefix list); an empty list keeps
        AWS's allow-all rule in CloudFormation. Terraform: `egress` blocks of
        `aws_security_group` or `aws_vpc_security_group_egress_rule`, without
        `protocol = "-1"` to `0.0.0.0/0`.
    """
    return not unrestricted_egress(group)
