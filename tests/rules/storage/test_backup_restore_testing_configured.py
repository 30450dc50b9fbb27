"""Without a restore testing plan only an attestation can show restores are tested."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import builtin_controls

Run = Callable[[str, str], dict[str, tuple[str, str]]]
CONTROL = "backup_restore_testing_configured"


def test_is_attestable() -> None:
    assert {c.id: c for c in builtin_controls()}[CONTROL].attestable


def test_no_plan_is_unknown(run_control: Run) -> None:
    template = """
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: workload-vault
"""
    ((status, reason),) = run_control(CONTROL, template).values()
    assert status == "unknown"
    assert "attestation" in reason
