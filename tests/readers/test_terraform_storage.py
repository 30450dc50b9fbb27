"""Terraform storage resources in CloudFormation's vocabulary: backup vault satellites, restore
testing, RDS passwords and sources (attribute names from the AWS provider v5 schema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csmm_static.model import Reference, is_unknown
from tests.readers.terraform_support import by_address, scan
from tests.readers.test_terraform_plan import _change, _config, _plan, _resource


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


def test_a_lifecycle_block_inside_a_resource_block_is_the_resource_s_own(tmp_path: Path) -> None:
    # Only a resource's top-level `lifecycle` is Terraform's meta-block.
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_backup_plan" "p" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = "vault"
    lifecycle { delete_after = 35 }
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:222233334444:backup-vault:dr"
      lifecycle { delete_after = 90 }
    }
  }
  lifecycle { prevent_destroy = true }
}
"""
        },
    )
    rule = by_address(result)["aws_backup_plan.p"].get("BackupPlan.BackupPlanRule")[0]
    assert rule["Lifecycle"] == {"DeleteAfterDays": 35}
    assert rule["CopyActions"][0]["Lifecycle"] == {"DeleteAfterDays": 90}


def _plan_with_rules(rules: list[dict[str, Any]], expressions: list[dict[str, Any]]) -> str:
    vault = _resource("aws_backup_vault.copy", {"name": "copy"})
    plan = _resource("aws_backup_plan.p", {"name": "daily", "rule": rules})
    unknown = {"rule": [{"copy_action": [{"destination_vault_arn": True}]} for _ in rules]}
    configuration = {
        "resources": [
            _config("aws_backup_vault.copy", {"name": {"constant_value": "copy"}}),
            _config("aws_backup_plan.p", {"rule": expressions}),
        ]
    }
    return _plan(
        [vault, plan], [_change("aws_backup_plan.p", plan["values"], unknown)], configuration
    )


COPY_TO_VAULT = {
    "rule_name": {"constant_value": "daily"},
    "copy_action": [
        {
            "destination_vault_arn": {
                "references": ["aws_backup_vault.copy.arn", "aws_backup_vault.copy"]
            }
        }
    ],
}


def test_a_plan_reads_a_nested_block_s_reference_like_the_configuration(tmp_path: Path) -> None:
    text = _plan_with_rules([{"rule_name": "daily", "copy_action": [{}]}], [COPY_TO_VAULT])
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    rule = resources["aws_backup_plan.p"].get("BackupPlan.BackupPlanRule")[0]
    destination = rule["CopyActions"][0]["DestinationBackupVaultArn"]
    assert isinstance(destination, Reference)
    assert destination.target == resources["aws_backup_vault.copy"].node_id


def test_a_plan_reads_every_rule_s_copy_destination(tmp_path: Path) -> None:
    rules: list[dict[str, Any]] = [
        {"rule_name": name, "copy_action": [{}]} for name in ("daily", "weekly")
    ]
    text = _plan_with_rules(rules, [COPY_TO_VAULT, COPY_TO_VAULT])
    resources = by_address(scan(tmp_path, {"tfplan.json": text}))
    vault = resources["aws_backup_vault.copy"].node_id
    for rule in resources["aws_backup_plan.p"].properties["BackupPlan"]["BackupPlanRule"]:
        destination = rule["CopyActions"][0]["DestinationBackupVaultArn"]
        assert isinstance(destination, Reference)
        assert destination.target == vault


def test_backup_selections_with_conditions_and_exclusions(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_efs_file_system" "one_zone" {
  availability_zone_name = "eu-west-1a"
}
resource "aws_backup_selection" "s" {
  name          = "efs"
  plan_id       = "plan"
  iam_role_arn  = "arn:aws:iam::111122223333:role/backup"
  resources     = ["arn:aws:elasticfilesystem:*:*:file-system/*"]
  not_resources = ["arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0"]
  condition {
    string_equals {
      key   = "aws:ResourceTag/backup"
      value = "daily"
    }
    string_not_like {
      key   = "aws:ResourceTag/env"
      value = "dev*"
    }
  }
}
"""
        },
    )
    resources = by_address(result)
    assert resources["aws_efs_file_system.one_zone"].get("AvailabilityZoneName") == "eu-west-1a"
    selection = resources["aws_backup_selection.s"]
    assert selection.get("BackupSelection.NotResources") == [
        "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0"
    ]
    assert selection.get("BackupSelection.Conditions") == {
        "StringEquals": [{"ConditionKey": "aws:ResourceTag/backup", "ConditionValue": "daily"}],
        "StringNotLike": [{"ConditionKey": "aws:ResourceTag/env", "ConditionValue": "dev*"}],
    }


def test_a_replica_or_restore_takes_its_encryption_from_its_source(tmp_path: Path) -> None:
    result = scan(
        tmp_path,
        {
            "main.tf": """
resource "aws_db_instance" "new" { engine = "postgres" }
resource "aws_db_instance" "replica" { replicate_source_db = "orders" }
resource "aws_db_instance" "restored" { snapshot_identifier = "nightly" }
"""
        },
    )
    resources = by_address(result)
    assert resources["aws_db_instance.new"].get("StorageEncrypted") is False
    assert resources["aws_db_instance.replica"].get("StorageEncrypted") is None
    assert resources["aws_db_instance.restored"].get("StorageEncrypted") is None


def test_a_plan_leaves_an_unknown_policy_document_unknown(tmp_path: Path) -> None:
    # `jsonencode({... aws_s3_bucket.b.arn ...})` is recorded like `aws_s3_bucket.b.arn` itself.
    bucket = _resource("aws_s3_bucket.b", {"bucket": "orders"})
    attached = _resource("aws_s3_bucket_policy.p", {})
    reference = {"references": ["aws_s3_bucket.b.arn", "aws_s3_bucket.b"]}
    configuration = {
        "resources": [
            _config("aws_s3_bucket.b", {"bucket": {"constant_value": "orders"}}),
            _config(
                "aws_s3_bucket_policy.p",
                {
                    "bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]},
                    "policy": reference,
                },
            ),
        ]
    }
    change = _change("aws_s3_bucket_policy.p", {}, {"bucket": True, "policy": True, "id": True})
    text = _plan([bucket, attached], [change], configuration)
    found = by_address(scan(tmp_path, {"tfplan.json": text}))["aws_s3_bucket_policy.p"]
    assert isinstance(found.properties["Bucket"], Reference)
    assert is_unknown(found.properties["PolicyDocument"])
