"""EventBridge patterns, metric filter patterns, and the targets rules reach."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csmm_static import events
from csmm_static.events import ANY, Call, Detections, Open
from csmm_static.model import Graph, Unknown, UnknownValue
from csmm_static.readers import parse

# ---------------------------------------------------------------------------------------------
# Patterns.


def test_parse_pattern_reads_dicts_and_json_strings() -> None:
    pattern = {"source": ["aws.guardduty"]}
    assert events.parse_pattern(pattern) == pattern
    assert events.parse_pattern(json.dumps(pattern)) == pattern
    assert events.parse_pattern("not json") is None
    assert events.parse_pattern(None) is None
    with pytest.raises(Unknown):
        events.parse_pattern(UnknownValue("parameter"))
    with pytest.raises(Unknown):
        events.parse_pattern({"source": [UnknownValue("parameter")]})


@pytest.mark.parametrize(
    ("matcher", "value", "expected"),
    [
        ("StopLogging", "StopLogging", True),
        ("StopLogging", "stoplogging", False),
        (5, 5.0, True),
        (5, "5", False),
        (True, True, True),
        (True, 1, False),
        (None, None, True),
        ({"prefix": "Delete"}, "DeleteTrail", True),
        ({"prefix": {"equals-ignore-case": "delete"}}, "DeleteTrail", True),
        ({"suffix": "Trail"}, "DeleteTrail", True),
        ({"suffix": "Trail"}, "StopLogging", False),
        ({"equals-ignore-case": "root"}, "Root", True),
        ({"wildcard": "Delete*Policy"}, "DeleteRolePolicy", True),
        ({"wildcard": "Delete*Policy"}, "DeleteRole", False),
        ({"wildcard": "a\\*b"}, "a*b", True),
        ({"anything-but": "AWSService"}, "IAMUser", True),
        ({"anything-but": ["AWSService", "IAMUser"]}, "IAMUser", False),
        ({"anything-but": {"prefix": "Describe"}}, "DescribeTrails", False),
        ({"anything-but": {"suffix": ["Get", "List"]}}, "DeleteTrail", True),
        ({"numeric": [">=", 7]}, 8.0, True),
        ({"numeric": [">", 0, "<", 4]}, 4, False),
        ({"numeric": [">", 0]}, "5", False),
        ({"cidr": "10.0.0.0/8"}, "10.1.2.3", True),
        ({"cidr": "10.0.0.0/8"}, "192.168.0.1", False),
        ({"exists": True}, "x", True),
    ],
)
def test_leaf_matchers(matcher: object, value: object, expected: bool) -> None:
    assert events.matches({"field": [matcher]}, {"field": value}) is expected


def test_absent_fields_match_only_exists_false() -> None:
    assert events.matches({"errorCode": [{"exists": False}]}, {"eventName": "X"})
    assert not events.matches({"errorCode": [{"exists": True}]}, {"eventName": "X"})
    assert not events.matches({"errorCode": [{"anything-but": "AccessDenied"}]}, {})
    assert events.matches({"detail": {"errorCode": [{"exists": False}]}}, {})


def test_arrays_in_events_match_when_any_element_does() -> None:
    event = {"resources": ["arn:a", "arn:b"], "detail": {"findings": [{"Sev": 2}, {"Sev": 9}]}}
    assert events.matches({"resources": ["arn:b"]}, event)
    assert events.matches({"detail": {"findings": {"Sev": [{"numeric": [">", 8]}]}}}, event)
    assert not events.matches({"detail": {"findings": {"Sev": [{"numeric": [">", 9]}]}}}, event)


def test_or_takes_any_branch() -> None:
    pattern = {"$or": [{"source": ["aws.guardduty"]}, {"source": ["aws.securityhub"]}]}
    assert events.matches(pattern, {"source": "aws.securityhub"})
    assert not events.matches(pattern, {"source": "aws.ec2"})


def test_open_fields_match_every_matcher() -> None:
    assert events.matches({"account": ["123456789012"]}, Open({"source": "aws.s3"}))
    assert events.matches({"region": [{"exists": False}]}, Open())
    assert events.matches({"detail": {"x": [1]}}, {"detail": ANY})


def test_unmodelled_matchers_are_unknown() -> None:
    with pytest.raises(Unknown):
        events.matches({"field": [{"regex": "x"}]}, {"field": "x"})
    with pytest.raises(Unknown):
        events.matches({"field": "scalar"}, {"field": "scalar"})


def test_finding_classes() -> None:
    assert events.sees_guardduty_findings({"source": ["aws.guardduty"]})
    assert events.sees_guardduty_findings(
        {"detail-type": ["GuardDuty Finding"], "detail": {"severity": [{"numeric": [">=", 7]}]}}
    )
    assert not events.sees_guardduty_findings({"source": ["aws.securityhub"]})
    assert not events.sees_guardduty_findings(
        {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Malware Protection Scan"]}
    )
    imported = {
        "source": ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Imported"],
        "detail": {"findings": {"ProductName": ["Inspector"]}},
    }
    assert events.sees_security_hub_findings(imported)
    assert not events.sees_security_hub_findings(imported, product="GuardDuty")
    assert not events.sees_security_hub_findings(
        {"source": ["aws.securityhub"], "detail-type": ["Security Hub Findings - Custom Action"]}
    )


# ---------------------------------------------------------------------------------------------
# CloudTrail calls.

STOP_LOGGING = {
    "source": ["aws.cloudtrail"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging"]},
}


def test_calls_match_patterns_on_what_defines_them() -> None:
    stop = Call("StopLogging", "cloudtrail")
    assert events.sees_call(STOP_LOGGING, stop)
    assert not events.matches(STOP_LOGGING, Call("DeleteTrail", "cloudtrail").event())
    excluded_role = json.loads(json.dumps(STOP_LOGGING))
    excluded_role["detail"]["userIdentity"] = {"arn": [{"anything-but": {"prefix": "arn:x"}}]}
    assert events.matches(excluded_role, stop.event())
    root_only = {"detail": {"userIdentity": {"type": ["Root"]}}}
    assert not events.matches(root_only, stop.event())
    assert events.matches(root_only, Call("StopLogging", "cloudtrail", principal="Root").event())
    failures_only = {"detail": {"errorCode": [{"exists": True}]}}
    assert not events.matches(failures_only, stop.event())
    assert events.matches(failures_only, Call("CreateUser", "iam", error_code="X").event())


def test_console_sign_in_events() -> None:
    failed = Call("ConsoleLogin", "signin", principal="IAMUser", success=False)
    event = failed.event()
    assert event["source"] == "aws.signin"
    assert event["detail-type"] == "AWS Console Sign In via CloudTrail"
    assert events.matches({"detail": {"errorMessage": ["Failed authentication"]}}, event)
    assert failed.label == "ConsoleLogin (IAMUser, failure)"
    no_mfa = Call("ConsoleLogin", "signin", principal="IAMUser", mfa=False)
    assert no_mfa.label == "ConsoleLogin (IAMUser, success, without MFA)"
    assert Call("StopLogging", "cloudtrail").label == "StopLogging"


# CIS AWS Foundations metric filter patterns, as the benchmark publishes them.
CIS_ROOT = (
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS'
    ' && $.eventType != "AwsServiceEvent" }'
)
CIS_UNAUTHORIZED = (
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")'
    ' && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }'
)
CIS_NO_MFA = (
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes")'
    ' && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
)
CIS_TRAIL = (
    "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail)"
    " || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
)


@pytest.mark.parametrize(
    ("pattern", "call", "expected"),
    [
        (CIS_ROOT, Call("CreateAccessKey", "iam", principal="Root"), True),
        (CIS_ROOT, Call("CreateAccessKey", "iam"), False),
        (
            CIS_UNAUTHORIZED,
            Call("RunInstances", "ec2", error_code="Client.UnauthorizedOperation"),
            True,
        ),
        (CIS_UNAUTHORIZED, Call("CreateUser", "iam", error_code="AccessDenied"), True),
        (CIS_UNAUTHORIZED, Call("CreateUser", "iam"), False),
        (CIS_NO_MFA, Call("ConsoleLogin", "signin", principal="IAMUser", mfa=False), True),
        (CIS_NO_MFA, Call("ConsoleLogin", "signin", principal="IAMUser"), False),
        (CIS_TRAIL, Call("StopLogging", "cloudtrail"), True),
        (CIS_TRAIL, Call("PutEventSelectors", "cloudtrail"), False),
        ('{ $.eventName = "Delete*" }', Call("DeleteTrail", "cloudtrail"), True),
        ("{ $.readOnly IS FALSE }", Call("DeleteTrail", "cloudtrail"), True),
        ("{ $.errorCode NOT EXISTS }", Call("DeleteTrail", "cloudtrail"), True),
        ("{ $.errorCode EXISTS }", Call("DeleteTrail", "cloudtrail"), False),
        ("", Call("DeleteTrail", "cloudtrail"), True),
        ("StopLogging", Call("StopLogging", "cloudtrail"), True),
    ],
)
def test_metric_filter_patterns(pattern: str, call: Call, expected: bool) -> None:
    assert events.filter_matches(pattern, call.record()) is expected


@pytest.mark.parametrize(
    "pattern",
    [
        "{ $.eventName = %Stop.*% }",
        "{ $.eventName = ",
        "{ ($.eventName = StopLogging }",
        "?StopLogging ?DeleteTrail",
        "[ip, user, ...]",
        "SomethingElse",
    ],
)
def test_metric_filter_forms_not_evaluated_are_none(pattern: str) -> None:
    assert events.filter_matches(pattern, Call("StopLogging", "cloudtrail").record()) is None


def test_metric_filter_numbers_compare_numerically() -> None:
    record = {"latency": 250}
    assert events.filter_matches("{ $.latency > 200 }", record) is True
    assert events.filter_matches("{ $.latency <= 200 }", record) is False
    with pytest.raises(Unknown):
        events.filter_matches(UnknownValue("parameter"), record)


# ---------------------------------------------------------------------------------------------
# Targets and detections, through the CloudFormation reader.

HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'


def graph_of(tmp_path: Path, body: str) -> Graph:
    path = tmp_path / "template.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    return parse([path]).graph


ROUTING = r"""
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: "def handler(e, c): pass"}
  Topic:
    Type: AWS::SNS::Topic
  Runbook:
    Type: AWS::SSM::Document
    Properties:
      DocumentType: Automation
      Content:
        schemaVersion: "0.3"
        mainSteps:
          - name: deactivate
            action: aws:executeAwsApi
            inputs: {Service: iam, Api: UpdateAccessKey}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.guardduty], detail-type: [GuardDuty Finding]}
      Targets:
        - Id: fn
          Arn: !GetAtt Function.Arn
        - Id: mail
          Arn: !Ref Topic
        - Id: runbook
          Arn: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:\
            automation-definition/${Runbook}:$DEFAULT"
          RoleArn: !GetAtt Role.Arn
        - Id: machine
          Arn: arn:aws:states:us-east-1:111122223333:stateMachine:respond
        - Id: plan
          Arn: arn:aws:ssm-incidents::111122223333:response-plan/security
"""


def test_targets_are_classified_by_reference_and_arn(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, ROUTING)
    (rule,) = graph.resources("AWS::Events::Rule")
    found = events.targets(graph, rule)
    assert [t.kind for t in found] == [
        "lambda",
        "sns",
        "ssm-automation",
        "step-functions",
        "incident-response-plan",
    ]
    assert found[0].resource is not None and found[0].resource.address == "Function"
    assert found[2].resource is not None and found[2].resource.address == "Runbook"
    assert found[3].resource is None and found[3].is_automation
    role = events.execution_role(graph, found[0])
    assert role is not None and role.address == "Role"
    assert events.runbook_calls(found[2].resource) == {"iam:updateaccesskey"}


def test_routes_find_finding_rules_and_what_they_reach(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, ROUTING)
    assert events.finding_routes(graph).any(events.AUTOMATION)
    assert not events.finding_routes(graph, guardduty=False).any(events.AUTOMATION)


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sns:us-east-1:111122223333:alerts",
        "arn:aws:sqs:us-east-1:111122223333:queue",
        "arn:aws:logs:us-east-1:111122223333:log-group:findings",
        "arn:aws:events:us-east-1:111122223333:api-destination/jira/abc",
        "arn:aws:kinesis:us-east-1:111122223333:stream/s",
        "not-an-arn",
    ],
)
def test_notification_and_other_arns_are_not_automation(arn: str) -> None:
    assert events.arn_kind(arn) not in events.AUTOMATION


def test_sns_lambda_subscriptions_and_forwarding_count(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        """\
  Function:
    Type: AWS::Lambda::Function
    Properties: {Role: arn:aws:iam::111122223333:role/r, Code: {ZipFile: x}}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{Protocol: email, Endpoint: soc@example.com}]
  Subscription:
    Type: AWS::SNS::Subscription
    Properties: {TopicArn: !Ref Topic, Protocol: lambda, Endpoint: !GetAtt Function.Arn}
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: security}
  Forward:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.securityhub]}
      Targets: [{Id: bus, Arn: !GetAtt Bus.Arn}]
  OnBus:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: {source: [aws.securityhub]}
      Targets: [{Id: topic, Arn: !Ref Topic}]
""",
    )
    forward = next(r for r in graph.resources("AWS::Events::Rule") if r.address == "Forward")
    kinds = [t.kind for t in events.reached_targets(graph, forward)]
    assert kinds == ["event-bus", "sns", "lambda"]
    (topic,) = graph.resources("AWS::SNS::Topic")
    assert events.subscribed(graph, topic)


def test_forwarding_outside_the_scan_is_unknown(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        """\
  Forward:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.securityhub], detail-type: [Security Hub Findings - Imported]}
      Targets: [{Id: bus, Arn: "arn:aws:events:us-east-1:999999999999:event-bus/central"}]
""",
    )
    with pytest.raises(Unknown, match="outside the scan"):
        events.finding_routes(graph, guardduty=False).any(events.AUTOMATION)


def test_disabled_and_scheduled_rules_do_not_count(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        """\
  Off:
    Type: AWS::Events::Rule
    Properties:
      State: DISABLED
      EventPattern: {source: [aws.guardduty]}
      Targets: [{Id: f, Arn: "arn:aws:lambda:us-east-1:111122223333:function:f"}]
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets: [{Id: f, Arn: "arn:aws:lambda:us-east-1:111122223333:function:f"}]
""",
    )
    assert events.event_rules(graph) == []
    assert not events.finding_routes(graph).any(events.AUTOMATION)


ALARMED = """\
  Group:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: cloudtrail}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: trail-bucket
      CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail
  Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref Group
      FilterPattern: '{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) }'
      MetricTransformations: [{MetricName: TrailChanges, MetricNamespace: CIS, MetricValue: "1"}]
  Topic:
    Type: AWS::SNS::Topic
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: TrailChanges
      Namespace: CIS
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [!Ref Topic]
"""


def test_detections_through_metric_filters_and_alarms(tmp_path: Path) -> None:
    detections = Detections.of(graph_of(tmp_path, ALARMED))
    assert detections.require(events.calls("cloudtrail", "StopLogging", "DeleteTrail"))
    assert not detections.require(events.calls("cloudtrail", "UpdateTrail"))


def test_metric_filters_need_an_acting_alarm(tmp_path: Path) -> None:
    body = ALARMED.replace("      AlarmActions: [!Ref Topic]\n", "      ActionsEnabled: false\n")
    detections = Detections.of(graph_of(tmp_path, body))
    assert not detections.require(events.calls("cloudtrail", "StopLogging"))


def test_metric_filters_off_the_trail_log_group_do_not_count(tmp_path: Path) -> None:
    body = ALARMED.replace("      LogGroupName: !Ref Group\n", "      LogGroupName: other\n")
    detections = Detections.of(graph_of(tmp_path, body))
    assert not detections.require(events.calls("cloudtrail", "StopLogging"))


def test_metric_filters_without_a_known_trail_are_unknown_only_where_they_match(
    tmp_path: Path,
) -> None:
    start, end = ALARMED.index("  Trail:"), ALARMED.index("  Filter:")
    body = ALARMED[:start] + ALARMED[end:]
    with pytest.raises(Unknown, match="no logging trail"):
        Detections.of(graph_of(tmp_path, body)).require(events.calls("cloudtrail", "StopLogging"))
    assert not Detections.of(graph_of(tmp_path, body)).require(
        events.calls("cloudtrail", "UpdateTrail")
    )


def test_alarms_with_unresolved_actions_make_their_filters_unknown(tmp_path: Path) -> None:
    body = ALARMED.replace(
        "      AlarmActions: [!Ref Topic]\n", "      AlarmActions: !Ref Missing\n"
    )
    with pytest.raises(Unknown, match="alarm Alarm"):
        Detections.of(graph_of(tmp_path, body)).require(events.calls("cloudtrail", "DeleteTrail"))


def test_detections_through_rules_need_a_target(tmp_path: Path) -> None:
    rule = """\
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.cloudtrail]
        detail: {eventName: [StopLogging]}
"""
    untargeted = Detections.of(graph_of(tmp_path, rule))
    assert not untargeted.require(events.calls("cloudtrail", "StopLogging"))
    targeted = rule + "      Targets: [{Id: t, Arn: arn:aws:sns:us-east-1:111122223333:alerts}]\n"
    assert Detections.of(graph_of(tmp_path, targeted)).require(
        events.calls("cloudtrail", "StopLogging")
    )


def test_role_documents_collect_inline_attached_and_managed(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        """\
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: inline
          PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMFullAccess
        - !Ref Managed
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: "ec2:CreateSnapshot", Resource: "*"}]}
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:PutBucketPolicy", Resource: "*"}]}
  Unrelated:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: passes-the-role
      Users: [someone]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "iam:PassRole", Resource: !GetAtt Role.Arn}]
""",
    )
    (role,) = graph.resources("AWS::IAM::Role")
    documents, complete = events.role_documents(graph, role)
    actions = sorted(
        s["Action"] if isinstance(s["Action"], str) else s["Action"][0]
        for d in documents
        for s in d["Statement"]
    )
    assert actions == ["ec2:CreateSnapshot", "iam:*", "s3:GetObject", "s3:PutBucketPolicy"]
    assert complete
    role.properties["ManagedPolicyArns"] = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert events.role_documents(graph, role)[1] is False


def test_runbook_calls_read_yaml_strings_and_ignore_other_steps(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        """\
  Runbook:
    Type: AWS::SSM::Document
    Properties:
      DocumentType: Automation
      DocumentFormat: YAML
      Content: |
        schemaVersion: "0.3"
        mainSteps:
          - name: wait
            action: aws:sleep
            inputs: {Duration: PT1M}
          - name: block
            action: aws:executeAwsApi
            inputs: {Service: s3, Api: PutPublicAccessBlock}
""",
    )
    (document,) = graph.resources("AWS::SSM::Document")
    assert events.runbook_calls(document) == {"s3:putpublicaccessblock"}


def test_substituted_automation_arns_are_read_without_the_resource(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, ROUTING)
    (rule,) = graph.resources("AWS::Events::Rule")
    arn = events.targets(graph, rule)[2].arn
    assert arn.endswith(":automation-definition/${Runbook}:$DEFAULT")
    assert events.arn_kind(arn) == "ssm-automation"


PROVISIONER = """
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument: {Statement: [{Effect: Allow, Action: "detective:*", Resource: "*"}]}
  Function:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn, Code: {ZipFile: x}}
  Provision:
    Type: Custom::Detective
    Properties:
      ServiceToken: !GetAtt Function.Arn
"""


def _grants_create_graph(document: object) -> bool:
    statements = document["Statement"]  # type: ignore[index]
    return any(s["Action"] in ("detective:*", "detective:CreateGraph") for s in statements)


def test_provisioning_functions_count_unless_told_to_disable(tmp_path: Path) -> None:
    assert events.provisioned(graph_of(tmp_path, PROVISIONER), _grants_create_graph)
    disabling = PROVISIONER + "      DisableDetective: true\n"
    assert not events.provisioned(graph_of(tmp_path, disabling), _grants_create_graph)
    unrelated = PROVISIONER.replace("detective:*", "s3:GetObject")
    assert not events.provisioned(graph_of(tmp_path, unrelated), _grants_create_graph)


def test_alarms_on_custom_metrics_without_filters_in_the_input_are_unknown(
    tmp_path: Path,
) -> None:
    start, end = ALARMED.index("  Filter:"), ALARMED.index("  Topic:")
    body = ALARMED[:start] + ALARMED[end:]
    with pytest.raises(Unknown, match="describe-metric-filters"):
        Detections.of(graph_of(tmp_path, body)).require(events.calls("cloudtrail", "StopLogging"))
    aws_metric = body.replace("Namespace: CIS", "Namespace: AWS/Lambda")
    assert not Detections.of(graph_of(tmp_path, aws_metric)).require(
        events.calls("cloudtrail", "StopLogging")
    )


def test_linked_follows_references_embedded_in_text(tmp_path: Path) -> None:
    """`!Sub ${Logs.Arn}:*` in a template and `"${aws_cloudwatch_log_group.l.arn}:*"` in
    Terraform name the log group through the edge the reader made for them."""
    template = tmp_path / "cfn" / "template.yaml"
    template.parent.mkdir()
    template.write_text(
        "Resources:\n"
        "  Logs:\n    Type: AWS::Logs::LogGroup\n"
        "  Other:\n    Type: AWS::Logs::LogGroup\n"
        "  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
        "      S3BucketName: archive\n"
        "      CloudWatchLogsLogGroupArn: !Sub '${Logs.Arn}:*'\n"
        "      CloudWatchLogsRoleArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/to-logs'\n"
    )
    config = tmp_path / "tf" / "main.tf"
    config.parent.mkdir()
    config.write_text(
        'resource "aws_cloudwatch_log_group" "logs" {\n  name = "trail"\n}\n'
        'resource "aws_cloudtrail" "trail" {\n  name = "t"\n  s3_bucket_name = "archive"\n'
        '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.logs.arn}:*"\n}\n'
    )
    for folder, group in (("cfn", "Logs"), ("tf", "aws_cloudwatch_log_group.logs")):
        graph = parse([tmp_path / folder]).graph
        (trail,) = graph.resources("AWS::CloudTrail::Trail")
        found = events.linked(graph, trail, trail.get("CloudWatchLogsLogGroupArn"))
        assert found is not None and found.address == group
        assert events.linked(graph, trail, trail.get("CloudWatchLogsRoleArn", "")) is None
        assert events.trail_log_groups(graph) >= {found.node_id}


def test_automation_arns_name_the_scanned_document(tmp_path: Path) -> None:
    """An automation target names its runbook by name (`automation-definition/NAME:$DEFAULT`),
    written with the document's name or as a literal."""
    config = tmp_path / "main.tf"
    config.write_text(
        'resource "aws_ssm_document" "d" {\n  name = "Contain"\n  document_type = "Automation"\n'
        '  content = "{}"\n}\n'
        'resource "aws_cloudwatch_event_rule" "r" {\n  name = "r"\n'
        '  event_pattern = jsonencode({ source = ["aws.securityhub"] })\n}\n'
        'resource "aws_cloudwatch_event_target" "t" {\n  rule = aws_cloudwatch_event_rule.r.name\n'
        '  arn = "arn:aws:ssm:eu-west-1:111122223333:automation-definition/'
        '${aws_ssm_document.d.name}:$DEFAULT"\n}\n'
        'resource "aws_cloudwatch_event_target" "u" {\n  rule = aws_cloudwatch_event_rule.r.name\n'
        '  arn = "arn:aws:ssm:eu-west-1:111122223333:automation-definition/Other:$DEFAULT"\n}\n'
    )
    graph = parse([tmp_path]).graph
    (rule,) = graph.resources("AWS::Events::Rule")
    found = sorted(events.targets(graph, rule), key=lambda t: t.arn)
    assert [(t.kind, t.resource.address if t.resource else None) for t in found] == [
        ("ssm-automation", "aws_ssm_document.d"),
        ("ssm-automation", None),
    ]
