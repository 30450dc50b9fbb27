"""Load balancers: Classic (listeners and attributes in Describe shapes) and v2 (attributes as a
supplementary `{key, value}` list). v2 listeners are recorded in CloudFormation's names."""

from __future__ import annotations

from typing import Any

from csmm_static.model import UnknownValue
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

ATTRIBUTES_UNKNOWN = "the export holds no supplementaryConfiguration, where AWS Config records them"


def load_balancer_v2(out: Output) -> None:
    c, s = out.config, out.supplementary
    groups = strings(items(c, "securityGroups"))
    attributes = [
        {"Key": get(a, "key", "Key"), "Value": _text(get(a, "value", "Value"))}
        for a in dicts(s, "LoadBalancerAttributes")
    ]
    set_props(
        out,
        Name=get(c, "loadBalancerName") or out.item.resource_name,
        Scheme=get(c, "scheme"),
        Type=get(c, "type"),
        IpAddressType=get(c, "ipAddressType"),
        Subnets=strings(get(z, "subnetId") for z in dicts(c, "availabilityZones")),
        SecurityGroups=groups,
        LoadBalancerAttributes=attributes or None,
    )
    if out.item.supplementary is None:
        # An advanced query that did not select supplementaryConfiguration, where AWS Config
        # records the attributes (access logs, deletion protection, header handling).
        out.properties["LoadBalancerAttributes"] = UnknownValue(ATTRIBUTES_UNKNOWN)
    for group in groups:
        out.refer("SecurityGroups", "AWS::EC2::SecurityGroup", group)


def load_balancer_classic(out: Output) -> None:
    c, s = out.config, out.supplementary
    attributes = get(s, "LoadBalancerAttributes")
    access_log = get(attributes, "accessLog")
    draining = get(attributes, "connectionDraining")
    groups = strings(items(c, "securityGroups"))
    listeners = []
    for description in dicts(c, "listenerDescriptions"):
        listener = get(description, "listener")
        listeners.append(
            {
                "LoadBalancerPort": _text(get(listener, "loadBalancerPort")),
                "InstancePort": _text(get(listener, "instancePort")),
                "Protocol": get(listener, "protocol"),
                "InstanceProtocol": get(listener, "instanceProtocol"),
                "SSLCertificateId": get(
                    listener, "sSLCertificateId", "sslcertificateId", "sslCertificateId"
                ),
                "PolicyNames": strings(items(description, "policyNames")),
            }
        )
    policies = []
    for policy in dicts(s, "LoadBalancerPolicies"):
        policies.append(
            {
                "PolicyName": get(policy, "policyName"),
                "PolicyType": get(policy, "policyTypeName"),
                "Attributes": [
                    {"Name": get(a, "attributeName"), "Value": get(a, "attributeValue")}
                    for a in dicts(policy, "policyAttributeDescriptions")
                ],
            }
        )
    set_props(
        out,
        LoadBalancerName=get(c, "loadBalancerName") or out.item.resource_name,
        Scheme=get(c, "scheme"),
        Subnets=strings(items(c, "subnets")),
        SecurityGroups=groups,
        AvailabilityZones=strings(items(c, "availabilityZones")),
        Instances=strings(get(i, "instanceId") for i in dicts(c, "instances")),
        Listeners=listeners,
        Policies=policies or None,
        CrossZone=boolean(get(get(attributes, "crossZoneLoadBalancing"), "enabled")),
        AccessLoggingPolicy=(
            {
                "Enabled": boolean(get(access_log, "enabled")) or False,
                "S3BucketName": get(access_log, "s3BucketName"),
                "S3BucketPrefix": get(access_log, "s3BucketPrefix"),
                "EmitInterval": integer(get(access_log, "emitInterval")),
            }
            if isinstance(access_log, dict)
            else None
        ),
        ConnectionDrainingPolicy=(
            {
                "Enabled": boolean(get(draining, "enabled")) or False,
                "Timeout": integer(get(draining, "timeout")),
            }
            if isinstance(draining, dict)
            else None
        ),
    )
    for group in groups:
        out.refer("SecurityGroups", "AWS::EC2::SecurityGroup", group)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


MAPPERS = {
    "AWS::ElasticLoadBalancingV2::LoadBalancer": load_balancer_v2,
    "AWS::ElasticLoadBalancing::LoadBalancer": load_balancer_classic,
}
