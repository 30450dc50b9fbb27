from csmm_static.events import incident_runbooks
from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="monitoring",
    level=3,
    severity="low",
    subject="AWS::Account",
    attestable=True,
    refs={"nist_csf": ["ID.IM-02", "ID.IM-04", "RS.MA-01"]},
)
def incident_response_runbooks_exercised(account: Resource, graph: Graph) -> bool:
    """Incident response runbooks have been exercised within the last year.

    Why it matters:
        A runbook nobody has run fails on the day it is needed: a permission is missing, a
        contact has left, a step assumes a resource that no longer exists. A tabletop or game
        day finds that out while the stakes are low.

    Remediation:
        Run a tabletop or game day on the codified runbooks (`AWS::SSM::Document`
        Automation documents, `AWS::SSMIncidents::ResponsePlan`; Terraform:
        `aws_ssm_document`, `aws_ssmincidents_response_plan`) at least yearly and record it
        as an attestation for this control in `.csmm.yaml` with its evidence and expiry.
    """
    runbooks = incident_runbooks(graph)
    if not runbooks:
        return False  # nothing codified, so nothing can have been exercised
    raise Unknown("exercising the runbooks is shown only by an attestation")
