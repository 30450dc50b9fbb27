from csmm_static.events import AUTOMATION, finding_routes
from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MA-01", "RS.MI-01", "DE.AE-06"]},
)
def securityhub_findings_trigger_automation(account: Resource, graph: Graph) -> bool:
    """Security Hub findings start automated response, not only an email.

    Why it matters:
        Security Hub carries the findings of every security service and of its own control
        checks; routing them to automation (enrichment, ticketing, remediation) is what makes
        response keep pace with detection across the estate. SNS-only targets do not count.

    Remediation:
        Add an `AWS::Events::Rule` with `EventPattern` `{source: [aws.securityhub],
        detail-type: [Security Hub Findings - Imported]}` (filtered by severity or product
        as needed) whose `Targets` invoke an `AWS::Lambda::Function`, an
        `AWS::StepFunctions::StateMachine` or an SSM Automation runbook (Terraform:
        `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`).
    """
    return finding_routes(graph, guardduty=False).any(AUTOMATION)
