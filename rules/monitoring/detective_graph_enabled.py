from csmm_static.model import Graph, Resource, control


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
        administrator account) (Terraform: `aws_detective_graph`,
        `aws_detective_organization_configuration`).
    """
    return bool(graph.resources("AWS::Detective::Graph"))
