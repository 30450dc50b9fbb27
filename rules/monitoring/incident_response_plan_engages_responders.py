from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::SSMIncidents::ResponsePlan",
    refs={"nist_csf": ["RS.MA-01", "RS.CO-02"]},
)
def incident_response_plan_engages_responders(plan: Resource, graph: Graph) -> bool:
    """Incident Manager response plans page responders or open a chat channel.

    Why it matters:
        A response plan that opens an incident but engages nobody records the problem and
        waits; the point of the plan is that the on-call responder is paged, with an
        escalation path, the moment the incident starts.

    Remediation:
        Set `Engagements` to `AWS::SSMContacts::Contact` ARNs (an escalation plan or on-call
        schedule) or `ChatChannel.ChatbotSns` (Terraform: `aws_ssmincidents_response_plan`
        `engagements`, `chat_channel`; `aws_ssmcontacts_contact`).
    """
    return bool(as_list(plan.get("Engagements")) or as_list(plan.get("ChatChannel.ChatbotSns")))
