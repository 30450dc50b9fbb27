"""Offline account exports: each recognised by content, placed by content or folder, and joined
with AWS Config items."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from csmm_static.model import Unknown, is_unknown
from csmm_static.pipeline import scan
from csmm_static.readers import ParseResult, parse
from csmm_static.readers.account_exports import claims
from csmm_static.readers.base import InputFile
from tests.readers.test_awsconfig import delivered, snapshot, write

ACCOUNT = "111122223333"
REGION = "eu-west-1"
HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
)
ROOT_ROW = (
    f"<root_account>,arn:aws:iam::{ACCOUNT}:root,2023-11-20T15:58:02+00:00,not_supported,"
    "2024-01-03T11:20:07+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,"
    "N/A,N/A,N/A,N/A,false,N/A,false,N/A"
)


def user_row(name: str, password: bool, key: bool = False) -> str:
    return (
        f"{name},arn:aws:iam::{ACCOUNT}:user/{name},2023-11-21T10:12:45+00:00,"
        f"{str(password).lower()},N/A,N/A,N/A,false,{str(key).lower()},"
        "2024-03-02T08:00:11+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
    )


EXPORTS: dict[str, Any] = {
    "iam/account-summary.json": {
        "SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}
    },
    "iam/password-policy.json": {
        "PasswordPolicy": {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24}
    },
    "iam/virtual-mfa-devices.json": {
        "VirtualMFADevices": [{"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/alice"}]
    },
    "organizations/organization.json": {
        "Organization": {"Id": "o-exampleorgid", "FeatureSet": "ALL", "MasterAccountId": ACCOUNT}
    },
    "organizations/policies-scp.json": {
        "Policies": [
            {
                "Id": "p-FullAWSAccess",
                "Arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
                "Name": "FullAWSAccess",
                "Type": "SERVICE_CONTROL_POLICY",
                "AwsManaged": True,
            },
            {
                "Id": "p-examplescp1",
                "Arn": f"arn:aws:organizations::{ACCOUNT}:policy/o-exampleorgid/"
                "service_control_policy/p-examplescp1",
                "Name": "deny-leave",
                "Type": "SERVICE_CONTROL_POLICY",
                "AwsManaged": False,
            },
        ]
    },
    "organizations/policy-p-examplescp1.json": {
        "Policy": {
            "PolicySummary": {
                "Id": "p-examplescp1",
                "Arn": f"arn:aws:organizations::{ACCOUNT}:policy/o-exampleorgid/"
                "service_control_policy/p-examplescp1",
                "Name": "deny-leave",
                "Type": "SERVICE_CONTROL_POLICY",
                "AwsManaged": False,
            },
            "Content": json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Action": "organizations:LeaveOrganization",
                            "Resource": "*",
                        }
                    ],
                }
            ),
        }
    },
    "organizations/targets-p-examplescp1.json": {
        "Targets": [{"TargetId": "r-examplerootid", "Name": "Root", "Type": "ROOT"}]
    },
    "config/config-rules.json": {
        "ConfigRules": [
            {
                "ConfigRuleName": "securityhub-root-account-mfa-enabled-1a2b3c",
                "ConfigRuleArn": f"arn:aws:config:{REGION}:{ACCOUNT}:config-rule/config-rule-abc",
                "Source": {"Owner": "AWS", "SourceIdentifier": "ROOT_ACCOUNT_MFA_ENABLED"},
                "MaximumExecutionFrequency": "TwentyFour_Hours",
                "ConfigRuleState": "ACTIVE",
            }
        ]
    },
    "config/compliance-by-config-rule.json": {
        "ComplianceByConfigRules": [
            {
                "ConfigRuleName": "securityhub-root-account-mfa-enabled-1a2b3c",
                "Compliance": {"ComplianceType": "COMPLIANT"},
            }
        ]
    },
    "config/configuration-recorders.json": {
        "ConfigurationRecorders": [
            {
                "name": "default",
                "roleARN": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/"
                "AWSServiceRoleForConfig",
                "recordingGroup": {
                    "allSupported": True,
                    "includeGlobalResourceTypes": True,
                    "resourceTypes": [],
                },
                "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []},
            }
        ]
    },
    "config/configuration-recorder-status.json": {
        "ConfigurationRecordersStatus": [
            {"name": "default", "recording": True, "lastStatus": "SUCCESS"}
        ]
    },
    "config/remediation-configurations.json": {
        "RemediationConfigurations": [
            {
                "ConfigRuleName": "restricted-ssh",
                "TargetType": "SSM_DOCUMENT",
                "TargetId": "AWS-DisablePublicAccessForSecurityGroup",
                "Automatic": True,
                "MaximumAutomaticAttempts": 5,
                "RetryAttemptSeconds": 60,
                "Arn": f"arn:aws:config:{REGION}:{ACCOUNT}:"
                "remediation-configuration/restricted-ssh/x",
            }
        ]
    },
    "cloudtrail/trails.json": {
        "trailList": [
            {
                "Name": "management-events",
                "S3BucketName": f"audit-{ACCOUNT}",
                "IncludeGlobalServiceEvents": True,
                "IsMultiRegionTrail": True,
                "HomeRegion": REGION,
                "TrailARN": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/management-events",
                "LogFileValidationEnabled": True,
                "HasCustomEventSelectors": True,
                "HasInsightSelectors": False,
                "IsOrganizationTrail": False,
            }
        ]
    },
    "cloudtrail/trail-status-management-events.json": {"IsLogging": True},
    "cloudtrail/event-selectors-management-events.json": {
        "TrailARN": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/management-events",
        "EventSelectors": [
            {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}
        ],
    },
    "s3-account-public-access-block.json": {
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        }
    },
    "account/security-contact.json": {
        "AlternateContact": {
            "AlternateContactType": "SECURITY",
            "EmailAddress": "security@example.com",
            "Name": "Security team",
        }
    },
    f"{REGION}/ebs-encryption-by-default.json": {"EbsEncryptionByDefault": True},
    f"{REGION}/ebs-default-kms-key.json": {"KmsKeyId": "alias/aws/ebs"},
    f"{REGION}/image-block-public-access.json": {
        "ImageBlockPublicAccessState": "block-new-sharing",
        "ManagedBy": "account",
    },
    f"{REGION}/snapshot-block-public-access.json": {"State": "block-all-sharing"},
    f"{REGION}/instance-metadata-defaults.json": {
        "AccountLevel": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2}
    },
    f"{REGION}/securityhub-hub.json": {
        "HubArn": f"arn:aws:securityhub:{REGION}:{ACCOUNT}:hub/default",
        "SubscribedAt": "2023-11-20T16:10:00.000Z",
        "AutoEnableControls": True,
        "ControlFindingGenerator": "SECURITY_CONTROL",
    },
    f"{REGION}/securityhub-standards.json": {
        "StandardsSubscriptions": [
            {
                "StandardsSubscriptionArn": f"arn:aws:securityhub:{REGION}:{ACCOUNT}:"
                "subscription/aws-foundational-security-best-practices/v/1.0.0",
                "StandardsArn": f"arn:aws:securityhub:{REGION}::standards/"
                "aws-foundational-security-best-practices/v/1.0.0",
                "StandardsInput": {},
                "StandardsStatus": "READY",
            }
        ]
    },
    f"{REGION}/guardduty-detectors.json": {"DetectorIds": ["12abc34d567e8fa901bc2d34e56789f0"]},
    f"{REGION}/guardduty-detector-12abc34d567e8fa901bc2d34e56789f0.json": {
        "CreatedAt": "2023-11-20T16:12:00.000Z",
        "FindingPublishingFrequency": "FIFTEEN_MINUTES",
        "ServiceRole": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/"
        "AWSServiceRoleForAmazonGuardDuty",
        "Status": "ENABLED",
        "UpdatedAt": "2024-04-01T10:00:00.000Z",
        "DataSources": {
            "S3Logs": {"Status": "ENABLED"},
            "Kubernetes": {"AuditLogs": {"Status": "DISABLED"}},
        },
        "Features": [
            {"Name": "S3_DATA_EVENTS", "Status": "ENABLED", "UpdatedAt": "2024-04-01T10:00:00Z"}
        ],
        "Tags": {},
    },
    f"{REGION}/macie-session.json": {
        "createdAt": "2023-11-20T16:20:00.000Z",
        "findingPublishingFrequency": "SIX_HOURS",
        "serviceRole": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/macie.amazonaws.com/"
        "AWSServiceRoleForAmazonMacie",
        "status": "ENABLED",
        "updatedAt": "2023-11-20T16:20:00.000Z",
    },
    "identity-center/permission-set-admin.json": {
        "PermissionSet": {
            "Name": "AdministratorAccess",
            "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/"
            "ps-6f2a1b2c3d4e5f60",
            "CreatedDate": "2023-11-20T16:30:00.000Z",
            "SessionDuration": "PT1H",
        }
    },
    "identity-center/assignments-admin.json": {
        "AccountAssignments": [
            {
                "AccountId": ACCOUNT,
                "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/"
                "ps-6f2a1b2c3d4e5f60",
                "PrincipalType": "GROUP",
                "PrincipalId": "906782a1-b2c3-d4e5-f607-1a2b3c4d5e6f",
            }
        ]
    },
    f"{REGION}/securityhub-findings.json": {
        "Findings": [
            {
                "SchemaVersion": "2018-10-08",
                "Id": f"arn:aws:securityhub:{REGION}:{ACCOUNT}:subscription/"
                "aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/0b1c",
                "ProductArn": f"arn:aws:securityhub:{REGION}::product/aws/securityhub",
                "ProductName": "Security Hub",
                "GeneratorId": "security-control/S3.8",
                "AwsAccountId": ACCOUNT,
                "Region": REGION,
                "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
                "CreatedAt": "2024-03-01T10:00:00.000Z",
                "UpdatedAt": "2024-05-01T10:00:00.000Z",
                "Severity": {"Label": "HIGH", "Normalized": 70},
                "Title": "S3 general purpose buckets should block public access",
                "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::legacy-downloads"}],
                "Compliance": {"Status": "FAILED"},
                "Workflow": {"Status": "NEW"},
                "RecordState": "ACTIVE",
            }
        ]
    },
    f"{REGION}/access-analyzers.json": {
        "analyzers": [
            {
                "arn": f"arn:aws:access-analyzer:{REGION}:{ACCOUNT}:analyzer/account-analyzer",
                "name": "account-analyzer",
                "type": "ACCOUNT",
                "status": "ACTIVE",
            }
        ]
    },
}


def _folder(tmp_path: Path, extra: dict[str, Any] | None = None) -> Path:
    root = tmp_path / "evidence" / ACCOUNT
    for rel, doc in {**EXPORTS, **(extra or {})}.items():
        write(root / rel, doc)
    return tmp_path / "evidence"


def _one(parsed: ParseResult, rtype: str) -> Any:
    found = parsed.graph.resources(rtype)
    assert len(found) == 1, [r.node_id for r in found]
    return found[0]


def test_every_export_is_recognised_by_content(tmp_path: Path) -> None:
    report = "\n".join([HEADER, ROOT_ROW, user_row("alice", True, key=True)]) + "\n"
    parsed = parse([_folder(tmp_path, {"iam/credential-report.csv": report})])
    assert [d for d in parsed.diagnostics if d.level != "info"] == []
    assert {f.status for f in parsed.files} == {"read"}
    assert len(parsed.files) == len(EXPORTS) + 1
    assert parsed.has_account_evidence
    account = parsed.graph.account
    assert account.account == ACCOUNT
    facts = account.properties
    assert facts["AccountSummary"]["AccountMFAEnabled"] == 1
    assert facts["PasswordPolicy"]["MinimumPasswordLength"] == 14
    assert facts["Organization"]["FeatureSet"] == "ALL"
    assert facts["AlternateContacts"]["SECURITY"]["EmailAddress"] == "security@example.com"
    assert facts["RegionalSettings"][REGION] == {
        "EbsEncryptionByDefault": True,
        "EbsDefaultKmsKeyId": "alias/aws/ebs",
        "ImageBlockPublicAccessState": "block-new-sharing",
        "SnapshotBlockPublicAccessState": "block-all-sharing",
        "InstanceMetadataDefaults": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
        "GuardDutyDetectorIds": ["12abc34d567e8fa901bc2d34e56789f0"],
    }
    assert facts["ConfigRuleCompliance"] == {
        "ROOT_ACCOUNT_MFA_ENABLED": "COMPLIANT",
        "securityhub-root-account-mfa-enabled-1a2b3c": "COMPLIANT",
    }
    assert facts["CredentialReport"][1]["password_enabled"] is True
    assert facts["CredentialReport"][0]["access_key_1_last_rotated"] is None  # "N/A"
    assert not [k for k in facts if k.startswith("_")]
    trail = _one(parsed, "AWS::CloudTrail::Trail")
    assert trail.get("IsLogging") is True and trail.get("EventSelectors.0.ReadWriteType") == "All"
    assert _one(parsed, "AWS::Config::ConfigurationRecorder").get("Recording") is True
    policies = {p.get("Name"): p for p in parsed.graph.resources("AWS::Organizations::Policy")}
    assert policies["deny-leave"].get("TargetIds") == ["r-examplerootid"]
    assert policies["deny-leave"].get("Content.Statement.0.Effect") == "Deny"
    with pytest.raises(Unknown):
        policies["FullAWSAccess"].get("Content")
    detector = _one(parsed, "AWS::GuardDuty::Detector")
    assert detector.get("Enable") is True and detector.region == REGION
    assert detector.get("DataSources.Kubernetes.AuditLogs.Enable") is False
    assert (
        _one(parsed, "AWS::SecurityHub::Hub").get("ControlFindingGenerator") == "SECURITY_CONTROL"
    )
    assert _one(parsed, "AWS::SecurityHub::Standard").get("StandardsStatus") == "READY"
    assert _one(parsed, "AWS::Macie::Session").get("Status") == "ENABLED"
    assert _one(parsed, "AWS::AccessAnalyzer::Analyzer").get("Type") == "ACCOUNT"
    assert _one(parsed, "AWS::Config::RemediationConfiguration").get("Automatic") is True
    assert _one(parsed, "AWS::S3::AccountPublicAccessBlock").get("RestrictPublicBuckets") is True
    permission_set = _one(parsed, "AWS::SSO::PermissionSet")
    assert permission_set.get("SessionDuration") == "PT1H"
    assert permission_set.get("InstanceArn") == "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6"
    assert _one(parsed, "AWS::SSO::Assignment").get("TargetId") == ACCOUNT
    (finding,) = facts["SecurityHubFindings"]
    assert finding["Severity"] == "HIGH" and finding["WorkflowStatus"] == "NEW"
    user = _one(parsed, "AWS::IAM::User")
    assert user.get("UserName") == "alice" and user.has("LoginProfile")
    assert _one(parsed, "AWS::IAM::AccessKey").get("UserName") == "alice"


def test_users_only_the_credential_report_lists_have_unknown_permissions(
    tmp_path: Path,
) -> None:
    """The report says who has a password and keys, not which policies apply to them."""
    report = "\n".join([HEADER, ROOT_ROW, user_row("dora", True, key=True)]) + "\n"
    write(tmp_path / "iam" / "credential-report.csv", report)
    parsed = parse([tmp_path])
    (user,) = parsed.graph.resources("AWS::IAM::User")
    assert user.get("UserName") == "dora" and user.has("LoginProfile")
    for key in ("Groups", "ManagedPolicyArns", "Policies"):
        with pytest.raises(Unknown):
            user.get(key)
    (access_key,) = parsed.graph.resources("AWS::IAM::AccessKey")
    assert access_key.properties == {"UserName": "dora", "Status": "Active"}


def test_credential_report_settings_apply_to_config_users(tmp_path: Path) -> None:
    users = [
        delivered(
            "AWS::IAM::User",
            f"AIDA{name.upper()}",
            {"userName": name, "arn": f"arn:aws:iam::{ACCOUNT}:user/{name}"},
            name=name,
            arn=f"arn:aws:iam::{ACCOUNT}:user/{name}",
            region="global",
            account=ACCOUNT,
        )
        for name in ("alice", "bob", "carol")
    ]
    write(tmp_path / "config" / "snapshot.json", snapshot(*users))
    report = "\n".join([HEADER, ROOT_ROW, user_row("alice", True), user_row("bob", False)])
    wrapper = {
        "Content": base64.b64encode(report.encode()).decode(),
        "ReportFormat": "text/csv",
        "GeneratedTime": "2024-05-02T09:20:13+00:00",
    }
    write(tmp_path / "iam" / "credential-report.json", wrapper)
    parsed = parse([tmp_path])
    found = {u.get("UserName"): u for u in parsed.graph.resources("AWS::IAM::User")}
    assert sorted(found) == ["alice", "bob", "carol"]  # one node per user, Config's
    assert all(u.node_id.startswith("config:") for u in found.values())
    assert found["alice"].has("LoginProfile") and not is_unknown(
        found["alice"].properties["LoginProfile"]
    )
    assert found["bob"].get("LoginProfile") is None
    with pytest.raises(Unknown):
        found["carol"].get("LoginProfile")  # not in the report: still unknown
    facts = parsed.graph.account.properties
    assert facts["CredentialReportGeneratedTime"] == "2024-05-02T09:20:13+00:00"


def test_exports_and_config_describe_one_trail_once(tmp_path: Path) -> None:
    arn = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/management-events"
    trail = delivered(
        "AWS::CloudTrail::Trail",
        "management-events",
        {"name": "management-events", "isMultiRegionTrail": True, "trailARN": arn},
        name="management-events",
        arn=arn,
    )
    write(tmp_path / "config" / "snapshot.json", snapshot(trail))
    write(tmp_path / "cloudtrail" / "trails.json", EXPORTS["cloudtrail/trails.json"])
    write(tmp_path / "cloudtrail" / "trail-status-management-events.json", {"IsLogging": False})
    parsed = parse([tmp_path])
    found = _one(parsed, "AWS::CloudTrail::Trail")
    assert found.node_id.startswith("config:") and found.get("IsLogging") is False


def test_account_comes_from_the_content_or_else_the_folder(tmp_path: Path) -> None:
    other = "444455556666"
    write(tmp_path / other / "iam" / "password-policy.json", EXPORTS["iam/password-policy.json"])
    write(tmp_path / ACCOUNT / "eu-west-1" / "hub.json", EXPORTS[f"{REGION}/securityhub-hub.json"])
    parsed = parse([tmp_path])
    accounts = {a.account: a for a in parsed.graph.accounts}
    assert set(accounts) == {other, ACCOUNT}
    assert "PasswordPolicy" in accounts[other].properties
    assert _one(parsed, "AWS::SecurityHub::Hub").account == ACCOUNT


def test_exports_alone_switch_the_scan_to_account_scope(tmp_path: Path) -> None:
    write(tmp_path / "password-policy.json", EXPORTS["iam/password-policy.json"])
    report = scan([tmp_path]).report
    assert report["scope"] == "account"
    assert report["inputs"]["formats"] == ["account-export"]


def test_unusable_exports_are_diagnosed(tmp_path: Path) -> None:
    write(tmp_path / "trail-status.json", {"IsLogging": True})  # does not name its trail
    write(tmp_path / "targets.json", {"Targets": []})  # does not name its policy
    write(tmp_path / "broken.json", '{"SummaryMap": {')
    parsed = parse([tmp_path])
    messages = {d.file.rsplit("/", 1)[1]: d.message for d in parsed.diagnostics}
    assert "trail-status-<trail name>.json" in messages["trail-status.json"]
    assert "targets-<policy id>.json" in messages["targets.json"]
    assert "not valid JSON" in messages["broken.json"]
    assert {f.file.rsplit("/", 1)[1]: f.status for f in parsed.files}["broken.json"] == "error"


def test_claims() -> None:
    def claimed(name: str, head: str) -> bool:
        return claims(InputFile(Path(f"/x/{name}"), name, Path("/x")), head)

    assert claimed("report.csv", HEADER + "\n")
    assert not claimed("users.csv", "name,email\n")
    assert claimed("p.json", '{\n    "PasswordPolicy": {')
    assert claimed("k.json", '{\n    "KmsKeyId": "alias/aws/ebs"\n}\n')
    assert not claimed("k.json", '{"KmsKeyId": "x", "Other": 1}')
    assert not claimed("tsconfig.json", '{"compilerOptions": {}}')


def test_an_arn_or_region_of_the_wrong_kind_never_becomes_an_address(tmp_path: Path) -> None:
    trail = {"Name": "t", "TrailARN": {"Fn::Select": [0, ["a"]]}, "HomeRegion": 7}
    write(tmp_path / ACCOUNT / "cloudtrail" / "trails.json", {"trailList": [trail]})
    found = _one(parse([tmp_path]), "AWS::CloudTrail::Trail")
    assert isinstance(found.address, str) and found.region is None
