from csmm_static.events import AUTOMATION, finding_routes
from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=5,
    severity="high",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MA-01", "RS.MI-01", "DE.AE-06"]},
)
def guardduty_findings_trigger_automation(account: Resource, graph: Graph) -> bool:
    """GuardDuty findings start automated response, not only an email.

    Why it matters:
        A finding read from a mailbox the next morning gives an intruder hours. An
        EventBridge rule that hands each GuardDuty finding to a Lambda function, a Step
        Functions workflow or an SSM Automation runbook can enrich, contain or open an
        incident within seconds. SNS-only targets do not count.

    Remediation:
        Add an `AWS::Events::Rule` with `EventPattern` `{source: [aws.guardduty],
        detail-type: [GuardDuty Finding]}` (or a Security Hub rule that admits GuardDuty's
        imported findings) whose `Targets` invoke an `AWS::Lambda::Function`, an
        `AWS::StepFunctions::StateMachine` or an SSM Automation runbook (Terraform:
        `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target`).
    """
    return finding_routes(graph).any(AUTOMATION)
