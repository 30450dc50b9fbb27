"""IAM exports: credential report, account summary, password policy, MFA devices and the
authorization details (every user, group, role and customer managed policy)."""

from __future__ import annotations

import base64
import binascii
import csv
import io
from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.account_exports.context import CREDENTIAL_REPORT_FILE, Context
from csmm_static.readers.awsconfig.mapping.common import clean, decode_policy

ROOT_USER = "<root_account>"
AWS_MANAGED_PREFIX = "arn:aws:iam::aws:policy/"


def account_summary(doc: dict[str, Any], ctx: Context) -> None:
    ctx.fact(ctx.account(), "AccountSummary", doc["SummaryMap"])


def password_policy(doc: dict[str, Any], ctx: Context) -> None:
    ctx.fact(ctx.account(), "PasswordPolicy", doc["PasswordPolicy"])


def virtual_mfa_devices(doc: dict[str, Any], ctx: Context) -> None:
    devices = [d for d in doc["VirtualMFADevices"] if isinstance(d, dict)]
    arns = [d.get("SerialNumber") for d in devices]
    ctx.fact(ctx.account(*arns), "VirtualMFADevices", devices)


def credential_report_wrapper(doc: dict[str, Any], ctx: Context) -> None:
    """`get-credential-report` JSON: the CSV is base64 in `Content`."""
    try:
        text = base64.b64decode(doc["Content"], validate=True).decode("utf-8-sig")
    except (binascii.Error, ValueError, TypeError):
        ctx.warn("`Content` is not a base64 credential report; export it again")
        return
    credential_report(text, ctx, doc.get("GeneratedTime"))


class ReportError(ValueError):
    """A credential report the csv module refuses, with the line it stopped on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def credential_report(text: str, ctx: Context, generated: Any = None) -> None:
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = [_typed(row) for row in reader]
    except csv.Error as exc:
        raise ReportError(str(exc), reader.reader.line_num) from None
    if not rows:
        ctx.warn("the credential report has no rows")
        return
    account = ctx.account(*(r.get("arn") for r in rows))
    ctx.fact(account, "CredentialReport", rows)
    ctx.fact(account, CREDENTIAL_REPORT_FILE, ctx.file.label)
    if isinstance(generated, str):
        ctx.fact(account, "CredentialReportGeneratedTime", generated)


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            continue
        text = (value or "").strip()
        if text in ("true", "false"):
            out[key] = text == "true"
        elif text in ("N/A", ""):
            out[key] = None
        else:
            out[key] = text
    return out


def authorization_details(doc: dict[str, Any], ctx: Context) -> None:
    for user in _entries(doc, "UserDetailList"):
        props = _principal(user, ctx, "UserPolicyList")
        props.update(UserName=user.get("UserName"), Groups=_strings(user.get("GroupList")))
        props["LoginProfile"] = UnknownValue(
            "get-account-authorization-details does not say whether a user has a console"
            " password; add the IAM credential report"
        )
        _add(ctx, "AWS::IAM::User", user, "UserId", props)
    for group in _entries(doc, "GroupDetailList"):
        props = _principal(group, ctx, "GroupPolicyList")
        props["GroupName"] = group.get("GroupName")
        _add(ctx, "AWS::IAM::Group", group, "GroupId", props)
    for role in _entries(doc, "RoleDetailList"):
        props = _principal(role, ctx, "RolePolicyList")
        trust = role.get("AssumeRolePolicyDocument")
        props.update(
            RoleName=role.get("RoleName"),
            Description=role.get("Description"),
            MaxSessionDuration=role.get("MaxSessionDuration"),
            AssumeRolePolicyDocument=_document(
                trust, ctx, f"trust policy of {role.get('RoleName')}"
            ),
            RoleLastUsed=clean(role.get("RoleLastUsed")) or None,
        )
        _add(ctx, "AWS::IAM::Role", role, "RoleId", props)
    for policy in _entries(doc, "Policies"):
        arn = policy.get("Arn")
        if not isinstance(arn, str) or arn.startswith(AWS_MANAGED_PREFIX):
            continue  # AWS managed policies are AWS's, not the account's (Config omits them too)
        versions = [v for v in policy.get("PolicyVersionList") or [] if isinstance(v, dict)]
        default = next((v for v in versions if v.get("IsDefaultVersion") is True), None)
        name = policy.get("PolicyName")
        document: Any = (
            _document(default.get("Document"), ctx, f"policy {name}")
            if default
            else UnknownValue(f"policy {name}: the export holds no default version")
        )
        props = {
            "ManagedPolicyName": name,
            "Path": policy.get("Path"),
            "Description": policy.get("Description"),
            "PolicyDocument": document,
        }
        _add(ctx, "AWS::IAM::ManagedPolicy", policy, "PolicyId", props)


def _entries(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _principal(entry: dict[str, Any], ctx: Context, inline_key: str) -> dict[str, Any]:
    boundary = entry.get("PermissionsBoundary")
    tags = [t for t in entry.get("Tags") or [] if isinstance(t, dict)]
    return {
        "Path": entry.get("Path"),
        "ManagedPolicyArns": [
            p["PolicyArn"]
            for p in entry.get("AttachedManagedPolicies") or []
            if isinstance(p, dict) and isinstance(p.get("PolicyArn"), str)
        ],
        "Policies": [
            {
                "PolicyName": p.get("PolicyName"),
                "PolicyDocument": _document(
                    p.get("PolicyDocument"), ctx, f"inline policy {p.get('PolicyName')}"
                ),
            }
            for p in entry.get(inline_key) or []
            if isinstance(p, dict)
        ],
        "PermissionsBoundary": boundary.get("PermissionsBoundaryArn")
        if isinstance(boundary, dict)
        else None,
        "Tags": sorted(tags, key=lambda t: str(t.get("Key"))) or None,
    }


def _document(value: Any, ctx: Context, what: str) -> Any:
    if value is None:
        return None
    document = decode_policy(value)
    if document is None:
        ctx.warn(f"{what} is not a readable policy document")
        return UnknownValue(f"{what} could not be read")
    return document


def _add(
    ctx: Context, rtype: str, entry: dict[str, Any], id_key: str, props: dict[str, Any]
) -> None:
    arn = entry.get("Arn")
    ident = entry.get(id_key) or arn
    if not isinstance(ident, str):
        ctx.warn(f"a {rtype} entry has neither {id_key} nor Arn; it is skipped")
        return
    ctx.add(
        rtype,
        ident,
        props,
        account=ctx.account(arn),
        region="global",
        address=arn if isinstance(arn, str) else ident,
    )
