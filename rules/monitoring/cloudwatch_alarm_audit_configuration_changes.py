from csmm_static.events import Detections, calls
from csmm_static.model import Graph, Resource, control

AUDIT_CHANGES = (
    *calls(
        "cloudtrail", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"
    ),
    *calls(
        "config",
        "StopConfigurationRecorder",
        "DeleteDeliveryChannel",
        "PutDeliveryChannel",
        "PutConfigurationRecorder",
    ),
    *calls("kms", "DisableKey", "ScheduleKeyDeletion"),
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.5", "4.7", "4.9"],
        "fsbp": ["CloudWatch.5", "CloudWatch.7", "CloudWatch.9"],
        "nist_csf": ["DE.CM-03", "DE.AE-02", "PR.PS-04"],
        "prowler": [
            "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled",
            "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled",
            "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk",
        ],
    },
)
def cloudwatch_alarm_audit_configuration_changes(account: Resource, graph: Graph) -> bool:
    """Changes to CloudTrail, AWS Config and KMS keys raise an alert.

    Why it matters:
        Stopping a trail or a recorder blinds the audit record, and disabling or scheduling
        the deletion of a KMS key can make encrypted data unreadable for good; attackers do
        the first to hide and the second to extort.

    Remediation:
        Add metric filters on the trail's log group for the CloudTrail (`CreateTrail`,
        `UpdateTrail`, `DeleteTrail`, `StartLogging`, `StopLogging`), Config
        (`StopConfigurationRecorder`, `DeleteDeliveryChannel`, `PutDeliveryChannel`,
        `PutConfigurationRecorder`) and KMS (`DisableKey`, `ScheduleKeyDeletion`) event names,
        with alarms that have SNS actions (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`;
        Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or
        EventBridge rules on those calls with a target.
    """
    return Detections.of(graph).require(AUDIT_CHANGES)
