from csmm_static.model import Graph, Resource, Unknown, as_int, control

MINIMUM_DAYS = 7


@control(
    pillar="storage",
    level=2,
    severity="medium",
    subject="AWS::RDS::DBInstance",
    refs={
        "fsbp": ["RDS.11"],
        "nist_csf": ["PR.DS-11"],
        "prowler": ["rds_instance_backup_enabled"],
    },
)
def rds_instance_backup_retention_at_least_7_days(db: Resource, graph: Graph) -> bool:
    """RDS database instances keep automated backups for at least 7 days.

    Why it matters:
        Automated backups give point-in-time restore; RDS keeps them one day by default,
        which is gone before most corruption or tampering is even noticed.

    Remediation:
        Set `BackupRetentionPeriod` to 7 or more on the `AWS::RDS::DBInstance`, or on the
        `AWS::RDS::DBCluster` for Aurora (Terraform `backup_retention_period`).
    """
    holder = _backup_holder(db, graph)
    days = as_int(holder.get("BackupRetentionPeriod", 1))  # RDS keeps one day by default
    return days is not None and days >= MINIMUM_DAYS


def _backup_holder(db: Resource, graph: Graph) -> Resource:
    """The resource whose backups protect this instance's data: the Aurora cluster for a
    member, the source instance for a read replica, else the instance itself."""
    if db.get("DBClusterIdentifier") is not None:
        clusters = graph.related(db, "AWS::RDS::DBCluster", direction="out")
        if not clusters:
            raise Unknown("the instance's DB cluster, which holds its backups, is not in the scan")
        return clusters[0]
    source = db.get("SourceDBInstanceIdentifier")
    if source is None:
        return db
    # By reference in code; AWS Config names the source by identifier and the reader joins it.
    origins = graph.related(db, "AWS::RDS::DBInstance", direction="out")
    origin = origins[0] if len(origins) == 1 else None
    if origin is None or origin.node_id == db.node_id:
        raise Unknown("the read replica's source instance is not in the scan")
    return origin
