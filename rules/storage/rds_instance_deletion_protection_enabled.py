from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="storage",
    level=2,
    severity="low",
    subject="AWS::RDS::DBInstance",
    refs={
        "fsbp": ["RDS.8"],
        "nist_csf": ["PR.DS-11", "PR.IR-03"],
        "prowler": ["rds_instance_deletion_protection"],
    },
)
def rds_instance_deletion_protection_enabled(db: Resource, graph: Graph) -> bool:
    """RDS database instances refuse deletion until their protection is turned off.

    Why it matters:
        A stack replacement or one API call deletes a database and, by default, its automated
        backups; deletion protection makes that an error that someone has to override.

    Remediation:
        Set `DeletionProtection: true` on the `AWS::RDS::DBInstance`, or on the
        `AWS::RDS::DBCluster` for Aurora (Terraform `deletion_protection = true`).
    """
    return as_bool(_setting_holder(db, graph).get("DeletionProtection")) is True


def _setting_holder(db: Resource, graph: Graph) -> Resource:
    """Aurora members take this setting from their cluster."""
    if db.get("DBClusterIdentifier") is None:
        return db
    clusters = graph.related(db, "AWS::RDS::DBCluster", direction="out")
    if not clusters:
        raise Unknown("the instance's DB cluster, which holds this setting, is not in the scan")
    return clusters[0]
