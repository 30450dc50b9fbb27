from csmm_static.events import Call, Detections
from csmm_static.model import Graph, Resource, control

RISKY_SIGN_INS = (
    Call("ConsoleLogin", "signin", principal="IAMUser", mfa=False),
    Call("ConsoleLogin", "signin", principal="IAMUser", success=False),
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.2", "4.6"],
        "fsbp": ["CloudWatch.3", "CloudWatch.6"],
        "nist_csf": ["DE.CM-03", "DE.AE-02"],
        "prowler": [
            "cloudwatch_log_metric_filter_sign_in_without_mfa",
            "cloudwatch_log_metric_filter_authentication_failures",
        ],
    },
)
def cloudwatch_alarm_console_sign_in_risks(account: Resource, graph: Graph) -> bool:
    """Console sign-ins without MFA and failed console sign-ins raise an alert.

    Why it matters:
        A password-only sign-in means a single leaked secret opens the console, and repeated
        failures are what password spraying and brute force look like; both deserve a look
        before the attacker gets in.

    Remediation:
        Add metric filters on the trail's log group for `{ ($.eventName = "ConsoleLogin") &&
        ($.additionalEventData.MFAUsed != "Yes") }` and `{ ($.eventName = ConsoleLogin) &&
        ($.errorMessage = "Failed authentication") }` with alarms that have SNS actions
        (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`; Terraform:
        `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or an EventBridge
        rule on `AWS Console Sign In via CloudTrail` events with a target.
    """
    return Detections.of(graph).require(RISKY_SIGN_INS)
