"""AWS Config items of EventBridge rules: targets recorded as ARNs become edges to the
recorded resources they name, so automation behind a rule can be followed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from csmm_static import events, network, policy
from csmm_static.model import Graph, Unknown
from csmm_static.readers import parse
from csmm_static.readers.awsconfig.mapping.events import target_key
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, only, snapshot, write

FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:quarantine"
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:security-alerts"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/quarantine"


def _quarantine_function() -> dict[str, Any]:
    """The recorded Lambda function a findings rule targets, running as ROLE_ARN."""
    return delivered(
        "AWS::Lambda::Function",
        "quarantine",
        {"functionName": "quarantine", "functionArn": FUNCTION_ARN, "role": ROLE_ARN},
        name="quarantine",
        arn=FUNCTION_ARN,
    )


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
    function = _quarantine_function()
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


def test_the_roles_behind_recorded_targets_are_the_ones_policy_questions_read(
    tmp_path: Path,
) -> None:
    """`policy.event_target_roles` (and so `automation_responds`) follows a target recorded as
    a literal ARN, qualified or not, through the rule's edge; a function that is not recorded
    runs code outside the scan, which is unknown rather than harmless."""
    revert = {"Effect": "Allow", "Action": ["iam:DetachRolePolicy"], "Resource": "*"}
    document = quote(json.dumps({"Version": "2012-10-17", "Statement": [revert]}))

    def rule(name: str, *function_arns: str) -> dict[str, object]:
        pattern = {"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"]}
        return delivered(
            "AWS::Events::Rule",
            name,
            {
                "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{name}",
                "EventPattern": json.dumps(pattern),
                "Name": name,
                "State": "ENABLED",
                "Targets": [{"Arn": a, "Id": str(i)} for i, a in enumerate(function_arns)],
            },
            name=name,
        )

    function = _quarantine_function()
    role = delivered(
        "AWS::IAM::Role",
        "AROAEXAMPLEQUARANTINE",
        {
            "roleName": "quarantine",
            "arn": ROLE_ARN,
            "rolePolicyList": [{"policyName": "revert", "policyDocument": document}],
        },
        name="quarantine",
        arn=ROLE_ARN,
        region="global",
    )
    elsewhere = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:elsewhere"
    items = [rule("aliased", f"{FUNCTION_ARN}:live"), rule("outside", elsewhere), function, role]
    graph = parse([write(tmp_path / "s.json", snapshot(*items))]).graph
    rules = {r.properties["Name"]: r for r in graph.resources("AWS::Events::Rule")}
    assert [r.address for r in policy.event_target_roles(rules["aliased"], graph)] == [ROLE_ARN]
    with pytest.raises(Unknown, match="outside the scan"):
        policy.event_target_roles(rules["outside"], graph)
    # The rule that reaches outside the scan does not hide the one that acts.
    assert policy.automation_responds(graph, lambda _: True, ["iam:DetachRolePolicy"])


MACHINE_ARN = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:block-sources"
MACHINE_ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/block-sources"
POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/update-blocklist"


def _encoded(*actions: str) -> str:
    statement = {"Effect": "Allow", "Action": list(actions), "Resource": "*"}
    return quote(json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


def _findings_rule(*targets: str) -> dict[str, Any]:
    pattern = {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]}
    return delivered(
        "AWS::Events::Rule",
        "guardduty-findings",
        {
            "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/guardduty-findings",
            "EventBusName": "default",
            "EventPattern": json.dumps(pattern),
            "Name": "guardduty-findings",
            "State": "ENABLED",
            "Targets": [{"Arn": arn, "Id": f"t{i}"} for i, arn in enumerate(targets)],
        },
        name="guardduty-findings",
    )


def _machine() -> dict[str, Any]:
    return delivered(
        "AWS::StepFunctions::StateMachine",
        MACHINE_ARN,
        {
            "Arn": MACHINE_ARN,
            "StateMachineName": "block-sources",
            "StateMachineType": "STANDARD",
            "RoleArn": MACHINE_ROLE_ARN,
            "TracingConfiguration": {"Enabled": False},
        },
        name="block-sources",
        arn=MACHINE_ARN,
    )


def _role(arn: str, name: str, managed: list[str]) -> dict[str, Any]:
    return delivered(
        "AWS::IAM::Role",
        f"AROA{name.upper().replace('-', '')}",
        {
            "roleName": name,
            "arn": arn,
            "path": "/",
            "rolePolicyList": [],
            "attachedManagedPolicies": [
                {"policyName": m.rsplit("/", 1)[1], "policyArn": m} for m in managed
            ],
        },
        name=name,
        arn=arn,
        region="global",
    )


def _policy(*actions: str) -> dict[str, Any]:
    version = {"document": _encoded(*actions), "versionId": "v1", "isDefaultVersion": True}
    return delivered(
        "AWS::IAM::Policy",
        "ANPAUPDATEBLOCKLIST",
        {
            "policyName": "update-blocklist",
            "arn": POLICY_ARN,
            "path": "/",
            "defaultVersionId": "v1",
            "policyVersionList": [version],
        },
        name="update-blocklist",
        arn=POLICY_ARN,
        region="global",
    )


def _blocks(document: Any) -> bool:
    return bool(policy.actions_granted(policy.parse(document), ("wafv2:UpdateIPSet",)))


def _graph(tmp_path: Path, *items: dict[str, Any]) -> Graph:
    return parse([write(tmp_path / "s.json", snapshot(*items))]).graph


def test_a_state_machine_leads_to_its_role_and_the_customer_policy_it_holds(
    tmp_path: Path,
) -> None:
    graph = _graph(
        tmp_path,
        _findings_rule(MACHINE_ARN),
        _machine(),
        _role(MACHINE_ROLE_ARN, "block-sources", [POLICY_ARN]),
        _policy("wafv2:GetIPSet", "wafv2:UpdateIPSet"),
    )
    machine = graph.resources("AWS::StepFunctions::StateMachine")[0]
    assert machine.get("RoleArn") == MACHINE_ROLE_ARN
    (role,) = network.execution_roles(graph, machine)
    (found,) = events.targets(graph, graph.resources("AWS::Events::Rule")[0])
    assert events.execution_role(graph, found) is role
    # the customer managed policy is listed by ARN and read from its own item
    documents, complete = network.role_policy_documents(graph, role)
    assert complete and len(documents) == 1
    assert network.finding_response_can(graph, "aws.guardduty", _blocks)


def test_finding_response_is_unknown_when_the_automation_is_not_all_recorded(
    tmp_path: Path,
) -> None:
    runbook = f"arn:aws:ssm:{REGION}:{ACCOUNT}:automation-definition/Quarantine:$DEFAULT"
    document = delivered(
        "AWS::SSM::Document",
        "Quarantine",
        {"Name": "Quarantine", "DocumentType": "Automation", "DocumentFormat": "YAML"},
        name="Quarantine",
        arn=f"arn:aws:ssm:{REGION}:{ACCOUNT}:document/Quarantine",
    )
    role = _role(MACHINE_ROLE_ARN, "block-sources", [POLICY_ARN])
    unknowns = {
        "steps": ([_findings_rule(runbook), document], "does not record a document's content"),
        "runbook": (
            [_findings_rule(runbook)],
            "automation-definition/Quarantine.* not in the scan",
        ),
        "function": (
            [_findings_rule(FUNCTION_ARN)],
            "function:quarantine, which is not in the scan",
        ),
        "role": ([_findings_rule(MACHINE_ARN), _machine()], "role of .* is not in the scan"),
        "policy": ([_findings_rule(MACHINE_ARN), _machine(), role], "policies that are not in"),
    }
    for name, (items, reason) in unknowns.items():
        graph = _graph(tmp_path / name, *items)
        with pytest.raises(Unknown, match=reason):
            network.finding_response_can(graph, "aws.guardduty", _blocks, ["UpdateIPSet"])
    # What is recorded and able decides, whatever else the rules start.
    able = [_findings_rule(runbook, MACHINE_ARN), document, _machine(), role, _policy("wafv2:*")]
    assert network.finding_response_can(_graph(tmp_path / "able", *able), "aws.guardduty", _blocks)
    # A recorded role that cannot, and an AWS-owned runbook that does something else: no.
    owned = f"arn:aws:ssm:{REGION}::automation-definition/AWSSupport-ContainEC2Instance:$DEFAULT"
    unable = [_findings_rule(owned, MACHINE_ARN), _machine(), role, _policy("wafv2:GetIPSet")]
    assert not network.finding_response_can(
        _graph(tmp_path / "unable", *unable), "aws.guardduty", _blocks, ["UpdateIPSet"]
    )
