"""Auto Scaling groups and launch configurations: the Describe-API shapes Config records.

Config writes empty strings for unset text fields of a launch configuration (`keyName: ""`)
and the group's subnets as one comma-separated `vpczoneIdentifier`; both become what
CloudFormation would hold (absent, and a list).
"""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    integer,
    items,
    set_props,
    strings,
)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _template(spec: Any) -> dict[str, Any] | None:
    if not isinstance(spec, dict):
        return None
    found = {
        "LaunchTemplateId": _text(get(spec, "launchTemplateId")),
        "LaunchTemplateName": _text(get(spec, "launchTemplateName")),
        "Version": _text(get(spec, "version")),
    }
    return found if found["LaunchTemplateId"] or found["LaunchTemplateName"] else None


def group(out: Output) -> None:
    c = out.config
    subnets = [
        s.strip() for s in str(get(c, "vpczoneIdentifier", "vpcZoneIdentifier") or "").split(",")
    ]
    mixed = get(get(c, "mixedInstancesPolicy"), "launchTemplate")
    mixed_template = _template(get(mixed, "launchTemplateSpecification"))
    set_props(
        out,
        AutoScalingGroupName=get(c, "autoScalingGroupName") or out.item.resource_name,
        LaunchConfigurationName=_text(get(c, "launchConfigurationName")),
        LaunchTemplate=_template(get(c, "launchTemplate")),
        MixedInstancesPolicy=(
            {"LaunchTemplate": {"LaunchTemplateSpecification": mixed_template}}
            if mixed_template
            else None
        ),
        MinSize=integer(get(c, "minSize")),
        MaxSize=integer(get(c, "maxSize")),
        DesiredCapacity=integer(get(c, "desiredCapacity")),
        AvailabilityZones=strings(items(c, "availabilityZones")) or None,
        VPCZoneIdentifier=[s for s in subnets if s] or None,
        LoadBalancerNames=strings(items(c, "loadBalancerNames")),
        TargetGroupARNs=strings(items(c, "targetGroupARNs")),
        TrafficSources=[
            {"Identifier": get(s, "identifier"), "Type": get(s, "type")}
            for s in dicts(c, "trafficSources")
        ]
        or None,
        HealthCheckType=get(c, "healthCheckType"),
        HealthCheckGracePeriod=integer(get(c, "healthCheckGracePeriod")),
        MaxInstanceLifetime=integer(get(c, "maxInstanceLifetime")) or None,
        CapacityRebalance=boolean(get(c, "capacityRebalance")),
    )
    out.refer(
        "LaunchConfigurationName",
        "AWS::AutoScaling::LaunchConfiguration",
        _text(get(c, "launchConfigurationName")),
    )
    for template in (out.properties.get("LaunchTemplate"), mixed_template):
        if template:
            out.refer(
                "LaunchTemplate",
                "AWS::EC2::LaunchTemplate",
                template.get("LaunchTemplateId") or template.get("LaunchTemplateName"),
            )
    for subnet in out.properties.get("VPCZoneIdentifier", []):
        out.refer("VPCZoneIdentifier", "AWS::EC2::Subnet", subnet)


def launch_configuration(out: Output) -> None:
    c = out.config
    metadata = get(c, "metadataOptions")
    mappings = []
    for mapping in dicts(c, "blockDeviceMappings"):
        ebs = get(mapping, "ebs")
        entry: dict[str, Any] = {"DeviceName": get(mapping, "deviceName")}
        if isinstance(ebs, dict):
            entry["Ebs"] = {
                "Encrypted": boolean(get(ebs, "encrypted")),
                "SnapshotId": _text(get(ebs, "snapshotId")),
                "VolumeSize": integer(get(ebs, "volumeSize")),
                "VolumeType": get(ebs, "volumeType"),
                "Iops": integer(get(ebs, "iops")),
                "DeleteOnTermination": boolean(get(ebs, "deleteOnTermination")),
            }
        if boolean(get(mapping, "noDevice")):
            entry["NoDevice"] = True
        mappings.append(entry)
    groups = strings(items(c, "securityGroups"))
    set_props(
        out,
        LaunchConfigurationName=get(c, "launchConfigurationName") or out.item.resource_name,
        ImageId=_text(get(c, "imageId")),
        InstanceType=_text(get(c, "instanceType")),
        KeyName=_text(get(c, "keyName")),
        SecurityGroups=groups,
        UserData=_text(get(c, "userData")),
        IamInstanceProfile=_text(get(c, "iamInstanceProfile")),
        AssociatePublicIpAddress=boolean(get(c, "associatePublicIpAddress")),
        EbsOptimized=boolean(get(c, "ebsOptimized")),
        InstanceMonitoring=boolean(get(get(c, "instanceMonitoring"), "enabled")),
        PlacementTenancy=_text(get(c, "placementTenancy")),
        BlockDeviceMappings=mappings,
        MetadataOptions=(
            {
                "HttpTokens": get(metadata, "httpTokens"),
                "HttpEndpoint": get(metadata, "httpEndpoint"),
                "HttpPutResponseHopLimit": integer(get(metadata, "httpPutResponseHopLimit")),
            }
            if isinstance(metadata, dict)
            else None
        ),
    )
    for group_id in groups:
        out.refer("SecurityGroups", "AWS::EC2::SecurityGroup", group_id)


MAPPERS = {
    "AWS::AutoScaling::AutoScalingGroup": group,
    "AWS::AutoScaling::LaunchConfiguration": launch_configuration,
}
