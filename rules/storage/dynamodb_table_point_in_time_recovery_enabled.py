from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::DynamoDB::Table",
    refs={
        "fsbp": ["DynamoDB.2"],
        "nist_csf": ["PR.DS-11"],
        "prowler": ["dynamodb_tables_pitr_enabled"],
    },
)
def dynamodb_table_point_in_time_recovery_enabled(table: Resource, graph: Graph) -> bool:
    """DynamoDB tables can be restored to any second of the recovery period.

    Why it matters:
        Point-in-time recovery is the only native undo for a bad deploy, a runaway batch job
        or a malicious `DeleteItem` spree; without it the newest backup may be days old.

    Remediation:
        Set `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true` on the
        `AWS::DynamoDB::Table` (Terraform `point_in_time_recovery { enabled = true }`).
    """
    path = "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"
    return as_bool(table.get(path)) is True
