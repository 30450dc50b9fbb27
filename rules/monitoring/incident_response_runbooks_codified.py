from csmm_static.events import incident_runbooks
from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=3,
    severity="medium",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.MA-01", "ID.IM-04"]},
)
def incident_response_runbooks_codified(account: Resource, graph: Graph) -> bool:
    """Incident response runbooks exist as code: SSM Automation or Incident Manager plans.

    Why it matters:
        In an incident nobody should be working out from memory how to disable a key or
        isolate an instance. Runbooks kept as SSM Automation documents or Incident Manager
        response plans are reviewed like code, run the same way every time, and can later be
        triggered automatically.

    Remediation:
        Write runbooks for the top scenarios (credential compromise, public data exposure,
        compromised instance) as `AWS::SSM::Document` with `DocumentType: Automation`, and/or
        declare `AWS::SSMIncidents::ResponsePlan` with `Engagements` and an `SsmAutomation`
        action (Terraform: `aws_ssm_document`, `aws_ssmincidents_response_plan`).
    """
    return bool(incident_runbooks(graph))
