"""Where a copy destination lies relative to its plan, when readers record account and region."""

from __future__ import annotations

import pytest

from csmm_static.model import Graph, Reference, Resource
from rules.storage.backup_plan_copies_out_of_account_or_region import _leaves

ARN = "arn:aws:backup:{region}:{account}:backup-vault:dr"


def _plan(account: str | None, region: str | None) -> Resource:
    return Resource("p", "AWS::Backup::BackupPlan", "plan", account=account, region=region)


@pytest.mark.parametrize(
    ("region", "account", "leaves"),
    [
        ("eu-west-1", "111122223333", False),
        ("eu-central-1", "111122223333", True),
        ("eu-west-1", "444455556666", True),
        ("${AWS::Region}", "${AWS::AccountId}", False),
    ],
)
def test_known_plan_location(region: str, account: str, leaves: bool) -> None:
    plan = _plan("111122223333", "eu-west-1")
    destination = ARN.format(region=region, account=account)
    assert _leaves(destination, plan, Graph()) is leaves


def test_referenced_vault_compares_recorded_locations() -> None:
    graph = Graph()
    here = Resource("v1", "AWS::Backup::BackupVault", "v1", account="1", region="eu-west-1")
    away = Resource("v2", "AWS::Backup::BackupVault", "v2", account="1", region="us-east-1")
    graph.add(here)
    graph.add(away)
    plan = _plan("1", "eu-west-1")
    assert not _leaves(Reference("${v1.BackupVaultArn}", "v1", "BackupVaultArn"), plan, graph)
    assert _leaves(Reference("${v2.BackupVaultArn}", "v2", "BackupVaultArn"), plan, graph)


def test_not_a_vault_arn() -> None:
    assert not _leaves("${Vault.BackupVaultArn}", _plan(None, None), Graph())
