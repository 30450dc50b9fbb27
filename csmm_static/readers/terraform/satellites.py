"""Satellite resources folded into their parent, as docs/graph.md asks.

AWS provider v4 split many settings out of their resource (`aws_s3_bucket_versioning`,
`aws_security_group_rule`, `aws_iam_role_policy_attachment`, ...). Each satellite names its
parent in one attribute; the parent is the resource that attribute references (or, for a
literal, the one whose name or id it equals). The fold writes the setting where CloudFormation
keeps it, so a control reads one shape whichever way the configuration was written.

When the satellite's parent cannot be resolved (its name comes from a variable with no value),
every resource that could be the parent gets the setting as unknown rather than none: a
versioning resource somewhere in the configuration must not read as "versioning off".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csmm_static.model import Reference, Resource, UnknownValue, is_unknown
from csmm_static.readers.terraform.convert import (
    blocks,
    canned_acl,
    first_block,
    set_path,
)
from csmm_static.readers.terraform.mapping import (
    cors,
    lifecycle_rule,
    object_lock,
    replication,
    s3_encryption,
    s3_logging,
    sg_entries,
    website,
)

# An operation on the parent's properties: ("set", path, value) or ("append", path, value).
Operation = tuple[str, str, Any]
FoldFunction = Callable[[dict[str, Any], dict[str, Any], Resource], list[Operation]]


@dataclass(frozen=True)
class Fold:
    parents: tuple[str, ...]  # Terraform types the parent may have
    key: str  # the satellite's attribute that names the parent
    match: tuple[str, ...]  # parent attributes a literal key value is compared with
    function: FoldFunction
    many: bool = False  # the key holds a list of parents


def _flags(values: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return {
        target: False if values.get(source) is None else values[source] for source, target in pairs
    }


_PAB = (
    ("block_public_acls", "BlockPublicAcls"),
    ("block_public_policy", "BlockPublicPolicy"),
    ("ignore_public_acls", "IgnorePublicAcls"),
    ("restrict_public_buckets", "RestrictPublicBuckets"),
)


def _versioning(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    configuration = values.get("versioning_configuration")
    if is_unknown(configuration):
        return [("set", "VersioningConfiguration", configuration)]
    return [
        ("set", "VersioningConfiguration", {"Status": first_block(configuration).get("status")})
    ]


def _public_access_block(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    return [("set", "PublicAccessBlockConfiguration", _flags(values, _PAB))]


def _encryption(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    rule = values.get("rule")
    return [
        ("set", "BucketEncryption", rule if is_unknown(rule) else s3_encryption({"rule": rule}))
    ]


def _logging(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [("set", "LoggingConfiguration", s3_logging(values))]


def _lifecycle(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    rules = values.get("rule")
    if is_unknown(rules):
        return [("set", "LifecycleConfiguration", rules)]
    return [
        ("set", "LifecycleConfiguration", {"Rules": [lifecycle_rule(r) for r in blocks(rules)]})
    ]


def _object_lock(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [
        ("set", "ObjectLockEnabled", True),
        ("set", "ObjectLockConfiguration", object_lock(values)),
    ]


def _ownership(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    rule = first_block(values.get("rule"))
    return [
        ("set", "OwnershipControls", {"Rules": [{"ObjectOwnership": rule.get("object_ownership")}]})
    ]


_GROUP_ACL = {
    "http://acs.amazonaws.com/groups/global/AllUsers": ("PublicRead", "PublicReadWrite"),
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": (
        "AuthenticatedRead",
        "AuthenticatedRead",
    ),
}


def _acl(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    acl = values.get("acl")
    if acl is not None:
        return [("set", "AccessControl", acl if is_unknown(acl) else canned_acl(acl))]
    policy = values.get("access_control_policy")
    if is_unknown(policy):
        return [("set", "AccessControl", policy)]
    # Explicit grants: the canned ACL they amount to, as far as public access is concerned.
    result = "Private"
    for grant in blocks(first_block(policy).get("grant")):
        if is_unknown(grant):
            return [("set", "AccessControl", grant)]
        grantee = first_block(grant.get("grantee"))
        uri = grantee.get("uri") if isinstance(grantee, dict) else None
        if is_unknown(uri):
            return [("set", "AccessControl", uri)]
        canned = _GROUP_ACL.get(uri) if isinstance(uri, str) else None
        if canned:
            permission = grant.get("permission")
            writes = isinstance(permission, str) and permission in ("WRITE", "FULL_CONTROL")
            result = canned[1] if writes else canned[0]
    return [("set", "AccessControl", result)]


def _replication(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [("set", "ReplicationConfiguration", replication(values))]


def _website(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [("set", "WebsiteConfiguration", website(values))]


def _cors(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [("set", "CorsConfiguration", cors(values.get("cors_rule")))]


def _self_reference(parent: Resource) -> Reference:
    return Reference(f"${{{parent.address}.id}}", parent.node_id, "Ref")


def _sg_rule(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    kind = values.get("type")
    if is_unknown(kind):
        return [("append", "SecurityGroupIngress", kind), ("append", "SecurityGroupEgress", kind)]
    egress = kind == "egress"
    path = "SecurityGroupEgress" if egress else "SecurityGroupIngress"
    return [("append", path, e) for e in sg_entries(values, egress, _self_reference(parent))]


def _sg_rule_resource(path: str) -> FoldFunction:
    def fold(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
        return [("append", path, {k: v for k, v in own.items() if k != "GroupId"})]

    return fold


def _nacl_entry(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    return [("append", "Entries", {k: v for k, v in own.items() if k != "NetworkAclId"})]


def _attach(path: str, attribute: str) -> FoldFunction:
    def fold(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
        return [("append", path, values.get(attribute))]

    return fold


def _login_profile(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    profile: dict[str, Any] = {}
    if values.get("password_reset_required") is not None:
        profile["PasswordResetRequired"] = values["password_reset_required"]
    return [("set", "LoginProfile", profile)]


def _user_groups(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    groups = values.get("groups")
    if is_unknown(groups):
        return [("append", "Groups", groups)]
    return [("append", "Groups", g) for g in groups or []]


def _set(path: str, attribute: str) -> FoldFunction:
    def fold(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
        return [("set", path, values.get(attribute))]

    return fold


def _guardduty_feature(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    feature: dict[str, Any] = {"Name": values.get("name"), "Status": values.get("status")}
    extra = [
        c if is_unknown(c) else {"Name": c.get("name"), "Status": c.get("status")}
        for c in blocks(values.get("additional_configuration"))
    ]
    if extra:
        feature["AdditionalConfiguration"] = extra
    return [("append", "Features", feature)]


def _event_target(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    target: dict[str, Any] = {"Id": values.get("target_id") or "target", "Arn": values.get("arn")}
    if values.get("role_arn") is not None:
        target["RoleArn"] = values["role_arn"]
    return [("append", "Targets", target)]


def _vault_notifications(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    notifications = {
        "SNSTopicArn": values.get("sns_topic_arn"),
        "BackupVaultEvents": values.get("backup_vault_events"),
    }
    return [("set", "Notifications", notifications)]


def _vault_lock(values: dict[str, Any], own: dict[str, Any], parent: Resource) -> list[Operation]:
    lock = {
        target: values[source]
        for source, target in (
            ("min_retention_days", "MinRetentionDays"),
            ("max_retention_days", "MaxRetentionDays"),
            ("changeable_for_days", "ChangeableForDays"),
        )
        if values.get(source) is not None
    }
    return [("set", "LockConfiguration", lock)]


_METHOD_SETTINGS = (
    ("logging_level", "LoggingLevel"),
    ("metrics_enabled", "MetricsEnabled"),
    ("data_trace_enabled", "DataTraceEnabled"),
    ("caching_enabled", "CachingEnabled"),
    ("cache_data_encrypted", "CacheDataEncrypted"),
    ("throttling_burst_limit", "ThrottlingBurstLimit"),
    ("throttling_rate_limit", "ThrottlingRateLimit"),
)


def _method_settings(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    settings = first_block(values.get("settings"))
    path = values.get("method_path")
    entry: dict[str, Any] = {}
    if isinstance(path, str) and "/" in path:
        resource, method = path.rsplit("/", 1)
        entry["ResourcePath"] = "/" + resource.lstrip("/") if resource != "*" else "/*"
        entry["HttpMethod"] = method
    if isinstance(settings, dict):
        entry.update({t: settings[s] for s, t in _METHOD_SETTINGS if settings.get(s) is not None})
    return [("append", "MethodSettings", entry)]


def _firewall_rule(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    rule = {
        target: values[source]
        for source, target in (
            ("action", "Action"),
            ("firewall_domain_list_id", "FirewallDomainListId"),
            ("priority", "Priority"),
            ("block_response", "BlockResponse"),
        )
        if values.get(source) is not None
    }
    return [("append", "FirewallRules", rule)]


def _customer_policy(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    reference = first_block(values.get("customer_managed_policy_reference"))
    entry = {"Name": reference.get("name")}
    if reference.get("path") is not None:
        entry["Path"] = reference["path"]
    return [("append", "CustomerManagedPolicyReferences", entry)]


def _automatic_response(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    action = values.get("action")
    chosen: Any = action if is_unknown(action) else {str(action).capitalize(): {}}
    return [
        (
            "set",
            "ApplicationLayerAutomaticResponseConfiguration",
            {"Status": "ENABLED", "Action": chosen},
        )
    ]


def _recorder_status(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    # Not a CloudFormation property: AWS Config's own `recording` flag. A recorder Terraform
    # creates stays stopped until this resource starts it.
    return [("set", "Recording", values.get("is_enabled"))]


def _asg_attachment(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    operations: list[Operation] = []
    for attribute, path in (
        ("lb_target_group_arn", "TargetGroupARNs"),
        ("elb", "LoadBalancerNames"),
    ):
        if values.get(attribute) is not None:
            operations.append(("append", path, values[attribute]))
    return operations


def _asg_traffic_source(
    values: dict[str, Any], own: dict[str, Any], parent: Resource
) -> list[Operation]:
    return [
        (
            "append",
            "TrafficSources",
            source
            if is_unknown(source)
            else {"Identifier": source.get("identifier"), "Type": source.get("type")},
        )
        for source in blocks(values.get("traffic_source"))
    ]


_S3 = ("aws_s3_bucket",)
_S3_MATCH = ("bucket", "id")
_GROUPS = ("aws_security_group", "aws_default_security_group")
_ROLE = ("aws_iam_role",)
_USER = ("aws_iam_user",)
_GROUP = ("aws_iam_group",)
_NAME = ("name", "id")

FOLDS: dict[str, tuple[Fold, ...]] = {
    "aws_autoscaling_attachment": (
        Fold(("aws_autoscaling_group",), "autoscaling_group_name", _NAME, _asg_attachment),
    ),
    "aws_autoscaling_traffic_source_attachment": (
        Fold(("aws_autoscaling_group",), "autoscaling_group_name", _NAME, _asg_traffic_source),
    ),
    "aws_s3_bucket_versioning": (Fold(_S3, "bucket", _S3_MATCH, _versioning),),
    "aws_s3_bucket_public_access_block": (Fold(_S3, "bucket", _S3_MATCH, _public_access_block),),
    "aws_s3_bucket_server_side_encryption_configuration": (
        Fold(_S3, "bucket", _S3_MATCH, _encryption),
    ),
    "aws_s3_bucket_logging": (Fold(_S3, "bucket", _S3_MATCH, _logging),),
    "aws_s3_bucket_lifecycle_configuration": (Fold(_S3, "bucket", _S3_MATCH, _lifecycle),),
    "aws_s3_bucket_object_lock_configuration": (Fold(_S3, "bucket", _S3_MATCH, _object_lock),),
    "aws_s3_bucket_ownership_controls": (Fold(_S3, "bucket", _S3_MATCH, _ownership),),
    "aws_s3_bucket_acl": (Fold(_S3, "bucket", _S3_MATCH, _acl),),
    "aws_s3_bucket_replication_configuration": (Fold(_S3, "bucket", _S3_MATCH, _replication),),
    "aws_s3_bucket_website_configuration": (Fold(_S3, "bucket", _S3_MATCH, _website),),
    "aws_s3_bucket_cors_configuration": (Fold(_S3, "bucket", _S3_MATCH, _cors),),
    "aws_security_group_rule": (Fold(_GROUPS, "security_group_id", ("id",), _sg_rule),),
    "aws_vpc_security_group_ingress_rule": (
        Fold(_GROUPS, "security_group_id", ("id",), _sg_rule_resource("SecurityGroupIngress")),
    ),
    "aws_vpc_security_group_egress_rule": (
        Fold(_GROUPS, "security_group_id", ("id",), _sg_rule_resource("SecurityGroupEgress")),
    ),
    "aws_network_acl_rule": (
        Fold(
            ("aws_network_acl", "aws_default_network_acl"), "network_acl_id", ("id",), _nacl_entry
        ),
    ),
    "aws_iam_role_policy_attachment": (
        Fold(_ROLE, "role", _NAME, _attach("ManagedPolicyArns", "policy_arn")),
    ),
    "aws_iam_user_policy_attachment": (
        Fold(_USER, "user", _NAME, _attach("ManagedPolicyArns", "policy_arn")),
    ),
    "aws_iam_group_policy_attachment": (
        Fold(_GROUP, "group", _NAME, _attach("ManagedPolicyArns", "policy_arn")),
    ),
    "aws_iam_policy_attachment": (
        Fold(_ROLE, "roles", _NAME, _attach("ManagedPolicyArns", "policy_arn"), many=True),
        Fold(_USER, "users", _NAME, _attach("ManagedPolicyArns", "policy_arn"), many=True),
        Fold(_GROUP, "groups", _NAME, _attach("ManagedPolicyArns", "policy_arn"), many=True),
    ),
    "aws_iam_user_login_profile": (Fold(_USER, "user", _NAME, _login_profile),),
    "aws_iam_user_group_membership": (Fold(_USER, "user", _NAME, _user_groups),),
    "aws_iam_group_membership": (
        Fold(_USER, "users", _NAME, _attach("Groups", "group"), many=True),
    ),
    "aws_kms_key_policy": (
        Fold(("aws_kms_key",), "key_id", ("key_id", "id", "arn"), _set("KeyPolicy", "policy")),
    ),
    "aws_guardduty_detector_feature": (
        Fold(("aws_guardduty_detector",), "detector_id", ("id",), _guardduty_feature),
    ),
    "aws_organizations_policy_attachment": (
        Fold(
            ("aws_organizations_policy",), "policy_id", ("id",), _attach("TargetIds", "target_id")
        ),
    ),
    "aws_main_route_table_association": (
        Fold(
            ("aws_route_table",),
            "route_table_id",
            ("id",),
            lambda v, own, p: [("set", "Main", True)],
        ),
    ),
    "aws_vpc_endpoint_policy": (
        Fold(("aws_vpc_endpoint",), "vpc_endpoint_id", ("id",), _set("PolicyDocument", "policy")),
    ),
    "aws_vpc_endpoint_route_table_association": (
        Fold(
            ("aws_vpc_endpoint",),
            "vpc_endpoint_id",
            ("id",),
            _attach("RouteTableIds", "route_table_id"),
        ),
    ),
    "aws_vpc_endpoint_subnet_association": (
        Fold(("aws_vpc_endpoint",), "vpc_endpoint_id", ("id",), _attach("SubnetIds", "subnet_id")),
    ),
    "aws_cloudwatch_event_target": (
        Fold(("aws_cloudwatch_event_rule",), "rule", _NAME, _event_target),
    ),
    "aws_ecr_repository_policy": (
        Fold(
            ("aws_ecr_repository",), "repository", ("name",), _set("RepositoryPolicyText", "policy")
        ),
    ),
    "aws_ecr_lifecycle_policy": (
        Fold(
            ("aws_ecr_repository",),
            "repository",
            ("name",),
            _set("LifecyclePolicy.LifecyclePolicyText", "policy"),
        ),
    ),
    "aws_efs_backup_policy": (
        Fold(
            ("aws_efs_file_system",),
            "file_system_id",
            ("id",),
            lambda v, own, p: [
                (
                    "set",
                    "BackupPolicy",
                    {"Status": first_block(v.get("backup_policy")).get("status")},
                )
            ],
        ),
    ),
    "aws_efs_file_system_policy": (
        Fold(
            ("aws_efs_file_system",), "file_system_id", ("id",), _set("FileSystemPolicy", "policy")
        ),
    ),
    "aws_backup_vault_lock_configuration": (
        Fold(("aws_backup_vault",), "backup_vault_name", ("name",), _vault_lock),
    ),
    "aws_backup_vault_policy": (
        Fold(("aws_backup_vault",), "backup_vault_name", ("name",), _set("AccessPolicy", "policy")),
    ),
    "aws_backup_vault_notifications": (
        Fold(("aws_backup_vault",), "backup_vault_name", ("name",), _vault_notifications),
    ),
    "aws_api_gateway_method_settings": (
        Fold(("aws_api_gateway_stage",), "stage_name", ("stage_name",), _method_settings),
    ),
    "aws_route53_query_log": (
        Fold(
            ("aws_route53_zone",),
            "zone_id",
            ("zone_id", "id"),
            _set("QueryLoggingConfig.CloudWatchLogsLogGroupArn", "cloudwatch_log_group_arn"),
        ),
    ),
    "aws_route53_resolver_firewall_rule": (
        Fold(
            ("aws_route53_resolver_firewall_rule_group",),
            "firewall_rule_group_id",
            ("id",),
            _firewall_rule,
        ),
    ),
    "aws_ssoadmin_managed_policy_attachment": (
        Fold(
            ("aws_ssoadmin_permission_set",),
            "permission_set_arn",
            ("arn",),
            _attach("ManagedPolicies", "managed_policy_arn"),
        ),
    ),
    "aws_ssoadmin_permission_set_inline_policy": (
        Fold(
            ("aws_ssoadmin_permission_set",),
            "permission_set_arn",
            ("arn",),
            _set("InlinePolicy", "inline_policy"),
        ),
    ),
    "aws_shield_application_layer_automatic_response": (
        Fold(("aws_shield_protection",), "resource_arn", ("resource_arn",), _automatic_response),
    ),
    "aws_config_configuration_recorder_status": (
        Fold(("aws_config_configuration_recorder",), "name", ("name", "id"), _recorder_status),
    ),
    "aws_ssoadmin_customer_managed_policy_attachment": (
        Fold(("aws_ssoadmin_permission_set",), "permission_set_arn", ("arn",), _customer_policy),
    ),
}


# ---------------------------------------------------------------------------------------------
# Applying the folds


def apply(properties: dict[str, Any], operation: Operation) -> None:
    action, path, value = operation
    if action == "set":
        set_path(properties, path, value)
        return
    current: Any = properties
    parts = path.split(".")
    for part in parts[:-1]:
        current = current.setdefault(part, {})
    existing = current.get(parts[-1])
    if is_unknown(existing):
        return  # the whole list is already unknown
    if not isinstance(existing, list):
        existing = [] if existing is None else [existing]
        current[parts[-1]] = existing
    existing.append(value)


def as_unknown(operation: Operation, reason: str) -> Operation:
    return (operation[0], operation[1], UnknownValue(reason))


def has_path(properties: dict[str, Any], path: str) -> bool:
    current: Any = properties
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True
