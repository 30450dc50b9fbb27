import json

from csmm_static import network
from csmm_static.model import Graph, Resource, as_list, control

SOURCE = "aws.secretsmanager"
DETAIL_TYPE = "AWS Service Event via CloudTrail"
EVENT = "RotationFailed"


@control(
    pillar="storage",
    level=5,
    severity="medium",
    subject="AWS::Account",
    refs={
        "nist_csf": ["DE.CM-09", "DE.AE-06"],
    },
)
def secretsmanager_rotation_failures_alerted(account: Resource, graph: Graph) -> bool:
    """An EventBridge rule sends Secrets Manager rotation failures to a target.

    Why it matters:
        A failed rotation leaves the old credential in place, or worse a half-rotated one that
        breaks the application at the next restart; the `RotationFailed` event is the only
        early signal, and it is lost unless a rule routes it to someone or to automation.

    Remediation:
        Create an `AWS::Events::Rule` on the default bus with `EventPattern`
        `{"source": ["aws.secretsmanager"], "detail-type": ["AWS Service Event via
        CloudTrail"], "detail": {"eventName": ["RotationFailed"]}}` and a `Targets` entry (SNS,
        Lambda, an incident tool); Terraform `aws_cloudwatch_event_rule` with an
        `aws_cloudwatch_event_target`.
    """
    return any(_routes_rotation_failures(rule) for rule in network.event_rules_for(graph, SOURCE))


def _routes_rotation_failures(rule: Resource) -> bool:
    """An enabled rule on the default bus, with a target, whose pattern admits the
    `RotationFailed` service event."""
    if not as_list(rule.get("Targets")):
        return False
    if rule.get("EventBusName", "default") != "default":
        return False  # service events arrive on the default bus
    pattern = rule.get("EventPattern")
    if isinstance(pattern, str):
        pattern = json.loads(pattern)  # event_rules_for has read it as JSON already
    detail_types = as_list(pattern.get("detail-type"))
    detail = pattern.get("detail")
    names = as_list(detail.get("eventName")) if isinstance(detail, dict) else []
    return (not detail_types or DETAIL_TYPE in detail_types) and (
        not names or any(_matches(name) for name in names)
    )


def _matches(name: object) -> bool:
    if isinstance(name, dict):  # content filter, e.g. {"prefix": "Rotation"}
        prefix = name.get("prefix")
        return isinstance(prefix, str) and EVENT.startswith(prefix)
    return name == EVENT
