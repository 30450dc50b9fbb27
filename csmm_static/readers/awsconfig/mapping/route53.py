"""Route 53 and Route 53 Resolver: recorded in CloudFormation's names.

A hosted zone's `QueryLoggingConfig.CloudWatchLogsLogGroupArn` holds the whole
`QueryLoggingConfig` object of the Route 53 API (`CloudWatchLogsLogGroupArn`, `HostedZoneId`,
`Id`) instead of the ARN. Resolver associations name the VPC and the rule group or logging
configuration by id, which become edges as `Ref` does in CloudFormation.
"""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import Mapper, Output, get


def _log_group(logging: Any) -> Any:
    arn = get(logging, "CloudWatchLogsLogGroupArn")
    if isinstance(arn, dict):
        arn = get(arn, "CloudWatchLogsLogGroupArn")
    return arn or None


def hosted_zone(out: Output) -> None:
    properties = dict(out.config)
    logging = properties.pop("QueryLoggingConfig", None)
    arn = _log_group(logging)
    if arn is not None:
        properties["QueryLoggingConfig"] = {"CloudWatchLogsLogGroupArn": arn}
    out.properties = properties


def _associating(*links: tuple[str, str]) -> Mapper:
    """Properties as recorded, and an edge along each (property, target type) link."""

    def mapper(out: Output) -> None:
        out.properties = dict(out.config)
        for prop, target in links:
            out.refer(prop, target, get(out.config, prop))

    return mapper


MAPPERS = {
    "AWS::Route53::HostedZone": hosted_zone,
    "AWS::Route53Resolver::FirewallRuleGroupAssociation": _associating(
        ("VpcId", "AWS::EC2::VPC"),
        ("FirewallRuleGroupId", "AWS::Route53Resolver::FirewallRuleGroup"),
    ),
    "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation": _associating(
        ("ResourceId", "AWS::EC2::VPC"),
        ("ResolverQueryLogConfigId", "AWS::Route53Resolver::ResolverQueryLoggingConfig"),
    ),
}
