from csmm_static.model import Graph, Resource, control
from csmm_static.network import AUTOMATION_TYPES, egress_closed, ingress_rules

_WIRING = AUTOMATION_TYPES | {"AWS::Events::Rule"}


@control(
    pillar="networking",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record a function's environment variables or a runbook's "
            "content, where automation is usually handed the quarantine group"
        ),
    },
    refs={"nist_csf": ["RS.MI-01"]},
)
def ec2_quarantine_security_group_ready(account: Resource, graph: Graph) -> bool:
    """A quarantine security group that admits and sends nothing is wired into automation.

    Why it matters:
        Isolation is only as fast as its preparation: the group an incident moves a host
        into must already exist in each VPC, allow no traffic at all, and be known to the
        automation that applies it. A group with any rule leaves the attacker a channel.

    Remediation:
        Create an `AWS::EC2::SecurityGroup` with no `SecurityGroupIngress` and a single
        `SecurityGroupEgress` rule to `127.0.0.1/32` (CloudFormation keeps AWS's allow-all
        egress when the list is empty), and pass its id to the response function, state
        machine or runbook (for example in `Environment.Variables`). Terraform: an
        `aws_security_group` without `ingress` or `egress` blocks.
    """
    for group in graph.resources("AWS::EC2::SecurityGroup"):
        if ingress_rules(group) or not egress_closed(group):
            continue
        if any(user.type in _WIRING for user in graph.related(group, direction="in")):
            return True
    return False
