from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="storage",
    level=5,
    severity="high",
    subject="AWS::RDS::DBInstance",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's RDS items do not record whether RDS manages the master password or which "
            "secret holds it"
        ),
    },
    refs={
        "nist_csf": ["PR.AA-01"],
    },
)
def rds_instance_master_password_rotated(db: Resource, graph: Graph) -> bool:
    """RDS databases' master passwords rotate automatically (Aurora's through its cluster).

    Why it matters:
        The master password is the database's root credential; managed by RDS in Secrets
        Manager (or kept in a secret with a rotation schedule) it changes on a schedule
        without a deployment, so a leaked copy expires on its own.

    Remediation:
        Set `ManageMasterUserPassword: true` on the `AWS::RDS::DBInstance`, or on the
        `AWS::RDS::DBCluster` for Aurora (Terraform `manage_master_user_password = true`),
        or resolve `MasterUserPassword` from a secret with an
        `AWS::SecretsManager::RotationSchedule`.
    """
    holder = db
    if db.get("DBClusterIdentifier") is not None:  # Aurora: the cluster holds the password
        clusters = graph.related(db, "AWS::RDS::DBCluster", direction="out")
        if not clusters:
            raise Unknown("the instance's DB cluster, which holds its password, is not in the scan")
        holder = clusters[0]
    if as_bool(holder.get("ManageMasterUserPassword")) is True:
        return True
    password = holder.get("MasterUserPassword")
    if isinstance(password, str) and password.startswith("{{resolve:secretsmanager:"):
        secrets = graph.related(holder, "AWS::SecretsManager::Secret", direction="out")
        if not secrets:
            raise Unknown("the master password's secret is not in the scan")
        return all(
            graph.related(s, "AWS::SecretsManager::RotationSchedule", direction="in")
            for s in secrets
        )
    if password is None and any(
        holder.get(key) is not None
        for key in ("DBSnapshotIdentifier", "SourceDBInstanceIdentifier", "SnapshotIdentifier")
    ):
        raise Unknown("the master password comes from a snapshot or a source database")
    return False
