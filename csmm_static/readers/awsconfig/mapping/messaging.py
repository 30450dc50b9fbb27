"""SQS queues and SNS topics: recorded in CloudFormation's names, with the access policy inline
(`Policy`), which CloudFormation declares as a separate queue or topic policy."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    get,
    integer,
    policy_document,
    set_props,
)

_QUEUE_NUMBERS = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "KmsDataKeyReusePeriodSeconds",
)


def _recorded(out: Output) -> None:
    """Copy the CloudFormation-named configuration, less the inline policy and raw tags."""
    out.properties.update(
        {k: v for k, v in out.config.items() if k not in ("Policy", "Tags") and v is not None}
    )


def _policy(out: Output, rtype: str, list_key: str, target: Any) -> None:
    document = policy_document(get(out.config, "Policy"), out, f"{rtype} document")
    if document is not None:
        target = target or out.item.arn or out.item.resource_id
        out.synthesize(rtype, "policy", {list_key: [target], "PolicyDocument": document}, list_key)


def queue(out: Output) -> None:
    c = out.config
    _recorded(out)
    set_props(out, **{k: integer(get(c, k)) for k in _QUEUE_NUMBERS})
    set_props(
        out,
        SqsManagedSseEnabled=boolean(get(c, "SqsManagedSseEnabled")),
        FifoQueue=boolean(get(c, "FifoQueue")),
        ContentBasedDeduplication=boolean(get(c, "ContentBasedDeduplication")),
    )
    _policy(out, "AWS::SQS::QueuePolicy", "Queues", get(c, "QueueUrl"))


def topic(out: Output) -> None:
    _recorded(out)
    _policy(out, "AWS::SNS::TopicPolicy", "Topics", get(out.config, "TopicArn"))


MAPPERS = {"AWS::SQS::Queue": queue, "AWS::SNS::Topic": topic}
