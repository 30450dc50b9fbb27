from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="storage",
    level=2,
    severity="low",
    subject="AWS::DynamoDB::Table",
    refs={
        "fsbp": ["DynamoDB.6"],
        "nist_csf": ["PR.DS-11", "PR.IR-03"],
        "prowler": ["dynamodb_table_deletion_protection_enabled"],
    },
)
def dynamodb_table_deletion_protection_enabled(table: Resource, graph: Graph) -> bool:
    """DynamoDB tables refuse deletion until their protection is turned off.

    Why it matters:
        A table deleted by a stack replacement, a renamed resource or a stray API call takes
        its point-in-time recovery history with it; deletion protection stops that first.

    Remediation:
        Set `DeletionProtectionEnabled: true` on the `AWS::DynamoDB::Table` (Terraform
        `deletion_protection_enabled = true` on `aws_dynamodb_table`).
    """
    return as_bool(table.get("DeletionProtectionEnabled")) is True
