from csmm_static.events import Call, Detections
from csmm_static.model import Graph, Resource, control

# The two error codes AWS returns for a call the caller may not make.
DENIED_CALLS = (
    Call("RunInstances", "ec2", error_code="Client.UnauthorizedOperation"),
    Call("CreateUser", "iam", error_code="AccessDenied"),
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.1"],
        "fsbp": ["CloudWatch.2"],
        "nist_csf": ["DE.CM-03", "DE.AE-02"],
        "prowler": ["cloudwatch_log_metric_filter_unauthorized_api_calls"],
    },
)
def cloudwatch_alarm_unauthorized_api_calls(account: Resource, graph: Graph) -> bool:
    """Bursts of denied API calls raise an alert.

    Why it matters:
        Stolen credentials are usually probed before they are used: a burst of
        `AccessDenied` and `UnauthorizedOperation` errors is often the first visible sign of
        an intruder mapping what a key can do.

    Remediation:
        Add a metric filter on the trail's log group with the pattern `{ ($.errorCode =
        "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }` and an alarm with an
        SNS action (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`; Terraform:
        `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or an EventBridge
        rule on `detail.errorCode` with a target.
    """
    return Detections.of(graph).require(DENIED_CALLS)
