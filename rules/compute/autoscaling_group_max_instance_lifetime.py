from csmm_static.model import Graph, Resource, as_int, control

_THIRTY_DAYS = 30 * 24 * 3600


@control(
    pillar="compute",
    level=5,
    severity="low",
    subject="AWS::AutoScaling::AutoScalingGroup",
    refs={
        "nist_csf": ["PR.PS-02", "PR.IR-03"],
        "prowler": ["ec2_instance_older_than_specific_days"],
    },
)
def autoscaling_group_max_instance_lifetime(group: Resource, graph: Graph) -> bool:
    """Auto Scaling groups replace every instance within 30 days.

    Why it matters:
        Immutable fleets are patched by replacement: a maximum instance lifetime makes the
        group roll every instance onto the current launch template and image on its own, so
        no long-lived, drifted or quietly compromised host survives.

    Remediation:
        Set `MaxInstanceLifetime` to at most 2592000 seconds on
        `AWS::AutoScaling::AutoScalingGroup` (Terraform: `max_instance_lifetime` on
        `aws_autoscaling_group`), and roll template changes with an instance refresh.
    """
    lifetime = as_int(group.get("MaxInstanceLifetime"))
    return lifetime is not None and 0 < lifetime <= _THIRTY_DAYS
