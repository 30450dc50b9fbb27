from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="storage",
    level=2,
    severity="low",
    subject="AWS::RDS::DBCluster",
    refs={
        "fsbp": ["RDS.7"],
        "nist_csf": ["PR.DS-11", "PR.IR-03"],
        "prowler": ["rds_cluster_deletion_protection"],
    },
)
def rds_cluster_deletion_protection_enabled(cluster: Resource, graph: Graph) -> bool:
    """RDS DB clusters refuse deletion until their protection is turned off.

    Why it matters:
        Deleting a cluster removes its automated backups unless told otherwise; deletion
        protection turns a mistaken stack update or API call into an error instead of a loss.

    Remediation:
        Set `DeletionProtection: true` on the `AWS::RDS::DBCluster` (Terraform
        `deletion_protection = true` on `aws_rds_cluster`).
    """
    return as_bool(cluster.get("DeletionProtection")) is True
