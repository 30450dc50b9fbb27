from csmm_static.events import finding_routes, resolve
from csmm_static.model import Graph, Resource, as_list, control

# Where an incident is opened for people to coordinate: Incident Manager, a ticketing API.
_INCIDENT_KINDS = ("incident-response-plan", "api-destination")
_CHAT_TYPES = (
    "AWS::Chatbot::SlackChannelConfiguration",
    "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
)


def _chat_topics(graph: Graph) -> set[str]:
    """The SNS topics a chat channel listens to, by node id or by literal ARN."""
    topics: set[str] = set()
    for kind in _CHAT_TYPES:
        for channel in graph.resources(kind):
            for arn in as_list(channel.get("SnsTopicArns")):
                topic = resolve(graph, arn)
                topics.add(topic.node_id if topic is not None else str(arn))
    return topics


@control(
    pillar="monitoring",
    level=5,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Chatbot Slack or Teams channel configurations, so a "
            "findings topic that a chat channel follows cannot be seen"
        ),
    },
    refs={"nist_csf": ["RS.CO-02", "RS.MA-01", "RS.AN-06"]},
)
def security_incidents_opened_automatically(account: Resource, graph: Graph) -> bool:
    """Security findings open an incident, a ticket or a chat thread by themselves.

    Why it matters:
        Coordinated response needs one place where responders meet, with a timeline. When
        findings open an Incident Manager incident, a ticket or a ChatOps thread on their
        own, nobody has to notice the email first and nothing is handled twice.

    Remediation:
        Target an `AWS::SSMIncidents::ResponsePlan` (or an `AWS::Events::ApiDestination`
        for the ticketing system) from the GuardDuty or Security Hub findings rule, or send
        the findings to an SNS topic that an `AWS::Chatbot::SlackChannelConfiguration` lists
        in `SnsTopicArns` (Terraform: `aws_cloudwatch_event_target`,
        `aws_ssmincidents_response_plan`, `aws_chatbot_slack_channel_configuration`).
    """
    routes = finding_routes(graph)
    chats = _chat_topics(graph)
    for target in routes.targets():
        key = target.resource.node_id if target.resource is not None else target.arn
        if target.kind == "sns" and key in chats:
            return True
    return routes.any(_INCIDENT_KINDS)
