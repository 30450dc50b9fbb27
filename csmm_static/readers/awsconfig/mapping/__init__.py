"""Config item → canonical resource, one module per resource family.

Types whose items use the Describe API's camelCase shapes need a mapper here. Newer types are
recorded through the CloudFormation registry: their `configuration` already uses CloudFormation
property names, so it passes through unchanged. An item of neither kind is not guessed at: it is
reported as an unsupported type in the coverage.
"""

from __future__ import annotations

import re
from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.items import ConfigItem
from csmm_static.readers.awsconfig.mapping import (
    autoscaling,
    awslambda,
    backup,
    cloudfront,
    cloudtrail,
    cloudwatch,
    dynamodb,
    ec2,
    elb,
    events,
    guardduty,
    iam,
    kms,
    messaging,
    networkfirewall,
    rds,
    route53,
    s3,
    secretsmanager,
    shield,
    ssm,
    stepfunctions,
)
from csmm_static.readers.awsconfig.mapping.common import Mapper, Output, tag_list

MAPPERS: dict[str, Mapper] = {
    **autoscaling.MAPPERS,
    **awslambda.MAPPERS,
    **backup.MAPPERS,
    **cloudfront.MAPPERS,
    **cloudtrail.MAPPERS,
    **cloudwatch.MAPPERS,
    **dynamodb.MAPPERS,
    **ec2.MAPPERS,
    **elb.MAPPERS,
    **events.MAPPERS,
    **guardduty.MAPPERS,
    **iam.MAPPERS,
    **kms.MAPPERS,
    **messaging.MAPPERS,
    **networkfirewall.MAPPERS,
    **rds.MAPPERS,
    **route53.MAPPERS,
    **s3.MAPPERS,
    **secretsmanager.MAPPERS,
    **ssm.MAPPERS,
    **shield.MAPPERS,
    **stepfunctions.MAPPERS,
}

_AWS_TYPE = re.compile(r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$")
_UNRECORDED = "the export holds no `configuration` for this item; select it in the query"


class Unrecorded(dict[str, Any]):
    """The properties of an item exported without its `configuration` (an advanced query that
    selected only ids): every property lookup is unknown, except the tags that were exported."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return UnknownValue(f"{key}: {_UNRECORDED}")


def cloudformation_shaped(configuration: Any) -> bool:
    """True when the configuration uses CloudFormation property names (PascalCase keys)."""
    return (
        isinstance(configuration, dict)
        and bool(configuration)
        and all(isinstance(k, str) and k[:1].isupper() for k in configuration)
    )


def supported(item: ConfigItem) -> bool:
    if item.resource_type in MAPPERS:
        return True
    return bool(_AWS_TYPE.match(item.resource_type)) and (
        cloudformation_shaped(item.configuration) or not item.has_configuration
    )


def map_item(item: ConfigItem, node_id: str) -> Output:
    """The canonical resource for a supported item (see `supported`)."""
    out = Output(item, node_id, item.resource_type)
    if not item.has_configuration:
        out.properties = Unrecorded()
        if item.resource_type == "AWS::IAM::Policy":
            out.type = "AWS::IAM::ManagedPolicy"
    else:
        mapper = MAPPERS.get(item.resource_type)
        if mapper is not None:
            mapper(out)
        else:
            out.properties = dict(item.configuration)
    if item.tags and "Tags" not in out.properties:
        dict.__setitem__(out.properties, "Tags", tag_list(item.tags))
    return out
