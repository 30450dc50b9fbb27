from csmm_static.compute import launch_setting
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::EC2::Instance",
    refs={
        "nist_csf": ["PR.AA-01", "PR.AA-05"],
    },
)
def ec2_instance_no_key_pair(instance: Resource, graph: Graph) -> bool:
    """EC2 instances launch without an SSH key pair.

    Why it matters:
        A key pair is a long-lived credential shared by whoever holds the private key, with no
        per-person audit trail; Session Manager gives shell access through IAM, logged per
        session, so no key needs to exist.

    Remediation:
        Remove `KeyName` from the instance and its launch template and connect with Session
        Manager (Terraform: drop `key_name` from `aws_instance` / `aws_launch_template`).
    """
    return not launch_setting(graph, instance, "KeyName")
