from csmm_static.compute import user_data_secrets
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="high",
    subject="AWS::EC2::LaunchTemplate",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's launch template item records the launch template data without its "
            "UserData"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-01", "PR.DS-01"],
        "prowler": ["ec2_launch_template_no_secrets"],
    },
)
def ec2_launch_template_user_data_no_secrets(template: Resource, graph: Graph) -> bool:
    """Launch template user data holds no access keys, private keys or passwords in clear text.

    Why it matters:
        Launch template versions keep their user data for anyone allowed to describe them,
        and every instance launched from the template exposes it through the metadata
        service; secrets in it are effectively published.

    Remediation:
        Fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance
        role instead of writing them into `LaunchTemplateData.UserData` (Terraform:
        `user_data` on `aws_launch_template`).
    """
    return not user_data_secrets(template.get("LaunchTemplateData.UserData"))
