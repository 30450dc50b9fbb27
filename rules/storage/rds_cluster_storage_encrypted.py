from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::RDS::DBCluster",
    refs={
        "fsbp": ["RDS.27"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["rds_cluster_storage_encrypted"],
    },
)
def rds_cluster_storage_encrypted(cluster: Resource, graph: Graph) -> bool:
    """Aurora and Multi-AZ DB clusters encrypt their storage at rest.

    Why it matters:
        The cluster volume holds every instance's data and is the source of every snapshot
        and clone; left unencrypted, any copy of it is readable without a KMS key.

    Remediation:
        Set `StorageEncrypted: true` (optionally `KmsKeyId`) on the `AWS::RDS::DBCluster`
        (Terraform `storage_encrypted = true` on `aws_rds_cluster`). Encryption is fixed at
        creation: restore an encrypted snapshot copy to change it.
    """
    if cluster.get("EngineMode") == "serverless":
        return True  # Aurora Serverless v1 clusters are always encrypted
    setting = as_bool(cluster.get("StorageEncrypted"))
    if setting is not None:
        return setting
    inherits = ("SnapshotIdentifier", "SourceDBClusterIdentifier", "SourceDbClusterResourceId")
    if any(cluster.get(key) is not None for key in inherits):
        raise Unknown("encryption is inherited from a snapshot or source cluster")
    return False
