"""Encryption that the instance inherits is resolved through the graph or left unknown."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[[str, str], dict[str, tuple[str, str]]]
CONTROL = "rds_instance_storage_encrypted"


def test_restored_snapshot_is_unknown(run_control: Run) -> None:
    template = """
Resources:
  Restored:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t4g.micro
      DBSnapshotIdentifier: arn:aws:rds:eu-west-1:111122223333:snapshot:orders-2024
"""
    assert run_control(CONTROL, template)["Restored"][0] == "unknown"


def test_aurora_member_of_a_cluster_outside_the_scan_is_unknown(run_control: Run) -> None:
    template = """
Resources:
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: shared-cluster
"""
    status, reason = run_control(CONTROL, template)["Member"]
    assert (status, "cluster" in reason) == ("unknown", True)


def test_replica_of_an_encrypted_source_passes(run_control: Run) -> None:
    template = """
Resources:
  Source:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: "20"
      ManageMasterUserPassword: true
      MasterUsername: admin
      StorageEncrypted: true
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t4g.micro
      SourceDBInstanceIdentifier: !Ref Source
"""
    assert run_control(CONTROL, template)["Replica"] == ("pass", "")
