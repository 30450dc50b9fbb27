from csmm_static.events import Routes, finding_routes, resolve
from csmm_static.model import Graph, Resource, Unknown, as_list, control

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
    formats=("cfn", "tf", "tfplan", "config"),
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
    if routes.any(_INCIDENT_KINDS):
        return True
    unseen = _topics_chat_may_follow(routes)
    if unseen:
        raise Unknown(
            f"findings reach the SNS topic {', '.join(unseen)}; AWS Config does not record AWS "
            "Chatbot Slack or Teams channel configurations, so whether a chat channel follows "
            "it cannot be seen"
        )
    return False


def _recorded_by_config(resource: Resource | None) -> bool:
    source = resource.source if resource is not None else None
    return source is not None and source.format == "aws-config"


def _topics_chat_may_follow(routes: Routes) -> list[str]:
    """SNS topics findings reach in an account AWS Config describes: a chat channel may follow
    them although none is in the scan, since Config records no Chatbot channels."""
    return sorted(
        {
            target.arn
            for rule, found in routes.reached
            for target in found
            if target.kind == "sns"
            and (_recorded_by_config(rule) or _recorded_by_config(target.resource))
        }
    )
