"""Route 53 hosted zones: recorded in CloudFormation's names, except that the query logging
configuration's `CloudWatchLogsLogGroupArn` holds the whole `QueryLoggingConfig` object of the
Route 53 API (`CloudWatchLogsLogGroupArn`, `HostedZoneId`, `Id`) instead of the ARN."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import Output, get


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


MAPPERS = {"AWS::Route53::HostedZone": hosted_zone}
