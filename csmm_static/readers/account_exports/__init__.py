"""Offline account exports: read-only AWS CLI output an auditor collects once (docs/evidence.md).

Each file is recognised by its content: the IAM credential report (CSV, or the JSON that
`get-credential-report` prints), `get-account-summary`, `get-account-password-policy`,
`get-account-authorization-details`, Organizations policies and targets, AWS Config rules,
compliance, recorders and remediation, CloudTrail trails and their status, Security Hub (hub,
standards, findings), GuardDuty, Macie, IAM Access Analyzer, IAM Identity Center permission sets
and account assignments, EC2 regional defaults and the S3 account Block Public Access. Settings
that have a CloudFormation type become resources of that type; the others are properties of the
account node (docs/graph.md). `finish` then joins the exports with AWS Config items: one
resource per real resource, a trail's logging status, users' console passwords.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.account_exports import iam, organizations, regional, services
from csmm_static.readers.account_exports.context import Context
from csmm_static.readers.account_exports.joins import finish
from csmm_static.readers.awsconfig.stream import open_text
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult
from csmm_static.readers.claims.account_exports import FIXTURE_FORMATS, FORMAT, claims
from csmm_static.readers.limits import check_json_depth

__all__ = ["FIXTURE_FORMATS", "FORMAT", "claims", "finish", "read"]

Handler = Callable[[dict[str, Any], Context], None]


def _has(*keys: str) -> Callable[[dict[str, Any]], bool]:
    return lambda doc: all(k in doc for k in keys)


def _only(key: str, pattern: str) -> Callable[[dict[str, Any]], bool]:
    """The document's distinctive key holds text of a known form (its other keys are optional)."""
    return lambda doc: isinstance(doc.get(key), str) and bool(re.fullmatch(pattern, doc[key]))


# (what it is, recogniser, handler); the first match wins, so more specific shapes come first.
KINDS: tuple[tuple[str, Callable[[dict[str, Any]], bool], Handler], ...] = (
    ("credential report", _has("Content", "ReportFormat"), iam.credential_report_wrapper),
    ("account summary", _has("SummaryMap"), iam.account_summary),
    ("password policy", _has("PasswordPolicy"), iam.password_policy),
    (
        "authorization details",
        lambda d: "UserDetailList" in d or "RoleDetailList" in d,
        iam.authorization_details,
    ),
    ("virtual MFA devices", _has("VirtualMFADevices"), iam.virtual_mfa_devices),
    ("organization", _has("Organization"), organizations.organization),
    (
        "organizations policy",
        lambda d: isinstance(d.get("Policy"), dict) and "PolicySummary" in d["Policy"],
        organizations.policy,
    ),
    (
        "organizations policies",
        lambda d: (
            isinstance(d.get("Policies"), list)
            and all(isinstance(p, dict) and "Type" in p and "Id" in p for p in d["Policies"])
        ),
        organizations.policy_list,
    ),
    ("policy targets", _has("Targets"), organizations.targets),
    ("config rules", _has("ConfigRules"), services.config_rules),
    ("config rule compliance", _has("ComplianceByConfigRules"), services.compliance_by_rule),
    (
        "configuration recorder status",
        _has("ConfigurationRecordersStatus"),
        services.recorder_status,
    ),
    ("configuration recorders", _has("ConfigurationRecorders"), services.recorders),
    (
        "remediation configurations",
        _has("RemediationConfigurations"),
        services.remediation_configurations,
    ),
    ("trails", _has("trailList"), services.trails),
    (
        "event selectors",
        lambda d: "TrailARN" in d and ("EventSelectors" in d or "AdvancedEventSelectors" in d),
        services.event_selectors,
    ),
    ("trail status", _has("IsLogging"), services.trail_status),
    ("security hub", _has("HubArn"), services.security_hub),
    ("security hub standards", _has("StandardsSubscriptions"), services.security_hub_standards),
    ("guardduty detector ids", _has("DetectorIds"), regional.guardduty_detector_ids),
    (
        "guardduty detector",
        _has("ServiceRole", "Status", "FindingPublishingFrequency"),
        services.guardduty_detector,
    ),
    (
        "macie session",
        _has("serviceRole", "status", "findingPublishingFrequency"),
        services.macie_session,
    ),
    ("access analyzers", _has("analyzers"), services.access_analyzers),
    ("permission set", _has("PermissionSet"), services.permission_set),
    ("account assignments", _has("AccountAssignments"), services.account_assignments),
    ("security hub findings", _has("Findings"), services.security_hub_findings),
    ("alternate contact", _has("AlternateContact"), services.alternate_contact),
    (
        "EBS encryption by default",
        _has("EbsEncryptionByDefault"),
        regional.ebs_encryption_by_default,
    ),
    (
        "image block public access",
        _has("ImageBlockPublicAccessState"),
        regional.image_block_public_access,
    ),
    (
        "snapshot block public access",
        _only("State", "|".join(regional.SNAPSHOT_STATES)),
        regional.snapshot_block_public_access,
    ),
    ("instance metadata defaults", _has("AccountLevel"), regional.instance_metadata_defaults),
    (
        "S3 account public access block",
        _has("PublicAccessBlockConfiguration"),
        regional.s3_account_public_access_block,
    ),
    ("EBS default KMS key", lambda d: list(d) == ["KmsKeyId"], regional.ebs_default_kms_key),
)

NOT_AN_INPUT = "not an input"


def read(files: list[InputFile], options: ParseOptions) -> ReadResult:
    result = ReadResult()
    for item in files:
        result.extend(read_file(item, options))
    return result


def read_file(item: InputFile, options: ParseOptions) -> ReadResult:
    result = ReadResult()
    ctx = Context(item)
    kind, problem, line = _dispatch(item, ctx, options)
    if kind == NOT_AN_INPUT:
        # JSON whose first bytes mention export keys but that no export shape matches (a graph
        # dump, a document quoting an export): not an input, so no noise.
        return result
    result.resources.extend(ctx.resources)
    result.diagnostics.extend(ctx.diagnostics)
    for account, facts in ctx.facts.items():
        result.account_facts[account] = facts
    if problem:
        result.diagnostics.append(Diagnostic(item.label, line, problem, code="parse-error"))
        result.files.append(FileRecord(item.label, FORMAT, "error", detail=problem))
    else:
        result.files.append(
            FileRecord(item.label, FORMAT, "read", resources=len(ctx.resources), detail=kind)
        )
    return result


def _dispatch(item: InputFile, ctx: Context, options: ParseOptions) -> tuple[str, str, int]:
    """What the file is, or why it cannot be read and on which line (0: unknown)."""
    try:
        size = item.path.stat().st_size
        if size > options.max_file_bytes:
            return (
                "",
                f"file is {size} bytes, over the {options.max_file_bytes}-byte limit;"
                " raise --max-file-size to read it",
                0,
            )
        with open_text(item.path) as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        return "", f"not UTF-8 or UTF-16 text (byte {exc.start}); save the export as UTF-8", 0
    except OSError as exc:
        return "", f"cannot read file: {exc.strerror or exc}", 0
    if item.path.name.lower().endswith(".csv"):
        try:
            iam.credential_report(text, ctx)
        except iam.ReportError as exc:
            return "", f"not a credential report CSV ({exc}); download it again", exc.line
        return "credential report", "", 0
    check_json_depth(text, options.max_depth)
    try:
        doc = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 0)
        return "", f"not valid JSON: {exc}; export it again with `--output json`", line
    if not isinstance(doc, dict):
        return "", "not a JSON object, so not an export this reader knows (docs/evidence.md)", 0
    for kind, recognise, handler in KINDS:
        if recognise(doc):
            try:
                handler(doc, ctx)
            except (AttributeError, KeyError, TypeError, iam.ReportError) as exc:
                problem = f"{kind} export has an unexpected shape ({type(exc).__name__}: {exc})"
                return "", f"{problem}; export it again with `--output json`", 0
            return kind, "", 0
    return NOT_AN_INPUT, "", 0
