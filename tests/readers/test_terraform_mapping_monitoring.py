"""Terraform monitoring and response resources in CloudFormation's vocabulary (provider v5
attribute names, checked against `terraform providers schema`)."""

from __future__ import annotations

from pathlib import Path

from csmm_static.readers import parse
from tests.readers.terraform_support import by_address, scan

CONFIGURATION = """
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_budgets_budget" "monthly" {
  name         = "monthly"
  budget_type  = "COST"
  limit_amount = "1000"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    notification_type          = "FORECASTED"
    subscriber_email_addresses = ["finops@example.com"]
    subscriber_sns_topic_arns  = [aws_sns_topic.alerts.arn]
  }
}

resource "aws_ce_anomaly_subscription" "daily" {
  name             = "daily"
  frequency        = "DAILY"
  monitor_arn_list = ["arn:aws:ce::111122223333:anomalymonitor/m"]
  subscriber {
    type    = "EMAIL"
    address = "finops@example.com"
  }
}

resource "aws_ssmincidents_response_plan" "p" {
  name        = "security"
  engagements = ["arn:aws:ssm-contacts:eu-west-1:111122223333:contact/on-call"]
  chat_channel = [aws_sns_topic.alerts.arn]
  incident_template {
    title  = "Security"
    impact = 2
  }
  action {
    ssm_automation {
      document_name = "Quarantine"
      role_arn      = "arn:aws:iam::111122223333:role/incident-automation"
    }
  }
}

resource "aws_securityhub_automation_rule" "r" {
  rule_name   = "suppress-dev"
  rule_order  = 1
  description = "Suppress findings in dev"
  actions {
    type = "FINDING_FIELDS_UPDATE"
    finding_fields_update {
      workflow {
        status = "SUPPRESSED"
      }
    }
  }
}

resource "aws_securitylake_aws_log_source" "trail" {
  source {
    source_name    = "CLOUD_TRAIL_MGMT"
    source_version = "2.0"
    regions        = ["eu-west-1"]
  }
}

resource "aws_cloudwatch_log_delivery_destination" "d" {
  name = "logs"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:s3:::access-logs"
  }
}

resource "aws_guardduty_threatintelset" "t" {
  name        = "intel"
  activate    = true
  detector_id = "12abc34d567e8fa901bc2d34e56789f0"
  format      = "TXT"
  location    = "https://s3.amazonaws.com/intel/list.txt"
}
"""


def test_monitoring_types_map_to_cloudformation_shapes(tmp_path: Path) -> None:
    resources = by_address(scan(tmp_path, {"main.tf": CONFIGURATION}))
    topic = resources["aws_sns_topic.alerts"]
    budget = resources["aws_budgets_budget.monthly"]
    assert budget.type == "AWS::Budgets::Budget"
    assert budget.get("Budget") == {
        "BudgetName": "monthly",
        "BudgetType": "COST",
        "TimeUnit": "MONTHLY",
        "BudgetLimit": {"Amount": "1000", "Unit": "USD"},
    }
    (notification,) = budget.get("NotificationsWithSubscribers")
    assert notification["Notification"]["ThresholdType"] == "PERCENTAGE"
    email, sns = notification["Subscribers"]
    assert email == {"SubscriptionType": "EMAIL", "Address": "finops@example.com"}
    assert sns["SubscriptionType"] == "SNS" and sns["Address"].target == topic.node_id
    subscription = resources["aws_ce_anomaly_subscription.daily"]
    assert subscription.get("Subscribers") == [{"Address": "finops@example.com", "Type": "EMAIL"}]
    plan = resources["aws_ssmincidents_response_plan.p"]
    assert plan.get("Actions.0.SsmAutomation.DocumentName") == "Quarantine"
    assert plan.get("IncidentTemplate.Impact") == 2
    assert plan.get("ChatChannel.ChatbotSns")[0].target == topic.node_id
    rule = resources["aws_securityhub_automation_rule.r"]
    assert (rule.get("RuleStatus"), rule.get("Actions")) == (
        "ENABLED",
        [{"Type": "FINDING_FIELDS_UPDATE"}],
    )
    source = resources["aws_securitylake_aws_log_source.trail"]
    assert (source.get("SourceName"), source.get("SourceVersion")) == ("CLOUD_TRAIL_MGMT", "2.0")
    destination = resources["aws_cloudwatch_log_delivery_destination.d"]
    assert destination.get("DestinationResourceArn") == "arn:aws:s3:::access-logs"
    intel = resources["aws_guardduty_threatintelset.t"]
    assert (intel.type, intel.get("Activate")) == ("AWS::GuardDuty::ThreatIntelSet", True)


RULE_AND_TARGETS = """
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_lambda_function" "responder" {
  function_name = "responder"
  role          = "arn:aws:iam::111122223333:role/responder"
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "artifacts"
  s3_key        = "responder.zip"
}

resource "aws_cloudwatch_event_rule" "findings" {
  name          = "guardduty-findings"
  event_pattern = jsonencode({ source = ["aws.guardduty"] })
}

resource "aws_cloudwatch_event_target" "notify" {
  rule      = aws_cloudwatch_event_rule.findings.name
  target_id = "notify"
  arn       = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_target" "respond" {
  rule      = "guardduty-findings"
  arn       = aws_lambda_function.responder.arn
  role_arn  = "arn:aws:iam::111122223333:role/events-invoke"
}
"""


def test_event_targets_fold_into_the_rule_by_reference_or_by_name(tmp_path: Path) -> None:
    resources = by_address(scan(tmp_path, {"main.tf": RULE_AND_TARGETS}))
    rule = resources["aws_cloudwatch_event_rule.findings"]
    assert rule.get("State") == "ENABLED"
    respond, notify = sorted(rule.get("Targets"), key=lambda t: str(t["Arn"]))
    assert notify["Arn"].target == resources["aws_sns_topic.alerts"].node_id
    assert notify["Id"] == "notify"
    assert respond["Arn"].target == resources["aws_lambda_function.responder"].node_id
    assert respond["RoleArn"] == "arn:aws:iam::111122223333:role/events-invoke"
    # The targets stay in the graph for the inventory.
    assert resources["aws_cloudwatch_event_target.respond"].type == "aws_cloudwatch_event_target"


def test_event_targets_fold_in_a_plan_too() -> None:
    fixture = Path(__file__).parents[2] / "fixtures" / "controls" / "cloudwatch_alarm_root_usage"
    graph = parse([fixture / "pass_eventbridge.tfplan.json"]).graph
    (rule,) = graph.resources("AWS::Events::Rule")
    (topic,) = graph.resources("AWS::SNS::Topic")
    (target,) = rule.get("Targets")
    assert (target["Id"], target["Arn"].target) == ("security-alerts", topic.node_id)
