from csmm_static.events import alarm_acts
from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::CloudWatch::Alarm",
    refs={
        "fsbp": ["CloudWatch.15", "CloudWatch.17"],
        "nist_csf": ["DE.AE-06"],
        "prowler": [
            "cloudwatch_alarm_actions_alarm_state_configured",
            "cloudwatch_alarm_actions_enabled",
        ],
    },
)
def cloudwatch_alarm_action_configured(alarm: Resource, graph: Graph) -> bool:
    """CloudWatch alarms notify someone when they fire.

    Why it matters:
        An alarm without an enabled action changes colour on a dashboard nobody watches; the
        detection exists but nobody acts on it.

    Remediation:
        Give the alarm an `AlarmActions` target (an SNS topic with a subscription, or an
        automation) and keep `ActionsEnabled` true (Terraform: `alarm_actions`,
        `actions_enabled`).
    """
    return alarm_acts(alarm)
