"""Terraform types to CloudFormation types and properties: one table per type.

Every table maps the Terraform attributes controls need to CloudFormation property paths
(docs/graph.md), with the provider's defaults where they differ from AWS's or where
CloudFormation requires the property (CloudTrail `IsLogging`). A type with no table keeps its
Terraform name and its Terraform values. Satellite resources that fold into a parent are in
`satellites`; account-wide settings in `account`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csmm_static.model import Unknown, UnknownValue, is_unknown
from csmm_static.readers.terraform.convert import (
    Custom,
    Nested,
    Spec,
    TypeMap,
    as_list,
    blocks,
    camel_to_pascal,
    canned_acl,
    first_block,
    nacl_protocol,
    pascal_tree,
    present,
    set_path,
    tags,
    text_bool,
    unset,
)

TAGS: dict[str, Spec] = {"tags": ("Tags", tags)}


def _is(value: Any, expected: Any) -> bool:
    """`value == expected`, false for an unknown value instead of raising."""
    return not is_unknown(value) and type(value) is type(expected) and value == expected


# ---------------------------------------------------------------------------------------------
# Security group and network ACL rules in CloudFormation's shape


def _list_of(value: Any) -> list[Any]:
    if value is None:
        return []
    if is_unknown(value):
        return [value]
    return value if isinstance(value, list) else [value]


def sg_entries(rule: Any, egress: bool, self_reference: Any = None) -> list[Any]:
    """One Terraform rule (inline block or stand-alone resource) as CloudFormation entries:
    CloudFormation names one source per entry, Terraform lists several."""
    if is_unknown(rule) or not isinstance(rule, dict):
        return [rule] if is_unknown(rule) else []
    protocol = rule.get("protocol", rule.get("ip_protocol"))
    base: dict[str, Any] = {"IpProtocol": protocol if protocol is not None else "-1"}
    for source, target in (
        ("from_port", "FromPort"),
        ("to_port", "ToPort"),
        ("description", "Description"),
    ):
        if rule.get(source) is not None:
            base[target] = rule[source]
    peer_group = "DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"
    prefix = "DestinationPrefixListId" if egress else "SourcePrefixListId"
    entries: list[Any] = []
    sources = (
        ("cidr_blocks", "CidrIp"),
        ("cidr_ipv4", "CidrIp"),
        ("ipv6_cidr_blocks", "CidrIpv6"),
        ("cidr_ipv6", "CidrIpv6"),
        ("security_groups", peer_group),
        ("source_security_group_id", peer_group),
        ("referenced_security_group_id", peer_group),
        ("prefix_list_ids", prefix),
        ("prefix_list_id", prefix),
    )
    for attribute, target in sources:
        for value in _list_of(rule.get(attribute)):
            if present(value):
                entries.append({**base, target: value})
    if rule.get("self") is True or is_unknown(rule.get("self")):
        entries.append(
            {**base, peer_group: self_reference if rule.get("self") is True else rule["self"]}
        )
    return entries or [base]


def _sg_list(value: Any, egress: bool) -> Any:
    if is_unknown(value):
        return value
    entries: list[Any] = []
    for rule in blocks(value):
        entries.extend(sg_entries(rule, egress))
    return entries


def _security_group_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    # Terraform removes the allow-all egress AWS adds to a new group unless egress is declared;
    # CloudFormation keeps it when SecurityGroupEgress is absent. Say "none" explicitly.
    properties.setdefault("SecurityGroupEgress", [])


def nacl_entry(rule: Any, egress: bool | None = None) -> Any:
    if is_unknown(rule) or not isinstance(rule, dict):
        return rule
    entry: dict[str, Any] = {
        "RuleNumber": rule.get("rule_no", rule.get("rule_number")),
        "Protocol": nacl_protocol(rule.get("protocol")),
        "RuleAction": rule.get("action", rule.get("rule_action")),
        "Egress": bool(rule.get("egress")) if egress is None else egress,
    }
    for source, target in (("cidr_block", "CidrBlock"), ("ipv6_cidr_block", "Ipv6CidrBlock")):
        if present(rule.get(source)):
            entry[target] = rule[source]
    if rule.get("from_port") is not None or rule.get("to_port") is not None:
        entry["PortRange"] = {"From": rule.get("from_port"), "To": rule.get("to_port")}
    if rule.get("icmp_type") is not None or rule.get("icmp_code") is not None:
        entry["Icmp"] = {"Type": rule.get("icmp_type"), "Code": rule.get("icmp_code")}
    return entry


def _nacl_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    entries: list[Any] = []
    for key, egress in (("ingress", False), ("egress", True)):
        value = values.get(key)
        if is_unknown(value):
            entries.append(value)
            continue
        entries.extend(nacl_entry(rule, egress) for rule in blocks(value))
    if entries:
        properties["Entries"] = entries


# ---------------------------------------------------------------------------------------------
# S3


def versioning_status(enabled: Any) -> Any:
    return "Enabled" if enabled is True else "Suspended" if enabled is False else enabled


def s3_encryption(value: Any) -> Any:
    rules = []
    for rule in blocks(first_block(value).get("rule") if not is_unknown(value) else value):
        if is_unknown(rule):
            rules.append(rule)
            continue
        default = first_block(rule.get("apply_server_side_encryption_by_default"))
        entry: dict[str, Any] = {}
        if default:
            by_default: dict[str, Any] = {"SSEAlgorithm": default.get("sse_algorithm")}
            if present(default.get("kms_master_key_id")):
                by_default["KMSMasterKeyID"] = default["kms_master_key_id"]
            entry["ServerSideEncryptionByDefault"] = by_default
        if rule.get("bucket_key_enabled") is not None:
            entry["BucketKeyEnabled"] = rule["bucket_key_enabled"]
        rules.append(entry)
    return {"ServerSideEncryptionConfiguration": rules}


def s3_logging(value: Any) -> Any:
    block = first_block(value)
    result: dict[str, Any] = {"DestinationBucketName": block.get("target_bucket")}
    if present(block.get("target_prefix")):
        result["LogFilePrefix"] = block["target_prefix"]
    return result


def _days(block: Any, key: str) -> Any:
    found = first_block(block.get(key)) if isinstance(block, dict) else {}
    return found.get("days") if isinstance(found, dict) else None


def lifecycle_rule(rule: Any) -> Any:
    """A v4 `aws_s3_bucket_lifecycle_configuration` rule or a v3 inline `lifecycle_rule`."""
    if is_unknown(rule) or not isinstance(rule, dict):
        return rule
    entry: dict[str, Any] = {}
    if rule.get("id") is not None:
        entry["Id"] = rule["id"]
    status = rule.get("status")
    if status is None and "enabled" in rule:
        status = (
            "Enabled"
            if rule["enabled"] is True
            else "Disabled"
            if rule["enabled"] is False
            else rule["enabled"]
        )
    entry["Status"] = status
    prefix = rule.get("prefix")
    filters = first_block(rule.get("filter"))
    if isinstance(filters, dict) and filters.get("prefix") is not None:
        prefix = filters["prefix"]
    if present(prefix):
        entry["Prefix"] = prefix
    if _days(rule, "expiration") is not None:
        entry["ExpirationInDays"] = _days(rule, "expiration")
    current = first_block(rule.get("noncurrent_version_expiration"))
    if (
        isinstance(current, dict)
        and (current.get("noncurrent_days") or current.get("days")) is not None
    ):
        entry["NoncurrentVersionExpiration"] = {
            "NoncurrentDays": current.get("noncurrent_days", current.get("days"))
        }
    transitions = [
        {"TransitionInDays": t.get("days"), "StorageClass": t.get("storage_class")}
        for t in blocks(rule.get("transition"))
        if isinstance(t, dict)
    ]
    if transitions:
        entry["Transitions"] = transitions
    abort = first_block(rule.get("abort_incomplete_multipart_upload"))
    after = abort.get("days_after_initiation") if isinstance(abort, dict) else None
    after = rule.get("abort_incomplete_multipart_upload_days", after)
    if after is not None:
        entry["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": after}
    return entry


def _lifecycle_rules(value: Any, properties: dict[str, Any]) -> None:
    if is_unknown(value):
        set_path(properties, "LifecycleConfiguration", value)
        return
    set_path(properties, "LifecycleConfiguration.Rules", [lifecycle_rule(r) for r in blocks(value)])


def object_lock(value: Any) -> Any:
    block = first_block(value)
    result: dict[str, Any] = {
        "ObjectLockEnabled": block.get("object_lock_enabled", "Enabled") or "Enabled"
    }
    retention = (
        first_block(first_block(block.get("rule")).get("default_retention")) if block else {}
    )
    if retention:
        result["Rule"] = {
            "DefaultRetention": {
                k: retention[s]
                for s, k in (("mode", "Mode"), ("days", "Days"), ("years", "Years"))
                if retention.get(s) is not None
            }
        }
    return result


def _inline_object_lock(value: Any, properties: dict[str, Any]) -> None:
    converted = value if is_unknown(value) else object_lock(value)
    properties["ObjectLockConfiguration"] = converted
    if not is_unknown(converted) and _is(converted.get("ObjectLockEnabled"), "Enabled"):
        properties["ObjectLockEnabled"] = True


def replication(value: Any) -> Any:
    block = first_block(value)
    rules = []
    for rule in blocks(block.get("rules", block.get("rule"))):
        if is_unknown(rule):
            rules.append(rule)
            continue
        destination = first_block(rule.get("destination"))
        entry: dict[str, Any] = {
            "Status": rule.get("status"),
            "Destination": {"Bucket": destination.get("bucket")},
        }
        if rule.get("id") is not None:
            entry["Id"] = rule["id"]
        if destination.get("storage_class") is not None:
            entry["Destination"]["StorageClass"] = destination["storage_class"]
        rules.append(entry)
    return {"Role": block.get("role"), "Rules": rules}


def website(value: Any) -> Any:
    block = first_block(value)
    result: dict[str, Any] = {}
    index = block.get("index_document")
    if isinstance(index, str):
        result["IndexDocument"] = index
    elif first_block(index).get("suffix") is not None:
        result["IndexDocument"] = first_block(index)["suffix"]
    error = block.get("error_document")
    if isinstance(error, str):
        result["ErrorDocument"] = error
    elif first_block(error).get("key") is not None:
        result["ErrorDocument"] = first_block(error)["key"]
    redirect = block.get("redirect_all_requests_to")
    if isinstance(redirect, str):
        result["RedirectAllRequestsTo"] = {"HostName": redirect}
    elif first_block(redirect).get("host_name") is not None:
        result["RedirectAllRequestsTo"] = {"HostName": first_block(redirect)["host_name"]}
    return result


def cors(value: Any) -> Any:
    rules = []
    for rule in blocks(value):
        if is_unknown(rule):
            rules.append(rule)
            continue
        rules.append(
            {
                "AllowedMethods": rule.get("allowed_methods"),
                "AllowedOrigins": rule.get("allowed_origins"),
                **(
                    {"AllowedHeaders": rule["allowed_headers"]}
                    if rule.get("allowed_headers")
                    else {}
                ),
            }
        )
    return {"CorsRules": rules}


S3_BUCKET = TypeMap(
    "AWS::S3::Bucket",
    {
        "bucket": "BucketName",
        "acl": ("AccessControl", canned_acl),
        "object_lock_enabled": "ObjectLockEnabled",
        # AWS provider v3 inline blocks (v4+ uses the satellite resources).
        "versioning": (
            "VersioningConfiguration.Status",
            lambda v: versioning_status(first_block(v).get("enabled")),
        ),
        "server_side_encryption_configuration": ("BucketEncryption", s3_encryption),
        "logging": ("LoggingConfiguration", s3_logging),
        "lifecycle_rule": Custom(_lifecycle_rules, ("LifecycleConfiguration.Rules",)),
        "object_lock_configuration": Custom(
            _inline_object_lock, ("ObjectLockConfiguration", "ObjectLockEnabled")
        ),
        "replication_configuration": ("ReplicationConfiguration", replication),
        "website": ("WebsiteConfiguration", website),
        "cors_rule": ("CorsConfiguration", cors),
        "acceleration_status": "AccelerateConfiguration.AccelerationStatus",
        **TAGS,
    },
)


# ---------------------------------------------------------------------------------------------
# EC2 instances and their templates

METADATA: dict[str, Spec] = {
    "http_tokens": "HttpTokens",
    "http_endpoint": "HttpEndpoint",
    "http_put_response_hop_limit": "HttpPutResponseHopLimit",
    "instance_metadata_tags": "InstanceMetadataTags",
}
# Launch configurations have no instance-tags setting.
LAUNCH_CONFIGURATION_METADATA = {k: v for k, v in METADATA.items() if k != "instance_metadata_tags"}

EBS: dict[str, Spec] = {
    "encrypted": "Encrypted",
    "kms_key_id": "KmsKeyId",
    "volume_size": "VolumeSize",
    "volume_type": "VolumeType",
    "iops": "Iops",
    "delete_on_termination": "DeleteOnTermination",
    "snapshot_id": "SnapshotId",
}


_DEVICE_PATHS = (
    "BlockDeviceMappings.DeviceName",
    *(
        f"BlockDeviceMappings.Ebs.{p}"
        for p in (
            "Encrypted",
            "KmsKeyId",
            "VolumeSize",
            "VolumeType",
            "Iops",
            "DeleteOnTermination",
            "SnapshotId",
        )
    ),
)


def _instance_devices(values: dict[str, Any], properties: dict[str, Any]) -> None:
    mappings: list[Any] = []
    for block in blocks(values.get("root_block_device")):
        mappings.append(block if is_unknown(block) else {"Ebs": _ebs(block)})
    for block in blocks(values.get("ebs_block_device")):
        if is_unknown(block):
            mappings.append(block)
        else:
            mappings.append({"DeviceName": block.get("device_name"), "Ebs": _ebs(block)})
    if mappings:
        properties["BlockDeviceMappings"] = mappings


def _ebs(block: dict[str, Any]) -> dict[str, Any]:
    from csmm_static.readers.terraform.convert import convert_table

    return convert_table(EBS, block, {})


def _instance_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    _instance_devices(values, properties)
    public = values.get("associate_public_ip_address")
    if not unset(public):
        interface: dict[str, Any] = {"DeviceIndex": "0", "AssociatePublicIpAddress": public}
        if not unset(values.get("subnet_id")):
            interface["SubnetId"] = values["subnet_id"]
        if not unset(values.get("vpc_security_group_ids")):
            interface["GroupSet"] = values["vpc_security_group_ids"]
        properties["NetworkInterfaces"] = [interface]
    # Existing interfaces attached at launch (this excludes the attributes above).
    attached = [
        block
        if is_unknown(block)
        else {
            "NetworkInterfaceId": block.get("network_interface_id"),
            "DeviceIndex": block.get("device_index"),
        }
        for block in blocks(values.get("network_interface"))
    ]
    if attached:
        properties["NetworkInterfaces"] = attached


LAUNCH_TEMPLATE_REF: dict[str, Spec] = {
    "id": "LaunchTemplateId",
    "name": "LaunchTemplateName",
    "version": "Version",
}

EC2_INSTANCE = TypeMap(
    "AWS::EC2::Instance",
    {
        "ami": "ImageId",
        "instance_type": "InstanceType",
        "subnet_id": "SubnetId",
        "vpc_security_group_ids": "SecurityGroupIds",
        "security_groups": "SecurityGroups",
        "iam_instance_profile": "IamInstanceProfile",
        "key_name": "KeyName",
        "monitoring": "Monitoring",
        "ebs_optimized": "EbsOptimized",
        "availability_zone": "AvailabilityZone",
        "disable_api_termination": "DisableApiTermination",
        "tenancy": "Tenancy",
        "user_data": "UserData",
        "user_data_base64": "UserData",
        "metadata_options": Nested("MetadataOptions", METADATA),
        "launch_template": Nested("LaunchTemplate", LAUNCH_TEMPLATE_REF),
        # Not a CloudFormation instance property: the launch template's shape (docs/graph.md).
        "maintenance_options": Nested("MaintenanceOptions", {"auto_recovery": "AutoRecovery"}),
        **TAGS,
    },
    finish=_instance_finish,
    finish_paths=(
        *_DEVICE_PATHS,
        "NetworkInterfaces.DeviceIndex",
        "NetworkInterfaces.AssociatePublicIpAddress",
        "NetworkInterfaces.SubnetId",
        "NetworkInterfaces.GroupSet",
        "NetworkInterfaces.NetworkInterfaceId",
    ),
)

LAUNCH_TEMPLATE = TypeMap(
    "AWS::EC2::LaunchTemplate",
    {
        "name": "LaunchTemplateName",
        "image_id": "LaunchTemplateData.ImageId",
        "instance_type": "LaunchTemplateData.InstanceType",
        "key_name": "LaunchTemplateData.KeyName",
        "user_data": "LaunchTemplateData.UserData",
        "ebs_optimized": "LaunchTemplateData.EbsOptimized",
        "vpc_security_group_ids": "LaunchTemplateData.SecurityGroupIds",
        "security_group_names": "LaunchTemplateData.SecurityGroups",
        "metadata_options": Nested("LaunchTemplateData.MetadataOptions", METADATA),
        "iam_instance_profile": Nested(
            "LaunchTemplateData.IamInstanceProfile", {"name": "Name", "arn": "Arn"}
        ),
        "monitoring": Nested("LaunchTemplateData.Monitoring", {"enabled": "Enabled"}),
        "maintenance_options": Nested(
            "LaunchTemplateData.MaintenanceOptions", {"auto_recovery": "AutoRecovery"}
        ),
        "block_device_mappings": Nested(
            "LaunchTemplateData.BlockDeviceMappings",
            {"device_name": "DeviceName", "ebs": Nested("Ebs", EBS)},
            many=True,
        ),
        "network_interfaces": Nested(
            "LaunchTemplateData.NetworkInterfaces",
            {
                "associate_public_ip_address": "AssociatePublicIpAddress",
                "device_index": "DeviceIndex",
                "subnet_id": "SubnetId",
                "security_groups": "Groups",
                "delete_on_termination": "DeleteOnTermination",
            },
            many=True,
        ),
        **{
            "tags": (
                "TagSpecifications",
                lambda v: [{"ResourceType": "launch-template", "Tags": tags(v)}],
            )
        },
    },
)

LAUNCH_CONFIGURATION = TypeMap(
    "AWS::AutoScaling::LaunchConfiguration",
    {
        "name": "LaunchConfigurationName",
        "image_id": "ImageId",
        "instance_type": "InstanceType",
        "associate_public_ip_address": "AssociatePublicIpAddress",
        "security_groups": "SecurityGroups",
        "iam_instance_profile": "IamInstanceProfile",
        "key_name": "KeyName",
        "user_data": "UserData",
        "metadata_options": Nested("MetadataOptions", LAUNCH_CONFIGURATION_METADATA),
    },
    finish=_instance_devices,
    finish_paths=(*(p for p in _DEVICE_PATHS if not p.endswith("KmsKeyId")),),
)


def _asg_tags(value: Any) -> Any:
    if isinstance(value, list):
        return [
            {
                "Key": t.get("key"),
                "Value": t.get("value"),
                "PropagateAtLaunch": t.get("propagate_at_launch"),
            }
            if isinstance(t, dict)
            else t
            for t in value
        ]
    return value


AUTOSCALING_GROUP = TypeMap(
    "AWS::AutoScaling::AutoScalingGroup",
    {
        "name": "AutoScalingGroupName",
        "min_size": "MinSize",
        "max_size": "MaxSize",
        "desired_capacity": "DesiredCapacity",
        "launch_configuration": "LaunchConfigurationName",
        "launch_template": Nested("LaunchTemplate", LAUNCH_TEMPLATE_REF),
        "vpc_zone_identifier": "VPCZoneIdentifier",
        "availability_zones": "AvailabilityZones",
        "health_check_type": "HealthCheckType",
        "health_check_grace_period": "HealthCheckGracePeriod",
        "target_group_arns": "TargetGroupARNs",
        "load_balancers": "LoadBalancerNames",
        "max_instance_lifetime": "MaxInstanceLifetime",
        "mixed_instances_policy": Nested(
            "MixedInstancesPolicy",
            {
                "launch_template": Nested(
                    "LaunchTemplate",
                    {
                        "launch_template_specification": Nested(
                            "LaunchTemplateSpecification",
                            {
                                "launch_template_id": "LaunchTemplateId",
                                "launch_template_name": "LaunchTemplateName",
                                "version": "Version",
                            },
                        )
                    },
                )
            },
        ),
        "traffic_source": Nested(
            "TrafficSources", {"identifier": "Identifier", "type": "Type"}, many=True
        ),
        "tag": ("Tags", _asg_tags),
    },
)

EBS_VOLUME = TypeMap(
    "AWS::EC2::Volume",
    {
        "availability_zone": "AvailabilityZone",
        "size": "Size",
        "encrypted": "Encrypted",
        "kms_key_id": "KmsKeyId",
        "type": "VolumeType",
        "iops": "Iops",
        "snapshot_id": "SnapshotId",
        **TAGS,
    },
)


# ---------------------------------------------------------------------------------------------
# VPC and network


SECURITY_GROUP = TypeMap(
    "AWS::EC2::SecurityGroup",
    {
        "name": "GroupName",
        "description": "GroupDescription",
        "vpc_id": "VpcId",
        "ingress": ("SecurityGroupIngress", lambda v: _sg_list(v, False)),
        "egress": ("SecurityGroupEgress", lambda v: _sg_list(v, True)),
        **TAGS,
    },
    defaults={"description": "Managed by Terraform"},
    finish=_security_group_finish,
    finish_paths=("SecurityGroupEgress",),
)


def _default_group_finish(properties: dict[str, Any]) -> None:
    # Managing the default group removes every rule the configuration does not declare.
    properties.setdefault("GroupName", "default")
    properties.setdefault("SecurityGroupIngress", [])
    properties.setdefault("SecurityGroupEgress", [])


DEFAULT_SECURITY_GROUP = TypeMap(
    "AWS::EC2::SecurityGroup",
    {
        "vpc_id": "VpcId",
        "ingress": ("SecurityGroupIngress", lambda v: _sg_list(v, False)),
        "egress": ("SecurityGroupEgress", lambda v: _sg_list(v, True)),
        **TAGS,
    },
    finish=lambda values, props: _default_group_finish(props),
    finish_paths=("SecurityGroupIngress", "SecurityGroupEgress", "GroupName"),
)

SG_RULE_FIELDS: dict[str, Spec] = {
    "security_group_id": "GroupId",
    "ip_protocol": "IpProtocol",
    "from_port": "FromPort",
    "to_port": "ToPort",
    "description": "Description",
}

SG_INGRESS_RULE = TypeMap(
    "AWS::EC2::SecurityGroupIngress",
    {
        **SG_RULE_FIELDS,
        "cidr_ipv4": "CidrIp",
        "cidr_ipv6": "CidrIpv6",
        "referenced_security_group_id": "SourceSecurityGroupId",
        "prefix_list_id": "SourcePrefixListId",
    },
)

SG_EGRESS_RULE = TypeMap(
    "AWS::EC2::SecurityGroupEgress",
    {
        **SG_RULE_FIELDS,
        "cidr_ipv4": "CidrIp",
        "cidr_ipv6": "CidrIpv6",
        "referenced_security_group_id": "DestinationSecurityGroupId",
        "prefix_list_id": "DestinationPrefixListId",
    },
)

NETWORK_ACL = TypeMap(
    "AWS::EC2::NetworkAcl",
    {"vpc_id": "VpcId", **TAGS},
    finish=_nacl_finish,
    finish_paths=("Entries",),
)

NETWORK_ACL_RULE = TypeMap(
    "AWS::EC2::NetworkAclEntry",
    {
        "network_acl_id": "NetworkAclId",
        "rule_number": "RuleNumber",
        "egress": "Egress",
        "protocol": ("Protocol", nacl_protocol),
        "rule_action": "RuleAction",
        "cidr_block": "CidrBlock",
        "ipv6_cidr_block": "Ipv6CidrBlock",
        "from_port": "PortRange.From",
        "to_port": "PortRange.To",
        "icmp_type": "Icmp.Type",
        "icmp_code": "Icmp.Code",
    },
    defaults={"egress": False},
)

VPC = TypeMap(
    "AWS::EC2::VPC",
    {
        "cidr_block": "CidrBlock",
        "enable_dns_support": "EnableDnsSupport",
        "enable_dns_hostnames": "EnableDnsHostnames",
        "instance_tenancy": "InstanceTenancy",
        "ipv4_ipam_pool_id": "Ipv4IpamPoolId",
        **TAGS,
    },
)

SUBNET = TypeMap(
    "AWS::EC2::Subnet",
    {
        "vpc_id": "VpcId",
        "cidr_block": "CidrBlock",
        "ipv6_cidr_block": "Ipv6CidrBlock",
        "availability_zone": "AvailabilityZone",
        "map_public_ip_on_launch": "MapPublicIpOnLaunch",
        "assign_ipv6_address_on_creation": "AssignIpv6AddressOnCreation",
        **TAGS,
    },
)


_FLOW_TARGETS = (
    ("vpc_id", "VPC"),
    ("subnet_id", "Subnet"),
    ("eni_id", "NetworkInterface"),
    ("transit_gateway_id", "TransitGateway"),
    ("transit_gateway_attachment_id", "TransitGatewayAttachment"),
)


def _flow_log_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    for attribute, kind in _FLOW_TARGETS:
        if not unset(values.get(attribute)):
            properties["ResourceId"] = values[attribute]
            properties["ResourceType"] = kind
            return


FLOW_LOG = TypeMap(
    "AWS::EC2::FlowLog",
    {
        "traffic_type": "TrafficType",
        "log_destination": "LogDestination",
        "log_destination_type": "LogDestinationType",
        "log_group_name": "LogGroupName",
        "iam_role_arn": "DeliverLogsPermissionArn",
        "log_format": "LogFormat",
        "max_aggregation_interval": "MaxAggregationInterval",
        **TAGS,
    },
    defaults={"log_destination_type": "cloud-watch-logs"},
    finish=_flow_log_finish,
    finish_paths=("ResourceId", "ResourceType"),
)

VPC_ENDPOINT = TypeMap(
    "AWS::EC2::VPCEndpoint",
    {
        "vpc_id": "VpcId",
        "service_name": "ServiceName",
        "vpc_endpoint_type": "VpcEndpointType",
        "private_dns_enabled": "PrivateDnsEnabled",
        "policy": "PolicyDocument",
        "route_table_ids": "RouteTableIds",
        "subnet_ids": "SubnetIds",
        "security_group_ids": "SecurityGroupIds",
    },
    defaults={"vpc_endpoint_type": "Gateway"},
)

ROUTE_FIELDS: dict[str, Spec] = {
    "route_table_id": "RouteTableId",
    "destination_cidr_block": "DestinationCidrBlock",
    "cidr_block": "DestinationCidrBlock",
    "destination_ipv6_cidr_block": "DestinationIpv6CidrBlock",
    "ipv6_cidr_block": "DestinationIpv6CidrBlock",
    "destination_prefix_list_id": "DestinationPrefixListId",
    "gateway_id": "GatewayId",
    "nat_gateway_id": "NatGatewayId",
    "transit_gateway_id": "TransitGatewayId",
    "vpc_peering_connection_id": "VpcPeeringConnectionId",
    "vpc_endpoint_id": "VpcEndpointId",
    "network_interface_id": "NetworkInterfaceId",
    "egress_only_gateway_id": "EgressOnlyInternetGatewayId",
    "instance_id": "InstanceId",
}

ROUTE = TypeMap("AWS::EC2::Route", ROUTE_FIELDS)

ROUTE_TABLE = TypeMap("AWS::EC2::RouteTable", {"vpc_id": "VpcId", **TAGS})

# The VPC's main route table, which subnets without an explicit association use (docs/graph.md).
DEFAULT_ROUTE_TABLE = TypeMap(
    "AWS::EC2::RouteTable",
    {**TAGS},
    finish=lambda values, properties: properties.__setitem__("Main", True),
    finish_paths=("Main",),
)

TRANSIT_GATEWAY = TypeMap(
    "AWS::EC2::TransitGateway",
    {
        "auto_accept_shared_attachments": "AutoAcceptSharedAttachments",
        "default_route_table_association": "DefaultRouteTableAssociation",
        "default_route_table_propagation": "DefaultRouteTablePropagation",
        "dns_support": "DnsSupport",
        "description": "Description",
        **TAGS,
    },
    defaults={"auto_accept_shared_attachments": "disable"},
)


# ---------------------------------------------------------------------------------------------
# IAM


def _inline_policies(value: Any) -> Any:
    return [
        p if is_unknown(p) else {"PolicyName": p.get("name"), "PolicyDocument": p.get("policy")}
        for p in blocks(value)
        if is_unknown(p) or not unset(p.get("policy"))
    ]


IAM_ROLE = TypeMap(
    "AWS::IAM::Role",
    {
        "name": "RoleName",
        "path": "Path",
        "description": "Description",
        "assume_role_policy": "AssumeRolePolicyDocument",
        "managed_policy_arns": ("ManagedPolicyArns", list),
        "inline_policy": ("Policies", _inline_policies),
        "permissions_boundary": "PermissionsBoundary",
        "max_session_duration": "MaxSessionDuration",
        **TAGS,
    },
)

IAM_USER = TypeMap(
    "AWS::IAM::User",
    {"name": "UserName", "path": "Path", "permissions_boundary": "PermissionsBoundary", **TAGS},
)

IAM_GROUP = TypeMap("AWS::IAM::Group", {"name": "GroupName", "path": "Path"})

IAM_MANAGED_POLICY = TypeMap(
    "AWS::IAM::ManagedPolicy",
    {
        "name": "ManagedPolicyName",
        "path": "Path",
        "description": "Description",
        "policy": "PolicyDocument",
    },
)


def _inline_policy(principal: str, target: str) -> TypeMap:
    return TypeMap(
        "AWS::IAM::Policy",
        {"name": "PolicyName", "policy": "PolicyDocument", principal: (target, as_list)},
    )


IAM_ACCESS_KEY = TypeMap(
    "AWS::IAM::AccessKey", {"user": "UserName", "status": "Status"}, defaults={"status": "Active"}
)

IAM_INSTANCE_PROFILE = TypeMap(
    "AWS::IAM::InstanceProfile",
    {"name": "InstanceProfileName", "path": "Path", "role": ("Roles", as_list)},
)

OIDC_PROVIDER = TypeMap(
    "AWS::IAM::OIDCProvider",
    {"url": "Url", "client_id_list": "ClientIdList", "thumbprint_list": "ThumbprintList", **TAGS},
)

SAML_PROVIDER = TypeMap(
    "AWS::IAM::SAMLProvider",
    {"name": "Name", "saml_metadata_document": "SamlMetadataDocument", **TAGS},
)

ACCESS_ANALYZER = TypeMap(
    "AWS::AccessAnalyzer::Analyzer",
    {
        "analyzer_name": "AnalyzerName",
        "type": "Type",
        "configuration": Nested(
            "AnalyzerConfiguration",
            {
                "unused_access": Nested(
                    "UnusedAccessConfiguration", {"unused_access_age": "UnusedAccessAge"}
                )
            },
        ),
        **TAGS,
    },
    defaults={"type": "ACCOUNT"},
)

ORGANIZATIONS_POLICY = TypeMap(
    "AWS::Organizations::Policy",
    {"name": "Name", "content": "Content", "type": "Type", "description": "Description", **TAGS},
    defaults={"type": "SERVICE_CONTROL_POLICY"},
)

SSO_PERMISSION_SET = TypeMap(
    "AWS::SSO::PermissionSet",
    {
        "name": "Name",
        "instance_arn": "InstanceArn",
        "session_duration": "SessionDuration",
        "relay_state": "RelayStateType",
        "description": "Description",
        **TAGS,
    },
)

SSO_ASSIGNMENT = TypeMap(
    "AWS::SSO::Assignment",
    {
        "instance_arn": "InstanceArn",
        "permission_set_arn": "PermissionSetArn",
        "principal_id": "PrincipalId",
        "principal_type": "PrincipalType",
        "target_id": "TargetId",
        "target_type": "TargetType",
    },
)

# `attribute { key, value { source } }` (provider docs, ssoadmin_instance_access_control_attributes)
SSO_ACCESS_CONTROL_ATTRIBUTES = TypeMap(
    "AWS::SSO::InstanceAccessControlAttributeConfiguration",
    {
        "instance_arn": "InstanceArn",
        "attribute": Nested(
            "AccessControlAttributes",
            {"key": "Key", "value": Nested("Value", {"source": "Source"})},
            many=True,
        ),
    },
)


# ---------------------------------------------------------------------------------------------
# Keys, secrets, logs, monitoring

KMS_KEY = TypeMap(
    "AWS::KMS::Key",
    {
        "description": "Description",
        "enable_key_rotation": "EnableKeyRotation",
        "rotation_period_in_days": "RotationPeriodInDays",
        "policy": "KeyPolicy",
        "key_usage": "KeyUsage",
        "customer_master_key_spec": "KeySpec",
        "deletion_window_in_days": "PendingWindowInDays",
        "is_enabled": "Enabled",
        "multi_region": "MultiRegion",
        **TAGS,
    },
    defaults={"enable_key_rotation": False},
)

KMS_ALIAS = TypeMap("AWS::KMS::Alias", {"name": "AliasName", "target_key_id": "TargetKeyId"})

SECRET = TypeMap(
    "AWS::SecretsManager::Secret",
    {"name": "Name", "description": "Description", "kms_key_id": "KmsKeyId", **TAGS},
)

SECRET_ROTATION = TypeMap(
    "AWS::SecretsManager::RotationSchedule",
    {
        "secret_id": "SecretId",
        "rotation_lambda_arn": "RotationLambdaARN",
        "rotate_immediately": "RotateImmediatelyOnUpdate",
        "rotation_rules": Nested(
            "RotationRules",
            {
                "automatically_after_days": "AutomaticallyAfterDays",
                "schedule_expression": "ScheduleExpression",
                "duration": "Duration",
            },
        ),
    },
)

SECRET_POLICY = TypeMap(
    "AWS::SecretsManager::ResourcePolicy",
    {
        "secret_arn": "SecretId",
        "policy": "ResourcePolicy",
        "block_public_policy": "BlockPublicPolicy",
    },
)

SSM_PARAMETER = TypeMap(
    "AWS::SSM::Parameter",
    {"name": "Name", "type": "Type", "tier": "Tier", "description": "Description"},
)

SSM_DOCUMENT = TypeMap(
    "AWS::SSM::Document",
    {
        "name": "Name",
        "document_type": "DocumentType",
        "document_format": "DocumentFormat",
        "content": "Content",
        **TAGS,
    },
)

RESPONSE_PLAN = TypeMap(
    "AWS::SSMIncidents::ResponsePlan",
    {
        "name": "Name",
        "display_name": "DisplayName",
        "engagements": "Engagements",
        "chat_channel": "ChatChannel.ChatbotSns",
        "incident_template": Nested(
            "IncidentTemplate",
            {
                "title": "Title",
                "impact": "Impact",
                "summary": "Summary",
                "dedupe_string": "DedupeString",
                "notification_target": Nested(
                    "NotificationTargets", {"sns_topic_arn": "SnsTopicArn"}, many=True
                ),
            },
        ),
        "action": Nested(
            "Actions",
            {
                "ssm_automation": Nested(
                    "SsmAutomation",
                    {
                        "document_name": "DocumentName",
                        "document_version": "DocumentVersion",
                        "role_arn": "RoleArn",
                        "target_account": "TargetAccount",
                    },
                )
            },
            many=True,
        ),
        **TAGS,
    },
)

SSM_ASSOCIATION = TypeMap(
    "AWS::SSM::Association",
    {
        "name": "Name",
        "association_name": "AssociationName",
        "schedule_expression": "ScheduleExpression",
        "instance_id": "InstanceId",
        "document_version": "DocumentVersion",
        "targets": Nested("Targets", {"key": "Key", "values": "Values"}, many=True),
    },
)

SSM_PATCH_BASELINE = TypeMap(
    "AWS::SSM::PatchBaseline",
    {
        "name": "Name",
        "operating_system": "OperatingSystem",
        "approved_patches_compliance_level": "ApprovedPatchesComplianceLevel",
        "approval_rule": Nested(
            "ApprovalRules.PatchRules",
            {
                "approve_after_days": "ApproveAfterDays",
                "compliance_level": "ComplianceLevel",
                "enable_non_security": "EnableNonSecurity",
                "patch_filter": Nested(
                    "PatchFilterGroup.PatchFilters", {"key": "Key", "values": "Values"}, many=True
                ),
            },
            many=True,
        ),
    },
)

CLOUDTRAIL = TypeMap(
    "AWS::CloudTrail::Trail",
    {
        "name": "TrailName",
        "s3_bucket_name": "S3BucketName",
        "s3_key_prefix": "S3KeyPrefix",
        "enable_logging": "IsLogging",
        "is_multi_region_trail": "IsMultiRegionTrail",
        "include_global_service_events": "IncludeGlobalServiceEvents",
        "enable_log_file_validation": "EnableLogFileValidation",
        "is_organization_trail": "IsOrganizationTrail",
        "kms_key_id": "KMSKeyId",
        "cloud_watch_logs_group_arn": "CloudWatchLogsLogGroupArn",
        "cloud_watch_logs_role_arn": "CloudWatchLogsRoleArn",
        "sns_topic_name": "SnsTopicName",
        "event_selector": Nested(
            "EventSelectors",
            {
                "read_write_type": "ReadWriteType",
                "include_management_events": "IncludeManagementEvents",
                "exclude_management_event_sources": "ExcludeManagementEventSources",
                "data_resource": Nested(
                    "DataResources", {"type": "Type", "values": "Values"}, many=True
                ),
            },
            many=True,
            defaults={"read_write_type": "All", "include_management_events": True},
        ),
        "advanced_event_selector": Nested(
            "AdvancedEventSelectors",
            {
                "name": "Name",
                "field_selector": Nested(
                    "FieldSelectors",
                    {
                        "field": "Field",
                        "equals": "Equals",
                        "not_equals": "NotEquals",
                        "starts_with": "StartsWith",
                        "not_starts_with": "NotStartsWith",
                        "ends_with": "EndsWith",
                        "not_ends_with": "NotEndsWith",
                    },
                    many=True,
                ),
            },
            many=True,
        ),
        "insight_selector": Nested("InsightSelectors", {"insight_type": "InsightType"}, many=True),
        **TAGS,
    },
    # The provider's defaults; CloudFormation requires IsLogging, and defaults the rest alike.
    defaults={
        "enable_logging": True,
        "include_global_service_events": True,
        "is_multi_region_trail": False,
        "enable_log_file_validation": False,
    },
)

EVENT_DATA_STORE = TypeMap(
    "AWS::CloudTrail::EventDataStore",
    {
        "name": "Name",
        "retention_period": "RetentionPeriod",
        "kms_key_id": "KmsKeyId",
        "multi_region_enabled": "MultiRegionEnabled",
        "organization_enabled": "OrganizationEnabled",
        "termination_protection_enabled": "TerminationProtectionEnabled",
        "advanced_event_selector": CLOUDTRAIL.table["advanced_event_selector"],
        # `suspend = "true"` stops ingestion (StopEventDataStoreIngestion).
        "suspend": ("IngestionEnabled", lambda v: str(v).lower() != "true"),
    },
)

SECURITY_LAKE = TypeMap(
    "AWS::SecurityLake::DataLake", {"meta_store_manager_role_arn": "MetaStoreManagerRoleArn"}
)


def _log_source(value: Any, properties: dict[str, Any]) -> None:
    # CloudFormation declares one source per resource; Terraform's block holds one too.
    source = first_block(value)
    if is_unknown(source):
        properties["SourceName"] = source
        return
    for attribute, path in (
        ("source_name", "SourceName"),
        ("source_version", "SourceVersion"),
        ("accounts", "Accounts"),
    ):
        if not unset(source.get(attribute)):
            properties[path] = source[attribute]


SECURITY_LAKE_SOURCE = TypeMap(
    "AWS::SecurityLake::AwsLogSource",
    {"source": Custom(_log_source, ("SourceName", "SourceVersion", "Accounts"))},
)


def _dimensions(value: Any) -> Any:
    if isinstance(value, dict):
        return [{"Name": k, "Value": value[k]} for k in sorted(value)]
    return value


METRIC_ALARM = TypeMap(
    "AWS::CloudWatch::Alarm",
    {
        "alarm_name": "AlarmName",
        "alarm_description": "AlarmDescription",
        "actions_enabled": "ActionsEnabled",
        "alarm_actions": "AlarmActions",
        "ok_actions": "OKActions",
        "insufficient_data_actions": "InsufficientDataActions",
        "metric_name": "MetricName",
        "namespace": "Namespace",
        "statistic": "Statistic",
        "period": "Period",
        "evaluation_periods": "EvaluationPeriods",
        "threshold": "Threshold",
        "comparison_operator": "ComparisonOperator",
        "treat_missing_data": "TreatMissingData",
        "dimensions": ("Dimensions", _dimensions),
        **TAGS,
    },
    defaults={"actions_enabled": True},
)


def _retention(values: dict[str, Any], properties: dict[str, Any]) -> None:
    # 0 means "never expire" in Terraform; CloudFormation leaves the property out for that.
    if _is(properties.get("RetentionInDays"), 0):
        del properties["RetentionInDays"]


LOG_GROUP = TypeMap(
    "AWS::Logs::LogGroup",
    {
        "name": "LogGroupName",
        "retention_in_days": "RetentionInDays",
        "kms_key_id": "KmsKeyId",
        "log_group_class": "LogGroupClass",
        **TAGS,
    },
    finish=_retention,
)

METRIC_FILTER = TypeMap(
    "AWS::Logs::MetricFilter",
    {
        "name": "FilterName",
        "pattern": "FilterPattern",
        "log_group_name": "LogGroupName",
        "metric_transformation": Nested(
            "MetricTransformations",
            {
                "name": "MetricName",
                "namespace": "MetricNamespace",
                "value": "MetricValue",
                "default_value": "DefaultValue",
            },
            many=True,
        ),
    },
)

QUERY_DEFINITION = TypeMap(
    "AWS::Logs::QueryDefinition",
    {"name": "Name", "query_string": "QueryString", "log_group_names": "LogGroupNames"},
)

ATHENA_NAMED_QUERY = TypeMap(
    "AWS::Athena::NamedQuery",
    {
        "name": "Name",
        "description": "Description",
        "database": "Database",
        "query": "QueryString",
        "workgroup": "WorkGroup",
    },
)

LOG_DELIVERY_SOURCE = TypeMap(
    "AWS::Logs::DeliverySource",
    {"name": "Name", "log_type": "LogType", "resource_arn": "ResourceArn", **TAGS},
)

LOG_DELIVERY = TypeMap(
    "AWS::Logs::Delivery",
    {
        "delivery_source_name": "DeliverySourceName",
        "delivery_destination_arn": "DeliveryDestinationArn",
        **TAGS,
    },
)


def _destination(value: Any, properties: dict[str, Any]) -> None:
    block = first_block(value)
    properties["DestinationResourceArn"] = (
        block if is_unknown(block) else block.get("destination_resource_arn")
    )


LOG_DELIVERY_DESTINATION = TypeMap(
    "AWS::Logs::DeliveryDestination",
    {
        "name": "Name",
        "output_format": "OutputFormat",
        "delivery_destination_configuration": Custom(_destination, ("DestinationResourceArn",)),
        **TAGS,
    },
)


def _event_rule_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    if (
        "State" not in properties
        and values.get("is_enabled") is not None
        and not is_unknown(values["is_enabled"])
    ):
        properties["State"] = "ENABLED" if values["is_enabled"] else "DISABLED"
    properties.setdefault("State", "ENABLED")


EVENT_RULE = TypeMap(
    "AWS::Events::Rule",
    {
        "name": "Name",
        "description": "Description",
        "event_pattern": "EventPattern",
        "schedule_expression": "ScheduleExpression",
        "event_bus_name": "EventBusName",
        "role_arn": "RoleArn",
        "state": "State",
    },
    finish=_event_rule_finish,
    finish_paths=("State",),
)

EVENT_BUS = TypeMap(
    "AWS::Events::EventBus",
    {
        "name": "Name",
        "description": "Description",
        "kms_key_identifier": "KmsKeyIdentifier",
        **TAGS,
    },
)

API_DESTINATION = TypeMap(
    "AWS::Events::ApiDestination",
    {
        "name": "Name",
        "description": "Description",
        "connection_arn": "ConnectionArn",
        "invocation_endpoint": "InvocationEndpoint",
        "http_method": "HttpMethod",
        "invocation_rate_limit_per_second": "InvocationRateLimitPerSecond",
    },
)

DASHBOARD = TypeMap(
    "AWS::CloudWatch::Dashboard",
    {"dashboard_name": "DashboardName", "dashboard_body": "DashboardBody"},
)


def _budget_notifications(value: Any, properties: dict[str, Any]) -> None:
    """Each `notification` block with its subscribers, as CloudFormation pairs them."""
    entries: list[Any] = []
    for block in blocks(value):
        if is_unknown(block):
            entries.append(block)
            continue
        subscribers = [
            {"SubscriptionType": kind, "Address": address}
            for attribute, kind in (
                ("subscriber_email_addresses", "EMAIL"),
                ("subscriber_sns_topic_arns", "SNS"),
            )
            for address in _list_of(block.get(attribute))
        ]
        notification = {
            target: block[source]
            for source, target in (
                ("comparison_operator", "ComparisonOperator"),
                ("notification_type", "NotificationType"),
                ("threshold", "Threshold"),
                ("threshold_type", "ThresholdType"),
            )
            if not unset(block.get(source))
        }
        entries.append({"Notification": notification, "Subscribers": subscribers})
    properties["NotificationsWithSubscribers"] = entries


BUDGET = TypeMap(
    "AWS::Budgets::Budget",
    {
        "name": "Budget.BudgetName",
        "budget_type": "Budget.BudgetType",
        "time_unit": "Budget.TimeUnit",
        "limit_amount": "Budget.BudgetLimit.Amount",
        "limit_unit": "Budget.BudgetLimit.Unit",
        "notification": Custom(
            _budget_notifications,
            (
                "NotificationsWithSubscribers.Notification.ComparisonOperator",
                "NotificationsWithSubscribers.Notification.NotificationType",
                "NotificationsWithSubscribers.Notification.Threshold",
                "NotificationsWithSubscribers.Notification.ThresholdType",
                "NotificationsWithSubscribers.Subscribers.SubscriptionType",
                "NotificationsWithSubscribers.Subscribers.Address",
            ),
        ),
    },
)

ANOMALY_MONITOR = TypeMap(
    "AWS::CE::AnomalyMonitor",
    {"name": "MonitorName", "monitor_type": "MonitorType", "monitor_dimension": "MonitorDimension"},
)

ANOMALY_SUBSCRIPTION = TypeMap(
    "AWS::CE::AnomalySubscription",
    {
        "name": "SubscriptionName",
        "frequency": "Frequency",
        "monitor_arn_list": "MonitorArnList",
        "subscriber": Nested("Subscribers", {"address": "Address", "type": "Type"}, many=True),
    },
)

SNS_TOPIC = TypeMap(
    "AWS::SNS::Topic",
    {"name": "TopicName", "kms_master_key_id": "KmsMasterKeyId", "fifo_topic": "FifoTopic", **TAGS},
)

SNS_TOPIC_POLICY = TypeMap(
    "AWS::SNS::TopicPolicy", {"arn": ("Topics", as_list), "policy": "PolicyDocument"}
)

SNS_SUBSCRIPTION = TypeMap(
    "AWS::SNS::Subscription",
    {"topic_arn": "TopicArn", "protocol": "Protocol", "endpoint": "Endpoint"},
)

_CHAT_CHANNEL: dict[str, Spec] = {
    "configuration_name": "ConfigurationName",
    "iam_role_arn": "IamRoleArn",
    "sns_topic_arns": "SnsTopicArns",
    "logging_level": "LoggingLevel",
    "guardrail_policy_arns": "GuardrailPolicies",
    "user_authorization_required": "UserRoleRequired",
    **TAGS,
}

SLACK_CHANNEL = TypeMap(
    "AWS::Chatbot::SlackChannelConfiguration",
    {**_CHAT_CHANNEL, "slack_channel_id": "SlackChannelId", "slack_team_id": "SlackWorkspaceId"},
)

TEAMS_CHANNEL = TypeMap(
    "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
    {
        **_CHAT_CHANNEL,
        "channel_id": "TeamsChannelId",
        "channel_name": "TeamsChannelName",
        "team_id": "TeamId",
        "tenant_id": "TeamsTenantId",
    },
)

SQS_QUEUE = TypeMap(
    "AWS::SQS::Queue",
    {
        "name": "QueueName",
        "kms_master_key_id": "KmsMasterKeyId",
        "sqs_managed_sse_enabled": "SqsManagedSseEnabled",
        "message_retention_seconds": "MessageRetentionPeriod",
        "visibility_timeout_seconds": "VisibilityTimeout",
        "redrive_policy": "RedrivePolicy",
        "fifo_queue": "FifoQueue",
        **TAGS,
    },
)

SQS_QUEUE_POLICY = TypeMap(
    "AWS::SQS::QueuePolicy", {"queue_url": ("Queues", as_list), "policy": "PolicyDocument"}
)


# ---------------------------------------------------------------------------------------------
# Databases and file systems

DB_INSTANCE_FIELDS: dict[str, Spec] = {
    "identifier": "DBInstanceIdentifier",
    "engine": "Engine",
    "engine_version": "EngineVersion",
    "instance_class": "DBInstanceClass",
    "publicly_accessible": "PubliclyAccessible",
    "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
    "db_subnet_group_name": "DBSubnetGroupName",
    "monitoring_interval": "MonitoringInterval",
    "monitoring_role_arn": "MonitoringRoleArn",
    "performance_insights_enabled": "EnablePerformanceInsights",
    "performance_insights_kms_key_id": "PerformanceInsightsKMSKeyId",
    "ca_cert_identifier": "CACertificateIdentifier",
    "cluster_identifier": "DBClusterIdentifier",
    "availability_zone": "AvailabilityZone",
    **TAGS,
}


def _db_instance_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    # A replica or a restored snapshot takes its encryption from its source; the provider's
    # `false` default applies only to a new, empty instance.
    copied = not unset(values.get("replicate_source_db")) or not unset(
        values.get("snapshot_identifier")
    )
    if copied and unset(values.get("storage_encrypted")):
        properties.pop("StorageEncrypted", None)


DB_INSTANCE = TypeMap(
    "AWS::RDS::DBInstance",
    {
        **DB_INSTANCE_FIELDS,
        "allocated_storage": "AllocatedStorage",
        "storage_type": "StorageType",
        "storage_encrypted": "StorageEncrypted",
        "kms_key_id": "KmsKeyId",
        "multi_az": "MultiAZ",
        "backup_retention_period": "BackupRetentionPeriod",
        "deletion_protection": "DeletionProtection",
        "iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
        "enabled_cloudwatch_logs_exports": "EnableCloudwatchLogsExports",
        "copy_tags_to_snapshot": "CopyTagsToSnapshot",
        "vpc_security_group_ids": "VPCSecurityGroups",
        "username": "MasterUsername",
        "manage_master_user_password": "ManageMasterUserPassword",
        "parameter_group_name": "DBParameterGroupName",
        "snapshot_identifier": "DBSnapshotIdentifier",
        "password": "MasterUserPassword",
        "replicate_source_db": "SourceDBInstanceIdentifier",
    },
    # The provider's defaults; RDS's own default for PubliclyAccessible depends on the subnets.
    defaults={
        "publicly_accessible": False,
        "storage_encrypted": False,
        "multi_az": False,
        "deletion_protection": False,
        "auto_minor_version_upgrade": True,
        "copy_tags_to_snapshot": False,
        "iam_database_authentication_enabled": False,
    },
    finish=_db_instance_finish,
)

DB_CLUSTER_INSTANCE = TypeMap(
    "AWS::RDS::DBInstance",
    DB_INSTANCE_FIELDS,
    defaults={"publicly_accessible": False, "auto_minor_version_upgrade": True},
)

DB_CLUSTER = TypeMap(
    "AWS::RDS::DBCluster",
    {
        "cluster_identifier": "DBClusterIdentifier",
        "engine": "Engine",
        "engine_version": "EngineVersion",
        "engine_mode": "EngineMode",
        "storage_encrypted": "StorageEncrypted",
        "kms_key_id": "KmsKeyId",
        "backup_retention_period": "BackupRetentionPeriod",
        "deletion_protection": "DeletionProtection",
        "iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
        "enabled_cloudwatch_logs_exports": "EnableCloudwatchLogsExports",
        "copy_tags_to_snapshot": "CopyTagsToSnapshot",
        "db_subnet_group_name": "DBSubnetGroupName",
        "vpc_security_group_ids": "VpcSecurityGroupIds",
        "master_username": "MasterUsername",
        "manage_master_user_password": "ManageMasterUserPassword",
        "publicly_accessible": "PubliclyAccessible",
        "master_password": "MasterUserPassword",
        "snapshot_identifier": "SnapshotIdentifier",
        **TAGS,
    },
    defaults={
        "deletion_protection": False,
        "copy_tags_to_snapshot": False,
        "backup_retention_period": 1,
    },
)

DB_SUBNET_GROUP = TypeMap(
    "AWS::RDS::DBSubnetGroup",
    {
        "name": "DBSubnetGroupName",
        "description": "DBSubnetGroupDescription",
        "subnet_ids": "SubnetIds",
        **TAGS,
    },
)


def _parameters(value: Any) -> Any:
    if isinstance(value, list):
        return {
            p.get("name"): p.get("value")
            for p in value
            if isinstance(p, dict) and isinstance(p.get("name"), str)
        }
    return value


DB_PARAMETER_GROUP = TypeMap(
    "AWS::RDS::DBParameterGroup",
    {
        "name": "DBParameterGroupName",
        "family": "Family",
        "description": "Description",
        "parameter": ("Parameters", _parameters),
    },
)

DB_CLUSTER_PARAMETER_GROUP = TypeMap(
    "AWS::RDS::DBClusterParameterGroup",
    {
        "name": "DBClusterParameterGroupName",
        "family": "Family",
        "description": "Description",
        "parameter": ("Parameters", _parameters),
    },
)


def _dynamodb_sse(value: Any) -> Any:
    block = first_block(value)
    result: dict[str, Any] = {"SSEEnabled": block.get("enabled")}
    if block.get("enabled") is True:
        result["SSEType"] = "KMS"
    if present(block.get("kms_key_arn")):
        result["KMSMasterKeyId"] = block["kms_key_arn"]
    return result


DYNAMODB_TABLE = TypeMap(
    "AWS::DynamoDB::Table",
    {
        "name": "TableName",
        "billing_mode": "BillingMode",
        "deletion_protection_enabled": "DeletionProtectionEnabled",
        "server_side_encryption": ("SSESpecification", _dynamodb_sse),
        "point_in_time_recovery": Nested(
            "PointInTimeRecoverySpecification", {"enabled": "PointInTimeRecoveryEnabled"}
        ),
        **TAGS,
    },
)

EFS_FILE_SYSTEM = TypeMap(
    "AWS::EFS::FileSystem",
    {
        "encrypted": "Encrypted",
        "kms_key_id": "KmsKeyId",
        "performance_mode": "PerformanceMode",
        "throughput_mode": "ThroughputMode",
        "availability_zone_name": "AvailabilityZoneName",
        "lifecycle_policy": Nested(
            "LifecyclePolicies",
            {
                "transition_to_ia": "TransitionToIA",
                "transition_to_primary_storage_class": "TransitionToPrimaryStorageClass",
            },
            many=True,
        ),
        **{
            "tags": (
                "FileSystemTags",
                lambda v: (
                    [{"Key": k, "Value": v[k]} for k in sorted(v)] if isinstance(v, dict) else v
                ),
            )
        },
    },
    defaults={"encrypted": False},
)

ELASTICACHE_REPLICATION_GROUP = TypeMap(
    "AWS::ElastiCache::ReplicationGroup",
    {
        "replication_group_id": "ReplicationGroupId",
        "description": "ReplicationGroupDescription",
        "engine": "Engine",
        "at_rest_encryption_enabled": "AtRestEncryptionEnabled",
        "transit_encryption_enabled": "TransitEncryptionEnabled",
        "auth_token": "AuthToken",
        "kms_key_id": "KmsKeyId",
        "automatic_failover_enabled": "AutomaticFailoverEnabled",
        "multi_az_enabled": "MultiAZEnabled",
        "snapshot_retention_limit": "SnapshotRetentionLimit",
        "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
        "security_group_ids": "SecurityGroupIds",
        "subnet_group_name": "CacheSubnetGroupName",
        **TAGS,
    },
    defaults={"at_rest_encryption_enabled": False},
)

ELASTICACHE_CLUSTER = TypeMap(
    "AWS::ElastiCache::CacheCluster",
    {
        "cluster_id": "ClusterName",
        "engine": "Engine",
        "node_type": "CacheNodeType",
        "num_cache_nodes": "NumCacheNodes",
        "snapshot_retention_limit": "SnapshotRetentionLimit",
        "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
        "transit_encryption_enabled": "TransitEncryptionEnabled",
        "security_group_ids": "VpcSecurityGroupIds",
        "subnet_group_name": "CacheSubnetGroupName",
        **TAGS,
    },
)

BACKUP_VAULT = TypeMap(
    "AWS::Backup::BackupVault", {"name": "BackupVaultName", "kms_key_arn": "EncryptionKeyArn"}
)

BACKUP_PLAN = TypeMap(
    "AWS::Backup::BackupPlan",
    {
        "name": "BackupPlan.BackupPlanName",
        "rule": Nested(
            "BackupPlan.BackupPlanRule",
            {
                "rule_name": "RuleName",
                "target_vault_name": "TargetBackupVault",
                "schedule": "ScheduleExpression",
                "enable_continuous_backup": "EnableContinuousBackup",
                "lifecycle": Nested(
                    "Lifecycle",
                    {
                        "delete_after": "DeleteAfterDays",
                        "cold_storage_after": "MoveToColdStorageAfterDays",
                    },
                ),
                "copy_action": Nested(
                    "CopyActions",
                    {
                        "destination_vault_arn": "DestinationBackupVaultArn",
                        "lifecycle": Nested(
                            "Lifecycle",
                            {
                                "delete_after": "DeleteAfterDays",
                                "cold_storage_after": "MoveToColdStorageAfterDays",
                            },
                        ),
                    },
                    many=True,
                ),
            },
            many=True,
        ),
    },
)

BACKUP_RESTORE_TESTING_PLAN = TypeMap(
    "AWS::Backup::RestoreTestingPlan",
    {
        "name": "RestoreTestingPlanName",
        "schedule_expression": "ScheduleExpression",
        "schedule_expression_timezone": "ScheduleExpressionTimezone",
        "start_window_hours": "StartWindowHours",
        "recovery_point_selection": Nested(
            "RecoveryPointSelection",
            {
                "algorithm": "Algorithm",
                "include_vaults": "IncludeVaults",
                "exclude_vaults": "ExcludeVaults",
                "recovery_point_types": "RecoveryPointTypes",
                "selection_window_days": "SelectionWindowDays",
            },
        ),
        **TAGS,
    },
)

BACKUP_RESTORE_TESTING_SELECTION = TypeMap(
    "AWS::Backup::RestoreTestingSelection",
    {
        "name": "RestoreTestingSelectionName",
        "restore_testing_plan_name": "RestoreTestingPlanName",
        "protected_resource_type": "ProtectedResourceType",
        "protected_resource_arns": "ProtectedResourceArns",
        "iam_role_arn": "IamRoleArn",
        "validation_window_hours": "ValidationWindowHours",
    },
)

_CONDITIONS = (
    ("string_equals", "StringEquals"),
    ("string_like", "StringLike"),
    ("string_not_equals", "StringNotEquals"),
    ("string_not_like", "StringNotLike"),
)


def _selection_conditions(value: Any) -> Any:
    block = first_block(value)
    conditions: dict[str, Any] = {}
    for source, target in _CONDITIONS:
        entries = [
            c if is_unknown(c) else {"ConditionKey": c.get("key"), "ConditionValue": c.get("value")}
            for c in blocks(block.get(source))
        ]
        if entries:
            conditions[target] = entries
    return conditions


BACKUP_SELECTION = TypeMap(
    "AWS::Backup::BackupSelection",
    {
        "plan_id": "BackupPlanId",
        "name": "BackupSelection.SelectionName",
        "iam_role_arn": "BackupSelection.IamRoleArn",
        "resources": "BackupSelection.Resources",
        "not_resources": "BackupSelection.NotResources",
        "condition": ("BackupSelection.Conditions", _selection_conditions),
        "selection_tag": Nested(
            "BackupSelection.ListOfTags",
            {"type": "ConditionType", "key": "ConditionKey", "value": "ConditionValue"},
            many=True,
        ),
    },
)


# ---------------------------------------------------------------------------------------------
# Compute services

LAMBDA_FUNCTION = TypeMap(
    "AWS::Lambda::Function",
    {
        "function_name": "FunctionName",
        "role": "Role",
        "runtime": "Runtime",
        "handler": "Handler",
        "kms_key_arn": "KmsKeyArn",
        "timeout": "Timeout",
        "memory_size": "MemorySize",
        "reserved_concurrent_executions": "ReservedConcurrentExecutions",
        "code_signing_config_arn": "CodeSigningConfigArn",
        "architectures": "Architectures",
        "package_type": "PackageType",
        "layers": "Layers",
        "image_uri": "Code.ImageUri",
        "vpc_config": Nested(
            "VpcConfig", {"subnet_ids": "SubnetIds", "security_group_ids": "SecurityGroupIds"}
        ),
        "tracing_config": Nested("TracingConfig", {"mode": "Mode"}),
        "environment": Nested("Environment", {"variables": "Variables"}),
        "dead_letter_config": Nested("DeadLetterConfig", {"target_arn": "TargetArn"}),
        **TAGS,
    },
)

LAMBDA_PERMISSION = TypeMap(
    "AWS::Lambda::Permission",
    {
        "function_name": "FunctionName",
        "action": "Action",
        "principal": "Principal",
        "source_arn": "SourceArn",
        "source_account": "SourceAccount",
        "principal_org_id": "PrincipalOrgID",
        "function_url_auth_type": "FunctionUrlAuthType",
    },
)

LAMBDA_URL = TypeMap(
    "AWS::Lambda::Url", {"function_name": "TargetFunctionArn", "authorization_type": "AuthType"}
)

ECR_REPOSITORY = TypeMap(
    "AWS::ECR::Repository",
    {
        "name": "RepositoryName",
        "image_tag_mutability": "ImageTagMutability",
        "image_scanning_configuration": Nested(
            "ImageScanningConfiguration", {"scan_on_push": "ScanOnPush"}
        ),
        "encryption_configuration": Nested(
            "EncryptionConfiguration", {"encryption_type": "EncryptionType", "kms_key": "KmsKey"}
        ),
        **TAGS,
    },
    defaults={"image_tag_mutability": "MUTABLE"},
)


def _eks_logging(value: Any) -> Any:
    if isinstance(value, list):
        return {"ClusterLogging": {"EnabledTypes": [{"Type": t} for t in value]}}
    return value


EKS_CLUSTER = TypeMap(
    "AWS::EKS::Cluster",
    {
        "name": "Name",
        "role_arn": "RoleArn",
        "version": "Version",
        "vpc_config": Nested(
            "ResourcesVpcConfig",
            {
                "subnet_ids": "SubnetIds",
                "security_group_ids": "SecurityGroupIds",
                "endpoint_public_access": "EndpointPublicAccess",
                "endpoint_private_access": "EndpointPrivateAccess",
                "public_access_cidrs": "PublicAccessCidrs",
            },
            defaults={"endpoint_public_access": True, "endpoint_private_access": False},
        ),
        "encryption_config": Nested(
            "EncryptionConfig",
            {"resources": "Resources", "provider": Nested("Provider", {"key_arn": "KeyArn"})},
            many=True,
        ),
        "enabled_cluster_log_types": ("Logging", _eks_logging),
        "access_config": Nested("AccessConfig", {"authentication_mode": "AuthenticationMode"}),
        **{"tags": ("Tags", tags)},
    },
)

EKS_NODE_GROUP = TypeMap(
    "AWS::EKS::Nodegroup",
    {
        "cluster_name": "ClusterName",
        "node_group_name": "NodegroupName",
        "node_role_arn": "NodeRole",
        "subnet_ids": "Subnets",
        "ami_type": "AmiType",
        "instance_types": "InstanceTypes",
        "remote_access": Nested(
            "RemoteAccess",
            {"ec2_ssh_key": "Ec2SshKey", "source_security_group_ids": "SourceSecurityGroups"},
        ),
        "launch_template": Nested(
            "LaunchTemplate", {"id": "Id", "name": "Name", "version": "Version"}
        ),
        "scaling_config": Nested(
            "ScalingConfig",
            {"min_size": "MinSize", "max_size": "MaxSize", "desired_size": "DesiredSize"},
        ),
    },
)

ECS_CLUSTER = TypeMap(
    "AWS::ECS::Cluster",
    {
        "name": "ClusterName",
        "setting": Nested("ClusterSettings", {"name": "Name", "value": "Value"}, many=True),
        **TAGS,
    },
)


def _container_definitions(value: Any) -> Any:
    import json

    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return value
    return camel_to_pascal(value)


ECS_TASK_DEFINITION = TypeMap(
    "AWS::ECS::TaskDefinition",
    {
        "family": "Family",
        "network_mode": "NetworkMode",
        "requires_compatibilities": "RequiresCompatibilities",
        "cpu": "Cpu",
        "memory": "Memory",
        "execution_role_arn": "ExecutionRoleArn",
        "task_role_arn": "TaskRoleArn",
        "pid_mode": "PidMode",
        "ipc_mode": "IpcMode",
        "container_definitions": ("ContainerDefinitions", _container_definitions),
        "runtime_platform": Nested(
            "RuntimePlatform",
            {
                "operating_system_family": "OperatingSystemFamily",
                "cpu_architecture": "CpuArchitecture",
            },
        ),
        **TAGS,
    },
)


def _assign_public_ip(value: Any) -> Any:
    return "ENABLED" if value is True else "DISABLED" if value is False else value


ECS_SERVICE = TypeMap(
    "AWS::ECS::Service",
    {
        "name": "ServiceName",
        "cluster": "Cluster",
        "task_definition": "TaskDefinition",
        "launch_type": "LaunchType",
        "platform_version": "PlatformVersion",
        "desired_count": "DesiredCount",
        "deployment_controller": Nested("DeploymentController", {"type": "Type"}),
        "network_configuration": Nested(
            "NetworkConfiguration.AwsvpcConfiguration",
            {
                "subnets": "Subnets",
                "security_groups": "SecurityGroups",
                "assign_public_ip": ("AssignPublicIp", _assign_public_ip),
            },
            defaults={"assign_public_ip": False},
        ),
        "deployment_circuit_breaker": Nested(
            "DeploymentConfiguration.DeploymentCircuitBreaker",
            {"enable": "Enable", "rollback": "Rollback"},
        ),
        "alarms": Nested(
            "DeploymentConfiguration.Alarms",
            {"alarm_names": "AlarmNames", "enable": "Enable", "rollback": "Rollback"},
        ),
        **TAGS,
    },
)


# ---------------------------------------------------------------------------------------------
# Load balancers, CDN, APIs, WAF


def _lb_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    attributes: list[dict[str, Any]] = []

    def add(key: str, value: Any) -> None:
        if not unset(value):
            attributes.append(
                {"Key": key, "Value": value if is_unknown(value) else text_bool(value)}
            )

    add("routing.http.drop_invalid_header_fields.enabled", values.get("drop_invalid_header_fields"))
    add("deletion_protection.enabled", values.get("enable_deletion_protection"))
    add("routing.http.desync_mitigation_mode", values.get("desync_mitigation_mode"))
    add("idle_timeout.timeout_seconds", values.get("idle_timeout"))
    logs = first_block(values.get("access_logs"))
    if isinstance(logs, dict) and logs:
        add("access_logs.s3.enabled", logs.get("enabled", True if logs.get("bucket") else None))
        add("access_logs.s3.bucket", logs.get("bucket"))
        add("access_logs.s3.prefix", logs.get("prefix"))
    if attributes:
        properties["LoadBalancerAttributes"] = attributes
    internal = values.get("internal")
    properties["Scheme"] = (
        internal if is_unknown(internal) else "internal" if internal is True else "internet-facing"
    )


LOAD_BALANCER = TypeMap(
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    {
        "name": "Name",
        "load_balancer_type": "Type",
        "security_groups": "SecurityGroups",
        "subnets": "Subnets",
        "ip_address_type": "IpAddressType",
        **TAGS,
    },
    defaults={"load_balancer_type": "application"},
    finish=_lb_finish,
    finish_paths=("LoadBalancerAttributes.Key", "LoadBalancerAttributes.Value", "Scheme"),
)

LISTENER_ACTION: dict[str, Spec] = {
    "type": "Type",
    "target_group_arn": "TargetGroupArn",
    "redirect": Nested(
        "RedirectConfig",
        {"protocol": "Protocol", "port": "Port", "status_code": "StatusCode", "host": "Host"},
    ),
}

LISTENER = TypeMap(
    "AWS::ElasticLoadBalancingV2::Listener",
    {
        "load_balancer_arn": "LoadBalancerArn",
        "port": "Port",
        "protocol": "Protocol",
        "ssl_policy": "SslPolicy",
        "certificate_arn": ("Certificates", lambda v: [{"CertificateArn": v}]),
        "default_action": Nested("DefaultActions", LISTENER_ACTION, many=True),
    },
)

TARGET_GROUP = TypeMap(
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    {
        "name": "Name",
        "port": "Port",
        "protocol": "Protocol",
        "vpc_id": "VpcId",
        "target_type": "TargetType",
        **TAGS,
    },
)

CLASSIC_LOAD_BALANCER = TypeMap(
    "AWS::ElasticLoadBalancing::LoadBalancer",
    {
        "name": "LoadBalancerName",
        "internal": ("Scheme", lambda v: "internal" if v is True else "internet-facing"),
        "security_groups": "SecurityGroups",
        "subnets": "Subnets",
        "cross_zone_load_balancing": "CrossZone",
        "listener": Nested(
            "Listeners",
            {
                "instance_port": "InstancePort",
                "instance_protocol": "InstanceProtocol",
                "lb_port": "LoadBalancerPort",
                "lb_protocol": "Protocol",
                "ssl_certificate_id": "SSLCertificateId",
            },
            many=True,
        ),
        "access_logs": Nested(
            "AccessLoggingPolicy",
            {
                "bucket": "S3BucketName",
                "bucket_prefix": "S3BucketPrefix",
                "enabled": "Enabled",
                "interval": "EmitInterval",
            },
            defaults={"enabled": True},
        ),
        "connection_draining": ("ConnectionDrainingPolicy.Enabled", lambda v: v),
        **TAGS,
    },
)

CLOUDFRONT_DISTRIBUTION = TypeMap(
    "AWS::CloudFront::Distribution",
    {
        "enabled": "DistributionConfig.Enabled",
        "web_acl_id": "DistributionConfig.WebACLId",
        "default_root_object": "DistributionConfig.DefaultRootObject",
        "http_version": "DistributionConfig.HttpVersion",
        "price_class": "DistributionConfig.PriceClass",
        "aliases": "DistributionConfig.Aliases",
        "viewer_certificate": Nested(
            "DistributionConfig.ViewerCertificate",
            {
                "minimum_protocol_version": "MinimumProtocolVersion",
                "acm_certificate_arn": "AcmCertificateArn",
                "iam_certificate_id": "IamCertificateId",
                "cloudfront_default_certificate": "CloudFrontDefaultCertificate",
                "ssl_support_method": "SslSupportMethod",
            },
        ),
        "default_cache_behavior": Nested(
            "DistributionConfig.DefaultCacheBehavior",
            {
                "viewer_protocol_policy": "ViewerProtocolPolicy",
                "target_origin_id": "TargetOriginId",
                "field_level_encryption_id": "FieldLevelEncryptionId",
            },
        ),
        "ordered_cache_behavior": Nested(
            "DistributionConfig.CacheBehaviors",
            {
                "path_pattern": "PathPattern",
                "viewer_protocol_policy": "ViewerProtocolPolicy",
                "target_origin_id": "TargetOriginId",
                "field_level_encryption_id": "FieldLevelEncryptionId",
            },
            many=True,
        ),
        "logging_config": Nested(
            "DistributionConfig.Logging",
            {"bucket": "Bucket", "prefix": "Prefix", "include_cookies": "IncludeCookies"},
        ),
        "origin": Nested(
            "DistributionConfig.Origins",
            {
                "origin_id": "Id",
                "domain_name": "DomainName",
                "origin_access_control_id": "OriginAccessControlId",
                "s3_origin_config": Nested(
                    "S3OriginConfig", {"origin_access_identity": "OriginAccessIdentity"}
                ),
                "custom_origin_config": Nested(
                    "CustomOriginConfig",
                    {
                        "origin_protocol_policy": "OriginProtocolPolicy",
                        "origin_ssl_protocols": "OriginSSLProtocols",
                        "http_port": "HTTPPort",
                        "https_port": "HTTPSPort",
                    },
                ),
            },
            many=True,
        ),
        "restrictions": Nested(
            "DistributionConfig.Restrictions",
            {
                "geo_restriction": Nested(
                    "GeoRestriction",
                    {"restriction_type": "RestrictionType", "locations": "Locations"},
                )
            },
        ),
        **TAGS,
    },
)

REST_API = TypeMap(
    "AWS::ApiGateway::RestApi",
    {
        "name": "Name",
        "description": "Description",
        "policy": "Policy",
        "endpoint_configuration": Nested("EndpointConfiguration", {"types": "Types"}),
        **TAGS,
    },
)

API_STAGE = TypeMap(
    "AWS::ApiGateway::Stage",
    {
        "stage_name": "StageName",
        "rest_api_id": "RestApiId",
        "deployment_id": "DeploymentId",
        "xray_tracing_enabled": "TracingEnabled",
        "client_certificate_id": "ClientCertificateId",
        "cache_cluster_enabled": "CacheClusterEnabled",
        "access_log_settings": Nested(
            "AccessLogSetting", {"destination_arn": "DestinationArn", "format": "Format"}
        ),
        **TAGS,
    },
)

API_METHOD = TypeMap(
    "AWS::ApiGateway::Method",
    {
        "rest_api_id": "RestApiId",
        "resource_id": "ResourceId",
        "http_method": "HttpMethod",
        "authorization": "AuthorizationType",
        "authorizer_id": "AuthorizerId",
        "api_key_required": "ApiKeyRequired",
    },
)

API_DOMAIN = TypeMap(
    "AWS::ApiGateway::DomainName",
    {
        "domain_name": "DomainName",
        "security_policy": "SecurityPolicy",
        "certificate_arn": "CertificateArn",
    },
)

HTTP_API = TypeMap(
    "AWS::ApiGatewayV2::Api",
    {"name": "Name", "protocol_type": "ProtocolType", "description": "Description"},
)

HTTP_API_STAGE = TypeMap(
    "AWS::ApiGatewayV2::Stage",
    {
        "api_id": "ApiId",
        "name": "StageName",
        "auto_deploy": "AutoDeploy",
        "access_log_settings": Nested(
            "AccessLogSettings", {"destination_arn": "DestinationArn", "format": "Format"}
        ),
    },
)

_WAF_LISTS = frozenset(
    {
        "rule",
        "statements",
        "excluded_rule",
        "rule_action_override",
        "text_transformation",
        "custom_key",
    }
)


def _waf_rules(value: Any) -> Any:
    if is_unknown(value):
        return value
    return [pascal_tree(rule, _WAF_LISTS) for rule in blocks(value)]


def _waf_action(value: Any) -> Any:
    return pascal_tree(first_block(value), _WAF_LISTS) if not is_unknown(value) else value


WAF_WEB_ACL = TypeMap(
    "AWS::WAFv2::WebACL",
    {
        "name": "Name",
        "scope": "Scope",
        "description": "Description",
        "default_action": ("DefaultAction", _waf_action),
        "rule": ("Rules", _waf_rules),
        **TAGS,
    },
)

WAF_ASSOCIATION = TypeMap(
    "AWS::WAFv2::WebACLAssociation", {"resource_arn": "ResourceArn", "web_acl_arn": "WebACLArn"}
)

WAF_LOGGING = TypeMap(
    "AWS::WAFv2::LoggingConfiguration",
    {"resource_arn": "ResourceArn", "log_destination_configs": "LogDestinationConfigs"},
)

SHIELD_PROTECTION = TypeMap(
    "AWS::Shield::Protection", {"name": "Name", "resource_arn": "ResourceArn", **TAGS}
)


# ---------------------------------------------------------------------------------------------
# Detection and governance services

GUARDDUTY_DETECTOR = TypeMap(
    "AWS::GuardDuty::Detector",
    {
        "enable": "Enable",
        "finding_publishing_frequency": "FindingPublishingFrequency",
        "datasources": Nested(
            "DataSources",
            {
                "s3_logs": Nested("S3Logs", {"enable": "Enable"}),
                "kubernetes": Nested(
                    "Kubernetes", {"audit_logs": Nested("AuditLogs", {"enable": "Enable"})}
                ),
                "malware_protection": Nested(
                    "MalwareProtection",
                    {
                        "scan_ec2_instance_with_findings": Nested(
                            "ScanEc2InstanceWithFindings",
                            {
                                "ebs_volumes": (
                                    "EbsVolumes",
                                    lambda v: first_block(v).get("enable", v),
                                )
                            },
                        )
                    },
                ),
            },
        ),
        **TAGS,
    },
    defaults={"enable": True},
)

THREAT_INTEL_SET = TypeMap(
    "AWS::GuardDuty::ThreatIntelSet",
    {
        "name": "Name",
        "activate": "Activate",
        "detector_id": "DetectorId",
        "format": "Format",
        "location": "Location",
        **TAGS,
    },
)

SECURITYHUB_ACCOUNT = TypeMap(
    "AWS::SecurityHub::Hub",
    {
        "enable_default_standards": "EnableDefaultStandards",
        "auto_enable_controls": "AutoEnableControls",
        "control_finding_generator": "ControlFindingGenerator",
    },
    defaults={"enable_default_standards": True, "auto_enable_controls": True},
)

SECURITYHUB_STANDARD = TypeMap("AWS::SecurityHub::Standard", {"standards_arn": "StandardsArn"})

SECURITYHUB_ADMIN = TypeMap(
    "AWS::SecurityHub::DelegatedAdmin", {"admin_account_id": "AdminAccountId"}
)

SECURITYHUB_AGGREGATOR = TypeMap(
    "AWS::SecurityHub::FindingAggregator",
    {"linking_mode": "RegionLinkingMode", "specified_regions": "Regions"},
)

SECURITYHUB_INSIGHT = TypeMap(
    "AWS::SecurityHub::Insight", {"name": "Name", "group_by_attribute": "GroupByAttribute"}
)

SECURITYHUB_AUTOMATION_RULE = TypeMap(
    "AWS::SecurityHub::AutomationRule",
    {
        "rule_name": "RuleName",
        "rule_order": "RuleOrder",
        "rule_status": "RuleStatus",
        "description": "Description",
        "is_terminal": "IsTerminal",
        "actions": Nested("Actions", {"type": "Type"}, many=True),
        **TAGS,
    },
    # The provider's default; CloudFormation leaves a rule enabled when RuleStatus is absent.
    defaults={"rule_status": "ENABLED"},
)

# Terraform creates a recorder stopped (CloudFormation starts it): it records only once an
# `aws_config_configuration_recorder_status` starts it, which folds `Recording` in.
CONFIG_RECORDER = TypeMap(
    "AWS::Config::ConfigurationRecorder",
    {
        "name": "Name",
        "role_arn": "RoleARN",
        "recording_group": Nested(
            "RecordingGroup",
            {
                "all_supported": "AllSupported",
                "include_global_resource_types": "IncludeGlobalResourceTypes",
                "resource_types": "ResourceTypes",
                "exclusion_by_resource_types": Nested(
                    "ExclusionByResourceTypes", {"resource_types": "ResourceTypes"}
                ),
                "recording_strategy": Nested("RecordingStrategy", {"use_only": "UseOnly"}),
            },
            defaults={"all_supported": True},
        ),
    },
    finish=lambda values, properties: properties.setdefault("Recording", False),
    finish_paths=("Recording",),
)

CONFIG_DELIVERY_CHANNEL = TypeMap(
    "AWS::Config::DeliveryChannel",
    {
        "name": "Name",
        "s3_bucket_name": "S3BucketName",
        "s3_key_prefix": "S3KeyPrefix",
        "sns_topic_arn": "SnsTopicARN",
    },
)

CONFIG_RULE = TypeMap(
    "AWS::Config::ConfigRule",
    {
        "name": "ConfigRuleName",
        "description": "Description",
        "input_parameters": "InputParameters",
        "maximum_execution_frequency": "MaximumExecutionFrequency",
        "source": Nested("Source", {"owner": "Owner", "source_identifier": "SourceIdentifier"}),
        "scope": Nested(
            "Scope",
            {
                "compliance_resource_types": "ComplianceResourceTypes",
                "tag_key": "TagKey",
                "tag_value": "TagValue",
            },
        ),
    },
)

CONFIG_REMEDIATION = TypeMap(
    "AWS::Config::RemediationConfiguration",
    {
        "config_rule_name": "ConfigRuleName",
        "target_type": "TargetType",
        "target_id": "TargetId",
        "target_version": "TargetVersion",
        "automatic": "Automatic",
        "maximum_automatic_attempts": "MaximumAutomaticAttempts",
        "retry_attempt_seconds": "RetryAttemptSeconds",
        "resource_type": "ResourceType",
        "execution_controls": Nested(
            "ExecutionControls",
            {
                "ssm_controls": Nested(
                    "SsmControls",
                    {
                        "concurrent_execution_rate_percentage": "ConcurrentExecutionRatePercentage",
                        "error_percentage": "ErrorPercentage",
                    },
                )
            },
        ),
    },
    defaults={"automatic": False},
)

CONFIG_AGGREGATOR = TypeMap(
    "AWS::Config::ConfigurationAggregator",
    {
        "name": "ConfigurationAggregatorName",
        "organization_aggregation_source": Nested(
            "OrganizationAggregationSource",
            {"all_regions": "AllAwsRegions", "regions": "AwsRegions", "role_arn": "RoleArn"},
        ),
        "account_aggregation_source": Nested(
            "AccountAggregationSources",
            {"account_ids": "AccountIds", "all_regions": "AllAwsRegions", "regions": "AwsRegions"},
            many=True,
        ),
        **TAGS,
    },
)

CONFORMANCE_PACK = TypeMap(
    "AWS::Config::ConformancePack",
    {
        "name": "ConformancePackName",
        "template_body": "TemplateBody",
        "template_s3_uri": "TemplateS3Uri",
    },
)

ORG_CONFORMANCE_PACK = TypeMap(
    "AWS::Config::OrganizationConformancePack",
    {
        "name": "OrganizationConformancePackName",
        "template_body": "TemplateBody",
        "template_s3_uri": "TemplateS3Uri",
    },
)

ORG_MANAGED_RULE = TypeMap(
    "AWS::Config::OrganizationConfigRule",
    {
        "name": "OrganizationConfigRuleName",
        "rule_identifier": "OrganizationManagedRuleMetadata.RuleIdentifier",
        "input_parameters": "OrganizationManagedRuleMetadata.InputParameters",
    },
)

MACIE_ACCOUNT = TypeMap(
    "AWS::Macie::Session",
    {"status": "Status", "finding_publishing_frequency": "FindingPublishingFrequency"},
    defaults={"status": "ENABLED"},
)

DETECTIVE_GRAPH = TypeMap("AWS::Detective::Graph", {**TAGS})

DETECTIVE_ADMIN = TypeMap("AWS::Detective::OrganizationAdmin", {"account_id": "AccountId"})

ORGANIZATION = TypeMap(
    "AWS::Organizations::Organization",
    {"feature_set": "FeatureSet"},
    defaults={"feature_set": "ALL"},
)

RESOLVER_QUERY_LOG_CONFIG = TypeMap(
    "AWS::Route53Resolver::ResolverQueryLoggingConfig",
    {"name": "Name", "destination_arn": "DestinationArn"},
)

RESOLVER_QUERY_LOG_ASSOCIATION = TypeMap(
    "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
    {"resolver_query_log_config_id": "ResolverQueryLogConfigId", "resource_id": "ResourceId"},
)

RESOLVER_FIREWALL_RULE_GROUP = TypeMap(
    "AWS::Route53Resolver::FirewallRuleGroup", {"name": "Name", **TAGS}
)

RESOLVER_FIREWALL_ASSOCIATION = TypeMap(
    "AWS::Route53Resolver::FirewallRuleGroupAssociation",
    {
        "name": "Name",
        "firewall_rule_group_id": "FirewallRuleGroupId",
        "vpc_id": "VpcId",
        "priority": "Priority",
        "mutation_protection": "MutationProtection",
    },
)

RESOLVER_DOMAIN_LIST = TypeMap(
    "AWS::Route53Resolver::FirewallDomainList", {"name": "Name", "domains": "Domains"}
)

RESOLVER_DNSSEC = TypeMap(
    "AWS::Route53Resolver::ResolverDNSSECConfig", {"resource_id": "ResourceId"}
)

HOSTED_ZONE = TypeMap(
    "AWS::Route53::HostedZone",
    {
        "name": "Name",
        "vpc": Nested("VPCs", {"vpc_id": "VPCId", "vpc_region": "VPCRegion"}, many=True),
    },
)

RECORD_SET = TypeMap(
    "AWS::Route53::RecordSet",
    {
        "zone_id": "HostedZoneId",
        "name": "Name",
        "type": "Type",
        "ttl": "TTL",
        "records": "ResourceRecords",
        "alias": Nested(
            "AliasTarget",
            {
                "name": "DNSName",
                "zone_id": "HostedZoneId",
                "evaluate_target_health": "EvaluateTargetHealth",
            },
        ),
    },
)

ZONE_DNSSEC = TypeMap("AWS::Route53::DNSSEC", {"hosted_zone_id": "HostedZoneId"})

KEY_SIGNING_KEY = TypeMap(
    "AWS::Route53::KeySigningKey",
    {
        "hosted_zone_id": "HostedZoneId",
        "key_management_service_arn": "KeyManagementServiceArn",
        "name": "Name",
        "status": "Status",
    },
)

NETWORK_FIREWALL = TypeMap(
    "AWS::NetworkFirewall::Firewall",
    {
        "name": "FirewallName",
        "firewall_policy_arn": "FirewallPolicyArn",
        "vpc_id": "VpcId",
        "delete_protection": "DeleteProtection",
        "subnet_mapping": Nested("SubnetMappings", {"subnet_id": "SubnetId"}, many=True),
        **TAGS,
    },
)

NETWORK_FIREWALL_POLICY = TypeMap(
    "AWS::NetworkFirewall::FirewallPolicy",
    {
        "name": "FirewallPolicyName",
        "firewall_policy": Nested(
            "FirewallPolicy",
            {
                "stateless_default_actions": "StatelessDefaultActions",
                "stateless_fragment_default_actions": "StatelessFragmentDefaultActions",
                "stateful_default_actions": "StatefulDefaultActions",
                "stateful_rule_group_reference": Nested(
                    "StatefulRuleGroupReferences",
                    {"resource_arn": "ResourceArn", "priority": "Priority"},
                    many=True,
                ),
                "stateless_rule_group_reference": Nested(
                    "StatelessRuleGroupReferences",
                    {"resource_arn": "ResourceArn", "priority": "Priority"},
                    many=True,
                ),
            },
        ),
        **TAGS,
    },
)

NETWORK_FIREWALL_RULE_GROUP = TypeMap(
    "AWS::NetworkFirewall::RuleGroup",
    {
        "name": "RuleGroupName",
        "type": "Type",
        "capacity": "Capacity",
        "rule_group": Nested(
            "RuleGroup",
            {
                "rules_source": Nested(
                    "RulesSource",
                    {
                        "rules_string": "RulesString",
                        "rules_source_list": Nested(
                            "RulesSourceList",
                            {
                                "generated_rules_type": "GeneratedRulesType",
                                "target_types": "TargetTypes",
                                "targets": "Targets",
                            },
                        ),
                    },
                )
            },
        ),
        **TAGS,
    },
)

NETWORK_FIREWALL_LOGGING = TypeMap(
    "AWS::NetworkFirewall::LoggingConfiguration", {"firewall_arn": "FirewallArn"}
)

VPC_BLOCK_PUBLIC_ACCESS = TypeMap(
    "AWS::EC2::VPCBlockPublicAccessOptions",
    {"internet_gateway_block_mode": "InternetGatewayBlockMode"},
)

IMAGE_PIPELINE = TypeMap(
    "AWS::ImageBuilder::ImagePipeline",
    {
        "name": "Name",
        "status": "Status",
        "image_recipe_arn": "ImageRecipeArn",
        "infrastructure_configuration_arn": "InfrastructureConfigurationArn",
        "distribution_configuration_arn": "DistributionConfigurationArn",
        "enhanced_image_metadata_enabled": "EnhancedImageMetadataEnabled",
        "schedule": Nested(
            "Schedule",
            {
                "schedule_expression": "ScheduleExpression",
                "pipeline_execution_start_condition": "PipelineExecutionStartCondition",
            },
        ),
        "image_tests_configuration": Nested(
            "ImageTestsConfiguration",
            {"image_tests_enabled": "ImageTestsEnabled", "timeout_minutes": "TimeoutMinutes"},
        ),
        "image_scanning_configuration": Nested(
            "ImageScanningConfiguration", {"image_scanning_enabled": "ImageScanningEnabled"}
        ),
        **{"tags": "Tags"},
    },
)

IMAGE_RECIPE = TypeMap(
    "AWS::ImageBuilder::ImageRecipe",
    {
        "name": "Name",
        "version": "Version",
        "parent_image": "ParentImage",
        "component": Nested("Components", {"component_arn": "ComponentArn"}, many=True),
        "block_device_mapping": Nested(
            "BlockDeviceMappings",
            {
                "device_name": "DeviceName",
                "ebs": Nested("Ebs", {"encrypted": "Encrypted", "kms_key_id": "KmsKeyId"}),
            },
            many=True,
        ),
    },
)

IMAGE_INFRASTRUCTURE = TypeMap(
    "AWS::ImageBuilder::InfrastructureConfiguration",
    {
        "name": "Name",
        "instance_profile_name": "InstanceProfileName",
        "subnet_id": "SubnetId",
        "security_group_ids": "SecurityGroupIds",
        "terminate_instance_on_failure": "TerminateInstanceOnFailure",
        "instance_metadata_options": Nested(
            "InstanceMetadataOptions",
            {"http_tokens": "HttpTokens", "http_put_response_hop_limit": "HttpPutResponseHopLimit"},
        ),
    },
)


def _opensearch(cfn_type: str) -> TypeMap:
    return TypeMap(
        cfn_type,
        {
            "domain_name": "DomainName",
            "encrypt_at_rest": Nested(
                "EncryptionAtRestOptions", {"enabled": "Enabled", "kms_key_id": "KmsKeyId"}
            ),
            "node_to_node_encryption": Nested(
                "NodeToNodeEncryptionOptions", {"enabled": "Enabled"}
            ),
            "domain_endpoint_options": Nested(
                "DomainEndpointOptions",
                {"enforce_https": "EnforceHTTPS", "tls_security_policy": "TLSSecurityPolicy"},
            ),
            "vpc_options": Nested(
                "VPCOptions", {"subnet_ids": "SubnetIds", "security_group_ids": "SecurityGroupIds"}
            ),
            "access_policies": "AccessPolicies",
            **TAGS,
        },
    )


REDSHIFT_CLUSTER = TypeMap(
    "AWS::Redshift::Cluster",
    {
        "cluster_identifier": "ClusterIdentifier",
        "node_type": "NodeType",
        "encrypted": "Encrypted",
        "kms_key_id": "KmsKeyId",
        "publicly_accessible": "PubliclyAccessible",
        "enhanced_vpc_routing": "EnhancedVpcRouting",
        "automated_snapshot_retention_period": "AutomatedSnapshotRetentionPeriod",
        "master_username": "MasterUsername",
        "cluster_subnet_group_name": "ClusterSubnetGroupName",
        "vpc_security_group_ids": "VpcSecurityGroupIds",
        "logging": Nested(
            "LoggingProperties", {"bucket_name": "BucketName", "s3_key_prefix": "S3KeyPrefix"}
        ),
        **TAGS,
    },
)


def _kinesis_finish(values: dict[str, Any], properties: dict[str, Any]) -> None:
    # "NONE" is Terraform's way of saying no encryption; CloudFormation leaves it out.
    encryption = properties.get("StreamEncryption")
    if isinstance(encryption, dict) and _is(encryption.get("EncryptionType"), "NONE"):
        del properties["StreamEncryption"]


KINESIS_STREAM = TypeMap(
    "AWS::Kinesis::Stream",
    {
        "name": "Name",
        "retention_period": "RetentionPeriodHours",
        "encryption_type": "StreamEncryption.EncryptionType",
        "kms_key_id": "StreamEncryption.KeyId",
        **TAGS,
    },
    finish=_kinesis_finish,
)

SAGEMAKER_NOTEBOOK = TypeMap(
    "AWS::SageMaker::NotebookInstance",
    {
        "name": "NotebookInstanceName",
        "instance_type": "InstanceType",
        "role_arn": "RoleArn",
        "kms_key_id": "KmsKeyId",
        "subnet_id": "SubnetId",
        "security_groups": "SecurityGroupIds",
        "direct_internet_access": "DirectInternetAccess",
        "root_access": "RootAccess",
        **TAGS,
    },
    defaults={"direct_internet_access": "Enabled", "root_access": "Enabled"},
)

EIP = TypeMap("AWS::EC2::EIP", {"instance": "InstanceId", "domain": "Domain", **TAGS})

INTERNET_GATEWAY = TypeMap("AWS::EC2::InternetGateway", {**TAGS})

NAT_GATEWAY = TypeMap(
    "AWS::EC2::NatGateway",
    {
        "subnet_id": "SubnetId",
        "allocation_id": "AllocationId",
        "connectivity_type": "ConnectivityType",
        **TAGS,
    },
)

ROUTE_TABLE_ASSOCIATION = TypeMap(
    "AWS::EC2::SubnetRouteTableAssociation",
    {"subnet_id": "SubnetId", "route_table_id": "RouteTableId"},
)

PEERING = TypeMap(
    "AWS::EC2::VPCPeeringConnection",
    {
        "vpc_id": "VpcId",
        "peer_vpc_id": "PeerVpcId",
        "peer_owner_id": "PeerOwnerId",
        "peer_region": "PeerRegion",
        **TAGS,
    },
)

NETWORK_INTERFACE = TypeMap(
    "AWS::EC2::NetworkInterface",
    {"subnet_id": "SubnetId", "security_groups": "GroupSet", "description": "Description", **TAGS},
)

S3_BUCKET_POLICY = TypeMap(
    "AWS::S3::BucketPolicy", {"bucket": "Bucket", "policy": "PolicyDocument"}
)

S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = TypeMap(
    "AWS::S3::AccountPublicAccessBlock",
    {
        "block_public_acls": "BlockPublicAcls",
        "block_public_policy": "BlockPublicPolicy",
        "ignore_public_acls": "IgnorePublicAcls",
        "restrict_public_buckets": "RestrictPublicBuckets",
    },
    defaults={
        "block_public_acls": False,
        "block_public_policy": False,
        "ignore_public_acls": False,
        "restrict_public_buckets": False,
    },
)

SNAPSHOT_BLOCK_PUBLIC_ACCESS = TypeMap("AWS::EC2::SnapshotBlockPublicAccess", {"state": "State"})


# ---------------------------------------------------------------------------------------------
# Gateways, addresses and data stores that controls look for through the graph

GATEWAY_ATTACHMENT = TypeMap(
    "AWS::EC2::VPCGatewayAttachment",
    {
        "vpc_id": "VpcId",
        "internet_gateway_id": "InternetGatewayId",
        "vpn_gateway_id": "VpnGatewayId",
    },
)

EIP_ASSOCIATION = TypeMap(
    "AWS::EC2::EIPAssociation",
    {
        "allocation_id": "AllocationId",
        "instance_id": "InstanceId",
        "network_interface_id": "NetworkInterfaceId",
        "public_ip": "EIP",
        "private_ip_address": "PrivateIpAddress",
    },
)

ECR_REGISTRY_SCANNING = TypeMap(
    "AWS::ECR::RegistryScanningConfiguration",
    {
        "scan_type": "ScanType",
        "rule": Nested(
            "Rules",
            {
                "scan_frequency": "ScanFrequency",
                "repository_filter": Nested(
                    "RepositoryFilters",
                    {"filter": "Filter", "filter_type": "FilterType"},
                    many=True,
                ),
            },
            many=True,
        ),
    },
)

EFS_ACCESS_POINT = TypeMap(
    "AWS::EFS::AccessPoint",
    {
        "file_system_id": "FileSystemId",
        "posix_user": Nested(
            "PosixUser", {"uid": "Uid", "gid": "Gid", "secondary_gids": "SecondaryGids"}
        ),
        "root_directory": Nested(
            "RootDirectory",
            {
                "path": "Path",
                "creation_info": Nested(
                    "CreationInfo",
                    {
                        "owner_uid": "OwnerUid",
                        "owner_gid": "OwnerGid",
                        "permissions": "Permissions",
                    },
                ),
            },
        ),
        "tags": ("AccessPointTags", tags),
    },
)

ELASTICACHE_SERVERLESS = TypeMap(
    "AWS::ElastiCache::ServerlessCache",
    {
        "name": "ServerlessCacheName",
        "engine": "Engine",
        "kms_key_id": "KmsKeyId",
        "security_group_ids": "SecurityGroupIds",
        "subnet_ids": "SubnetIds",
        "snapshot_retention_limit": "SnapshotRetentionLimit",
        **TAGS,
    },
)


LISTENER_RULE = TypeMap(
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    {
        "listener_arn": "ListenerArn",
        "priority": "Priority",
        "action": Nested("Actions", LISTENER_ACTION, many=True),
    },
)

IMAGE_DISTRIBUTION = TypeMap(
    "AWS::ImageBuilder::DistributionConfiguration",
    {
        "name": "Name",
        "description": "Description",
        "distribution": Nested(
            "Distributions",
            {
                "region": "Region",
                "launch_template_configuration": Nested(
                    "LaunchTemplateConfigurations",
                    {
                        "launch_template_id": "LaunchTemplateId",
                        "default": "SetDefaultVersion",
                        "account_id": "AccountId",
                    },
                    many=True,
                ),
            },
            many=True,
        ),
    },
)

MSK_CLUSTER = TypeMap(
    "AWS::MSK::Cluster",
    {
        "cluster_name": "ClusterName",
        "kafka_version": "KafkaVersion",
        "number_of_broker_nodes": "NumberOfBrokerNodes",
        "broker_node_group_info": Nested(
            "BrokerNodeGroupInfo",
            {"client_subnets": "ClientSubnets", "security_groups": "SecurityGroups"},
        ),
        "encryption_info": Nested(
            "EncryptionInfo",
            {
                "encryption_at_rest_kms_key_arn": "EncryptionAtRest.DataVolumeKMSKeyId",
                "encryption_in_transit": Nested(
                    "EncryptionInTransit",
                    {"client_broker": "ClientBroker", "in_cluster": "InCluster"},
                ),
            },
        ),
    },
)

MEMORYDB_CLUSTER = TypeMap(
    "AWS::MemoryDB::Cluster",
    {
        "name": "ClusterName",
        "node_type": "NodeType",
        "acl_name": "ACLName",
        "tls_enabled": "TLSEnabled",
        "kms_key_arn": "KmsKeyId",
        "security_group_ids": "SecurityGroupIds",
        "subnet_group_name": "SubnetGroupName",
        "snapshot_retention_limit": "SnapshotRetentionLimit",
        **TAGS,
    },
    defaults={"tls_enabled": True},
)

CLUSTER_FIELDS: dict[str, Spec] = {
    "cluster_identifier": "DBClusterIdentifier",
    "engine_version": "EngineVersion",
    "storage_encrypted": "StorageEncrypted",
    "backup_retention_period": "BackupRetentionPeriod",
    "deletion_protection": "DeletionProtection",
    "vpc_security_group_ids": "VpcSecurityGroupIds",
    "db_subnet_group_name": "DBSubnetGroupName",
    **TAGS,
}

NEPTUNE_CLUSTER = TypeMap(
    "AWS::Neptune::DBCluster",
    {
        **CLUSTER_FIELDS,
        "neptune_subnet_group_name": "DBSubnetGroupName",
        "kms_key_arn": "KmsKeyId",
        "iam_database_authentication_enabled": "IamAuthEnabled",
        "enable_cloudwatch_logs_exports": "EnableCloudwatchLogsExports",
    },
    defaults={"storage_encrypted": False},
)

DOCDB_CLUSTER = TypeMap(
    "AWS::DocDB::DBCluster",
    {
        **CLUSTER_FIELDS,
        "kms_key_id": "KmsKeyId",
        "master_username": "MasterUsername",
        "enabled_cloudwatch_logs_exports": "EnableCloudwatchLogsExports",
    },
    defaults={"storage_encrypted": False},
)

DB_PROXY = TypeMap(
    "AWS::RDS::DBProxy",
    {
        "name": "DBProxyName",
        "engine_family": "EngineFamily",
        "require_tls": "RequireTLS",
        "role_arn": "RoleArn",
        "debug_logging": "DebugLogging",
        "vpc_subnet_ids": "VpcSubnetIds",
        "vpc_security_group_ids": "VpcSecurityGroupIds",
        "auth": Nested(
            "Auth",
            {"auth_scheme": "AuthScheme", "iam_auth": "IAMAuth", "secret_arn": "SecretArn"},
            many=True,
        ),
        **TAGS,
    },
    defaults={"require_tls": False},
)

STATE_MACHINE = TypeMap(
    "AWS::StepFunctions::StateMachine",
    {
        "name": "StateMachineName",
        "role_arn": "RoleArn",
        "definition": "DefinitionString",
        "type": "StateMachineType",
        "logging_configuration": Nested(
            "LoggingConfiguration",
            {
                "level": "Level",
                "include_execution_data": "IncludeExecutionData",
                "log_destination": (
                    "Destinations",
                    lambda v: [
                        {"CloudWatchLogsLogGroup": {"LogGroupArn": str(v).removesuffix(":*")}}
                    ],
                ),
            },
        ),
        "tracing_configuration": Nested("TracingConfiguration", {"enabled": "Enabled"}),
        **TAGS,
    },
)

MAINTENANCE_WINDOW_TARGET = TypeMap(
    "AWS::SSM::MaintenanceWindowTarget",
    {
        "window_id": "WindowId",
        "name": "Name",
        "resource_type": "ResourceType",
        "targets": Nested("Targets", {"key": "Key", "values": "Values"}, many=True),
    },
)

MAINTENANCE_WINDOW_TASK = TypeMap(
    "AWS::SSM::MaintenanceWindowTask",
    {
        "window_id": "WindowId",
        "task_type": "TaskType",
        "task_arn": "TaskArn",
        "priority": "Priority",
        "targets": Nested("Targets", {"key": "Key", "values": "Values"}, many=True),
    },
)

WAF_RULE_GROUP = TypeMap(
    "AWS::WAFv2::RuleGroup",
    {
        "name": "Name",
        "scope": "Scope",
        "capacity": "Capacity",
        "rule": ("Rules", _waf_rules),
        **TAGS,
    },
)


def _tag_list(value: Any) -> Any:
    if isinstance(value, dict):
        return [{"Key": k, "Value": value[k]} for k in sorted(value)]
    return value


FMS_POLICY = TypeMap(
    "AWS::FMS::Policy",
    {
        "name": "PolicyName",
        "remediation_enabled": "RemediationEnabled",
        "exclude_resource_tags": "ExcludeResourceTags",
        "resource_type": "ResourceType",
        "resource_type_list": "ResourceTypeList",
        "resource_tags": ("ResourceTags", _tag_list),
        "security_service_policy_data": Nested(
            "SecurityServicePolicyData",
            {"type": "Type", "managed_service_data": "ManagedServiceData"},
        ),
    },
    defaults={"remediation_enabled": False, "exclude_resource_tags": False},
)


# ---------------------------------------------------------------------------------------------
# The table of tables


TYPES: Mapping[str, TypeMap] = {
    "aws_s3_bucket": S3_BUCKET,
    "aws_s3_bucket_policy": S3_BUCKET_POLICY,
    "aws_s3_account_public_access_block": S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    "aws_instance": EC2_INSTANCE,
    "aws_launch_template": LAUNCH_TEMPLATE,
    "aws_launch_configuration": LAUNCH_CONFIGURATION,
    "aws_autoscaling_group": AUTOSCALING_GROUP,
    "aws_ebs_volume": EBS_VOLUME,
    "aws_ebs_snapshot_block_public_access": SNAPSHOT_BLOCK_PUBLIC_ACCESS,
    "aws_security_group": SECURITY_GROUP,
    "aws_default_security_group": DEFAULT_SECURITY_GROUP,
    "aws_vpc_security_group_ingress_rule": SG_INGRESS_RULE,
    "aws_vpc_security_group_egress_rule": SG_EGRESS_RULE,
    "aws_network_acl": NETWORK_ACL,
    "aws_default_network_acl": NETWORK_ACL,
    "aws_network_acl_rule": NETWORK_ACL_RULE,
    "aws_vpc": VPC,
    "aws_default_vpc": VPC,
    "aws_subnet": SUBNET,
    "aws_default_subnet": SUBNET,
    "aws_flow_log": FLOW_LOG,
    "aws_vpc_endpoint": VPC_ENDPOINT,
    "aws_route": ROUTE,
    "aws_route_table": ROUTE_TABLE,
    "aws_default_route_table": DEFAULT_ROUTE_TABLE,
    "aws_route_table_association": ROUTE_TABLE_ASSOCIATION,
    "aws_internet_gateway": INTERNET_GATEWAY,
    "aws_nat_gateway": NAT_GATEWAY,
    "aws_eip": EIP,
    "aws_network_interface": NETWORK_INTERFACE,
    "aws_vpc_peering_connection": PEERING,
    "aws_ec2_transit_gateway": TRANSIT_GATEWAY,
    "aws_vpc_block_public_access_options": VPC_BLOCK_PUBLIC_ACCESS,
    "aws_iam_role": IAM_ROLE,
    "aws_iam_user": IAM_USER,
    "aws_iam_group": IAM_GROUP,
    "aws_iam_policy": IAM_MANAGED_POLICY,
    "aws_iam_role_policy": _inline_policy("role", "Roles"),
    "aws_iam_user_policy": _inline_policy("user", "Users"),
    "aws_iam_group_policy": _inline_policy("group", "Groups"),
    "aws_iam_access_key": IAM_ACCESS_KEY,
    "aws_iam_instance_profile": IAM_INSTANCE_PROFILE,
    "aws_iam_openid_connect_provider": OIDC_PROVIDER,
    "aws_iam_saml_provider": SAML_PROVIDER,
    "aws_accessanalyzer_analyzer": ACCESS_ANALYZER,
    "aws_organizations_policy": ORGANIZATIONS_POLICY,
    "aws_organizations_organization": ORGANIZATION,
    "aws_ssoadmin_permission_set": SSO_PERMISSION_SET,
    "aws_ssoadmin_account_assignment": SSO_ASSIGNMENT,
    "aws_kms_key": KMS_KEY,
    "aws_kms_alias": KMS_ALIAS,
    "aws_secretsmanager_secret": SECRET,
    "aws_secretsmanager_secret_rotation": SECRET_ROTATION,
    "aws_secretsmanager_secret_policy": SECRET_POLICY,
    "aws_ssm_parameter": SSM_PARAMETER,
    "aws_ssm_document": SSM_DOCUMENT,
    "aws_ssmincidents_response_plan": RESPONSE_PLAN,
    "aws_ssm_association": SSM_ASSOCIATION,
    "aws_ssm_patch_baseline": SSM_PATCH_BASELINE,
    "aws_cloudtrail": CLOUDTRAIL,
    "aws_cloudtrail_event_data_store": EVENT_DATA_STORE,
    "aws_securitylake_data_lake": SECURITY_LAKE,
    "aws_securitylake_aws_log_source": SECURITY_LAKE_SOURCE,
    "aws_cloudwatch_metric_alarm": METRIC_ALARM,
    "aws_cloudwatch_log_group": LOG_GROUP,
    "aws_cloudwatch_log_metric_filter": METRIC_FILTER,
    "aws_cloudwatch_query_definition": QUERY_DEFINITION,
    "aws_athena_named_query": ATHENA_NAMED_QUERY,
    "aws_cloudwatch_log_delivery_source": LOG_DELIVERY_SOURCE,
    "aws_cloudwatch_log_delivery": LOG_DELIVERY,
    "aws_cloudwatch_log_delivery_destination": LOG_DELIVERY_DESTINATION,
    "aws_cloudwatch_event_rule": EVENT_RULE,
    "aws_cloudwatch_event_bus": EVENT_BUS,
    "aws_cloudwatch_event_api_destination": API_DESTINATION,
    "aws_cloudwatch_dashboard": DASHBOARD,
    "aws_budgets_budget": BUDGET,
    "aws_ce_anomaly_monitor": ANOMALY_MONITOR,
    "aws_ce_anomaly_subscription": ANOMALY_SUBSCRIPTION,
    "aws_sns_topic": SNS_TOPIC,
    "aws_sns_topic_policy": SNS_TOPIC_POLICY,
    "aws_sns_topic_subscription": SNS_SUBSCRIPTION,
    "aws_chatbot_slack_channel_configuration": SLACK_CHANNEL,
    "aws_chatbot_teams_channel_configuration": TEAMS_CHANNEL,
    "aws_sqs_queue": SQS_QUEUE,
    "aws_sqs_queue_policy": SQS_QUEUE_POLICY,
    "aws_db_instance": DB_INSTANCE,
    "aws_rds_cluster_instance": DB_CLUSTER_INSTANCE,
    "aws_rds_cluster": DB_CLUSTER,
    "aws_db_subnet_group": DB_SUBNET_GROUP,
    "aws_db_parameter_group": DB_PARAMETER_GROUP,
    "aws_rds_cluster_parameter_group": DB_CLUSTER_PARAMETER_GROUP,
    "aws_dynamodb_table": DYNAMODB_TABLE,
    "aws_efs_file_system": EFS_FILE_SYSTEM,
    "aws_elasticache_replication_group": ELASTICACHE_REPLICATION_GROUP,
    "aws_elasticache_cluster": ELASTICACHE_CLUSTER,
    "aws_backup_vault": BACKUP_VAULT,
    "aws_backup_plan": BACKUP_PLAN,
    "aws_backup_selection": BACKUP_SELECTION,
    "aws_lambda_function": LAMBDA_FUNCTION,
    "aws_lambda_permission": LAMBDA_PERMISSION,
    "aws_lambda_function_url": LAMBDA_URL,
    "aws_ecr_repository": ECR_REPOSITORY,
    "aws_eks_cluster": EKS_CLUSTER,
    "aws_eks_node_group": EKS_NODE_GROUP,
    "aws_ecs_cluster": ECS_CLUSTER,
    "aws_ecs_task_definition": ECS_TASK_DEFINITION,
    "aws_ecs_service": ECS_SERVICE,
    "aws_lb": LOAD_BALANCER,
    "aws_alb": LOAD_BALANCER,
    "aws_lb_listener": LISTENER,
    "aws_alb_listener": LISTENER,
    "aws_lb_target_group": TARGET_GROUP,
    "aws_alb_target_group": TARGET_GROUP,
    "aws_elb": CLASSIC_LOAD_BALANCER,
    "aws_cloudfront_distribution": CLOUDFRONT_DISTRIBUTION,
    "aws_api_gateway_rest_api": REST_API,
    "aws_api_gateway_stage": API_STAGE,
    "aws_api_gateway_method": API_METHOD,
    "aws_api_gateway_domain_name": API_DOMAIN,
    "aws_apigatewayv2_api": HTTP_API,
    "aws_apigatewayv2_stage": HTTP_API_STAGE,
    "aws_wafv2_web_acl": WAF_WEB_ACL,
    "aws_wafv2_web_acl_association": WAF_ASSOCIATION,
    "aws_wafv2_web_acl_logging_configuration": WAF_LOGGING,
    "aws_shield_protection": SHIELD_PROTECTION,
    "aws_guardduty_detector": GUARDDUTY_DETECTOR,
    "aws_guardduty_threatintelset": THREAT_INTEL_SET,
    "aws_securityhub_account": SECURITYHUB_ACCOUNT,
    "aws_securityhub_standards_subscription": SECURITYHUB_STANDARD,
    "aws_securityhub_organization_admin_account": SECURITYHUB_ADMIN,
    "aws_securityhub_finding_aggregator": SECURITYHUB_AGGREGATOR,
    "aws_securityhub_insight": SECURITYHUB_INSIGHT,
    "aws_securityhub_automation_rule": SECURITYHUB_AUTOMATION_RULE,
    "aws_config_configuration_recorder": CONFIG_RECORDER,
    "aws_config_delivery_channel": CONFIG_DELIVERY_CHANNEL,
    "aws_config_config_rule": CONFIG_RULE,
    "aws_config_remediation_configuration": CONFIG_REMEDIATION,
    "aws_config_configuration_aggregator": CONFIG_AGGREGATOR,
    "aws_config_conformance_pack": CONFORMANCE_PACK,
    "aws_config_organization_conformance_pack": ORG_CONFORMANCE_PACK,
    "aws_config_organization_managed_rule": ORG_MANAGED_RULE,
    "aws_macie2_account": MACIE_ACCOUNT,
    "aws_detective_graph": DETECTIVE_GRAPH,
    "aws_detective_organization_admin_account": DETECTIVE_ADMIN,
    "aws_route53_resolver_query_log_config": RESOLVER_QUERY_LOG_CONFIG,
    "aws_route53_resolver_query_log_config_association": RESOLVER_QUERY_LOG_ASSOCIATION,
    "aws_route53_resolver_firewall_rule_group": RESOLVER_FIREWALL_RULE_GROUP,
    "aws_route53_resolver_firewall_rule_group_association": RESOLVER_FIREWALL_ASSOCIATION,
    "aws_route53_resolver_firewall_domain_list": RESOLVER_DOMAIN_LIST,
    "aws_route53_resolver_dnssec_config": RESOLVER_DNSSEC,
    "aws_route53_zone": HOSTED_ZONE,
    "aws_route53_record": RECORD_SET,
    "aws_route53_hosted_zone_dnssec": ZONE_DNSSEC,
    "aws_route53_key_signing_key": KEY_SIGNING_KEY,
    "aws_networkfirewall_firewall": NETWORK_FIREWALL,
    "aws_networkfirewall_firewall_policy": NETWORK_FIREWALL_POLICY,
    "aws_networkfirewall_rule_group": NETWORK_FIREWALL_RULE_GROUP,
    "aws_networkfirewall_logging_configuration": NETWORK_FIREWALL_LOGGING,
    "aws_imagebuilder_image_pipeline": IMAGE_PIPELINE,
    "aws_imagebuilder_image_recipe": IMAGE_RECIPE,
    "aws_imagebuilder_infrastructure_configuration": IMAGE_INFRASTRUCTURE,
    "aws_opensearch_domain": _opensearch("AWS::OpenSearchService::Domain"),
    "aws_elasticsearch_domain": _opensearch("AWS::Elasticsearch::Domain"),
    "aws_redshift_cluster": REDSHIFT_CLUSTER,
    "aws_kinesis_stream": KINESIS_STREAM,
    "aws_sagemaker_notebook_instance": SAGEMAKER_NOTEBOOK,
    "aws_internet_gateway_attachment": GATEWAY_ATTACHMENT,
    "aws_vpn_gateway_attachment": GATEWAY_ATTACHMENT,
    "aws_eip_association": EIP_ASSOCIATION,
    "aws_ecr_registry_scanning_configuration": ECR_REGISTRY_SCANNING,
    "aws_efs_access_point": EFS_ACCESS_POINT,
    "aws_elasticache_serverless_cache": ELASTICACHE_SERVERLESS,
    "aws_lb_listener_rule": LISTENER_RULE,
    "aws_alb_listener_rule": LISTENER_RULE,
    "aws_imagebuilder_distribution_configuration": IMAGE_DISTRIBUTION,
    "aws_msk_cluster": MSK_CLUSTER,
    "aws_memorydb_cluster": MEMORYDB_CLUSTER,
    "aws_neptune_cluster": NEPTUNE_CLUSTER,
    "aws_docdb_cluster": DOCDB_CLUSTER,
    "aws_db_proxy": DB_PROXY,
    "aws_sfn_state_machine": STATE_MACHINE,
    "aws_ssm_maintenance_window_task": MAINTENANCE_WINDOW_TASK,
    "aws_ssm_maintenance_window_target": MAINTENANCE_WINDOW_TARGET,
    "aws_wafv2_rule_group": WAF_RULE_GROUP,
    "aws_fms_policy": FMS_POLICY,
    "aws_backup_restore_testing_plan": BACKUP_RESTORE_TESTING_PLAN,
    "aws_backup_restore_testing_selection": BACKUP_RESTORE_TESTING_SELECTION,
    "aws_ssoadmin_instance_access_control_attributes": SSO_ACCESS_CONTROL_ATTRIBUTES,
}


def takes_tags(tf_type: str) -> bool:
    type_map = TYPES.get(tf_type)
    return type_map is not None and "tags" in type_map.table


def merged_tags(defaults: dict[str, Any], tags: Any) -> Any:
    """A resource's tags over the provider's default tags (the resource's win)."""
    if is_unknown(tags):
        return tags
    return {**defaults, **(tags if isinstance(tags, dict) else {})}


def to_canonical(tf_type: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The canonical type and properties of one resource (its own values, before folding)."""
    from csmm_static.readers.terraform.convert import convert_table

    type_map = TYPES.get(tf_type)
    if type_map is None:
        return tf_type, dict(values)
    properties = convert_table(type_map.table, values, type_map.defaults)
    if type_map.finish is not None:
        try:
            type_map.finish(values, properties)
        except (Unknown, TypeError, ValueError, AttributeError) as exc:
            # Partly unknown, or shaped unlike the provider schema (a typo in the configuration).
            reason = exc.reason if isinstance(exc, Unknown) else f"cannot be read: {exc}"
            for path in type_map.finish_paths:
                properties.setdefault(path.split(".")[0], UnknownValue(reason))
    return type_map.cfn_type, properties
