"""EventBridge rules: recorded in CloudFormation's names (`EventPattern`, `Targets[]`), with
targets as ARNs. Each target ARN becomes an edge to the recorded resource it names, as a
reference does in a template, so automation behind a rule can be followed."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import Output, dicts, get

# ARN service and resource prefix -> the Config type recorded for it.
_TARGET_TYPES = (
    ("lambda", "function:", "AWS::Lambda::Function"),
    ("states", "stateMachine:", "AWS::StepFunctions::StateMachine"),
    ("sns", "", "AWS::SNS::Topic"),
    ("sqs", "", "AWS::SQS::Queue"),
    ("events", "event-bus/", "AWS::Events::EventBus"),
    ("events", "api-destination/", "AWS::Events::ApiDestination"),
    ("ssm-incidents", "response-plan/", "AWS::SSMIncidents::ResponsePlan"),
    ("ssm", "automation-definition/", "AWS::SSM::Document"),
)


def target_key(arn: Any) -> tuple[str, str] | None:
    """The Config type and the key (ARN or name) a target ARN is recorded under: a Lambda
    qualifier (`:alias`) and an automation version (`:$DEFAULT`) are dropped."""
    if not isinstance(arn, str):
        return None
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return None
    service, resource = parts[2], parts[5]
    for wanted, prefix, rtype in _TARGET_TYPES:
        if service != wanted or not resource.startswith(prefix):
            continue
        if rtype == "AWS::Lambda::Function":
            return rtype, ":".join(arn.split(":")[:7])
        if rtype == "AWS::SSM::Document":
            return rtype, resource[len(prefix) :].split(":")[0]
        return rtype, arn
    return None


def rule(out: Output) -> None:
    out.properties.update({k: v for k, v in out.config.items() if v is not None})
    for index, target in enumerate(dicts(out.config, "Targets")):
        found = target_key(get(target, "Arn"))
        if found is not None:
            out.refer(f"Targets.{index}.Arn", found[0], found[1])
        out.refer(f"Targets.{index}.RoleArn", "AWS::IAM::Role", get(target, "RoleArn"))


MAPPERS = {"AWS::Events::Rule": rule}
