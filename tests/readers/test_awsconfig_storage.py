"""AWS Config items of the storage services the generic pass-through cannot read as they are:
Secrets Manager's own capitalisation, and backup selections that name their plan by id."""

from __future__ import annotations

from pathlib import Path

from csmm_static.engine import evaluate
from csmm_static.model import Reference
from csmm_static.readers import parse
from tests.conftest import builtin_controls
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, only, snapshot, write

PLAN_ID = "8c1f0d5e-2b7a-4d1e-9f3c-6a5b4c3d2e1f"
KEY_ARN = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_a_secret_reads_in_cloudformation_names_with_its_rotation_state(tmp_path: Path) -> None:
    arn = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:prod/db-AbCdEf"
    secret = delivered(
        "AWS::SecretsManager::Secret",
        arn,
        {
            "ARN": arn,
            "Name": "prod/db",
            "KMSKeyId": KEY_ARN,
            "RotationEnabled": True,
            "RotationLambdaARN": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:rotate",
            "RotationRules": {"AutomaticallyAfterDays": 30, "RotationScheduleExpression": None},
        },
        name="prod/db",
        arn=arn,
    )
    key = delivered("AWS::KMS::Key", KEY_ARN.rsplit("/", 1)[1], {"keyId": "k"}, arn=KEY_ARN)
    parsed = parse([write(tmp_path / "snapshot.json", snapshot(secret, key))])
    found = only(parsed, "AWS::SecretsManager::Secret")
    assert found.get("KmsKeyId") == KEY_ARN
    assert found.get("KMSKeyId") is None
    assert (found.get("RotationEnabled"), found.get("RotationRules")) == (
        True,
        {"AutomaticallyAfterDays": 30},
    )
    assert parsed.graph.related(found, "AWS::KMS::Key", direction="out")


def test_a_backup_selection_joins_the_plan_it_names_by_id(tmp_path: Path) -> None:
    plan = delivered(
        "AWS::Backup::BackupPlan",
        PLAN_ID,
        {
            "BackupPlanId": PLAN_ID,
            "BackupPlan": {"BackupPlanName": "daily", "BackupPlanRule": []},
        },
        name="daily",
    )
    selection = delivered(
        "AWS::Backup::BackupSelection",
        "5d3c2b1a-0f9e-4d8c-b7a6-f5e4d3c2b1a0",
        {
            "BackupPlanId": PLAN_ID,
            "SelectionId": "5d3c2b1a-0f9e-4d8c-b7a6-f5e4d3c2b1a0",
            "BackupSelection": {"SelectionName": "all", "Resources": ["*"], "NotResources": None},
        },
        name="all",
    )
    parsed = parse([write(tmp_path / "snapshot.json", snapshot(plan, selection))])
    found = only(parsed, "AWS::Backup::BackupPlan")
    selections = parsed.graph.related(found, "AWS::Backup::BackupSelection", direction="in")
    assert [s.get("BackupSelection") for s in selections] == [
        {"SelectionName": "all", "Resources": ["*"]}
    ]
    assert not isinstance(selections[0].get("BackupPlanId"), Reference)


def _db(identifier: str, resource_id: str, **configuration: object) -> dict[str, object]:
    return delivered(
        "AWS::RDS::DBInstance",
        resource_id,
        {"dBInstanceIdentifier": identifier, "engine": "postgres", **configuration},
        name=identifier,
        arn=f"arn:aws:rds:{REGION}:{ACCOUNT}:db:{identifier}",
    )


def test_db_instances_join_their_cluster_and_their_replica_source(tmp_path: Path) -> None:
    cluster = delivered(
        "AWS::RDS::DBCluster",
        "cluster-NCSP75A6Z36KOFQRT4SDHYMS3I",
        {"dbclusterIdentifier": "app", "engine": "aurora-postgresql"},
        name="app",
    )
    member = _db("app-writer", "db-AAAA", dBClusterIdentifier="app")
    source = _db("orders", "db-BBBB")
    replica = _db("orders-replica", "db-CCCC", readReplicaSourceDBInstanceIdentifier="orders")
    path = write(tmp_path / "snapshot.json", snapshot(cluster, member, source, replica))
    parsed = parse([path])
    by_name = {
        r.get("DBInstanceIdentifier"): r for r in parsed.graph.resources("AWS::RDS::DBInstance")
    }
    assert parsed.graph.related(by_name["app-writer"], "AWS::RDS::DBCluster", direction="out")
    assert by_name["orders-replica"].get("SourceDBInstanceIdentifier") == "orders"
    assert parsed.graph.related(
        by_name["orders-replica"], "AWS::RDS::DBInstance", direction="out"
    ) == [by_name["orders"]]


def test_a_replica_recorded_by_config_inherits_its_source_encryption(tmp_path: Path) -> None:
    # Config records `storageEncrypted` on every instance; a replica's own value wins, and one
    # it lacks comes from the source it names by identifier only.
    source = _db("orders", "db-BBBB", storageEncrypted=True)
    replica = _db("orders-replica", "db-CCCC", readReplicaSourceDBInstanceIdentifier="orders")
    parsed = parse([write(tmp_path / "snapshot.json", snapshot(source, replica))])
    control = [c for c in builtin_controls() if c.id == "rds_instance_storage_encrypted"]
    statuses = {
        s.address: s.status
        for p in evaluate(control, parsed.graph).partitions
        for r in p.results
        for s in r.subjects
    }
    assert set(statuses.values()) == {"pass"}, statuses
    assert len(statuses) == 2
