from csmm_static.events import Call, Detections
from csmm_static.model import Graph, Resource, control

# The calls that switch off the account's detective controls.
DISABLING_CALLS = (
    Call("StopLogging", "cloudtrail"),
    Call("DeleteTrail", "cloudtrail"),
    Call("DeleteDetector", "guardduty"),
    Call("DisableSecurityHub", "securityhub"),
    Call("StopConfigurationRecorder", "config"),
    Call("DeleteConfigurationRecorder", "config"),
    Call("DeleteAnalyzer", "access-analyzer"),
)


@control(
    pillar="monitoring",
    level=4,
    severity="medium",
    subject="AWS::Account",
    refs={"nist_csf": ["DE.CM-03", "DE.AE-02"]},
)
def events_alert_on_security_tooling_disabled(account: Resource, graph: Graph) -> bool:
    """Disabling CloudTrail, GuardDuty, Security Hub, Config or Access Analyzer raises an alert.

    Why it matters:
        Defense evasion comes first in most intrusions: stop the trail, delete the GuardDuty
        detector, disable Security Hub. These calls are rare and almost never legitimate
        outside a change window, which makes them some of the highest-signal detections
        an account can have.

    Remediation:
        Add an `AWS::Events::Rule` matching `detail-type: AWS API Call via CloudTrail` with
        `detail.eventName` `StopLogging`, `DeleteTrail`, `DeleteDetector`,
        `DisableSecurityHub`, `StopConfigurationRecorder`, `DeleteConfigurationRecorder` and
        `DeleteAnalyzer`, with a target that pages the team or starts a response (Terraform:
        `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`); an SCP that denies them
        is the preventive complement.
    """
    return Detections.of(graph).require(DISABLING_CALLS)
