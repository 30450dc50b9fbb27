"""IAM principals and customer managed policies.

Config stores policy documents URL-encoded; they become dicts here. Config's `AWS::IAM::Policy`
is a customer managed policy, CloudFormation's `AWS::IAM::ManagedPolicy`: its default version is
the document. Config does not record whether a user has a console password, so `LoginProfile`
is unknown until an IAM credential report says (readers/account_exports).
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    dicts,
    get,
    integer,
    items,
    policy_document,
    set_props,
    strings,
)

LOGIN_PROFILE_UNKNOWN = (
    "AWS Config does not record console passwords; add the IAM credential report (docs/evidence.md)"
)


def inline_policies(out: Output, entries: Any, name_key: str, doc_key: str) -> list[dict[str, Any]]:
    policies = []
    for entry in items(entries):
        if not isinstance(entry, dict):
            out.warn("an inline policy entry is not an object; it is ignored")
            continue
        name = get(entry, name_key)
        policies.append(
            {
                "PolicyName": name,
                "PolicyDocument": policy_document(
                    get(entry, doc_key), out, f"inline policy {name}"
                ),
            }
        )
    return policies


def managed_arns(out: Output, entries: Any, arn_key: str = "policyArn") -> list[str]:
    arns = strings(get(e, arn_key) for e in items(entries) if isinstance(e, dict))
    for arn in arns:
        out.refer("ManagedPolicyArns", "AWS::IAM::ManagedPolicy", arn)
    return arns


def boundary(data: Any, arn_key: str = "permissionsBoundaryArn") -> str | None:
    value = get(data, arn_key)
    return value if isinstance(value, str) and value else None


def user(out: Output) -> None:
    c = out.config
    set_props(
        out,
        UserName=get(c, "userName") or out.item.resource_name,
        Path=get(c, "path"),
        Groups=strings(items(c, "groupList")),
        ManagedPolicyArns=managed_arns(out, get(c, "attachedManagedPolicies")),
        Policies=inline_policies(out, get(c, "userPolicyList"), "policyName", "policyDocument"),
        PermissionsBoundary=boundary(get(c, "permissionsBoundary")),
    )
    out.properties["LoginProfile"] = UnknownValue(LOGIN_PROFILE_UNKNOWN)
    for group in out.properties.get("Groups", []):
        out.refer("Groups", "AWS::IAM::Group", group)


def role(out: Output) -> None:
    c = out.config
    last_used = get(c, "roleLastUsed")
    set_props(
        out,
        RoleName=get(c, "roleName") or out.item.resource_name,
        Path=get(c, "path"),
        Description=get(c, "description"),
        MaxSessionDuration=integer(get(c, "maxSessionDuration")),
        AssumeRolePolicyDocument=policy_document(
            get(c, "assumeRolePolicyDocument"), out, "trust policy"
        ),
        ManagedPolicyArns=managed_arns(out, get(c, "attachedManagedPolicies")),
        Policies=inline_policies(out, get(c, "rolePolicyList"), "policyName", "policyDocument"),
        PermissionsBoundary=boundary(get(c, "permissionsBoundary")),
        RoleLastUsed=(
            {"LastUsedDate": get(last_used, "lastUsedDate"), "Region": get(last_used, "region")}
            if isinstance(last_used, dict)
            else None
        ),
    )
    # Config records no instance profile type; a role lists the profiles that hold it.
    for entry in dicts(c, "instanceProfileList"):
        name = get(entry, "instanceProfileName")
        if isinstance(name, str) and name:
            out.synthesize(
                "AWS::IAM::InstanceProfile",
                f"instance-profile-{name}",
                {
                    "InstanceProfileName": name,
                    "Path": get(entry, "path"),
                    "Arn": get(entry, "arn"),
                    "Roles": [out.properties.get("RoleName")],
                },
                "Roles",
            )


def group(out: Output) -> None:
    c = out.config
    set_props(
        out,
        GroupName=get(c, "groupName") or out.item.resource_name,
        Path=get(c, "path"),
        ManagedPolicyArns=managed_arns(out, get(c, "attachedManagedPolicies")),
        Policies=inline_policies(out, get(c, "groupPolicyList"), "policyName", "policyDocument"),
    )


def managed_policy(out: Output) -> None:
    c = out.config
    out.type = "AWS::IAM::ManagedPolicy"
    versions = [v for v in items(c, "policyVersionList") if isinstance(v, dict)]
    default = next((v for v in versions if get(v, "isDefaultVersion") is True), None)
    wanted = get(c, "defaultVersionId")
    if default is None and wanted is not None:
        default = next((v for v in versions if get(v, "versionId") == wanted), None)
    document: Any
    if default is None:
        out.warn("the policy has no default version in the item")
        document = UnknownValue("the item holds no default policy version")
    else:
        document = policy_document(get(default, "document"), out, "policy document")
    set_props(
        out,
        ManagedPolicyName=get(c, "policyName") or out.item.resource_name,
        Path=get(c, "path"),
        Description=get(c, "description"),
        PolicyDocument=document,
    )


MAPPERS = {
    "AWS::IAM::User": user,
    "AWS::IAM::Role": role,
    "AWS::IAM::Group": group,
    "AWS::IAM::Policy": managed_policy,
}
