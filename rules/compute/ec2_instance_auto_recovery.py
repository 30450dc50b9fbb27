import re

from csmm_static.compute import launch_setting
from csmm_static.model import Graph, Reference, Resource, as_bool, as_list, control, lookup

_RECOVER = re.compile(r"^arn:aws[a-z-]*:automate:\S+:ec2:recover$")  # region may be ${AWS::Region}


@control(
    pillar="compute",
    level=5,
    severity="low",
    subject="AWS::EC2::Instance",
    refs={"nist_csf": ["PR.IR-03", "RC.RP-02"]},
)
def ec2_instance_auto_recovery(instance: Resource, graph: Graph) -> bool:
    """Standalone EC2 instances recover on their own when the host fails.

    Why it matters:
        An instance outside an Auto Scaling group has nothing to replace it; a system status
        check alarm with the EC2 recover action moves it to healthy hardware, keeping its id,
        addresses and volumes, without waiting for someone to be paged.

    Remediation:
        Add an `AWS::CloudWatch::Alarm` on `StatusCheckFailed_System` for the instance with
        `arn:aws:automate:<region>:ec2:recover` in `AlarmActions`, or launch it from a launch
        template with `MaintenanceOptions.AutoRecovery: default` (Terraform:
        `aws_cloudwatch_metric_alarm`, `maintenance_options { auto_recovery = "default" }`).
    """
    if "aws:autoscaling:groupName" in instance.tags:
        return True  # its group replaces it
    for alarm in graph.related(instance, "AWS::CloudWatch::Alarm", direction="in"):
        if alarm.get("MetricName") != "StatusCheckFailed_System":
            continue
        if as_bool(alarm.get("ActionsEnabled")) is False or not _watches(alarm, instance):
            continue
        if any(_RECOVER.match(str(action)) for action in as_list(alarm.get("AlarmActions"))):
            return True
    # The instance's own setting (Terraform, AWS Config) or its launch template's.
    return launch_setting(graph, instance, "MaintenanceOptions.AutoRecovery") == "default"


def _watches(alarm: Resource, instance: Resource) -> bool:
    for dimension in as_list(alarm.get("Dimensions")):
        value = lookup(dimension, "Value")
        if lookup(dimension, "Name") == "InstanceId" and (
            (isinstance(value, Reference) and value.target == instance.node_id)
            or value in (instance.address, instance.properties.get("InstanceId"))
        ):
            return True
    return False
