from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::CloudTrail::Trail",
    refs={
        "fsbp": ["CloudTrail.5"],
        "nist_csf": ["DE.CM-01", "DE.CM-03"],
        "prowler": ["cloudtrail_cloudwatch_logging_enabled"],
    },
)
def cloudtrail_cloudwatch_logs_enabled(trail: Resource, graph: Graph) -> bool:
    """CloudTrail trails also deliver to CloudWatch Logs.

    Why it matters:
        Files in S3 arrive every few minutes and are read by nobody until an incident. A trail
        that streams to CloudWatch Logs feeds metric filters and alarms on root use, policy
        changes or disabled logging within minutes.

    Remediation:
        Set `CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` on the trail (Terraform:
        `cloud_watch_logs_group_arn`, `cloud_watch_logs_role_arn`), with a role that may
        `logs:CreateLogStream` and `logs:PutLogEvents` on that log group.
    """
    return bool(trail.get("CloudWatchLogsLogGroupArn")) and bool(trail.get("CloudWatchLogsRoleArn"))
