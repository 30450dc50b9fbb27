from csmm_static.model import Graph, Resource, control


@control(
    pillar="monitoring",
    level=4,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config does not record CloudWatch Logs query definitions or Athena named "
            "queries, the saved queries this control looks for"
        ),
    },
    refs={"nist_csf": ["DE.AE-07", "ID.IM-04"]},
)
def hunting_queries_saved_as_code(account: Resource, graph: Graph) -> bool:
    """Hunting and investigation queries are saved as code.

    Why it matters:
        A query written once in a console during an incident is lost with the browser tab.
        Saved CloudWatch Logs Insights or Athena queries, reviewed and versioned with the
        infrastructure, let anyone rerun a hunt or an investigation step the same way.

    Remediation:
        Declare the team's queries as `AWS::Logs::QueryDefinition` or `AWS::Athena::NamedQuery`
        (Terraform: `aws_cloudwatch_query_definition`, `aws_athena_named_query`).
    """
    return bool(
        graph.resources("AWS::Logs::QueryDefinition") or graph.resources("AWS::Athena::NamedQuery")
    )
