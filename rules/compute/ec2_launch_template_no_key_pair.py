from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::EC2::LaunchTemplate",
    refs={"nist_csf": ["PR.AA-01", "PR.AA-05"]},
)
def ec2_launch_template_no_key_pair(template: Resource, graph: Graph) -> bool:
    """Launch templates put no SSH key pair on the instances they launch.

    Why it matters:
        A key pair in a launch template lands on every instance of the fleet, so one leaked
        private key opens all of them; Session Manager needs none.

    Remediation:
        Remove `LaunchTemplateData.KeyName` and connect with Session Manager (Terraform: drop
        `key_name` from `aws_launch_template`).
    """
    return not template.get("LaunchTemplateData.KeyName")
