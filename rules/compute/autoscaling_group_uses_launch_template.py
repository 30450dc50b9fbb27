from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=2,
    severity="medium",
    subject="AWS::AutoScaling::AutoScalingGroup",
    refs={
        "fsbp": ["AutoScaling.9"],
        "nist_csf": ["PR.PS-01"],
        "prowler": ["autoscaling_group_using_ec2_launch_template"],
    },
)
def autoscaling_group_uses_launch_template(group: Resource, graph: Graph) -> bool:
    """Auto Scaling groups launch from EC2 launch templates, not launch configurations.

    Why it matters:
        Launch configurations are frozen in time: they cannot be versioned and miss newer
        settings such as IMDSv2 hop limits, instance requirements and newer instance types.
        Launch templates carry the hardened baseline and can be updated and rolled out.

    Remediation:
        Replace `LaunchConfigurationName` with `LaunchTemplate` (or
        `MixedInstancesPolicy.LaunchTemplate`) on `AWS::AutoScaling::AutoScalingGroup`
        (Terraform: `launch_template { ... }` instead of `launch_configuration` on
        `aws_autoscaling_group`).
    """
    if group.get("LaunchConfigurationName") is not None:
        return False
    return bool(group.get("LaunchTemplate") or group.get("MixedInstancesPolicy.LaunchTemplate"))
