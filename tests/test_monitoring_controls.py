"""Monitoring controls on evidence that CloudFormation fixtures cannot carry: account exports,
AWS Config recorders, attestation-only states and resources outside the scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csmm_static.engine import Scope, evaluate
from csmm_static.model import Graph, Resource, account_node
from csmm_static.readers import parse
from tests.conftest import builtin_controls, corpus
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, snapshot, write


def status(control_id: str, graph: Graph) -> tuple[str, str]:
    (item,) = [c for c in builtin_controls() if c.id == control_id]
    scope: Scope = "account" if item.is_account_control else "workload"
    (result,) = evaluate([item], graph, scope).partitions[0].results
    reasons = "; ".join(s.reason for s in result.subjects)
    return result.status, reasons


def account_graph(properties: dict[str, Any], *resources: Resource) -> Graph:
    graph = Graph()
    graph.add(account_node("111122223333", properties))
    for resource in resources:
        graph.add(resource)
    return graph


def finding(label: str, first_seen: str, updated: str, **fields: Any) -> dict[str, Any]:
    """A finding summary as the account-export reader stores it (docs/graph.md)."""
    return {
        "Id": f"finding-{label}-{first_seen}",
        "Severity": label,
        "FirstObservedAt": first_seen,
        "UpdatedAt": updated,
        "RecordState": "ACTIVE",
        "WorkflowStatus": "NEW",
        **fields,
    }


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], "pass"),
        ([finding("CRITICAL", "2024-05-01T00:00:00Z", "2024-05-06T00:00:00.000Z")], "pass"),
        ([finding("CRITICAL", "2024-05-01T00:00:00Z", "2024-05-09T00:00:00.000Z")], "fail"),
        ([finding("HIGH", "2024-05-01T00:00:00Z", "2024-05-20T00:00:00Z")], "pass"),
        ([finding("HIGH", "2024-04-01T00:00:00Z", "2024-05-20T00:00:00Z")], "fail"),
        ([finding("MEDIUM", "2023-01-01T00:00:00Z", "2024-05-20T00:00:00Z")], "pass"),
        (
            [
                finding(
                    "CRITICAL",
                    "2024-01-01T00:00:00Z",
                    "2024-05-20T00:00:00Z",
                    WorkflowStatus="SUPPRESSED",
                )
            ],
            "pass",
        ),
        (
            [
                finding(
                    "CRITICAL",
                    "2024-01-01T00:00:00Z",
                    "2024-05-20T00:00:00Z",
                    RecordState="ARCHIVED",
                )
            ],
            "pass",
        ),
        (
            # An old finding is overdue against the newest update in the export, however old
            # the export itself is: the report never depends on the day it is run.
            [
                finding("LOW", "2024-05-01T00:00:00Z", "2024-06-30T00:00:00Z"),
                finding("CRITICAL", "2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z"),
            ],
            "fail",
        ),
    ],
)
def test_findings_sla_is_measured_against_the_export(findings: list[Any], expected: str) -> None:
    graph = account_graph({"SecurityHubFindings": findings})
    assert status("securityhub_findings_within_sla", graph)[0] == expected


def test_findings_sla_without_evidence_is_unknown() -> None:
    assert status("securityhub_findings_within_sla", account_graph({}))[0] == "unknown"
    undated = {"SecurityHubFindings": [{"Severity": "CRITICAL"}]}
    assert status("securityhub_findings_within_sla", account_graph(undated))[0] == "unknown"


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        (
            {"SECURITY": {"AlternateContactType": "SECURITY", "EmailAddress": "sec@example.com"}},
            "pass",
        ),
        (
            {"BILLING": {"AlternateContactType": "BILLING", "EmailAddress": "ap@example.com"}},
            "fail",
        ),
        (None, "unknown"),
    ],
)
def test_security_contact(contacts: dict[str, Any] | None, expected: str) -> None:
    properties = {} if contacts is None else {"AlternateContacts": contacts}
    assert status("security_contact_registered", account_graph(properties))[0] == expected


@pytest.mark.parametrize(
    ("compliance", "expected"),
    [
        ({"securityhub-enabled-a1b2c3": "COMPLIANT"}, "pass"),
        ({"SECURITYHUB_ENABLED": "NON_COMPLIANT"}, "fail"),
        ({"restricted-ssh": "COMPLIANT"}, "fail"),
    ],
)
def test_security_hub_from_config_rule_compliance(
    compliance: dict[str, str], expected: str
) -> None:
    graph = account_graph({"ConfigRuleCompliance": compliance})
    assert status("securityhub_enabled", graph)[0] == expected


def recorder(region: str | None) -> Resource:
    return Resource(
        node_id=f"config:111122223333/{region}/AWS::Config::ConfigurationRecorder/default",
        type="AWS::Config::ConfigurationRecorder",
        address="default",
        properties={"RecordingGroup": {"AllSupported": True, "IncludeGlobalResourceTypes": True}},
        account="111122223333",
        region=region,
    )


def test_recorders_from_config_without_delivery_channels_are_unknown() -> None:
    graph = account_graph({}, recorder("eu-west-1"))
    state, reason = status("config_recorder_enabled", graph)
    assert state == "unknown" and "describe-delivery-channels" in reason
    assert status("config_recorder_enabled", account_graph({}, recorder(None)))[0] == "fail"


def scan(tmp_path: Path, body: str) -> Graph:
    path = tmp_path / "template.yaml"
    path.write_text('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + body, "utf-8")
    return parse([path]).graph


@pytest.mark.parametrize(
    "control_id",
    [
        "incident_response_runbooks_exercised",
        "threat_hunting_performed",
        "security_metrics_reviewed",
    ],
)
def test_attestable_controls_are_unknown_once_their_prerequisite_exists(
    tmp_path: Path, control_id: str
) -> None:
    graph = scan(
        tmp_path,
        """
  Runbook:
    Type: AWS::SSM::Document
    Properties: {DocumentType: Automation, Content: {schemaVersion: "0.3", mainSteps: []}}
  Store:
    Type: AWS::CloudTrail::EventDataStore
  Dashboard:
    Type: AWS::CloudWatch::Dashboard
    Properties: {DashboardBody: "{}"}
""",
    )
    state, reason = status(control_id, graph)
    assert state == "unknown" and "attestation" in reason


def test_trail_bucket_outside_the_scan_is_unknown(tmp_path: Path) -> None:
    graph = scan(
        tmp_path,
        """
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: central-log-archive}
""",
    )
    state, reason = status("cloudtrail_log_archive_tamper_resistant", graph)
    assert state == "unknown" and "central-log-archive" in reason


def test_alarm_topic_outside_the_scan_is_unknown(tmp_path: Path) -> None:
    graph = scan(
        tmp_path,
        """
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: Errors
      Namespace: AWS/Lambda
      AlarmActions: ["arn:aws:sns:us-east-1:222233334444:central-alerts"]
""",
    )
    assert status("cloudwatch_alarm_topic_subscribed", graph)[0] == "unknown"


def corpus_statuses(name: str) -> dict[str, str]:
    graph = parse([corpus(name)]).graph
    monitoring = [c for c in builtin_controls() if c.pillar == "monitoring"]
    evaluation = evaluate(monitoring, graph, "account")
    return {r.control_id: r.status for p in evaluation.partitions for r in p.results}


def test_security_reference_architecture_earns_monitoring_credit() -> None:
    statuses = corpus_statuses("sra")
    for control_id in (
        "securityhub_enabled",
        "detective_graph_enabled",
        "config_aggregator_organization_wide",
        "cloudwatch_alarm_action_configured",
    ):
        assert statuses[control_id] == "pass", control_id
    assert "fail" not in {statuses["config_recorder_enabled"], statuses["securityhub_enabled"]}


def test_vulnerable_template_earns_no_monitoring_credit() -> None:
    statuses = corpus_statuses("cfngoat")
    assert "pass" not in statuses.values()
    assert statuses["securityhub_enabled"] == "fail"
    assert statuses["guardduty_findings_trigger_automation"] == "fail"


def test_incidents_from_a_config_snapshot_say_when_a_chat_channel_may_follow(
    tmp_path: Path,
) -> None:
    # AWS Config records no Chatbot channels: findings sent to a topic are unknown, not a fail;
    # a response plan or an API destination decides, and so does a route to neither.
    def scan(name: str, target: str, *items: dict[str, Any]) -> tuple[str, str]:
        rule = delivered(
            "AWS::Events::Rule",
            "findings",
            {
                "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/findings",
                "EventPattern": '{"source":["aws.securityhub"],'
                '"detail-type":["Security Hub Findings - Imported"]}',
                "Name": "findings",
                "State": "ENABLED",
                "Targets": [{"Arn": target, "Id": "t"}],
            },
            name="findings",
        )
        path = write(tmp_path / f"{name}.json", snapshot(rule, *items))
        return status("security_incidents_opened_automatically", parse([path]).graph)

    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:security-alerts"
    recorded = delivered("AWS::SNS::Topic", topic, {"TopicArn": topic}, arn=topic)
    for name, items in (("recorded", [recorded]), ("outside", [])):
        verdict, reason = scan(name, topic, *items)
        assert verdict == "unknown" and "does not record AWS Chatbot" in reason, reason
    api = f"arn:aws:events:{REGION}:{ACCOUNT}:api-destination/jira/8c4a0f0e"
    assert scan("ticket", api)[0] == "pass"
    queue = f"arn:aws:sqs:{REGION}:{ACCOUNT}:siem"
    assert scan("queue", queue)[0] == "fail"
