"""Step Functions state machines: recorded in CloudFormation's names. The execution role
(`RoleArn`) becomes an edge to the recorded role, as a reference does in a template, so what a
state machine behind an EventBridge rule may do can be followed."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import Output, get


def state_machine(out: Output) -> None:
    out.properties.update({k: v for k, v in out.config.items() if v is not None})
    out.refer("RoleArn", "AWS::IAM::Role", get(out.config, "RoleArn"))


MAPPERS = {"AWS::StepFunctions::StateMachine": state_machine}
