"""AWS Config items of EventBridge rules: targets recorded as ARNs become edges to the
recorded resources they name, so automation behind a rule can be followed."""

from __future__ import annotations

import json
from pathlib import Path

from csmm_static import events
from csmm_static.readers import parse
from csmm_static.readers.awsconfig.mapping.events import target_key
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, only, snapshot, write

FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:quarantine"
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:security-alerts"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/quarantine"


def test_target_arns_name_the_type_and_key_config_records() -> None:
    assert target_key(f"{FUNCTION_ARN}:live") == ("AWS::Lambda::Function", FUNCTION_ARN)
    assert target_key(TOPIC_ARN) == ("AWS::SNS::Topic", TOPIC_ARN)
    runbook = f"arn:aws:ssm:{REGION}:{ACCOUNT}:automation-definition/Quarantine:$DEFAULT"
    assert target_key(runbook) == ("AWS::SSM::Document", "Quarantine")
    plan = f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan/security"
    assert target_key(plan) == ("AWS::SSMIncidents::ResponsePlan", plan)
    bus = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/security"
    assert target_key(bus) == ("AWS::Events::EventBus", bus)
    assert target_key(f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/s") is None
    assert target_key(None) is None


def test_rule_targets_and_the_function_role_are_followed(tmp_path: Path) -> None:
    pattern = {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]}
    rule = delivered(
        "AWS::Events::Rule",
        "guardduty-findings",
        {
            "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/guardduty-findings",
            "EventBusName": "default",
            "EventPattern": json.dumps(pattern),
            "Name": "guardduty-findings",
            "State": "ENABLED",
            "Targets": [
                {"Arn": f"{FUNCTION_ARN}:live", "Id": "quarantine"},
                {"Arn": TOPIC_ARN, "Id": "alerts"},
                {"Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:elsewhere", "Id": "x"},
            ],
        },
        name="guardduty-findings",
    )
    function = delivered(
        "AWS::Lambda::Function",
        "quarantine",
        {"functionName": "quarantine", "functionArn": FUNCTION_ARN, "role": ROLE_ARN},
        name="quarantine",
        arn=FUNCTION_ARN,
    )
    role = delivered(
        "AWS::IAM::Role",
        "AROAEXAMPLEQUARANTINE",
        {"roleName": "quarantine", "arn": ROLE_ARN, "rolePolicyList": []},
        name="quarantine",
        arn=ROLE_ARN,
        region="global",
    )
    topic = delivered(
        "AWS::SNS::Topic", TOPIC_ARN, {"TopicArn": TOPIC_ARN}, name="security-alerts", arn=TOPIC_ARN
    )
    parsed = parse([write(tmp_path / "s.json", snapshot(rule, function, role, topic))])
    graph = parsed.graph
    node = only(parsed, "AWS::Events::Rule")
    assert node.get("EventPattern") == json.dumps(pattern)
    vias = sorted(e.via for e in graph.edges() if e.source == node.node_id)
    assert vias == ["Targets.0.Arn", "Targets.1.Arn"]
    found = events.targets(graph, node)
    assert [(t.kind, t.resource.type if t.resource else None) for t in found] == [
        ("lambda", "AWS::Lambda::Function"),
        ("sns", "AWS::SNS::Topic"),
        ("lambda", None),
    ]
    assert events.execution_role(graph, found[0]) is only(parsed, "AWS::IAM::Role")
