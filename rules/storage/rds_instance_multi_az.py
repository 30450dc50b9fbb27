from csmm_static.model import Graph, Resource, Unknown, as_bool, control


@control(
    pillar="storage",
    level=4,
    severity="low",
    subject="AWS::RDS::DBInstance",
    refs={
        "fsbp": ["RDS.5"],
        "nist_csf": ["PR.IR-03"],
        "prowler": ["rds_instance_multi_az"],
    },
)
def rds_instance_multi_az(db: Resource, graph: Graph) -> bool:
    """RDS databases keep a standby in a second Availability Zone.

    Why it matters:
        A single-AZ database loses every write since its last backup when its zone or
        storage fails; a Multi-AZ standby (or a second Aurora instance) takes over with the
        data intact.

    Remediation:
        Set `MultiAZ: true` on the `AWS::RDS::DBInstance` (Terraform `multi_az = true`); for
        Aurora, run at least two `AWS::RDS::DBInstance` members in the cluster without
        pinning them to one `AvailabilityZone`.
    """
    if db.get("DBClusterIdentifier") is None:
        return as_bool(db.get("MultiAZ")) is True
    clusters = graph.related(db, "AWS::RDS::DBCluster", direction="out")
    if not clusters:
        raise Unknown("the instance's DB cluster is not in the scan")
    members = graph.related(clusters[0], "AWS::RDS::DBInstance", direction="in")
    zones = {member.get("AvailabilityZone") for member in members}
    return len(members) >= 2 and (None in zones or len(zones) >= 2)
