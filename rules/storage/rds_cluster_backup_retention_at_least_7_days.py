from csmm_static.model import Graph, Resource, as_int, control

MINIMUM_DAYS = 7


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::RDS::DBCluster",
    refs={
        "nist_csf": ["PR.DS-11"],
    },
)
def rds_cluster_backup_retention_at_least_7_days(cluster: Resource, graph: Graph) -> bool:
    """RDS DB clusters keep automated backups for at least 7 days.

    Why it matters:
        A cluster's automated backups are its point-in-time restore window; the one-day
        default expires before most corruption or tampering is noticed.

    Remediation:
        Set `BackupRetentionPeriod` to 7 or more on the `AWS::RDS::DBCluster` (Terraform
        `backup_retention_period` on `aws_rds_cluster`).
    """
    days = as_int(cluster.get("BackupRetentionPeriod", 1))  # RDS keeps one day by default
    return days is not None and days >= MINIMUM_DAYS
