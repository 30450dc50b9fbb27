from typing import Any

from csmm_static import policy
from csmm_static.events import provisioned
from csmm_static.model import Graph, Resource, control

_ENABLING = ("detective:CreateGraph", "detective:EnableOrganizationAdminAccount")


def _enables(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), _ENABLING))


@control(
    pillar="monitoring",
    level=4,
    severity="low",
    subject="AWS::Account",
    refs={"nist_csf": ["RS.AN-03", "DE.AE-02"]},
)
def detective_graph_enabled(account: Resource, graph: Graph) -> bool:
    """Amazon Detective builds a behavior graph for investigations.

    Why it matters:
        Triage of a GuardDuty finding asks what else the principal did, from where, and how
        that compares with its normal behaviour. Detective keeps that linked history ready,
        so the answer takes minutes instead of a day of log queries.

    Remediation:
        Declare `AWS::Detective::Graph` (with `AutoEnableMembers: true` in the delegated
        administrator account, designated with `AWS::Detective::OrganizationAdmin`)
        (Terraform: `aws_detective_graph`, `aws_detective_organization_admin_account`).
    """
    if graph.resources("AWS::Detective::Graph") or graph.resources(
        "AWS::Detective::OrganizationAdmin"
    ):
        return True
    return provisioned(graph, _enables)  # a landing-zone function enables it
