from csmm_static.events import Call, Detections
from csmm_static.model import Graph, Resource, control

# A root console sign-in and a root API call: an alert must catch both.
ROOT_USE = (
    Call("ConsoleLogin", "signin", principal="Root"),
    Call("CreateAccessKey", "iam", principal="Root"),
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.3"],
        "fsbp": ["CloudWatch.1"],
        "nist_csf": ["DE.CM-03", "DE.AE-02"],
        "prowler": ["cloudwatch_log_metric_filter_root_usage"],
    },
)
def cloudwatch_alarm_root_usage(account: Resource, graph: Graph) -> bool:
    """Any use of the root user, console or API, raises an alert.

    Why it matters:
        The root user cannot be restricted by IAM policies and is almost never needed; a
        sign-in or API call as root is either a rare, planned task or an account takeover,
        and either way someone should know within minutes.

    Remediation:
        Add a metric filter on the trail's log group with the pattern `{ $.userIdentity.type =
        "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`
        and an alarm with an SNS action (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`;
        Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or an
        `AWS::Events::Rule` (`aws_cloudwatch_event_rule`) matching `detail.userIdentity.type`
        `Root` with a target.
    """
    return Detections.of(graph).require(ROOT_USE)
