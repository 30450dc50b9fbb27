"""Terraform compute resources in the canonical graph: ECS deployment safety nets, Auto Scaling
attachments, instance maintenance options and attached interfaces, maintenance window targets."""

from __future__ import annotations

from pathlib import Path

from tests.readers.terraform_support import by_address, scan


def test_ecs_service_circuit_breaker_and_alarms(tmp_path: Path) -> None:
    resources = by_address(
        scan(
            tmp_path,
            {
                "main.tf": """
resource "aws_ecs_service" "api" {
  name = "api"
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  alarms {
    alarm_names = ["api-5xx"]
    enable      = true
    rollback    = false
  }
}
"""
            },
        )
    )
    configuration = resources["aws_ecs_service.api"].get("DeploymentConfiguration")
    assert configuration == {
        "DeploymentCircuitBreaker": {"Enable": True, "Rollback": True},
        "Alarms": {"AlarmNames": ["api-5xx"], "Enable": True, "Rollback": False},
    }


def test_autoscaling_attachments_fold_into_the_group(tmp_path: Path) -> None:
    resources = by_address(
        scan(
            tmp_path,
            {
                "main.tf": """
resource "aws_autoscaling_group" "web" {
  name     = "web"
  min_size = 1
  max_size = 2
}
resource "aws_lb_target_group" "web" {
  name = "web"
}
resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}
resource "aws_autoscaling_attachment" "classic" {
  autoscaling_group_name = "web"
  elb                    = "legacy-elb"
}
resource "aws_autoscaling_traffic_source_attachment" "lattice" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  traffic_source {
    identifier = "arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-1"
    type       = "vpc-lattice"
  }
}
"""
            },
        )
    )
    group = resources["aws_autoscaling_group.web"]
    assert [str(a) for a in group.get("TargetGroupARNs")] == ["${aws_lb_target_group.web.arn}"]
    assert group.get("LoadBalancerNames") == ["legacy-elb"]
    assert group.get("TrafficSources.0.Type") == "vpc-lattice"


def test_instance_maintenance_options_and_attached_interfaces(tmp_path: Path) -> None:
    resources = by_address(
        scan(
            tmp_path,
            {
                "main.tf": """
resource "aws_network_interface" "primary" {
  subnet_id = "subnet-1"
}
resource "aws_instance" "db" {
  ami = "ami-1"
  network_interface {
    network_interface_id = aws_network_interface.primary.id
    device_index         = 0
  }
  maintenance_options {
    auto_recovery = "default"
  }
}
"""
            },
        )
    )
    instance = resources["aws_instance.db"]
    assert instance.get("MaintenanceOptions.AutoRecovery") == "default"
    interface = instance.get("NetworkInterfaces.0")
    assert interface["DeviceIndex"] == 0
    assert str(interface["NetworkInterfaceId"]) == "${aws_network_interface.primary.id}"


def test_maintenance_window_targets_keep_their_targets(tmp_path: Path) -> None:
    resources = by_address(
        scan(
            tmp_path,
            {
                "main.tf": """
resource "aws_ssm_maintenance_window_target" "web" {
  window_id     = "mw-1"
  resource_type = "INSTANCE"
  targets {
    key    = "tag:Patch"
    values = ["weekly"]
  }
}
"""
            },
        )
    )
    target = resources["aws_ssm_maintenance_window_target.web"]
    assert target.type == "AWS::SSM::MaintenanceWindowTarget"
    assert target.get("Targets") == [{"Key": "tag:Patch", "Values": ["weekly"]}]
