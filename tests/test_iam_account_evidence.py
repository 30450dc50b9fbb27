"""IAM account controls whose evidence comes from account exports and AWS Config rule
compliance: the account node's properties, evaluated through the engine in account scope."""

from __future__ import annotations

from typing import Any

import pytest

from csmm_static.engine import evaluate
from csmm_static.model import Graph, Resource, account_node
from tests.conftest import builtin_controls

ROOT = "<root_account>"


def status(control_id: str, properties: dict[str, Any]) -> str:
    graph = Graph()
    graph.add(account_node("111122223333", properties))
    (item,) = [c for c in builtin_controls() if c.id == control_id]
    (partition,) = evaluate([item], graph, "account").partitions
    (result,) = partition.results
    return result.status


def root_row(**columns: Any) -> dict[str, Any]:
    return {"user": ROOT, "arn": "arn:aws:iam::111122223333:root", **columns}


def user_row(name: str, **columns: Any) -> dict[str, Any]:
    return {"user": name, "arn": f"arn:aws:iam::111122223333:user/{name}", **columns}


LATEST = "2024-06-01T00:00:00Z"


def key_report(rotated: str, key: int = 1) -> dict[str, Any]:
    """A credential report with one active key last rotated on `rotated`, and a sign-in on
    LATEST that bounds the report's generation time from below."""
    columns = {f"access_key_{key}_active": True, f"access_key_{key}_last_rotated": rotated}
    return {
        "CredentialReport": [
            user_row("svc", **columns),
            user_row("eve", password_enabled=True, password_last_used=LATEST),
        ]
    }


CASES: list[tuple[str, dict[str, Any], str]] = [
    # Root MFA: any evidence source decides, and a failing source wins.
    ("iam_root_mfa_enabled", {"AccountSummary": {"AccountMFAEnabled": 1}}, "pass"),
    ("iam_root_mfa_enabled", {"CredentialReport": [root_row(mfa_active=False)]}, "fail"),
    (
        "iam_root_mfa_enabled",
        {
            "AccountSummary": {"AccountMFAEnabled": 1},
            "ConfigRuleCompliance": {"securityhub-root-account-mfa-enabled-x1": "NON_COMPLIANT"},
        },
        "fail",
    ),
    ("iam_root_mfa_enabled", {}, "unknown"),
    # Hardware MFA: only the Config rule can say yes; no MFA at all says no.
    (
        "iam_root_hardware_mfa_enabled",
        {"ConfigRuleCompliance": {"ROOT_ACCOUNT_HARDWARE_MFA_ENABLED": "COMPLIANT"}},
        "pass",
    ),
    ("iam_root_hardware_mfa_enabled", {"AccountSummary": {"AccountMFAEnabled": 0}}, "fail"),
    ("iam_root_hardware_mfa_enabled", {"AccountSummary": {"AccountMFAEnabled": 1}}, "unknown"),
    # Root access keys.
    ("iam_root_access_keys_absent", {"AccountSummary": {"AccountAccessKeysPresent": 0}}, "pass"),
    (
        "iam_root_access_keys_absent",
        {"CredentialReport": [root_row(access_key_1_active=False, access_key_2_active=True)]},
        "fail",
    ),
    ("iam_root_access_keys_absent", {"CredentialReport": [user_row("a")]}, "unknown"),
    # Console users have MFA.
    (
        "iam_user_console_mfa_enabled",
        {
            "CredentialReport": [
                root_row(password_enabled="not_supported", mfa_active=True),
                user_row("alice", password_enabled=True, mfa_active=True),
                user_row("ci", password_enabled=False, mfa_active=False),
            ]
        },
        "pass",
    ),
    (
        "iam_user_console_mfa_enabled",
        {"CredentialReport": [user_row("bob", password_enabled=True, mfa_active=False)]},
        "fail",
    ),
    # Key age: provably old from the report alone; fresh only with the Config rule.
    ("iam_access_keys_rotated_90_days", key_report("2024-01-01T00:00:00Z"), "fail"),
    ("iam_access_keys_rotated_90_days", key_report("2024-05-20T00:00:00Z"), "unknown"),
    (
        "iam_access_keys_rotated_90_days",
        {"ConfigRuleCompliance": {"access-keys-rotated": "COMPLIANT"}},
        "pass",
    ),
    (
        "iam_access_keys_rotated_90_days",
        {
            "ConfigRuleCompliance": {"access-keys-rotated": "COMPLIANT"},
            **key_report("2023-01-01T00:00:00Z", key=2),
        },
        "fail",
    ),
    # Unused credentials: an enabled password last used long before the report.
    (
        "iam_unused_credentials_disabled",
        {
            "CredentialReport": [
                user_row("gone", password_enabled=True, password_last_used="2024-01-01T00:00:00Z"),
                user_row("here", password_enabled=True, password_last_used=LATEST),
            ]
        },
        "fail",
    ),
    (
        "iam_unused_credentials_disabled",
        {
            "CredentialReport": [
                user_row(
                    "never",
                    access_key_1_active=True,
                    access_key_1_last_used_date="N/A",
                    access_key_1_last_rotated="2024-01-01T00:00:00Z",
                ),
                user_row("here", password_enabled=True, password_last_used=LATEST),
            ]
        },
        "fail",
    ),
    (
        "iam_unused_credentials_disabled",
        {"ConfigRuleCompliance": {"IAM_USER_UNUSED_CREDENTIALS_CHECK": "COMPLIANT"}},
        "pass",
    ),
    # Password policy.
    (
        "iam_password_policy_min_length_14",
        {"PasswordPolicy": {"MinimumPasswordLength": 14}},
        "pass",
    ),
    (
        "iam_password_policy_min_length_14",
        {"PasswordPolicy": {"MinimumPasswordLength": "8"}},
        "fail",
    ),
    ("iam_password_policy_min_length_14", {}, "unknown"),
    ("iam_password_policy_reuse_24", {"PasswordPolicy": {"PasswordReusePrevention": 24}}, "pass"),
    ("iam_password_policy_reuse_24", {"PasswordPolicy": {"MinimumPasswordLength": 14}}, "fail"),
    # Process controls: configuration can only show the failure.
    (
        "iam_least_privilege_reviewed",
        {"ConfigRuleCompliance": {"iam-user-unused-credentials-check": "NON_COMPLIANT"}},
        "fail",
    ),
    ("iam_least_privilege_reviewed", {}, "unknown"),
    ("access_analyzer_findings_actioned", {}, "fail"),
    (
        "access_analyzer_findings_actioned",
        {"ConfigRuleCompliance": {"IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED": "COMPLIANT"}},
        "unknown",
    ),
    # Account controls that also read Config rule compliance.
    (
        "access_analyzer_external_access_enabled",
        {"ConfigRuleCompliance": {"iam-external-access-analyzer-enabled": "COMPLIANT"}},
        "pass",
    ),
    (
        "iam_config_rules_deployed",
        {
            "ConfigRuleCompliance": {
                "securityhub-iam-policy-no-statements-with-admin-access-a1": "COMPLIANT",
                "access-keys-rotated": "NON_COMPLIANT",
                "root-account-mfa-enabled": "COMPLIANT",
            }
        },
        "pass",
    ),
    (
        "iam_config_rules_deployed",
        {"ConfigRuleCompliance": {"root-account-mfa-enabled": "COMPLIANT"}},
        "fail",
    ),
    ("organizations_scp_attached", {"Organization": {"FeatureSet": "ALL"}}, "fail"),
    ("organizations_scp_attached", {}, "unknown"),
]


@pytest.mark.parametrize(("control_id", "properties", "expected"), CASES)
def test_account_evidence(control_id: str, properties: dict[str, Any], expected: str) -> None:
    assert status(control_id, properties) == expected


def test_trust_in_the_management_account_is_internal() -> None:
    graph = Graph()
    graph.add(account_node("111122223333", {"Organization": {"MasterAccountId": "999900001111"}}))
    graph.add(
        Resource(
            "role",
            "AWS::IAM::Role",
            "ExecutionRole",
            {
                "AssumeRolePolicyDocument": {
                    "Statement": {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999900001111:root"},
                        "Action": "sts:AssumeRole",
                    }
                }
            },
            account="111122223333",
        )
    )
    (item,) = [c for c in builtin_controls() if c.id == "iam_role_cross_account_trust_restricted"]
    (partition,) = evaluate([item], graph, "workload").partitions
    assert partition.results[0].status == "pass"
