from csmm_static.events import arn_kind, resolve, subscribed
from csmm_static.model import Graph, Resource, Unknown, as_list, control


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::CloudWatch::Alarm",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records SNS topics without their subscriptions and has no subscription "
            "type, so a topic nobody listens to looks like any other"
        ),
    },
    refs={"nist_csf": ["DE.AE-06", "RS.CO-02"]},
)
def cloudwatch_alarm_topic_subscribed(alarm: Resource, graph: Graph) -> bool:
    """Alarm notifications reach a subscriber, not an empty SNS topic.

    Why it matters:
        An alarm whose only action is a topic nobody subscribed to fires into the void; the
        wiring looks complete in review while no person or automation ever hears it.

    Remediation:
        Subscribe an email address, chat integration, ticketing endpoint or function to every
        topic in `AlarmActions` (`AWS::SNS::Subscription` or the topic's `Subscription`
        property; Terraform: `aws_sns_topic_subscription`).
    """
    doubt = ""
    unsubscribed = False
    for action in as_list(alarm.get("AlarmActions")):
        topic = resolve(graph, action)
        if topic is not None and topic.type == "AWS::SNS::Topic":
            if subscribed(graph, topic):
                return True
            unsubscribed = True
        elif arn_kind(str(action)) == "sns":
            doubt = f"topic {action} is not in the scan"
        else:
            return True  # an EC2, Auto Scaling or Systems Manager action acts by itself
    if doubt and not unsubscribed:
        raise Unknown(doubt)
    return not unsubscribed
