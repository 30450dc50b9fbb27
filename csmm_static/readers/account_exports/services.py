"""Security service exports: AWS Config (rules, compliance, recorders, remediation), CloudTrail,
Security Hub, GuardDuty, Macie, IAM Access Analyzer and the security contact. Each becomes the
resource CloudFormation would declare for it, or account-node evidence."""

from __future__ import annotations

import re
from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.account_exports.context import (
    EVENT_SELECTORS,
    FINDINGS,
    RECORDER_STATUS,
    RULE_IDENTIFIERS,
    TRAIL_STATUS,
    Context,
)
from csmm_static.readers.awsconfig.items import decode_text
from csmm_static.readers.awsconfig.mapping.common import clean

_STATUS_FILE = re.compile(r"^(?:trail-status-|status-)(?P<name>.+?)(?:\.status)?$")
_DETECTOR_ID = re.compile(r"[0-9a-f]{32}")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _entries(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# -- AWS Config --------------------------------------------------------------------------------
def config_rules(doc: dict[str, Any], ctx: Context) -> None:
    for rule in _entries(doc, "ConfigRules"):
        name, arn = rule.get("ConfigRuleName"), rule.get("ConfigRuleArn")
        if not isinstance(name, str):
            continue
        source = _dict(rule.get("Source"))
        identifier = source.get("SourceIdentifier")
        if source.get("Owner") == "AWS" and isinstance(identifier, str):
            ctx.fact(ctx.account(arn), RULE_IDENTIFIERS, {name: identifier})
        ctx.add_by_arn(
            "AWS::Config::ConfigRule",
            name,
            {
                "ConfigRuleName": name,
                "Description": rule.get("Description"),
                "Source": clean(source) or None,
                "Scope": clean(rule.get("Scope")) or None,
                "InputParameters": decode_text(rule.get("InputParameters")) or None,
                "MaximumExecutionFrequency": rule.get("MaximumExecutionFrequency"),
                "ConfigRuleState": rule.get("ConfigRuleState"),
            },
            arn,
        )


def compliance_by_rule(doc: dict[str, Any], ctx: Context) -> None:
    results: dict[str, str] = {}
    for entry in _entries(doc, "ComplianceByConfigRules"):
        compliance = _dict(entry.get("Compliance"))
        name, status = entry.get("ConfigRuleName"), compliance.get("ComplianceType")
        if isinstance(name, str) and isinstance(status, str):
            results[name] = status.upper()
    ctx.fact(ctx.account(), "ConfigRuleCompliance", results)


def recorders(doc: dict[str, Any], ctx: Context) -> None:
    for recorder in _entries(doc, "ConfigurationRecorders"):
        name = recorder.get("name")
        group = _dict(recorder.get("recordingGroup"))
        mode = _dict(recorder.get("recordingMode"))
        exclusion = group.get("exclusionByResourceTypes")
        strategy = group.get("recordingStrategy")
        role = recorder.get("roleARN")
        account, region = ctx.account(recorder.get("arn"), role), ctx.region(recorder.get("arn"))
        ctx.add(
            "AWS::Config::ConfigurationRecorder",
            str(name or "default"),
            {
                "Name": name,
                "RoleARN": role,
                "RecordingGroup": clean(
                    {
                        "AllSupported": group.get("allSupported"),
                        "IncludeGlobalResourceTypes": group.get("includeGlobalResourceTypes"),
                        "ResourceTypes": group.get("resourceTypes"),
                        "ExclusionByResourceTypes": {
                            "ResourceTypes": exclusion.get("resourceTypes")
                        }
                        if isinstance(exclusion, dict)
                        else None,
                        "RecordingStrategy": {"UseOnly": strategy.get("useOnly")}
                        if isinstance(strategy, dict)
                        else None,
                    }
                ),
                "RecordingMode": clean(
                    {
                        "RecordingFrequency": mode.get("recordingFrequency"),
                        "RecordingModeOverrides": [
                            {
                                "RecordingFrequency": o.get("recordingFrequency"),
                                "ResourceTypes": o.get("resourceTypes"),
                            }
                            for o in mode.get("recordingModeOverrides") or []
                            if isinstance(o, dict)
                        ]
                        or None,
                    }
                )
                or None,
            },
            account=account,
            region=region,
            address=str(name or "default"),
        )


def recorder_status(doc: dict[str, Any], ctx: Context) -> None:
    for status in _entries(doc, "ConfigurationRecordersStatus"):
        if isinstance(status.get("name"), str) and isinstance(status.get("recording"), bool):
            ctx.fact(
                ctx.account(),
                RECORDER_STATUS,
                {_regional(ctx, status["name"]): status["recording"]},
            )


def remediation_configurations(doc: dict[str, Any], ctx: Context) -> None:
    keys = (
        "ConfigRuleName",
        "TargetType",
        "TargetId",
        "TargetVersion",
        "Parameters",
        "ResourceType",
        "Automatic",
        "ExecutionControls",
        "MaximumAutomaticAttempts",
        "RetryAttemptSeconds",
    )
    for entry in _entries(doc, "RemediationConfigurations"):
        arn = entry.get("Arn")
        name = entry.get("ConfigRuleName")
        if not isinstance(name, str):
            continue
        ctx.add_by_arn(
            "AWS::Config::RemediationConfiguration",
            name,
            {k: clean(entry.get(k)) for k in keys},
            arn,
        )


def _regional(ctx: Context, name: str) -> str:
    return f"{ctx.region() or '*'}/{name}"


# -- CloudTrail --------------------------------------------------------------------------------
def trails(doc: dict[str, Any], ctx: Context) -> None:
    for trail in _entries(doc, "trailList"):
        arn = trail.get("TrailARN")
        name = trail.get("Name")
        if not isinstance(name, str):
            continue
        props: dict[str, Any] = {
            "TrailName": name,
            "S3BucketName": trail.get("S3BucketName"),
            "S3KeyPrefix": trail.get("S3KeyPrefix"),
            "SnsTopicName": trail.get("SnsTopicName"),
            "IncludeGlobalServiceEvents": trail.get("IncludeGlobalServiceEvents"),
            "IsMultiRegionTrail": trail.get("IsMultiRegionTrail"),
            "IsOrganizationTrail": trail.get("IsOrganizationTrail"),
            "EnableLogFileValidation": trail.get("LogFileValidationEnabled"),
            "KMSKeyId": trail.get("KmsKeyId"),
            "CloudWatchLogsLogGroupArn": trail.get("CloudWatchLogsLogGroupArn"),
            "CloudWatchLogsRoleArn": trail.get("CloudWatchLogsRoleArn"),
            "IsLogging": UnknownValue(
                f"trail {name}: add `aws cloudtrail get-trail-status` output (docs/evidence.md)"
            ),
        }
        if trail.get("HasCustomEventSelectors"):
            props["EventSelectors"] = UnknownValue(
                f"trail {name} has custom event selectors; add `aws cloudtrail"
                " get-event-selectors` output"
            )
        ctx.add(
            "AWS::CloudTrail::Trail",
            str(arn or name),
            props,
            account=ctx.account(arn),
            region=trail.get("HomeRegion") or ctx.region(arn),
            address=arn or name,
        )


def trail_status(doc: dict[str, Any], ctx: Context) -> None:
    match = _STATUS_FILE.match(ctx.stem)
    if not match or not isinstance(doc.get("IsLogging"), bool):
        ctx.warn(
            "get-trail-status output does not name its trail; save it as"
            " trail-status-<trail name>.json"
        )
        return
    ctx.fact(ctx.account(), TRAIL_STATUS, {match.group("name"): doc["IsLogging"]})


def event_selectors(doc: dict[str, Any], ctx: Context) -> None:
    arn = doc.get("TrailARN")
    if not isinstance(arn, str):
        ctx.warn("get-event-selectors output has no TrailARN")
        return
    selectors = {
        k: doc[k]
        for k in ("EventSelectors", "AdvancedEventSelectors")
        if isinstance(doc.get(k), list)
    }
    ctx.fact(ctx.account(arn), EVENT_SELECTORS, {arn: selectors})


# -- Security Hub, GuardDuty, Macie, Access Analyzer --------------------------------------------
def security_hub(doc: dict[str, Any], ctx: Context) -> None:
    arn = doc.get("HubArn")
    ctx.add_by_arn(
        "AWS::SecurityHub::Hub",
        "hub",
        {
            "AutoEnableControls": doc.get("AutoEnableControls"),
            "ControlFindingGenerator": doc.get("ControlFindingGenerator"),
        },
        arn,
    )


def security_hub_standards(doc: dict[str, Any], ctx: Context) -> None:
    for entry in _entries(doc, "StandardsSubscriptions"):
        arn = entry.get("StandardsSubscriptionArn")
        standard = entry.get("StandardsArn")
        if not isinstance(standard, str):
            continue
        ctx.add_by_arn(
            "AWS::SecurityHub::Standard",
            str(arn or standard),
            {"StandardsArn": standard, "StandardsStatus": entry.get("StandardsStatus")},
            arn,
        )


def guardduty_detector(doc: dict[str, Any], ctx: Context) -> None:
    match = _DETECTOR_ID.search(ctx.stem)
    sources = _dict(doc.get("DataSources"))

    def enabled(*path: str) -> bool | None:
        node: Any = sources
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        return node == "ENABLED" if isinstance(node, str) else None

    features = [
        clean(
            {
                "Name": f.get("Name"),
                "Status": f.get("Status"),
                "AdditionalConfiguration": [
                    {"Name": a.get("Name"), "Status": a.get("Status")}
                    for a in f.get("AdditionalConfiguration") or []
                    if isinstance(a, dict)
                ]
                or None,
            }
        )
        for f in doc.get("Features") or []
        if isinstance(f, dict)
    ]
    data_sources = clean(
        {
            "S3Logs": {"Enable": enabled("S3Logs", "Status")},
            "Kubernetes": {"AuditLogs": {"Enable": enabled("Kubernetes", "AuditLogs", "Status")}},
            "MalwareProtection": {
                "ScanEc2InstanceWithFindings": {
                    "EbsVolumes": enabled(
                        "MalwareProtection", "ScanEc2InstanceWithFindings", "EbsVolumes", "Status"
                    )
                }
            },
        }
    )
    ctx.add(
        "AWS::GuardDuty::Detector",
        match.group(0) if match else "detector",
        {
            "Enable": doc.get("Status") == "ENABLED",
            "FindingPublishingFrequency": doc.get("FindingPublishingFrequency"),
            "DataSources": data_sources if sources else None,
            "Features": features or None,
        },
        account=ctx.account(doc.get("ServiceRole")),
        region=ctx.region(),
        address=f"GuardDuty detector {match.group(0) if match else ''}".strip(),
    )


def macie_session(doc: dict[str, Any], ctx: Context) -> None:
    ctx.add(
        "AWS::Macie::Session",
        "session",
        {
            "Status": doc.get("status"),
            "FindingPublishingFrequency": doc.get("findingPublishingFrequency"),
        },
        account=ctx.account(doc.get("serviceRole")),
        region=ctx.region(),
        address="Macie session",
    )


def access_analyzers(doc: dict[str, Any], ctx: Context) -> None:
    for analyzer in _entries(doc, "analyzers"):
        arn = analyzer.get("arn")
        name = analyzer.get("name")
        if not isinstance(name, str):
            continue
        ctx.add_by_arn(
            "AWS::AccessAnalyzer::Analyzer",
            name,
            {"AnalyzerName": name, "Type": analyzer.get("type"), "Status": analyzer.get("status")},
            arn,
        )


def alternate_contact(doc: dict[str, Any], ctx: Context) -> None:
    contact = doc["AlternateContact"]
    kind = contact.get("AlternateContactType") if isinstance(contact, dict) else None
    if isinstance(kind, str):
        ctx.fact(ctx.account(), "AlternateContacts", {kind: contact})


# -- IAM Identity Center -----------------------------------------------------------------------
_SSO_INSTANCE = re.compile(r"^arn:aws[a-z-]*:sso:::permissionSet/(ssoins-[0-9a-f]+)/")


def _sso_instance(permission_set_arn: Any) -> str | None:
    match = _SSO_INSTANCE.match(permission_set_arn) if isinstance(permission_set_arn, str) else None
    return f"arn:aws:sso:::instance/{match.group(1)}" if match else None


def permission_set(doc: dict[str, Any], ctx: Context) -> None:
    body = _dict(doc.get("PermissionSet"))
    arn = body.get("PermissionSetArn")
    if not isinstance(arn, str):
        ctx.warn("describe-permission-set output has no PermissionSetArn")
        return
    ctx.add(
        "AWS::SSO::PermissionSet",
        arn.rsplit("/", 1)[-1],
        {
            "Name": body.get("Name"),
            "Description": body.get("Description"),
            "SessionDuration": body.get("SessionDuration"),
            "RelayStateType": body.get("RelayState"),
            "InstanceArn": _sso_instance(arn),
        },
        account=ctx.account(),
        region=ctx.region(),
        address=arn,
    )


def account_assignments(doc: dict[str, Any], ctx: Context) -> None:
    for entry in _entries(doc, "AccountAssignments"):
        target, permission = entry.get("AccountId"), entry.get("PermissionSetArn")
        principal = entry.get("PrincipalId")
        if not (isinstance(target, str) and isinstance(permission, str)):
            continue
        ident = f"{permission.rsplit('/', 1)[-1]}/{entry.get('PrincipalType')}/{principal}"
        ctx.add(
            "AWS::SSO::Assignment",
            ident,
            {
                "InstanceArn": _sso_instance(permission),
                "PermissionSetArn": permission,
                "PrincipalType": entry.get("PrincipalType"),
                "PrincipalId": principal,
                "TargetType": "AWS_ACCOUNT",
                "TargetId": target,
            },
            account=target,  # the account it grants access to
            region="global",
            address=f"{permission} → {target}",
        )


# -- Security Hub findings ---------------------------------------------------------------------
def security_hub_findings(doc: dict[str, Any], ctx: Context) -> None:
    """`get-findings` (ASFF): a summary per finding, on the account it is about."""
    for finding in _entries(doc, "Findings"):
        account = (
            finding.get("AwsAccountId") if isinstance(finding.get("AwsAccountId"), str) else None
        )
        summary = clean(
            {
                "Id": finding.get("Id"),
                "Title": finding.get("Title"),
                "Severity": _dict(finding.get("Severity")).get("Label"),
                "WorkflowStatus": _dict(finding.get("Workflow")).get("Status"),
                "RecordState": finding.get("RecordState"),
                "ComplianceStatus": _dict(finding.get("Compliance")).get("Status"),
                "ProductName": finding.get("ProductName"),
                "GeneratorId": finding.get("GeneratorId"),
                "Region": finding.get("Region"),
                "CreatedAt": finding.get("CreatedAt"),
                "FirstObservedAt": finding.get("FirstObservedAt"),
                "UpdatedAt": finding.get("UpdatedAt"),
                "Resources": [
                    {"Type": r.get("Type"), "Id": r.get("Id")}
                    for r in finding.get("Resources") or []
                    if isinstance(r, dict)
                ],
            }
        )
        ctx.fact(account or ctx.account(), FINDINGS, {str(summary.get("Id")): summary})
