"""Terraform storage resources in CloudFormation's vocabulary: backup vault satellites, restore
testing, RDS passwords and sources (attribute names from the AWS provider v5 schema)."""

from __future__ import annotations

from pathlib import Path

from tests.readers.terraform_support import by_address, scan


def test_vault_satellites_fold_into_the_vault(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_backup_vault" "v" { name = "prod" }
resource "aws_backup_vault_notifications" "v" {
  backup_vault_name   = aws_backup_vault.v.name
  sns_topic_arn       = "arn:aws:sns:eu-west-1:111122223333:backups"
  backup_vault_events = ["BACKUP_JOB_COMPLETED"]
}
resource "aws_backup_vault_lock_configuration" "v" {
  backup_vault_name   = "prod"
  changeable_for_days = 3
  min_retention_days  = 7
}
resource "aws_backup_vault_policy" "v" {
  backup_vault_name = aws_backup_vault.v.name
  policy            = jsonencode({ Version = "2012-10-17", Statement = [] })
}
"""
        },
    )
    vault = by_address(result)["aws_backup_vault.v"]
    assert vault.get("Notifications") == {
        "SNSTopicArn": "arn:aws:sns:eu-west-1:111122223333:backups",
        "BackupVaultEvents": ["BACKUP_JOB_COMPLETED"],
    }
    assert vault.get("LockConfiguration") == {"ChangeableForDays": 3, "MinRetentionDays": 7}
    assert vault.get("AccessPolicy") is not None


def test_restore_testing_plans_and_selections(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_backup_restore_testing_plan" "p" {
  name                = "weekly_restore"
  schedule_expression = "cron(0 5 ? * SUN *)"
  recovery_point_selection {
    algorithm            = "LATEST_WITHIN_WINDOW"
    include_vaults       = ["*"]
    recovery_point_types = ["SNAPSHOT"]
  }
}
resource "aws_backup_restore_testing_selection" "s" {
  name                      = "databases"
  restore_testing_plan_name = aws_backup_restore_testing_plan.p.name
  protected_resource_type   = "RDS"
  iam_role_arn              = "arn:aws:iam::111122223333:role/restore"
  protected_resource_arns   = ["*"]
}
"""
        },
    )
    resources = by_address(result)
    plan = resources["aws_backup_restore_testing_plan.p"]
    assert plan.type == "AWS::Backup::RestoreTestingPlan"
    assert plan.get("RecoveryPointSelection.Algorithm") == "LATEST_WITHIN_WINDOW"
    selection = resources["aws_backup_restore_testing_selection.s"]
    assert (selection.type, selection.get("RestoreTestingPlanName")) == (
        "AWS::Backup::RestoreTestingSelection",
        "weekly_restore",
    )
    assert result.graph.related(plan, "AWS::Backup::RestoreTestingSelection", direction="in")


def test_database_passwords_and_sources(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_db_instance" "primary" {
  engine   = "postgres"
  username = "admin"
  password = "hunter2hunter2"
}
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.primary.arn
}
resource "aws_rds_cluster" "c" {
  engine              = "aurora-postgresql"
  master_password     = "correct-horse"
  snapshot_identifier = "nightly"
}
"""
        },
    )
    resources = by_address(result)
    assert resources["aws_db_instance.primary"].get("MasterUserPassword") == "hunter2hunter2"
    source = resources["aws_db_instance.replica"].get("SourceDBInstanceIdentifier")
    assert getattr(source, "target", None) == resources["aws_db_instance.primary"].node_id
    cluster = resources["aws_rds_cluster.c"]
    assert (cluster.get("MasterUserPassword"), cluster.get("SnapshotIdentifier")) == (
        "correct-horse",
        "nightly",
    )
