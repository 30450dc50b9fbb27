from csmm_static.compute import launch_setting, user_data_secrets
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="high",
    subject="AWS::EC2::Instance",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config's EC2 instance and launch template items do not include user data",
    },
    refs={
        "nist_csf": ["PR.AA-01", "PR.DS-01"],
        "prowler": ["ec2_instance_secrets_user_data"],
    },
)
def ec2_instance_user_data_no_secrets(instance: Resource, graph: Graph) -> bool:
    """EC2 instance user data holds no access keys, private keys or passwords in clear text.

    Why it matters:
        User data is readable by anyone allowed `ec2:DescribeInstanceAttribute` and by every
        process on the instance through the metadata service; secrets in it are effectively
        published.

    Remediation:
        Fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance
        role instead of writing them into `UserData` of the instance or its launch template
        (Terraform: `user_data` on `aws_instance` / `aws_launch_template`).
    """
    return not user_data_secrets(launch_setting(graph, instance, "UserData"))
