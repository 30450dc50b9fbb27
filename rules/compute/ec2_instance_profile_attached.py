from csmm_static.compute import launch_setting
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="medium",
    subject="AWS::EC2::Instance",
    refs={
        "cis": ["1.18"],
        "nist_csf": ["PR.AA-01", "PR.AA-05"],
        "prowler": ["ec2_instance_profile_attached"],
    },
)
def ec2_instance_profile_attached(instance: Resource, graph: Graph) -> bool:
    """EC2 instances run with an instance profile role, not stored access keys.

    Why it matters:
        Without a role, software on the instance that calls AWS needs long-lived access keys on
        disk or in configuration, which leak with any copy of the machine; a role's credentials
        are short-lived and rotated for you.

    Remediation:
        Set `IamInstanceProfile` on the instance or `LaunchTemplateData.IamInstanceProfile` on
        its launch template to an `AWS::IAM::InstanceProfile` (Terraform:
        `iam_instance_profile` on `aws_instance` or `aws_launch_template`).
    """
    return bool(launch_setting(graph, instance, "IamInstanceProfile"))
