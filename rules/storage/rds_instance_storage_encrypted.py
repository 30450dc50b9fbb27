from csmm_static.model import Graph, Resource, Unknown, as_bool, control

# Properties whose presence means the storage (and its encryption) comes from elsewhere.
INHERITED_FROM = (
    "SourceDBInstanceIdentifier",
    "SourceDbiResourceId",
    "SourceDBInstanceAutomatedBackupsArn",
    "DBSnapshotIdentifier",
    "DBClusterSnapshotIdentifier",
    "SourceDBClusterIdentifier",
    "SnapshotIdentifier",  # the DBCluster spelling, read when an Aurora member defers to it
)


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::RDS::DBInstance",
    refs={
        "cis": ["2.3.1"],
        "fsbp": ["RDS.3"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["rds_instance_storage_encrypted"],
    },
)
def rds_instance_storage_encrypted(db: Resource, graph: Graph) -> bool:
    """RDS database instances encrypt their storage at rest.

    Why it matters:
        Unencrypted database storage, and every snapshot and read replica made from it, can
        be read by anyone who gets hold of a copy; encryption makes access depend on a KMS key.

    Remediation:
        Set `StorageEncrypted: true` (optionally `KmsKeyId`) on the `AWS::RDS::DBInstance`, or
        on the `AWS::RDS::DBCluster` for Aurora (Terraform `storage_encrypted = true`).
        Encryption is fixed at creation: restore an encrypted snapshot copy to change it.
    """
    return _encrypted(db, graph, frozenset({db.node_id}))


def _encrypted(db: Resource, graph: Graph, seen: frozenset[str]) -> bool:
    cluster_id = db.get("DBClusterIdentifier")
    if cluster_id is not None:  # Aurora: the cluster holds the storage and its encryption
        clusters = graph.related(db, "AWS::RDS::DBCluster", direction="out")
        if not clusters:
            raise Unknown("the instance's DB cluster is not in the scan")
        cluster = clusters[0]
        if cluster.get("EngineMode") == "serverless":
            return True  # Aurora Serverless v1 clusters are always encrypted
        db = cluster
    setting = as_bool(db.get("StorageEncrypted"))
    if setting is not None:
        return setting
    # A replica joins its source by reference in code, by identifier in AWS Config.
    origins = (
        graph.related(db, "AWS::RDS::DBInstance", direction="out")
        if db.get("SourceDBInstanceIdentifier") is not None
        else []
    )
    origin = origins[0] if len(origins) == 1 else None
    if origin is not None and origin.node_id not in seen:
        # A read replica inherits its source's encryption.
        return _encrypted(origin, graph, seen | {origin.node_id})
    if any(db.get(key) is not None for key in INHERITED_FROM):
        raise Unknown("encryption is inherited from a snapshot or source outside the scan")
    return False
