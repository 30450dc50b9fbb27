"""AWS Config items of the network and edge services, as the networking controls read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csmm_static.model import Resource
from csmm_static.readers import parse
from tests.readers.test_awsconfig import ACCOUNT, delivered, snapshot, write


def _parse(tmp_path: Path, *items: dict[str, Any]) -> Any:
    return parse([write(tmp_path / "config" / "snapshot.json", snapshot(*items))]).graph


def _one(graph: Any, rtype: str) -> Resource:
    (found,) = graph.resources(rtype)
    return found


def test_shield_protections_of_global_and_regional_resources_are_one_type(tmp_path: Path) -> None:
    # Config names the automatic response `ApplicationLayerAutomaticResponseConfig`
    # (aws-config-resource-schema AWS::Shield::Protection); CloudFormation `...Configuration`.
    alb = f"arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188"
    edge = delivered(
        "AWS::Shield::Protection",
        "p-1",
        {
            "Id": "p-1",
            "Name": "edge",
            "ResourceArn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QWRUHAPOMQZL7",
            "ApplicationLayerAutomaticResponseConfig": {
                "Status": "ENABLED",
                "Action": {"Block": {}},
            },
        },
        region="global",
    )
    web = delivered(
        "AWS::ShieldRegional::Protection",
        "p-2",
        {"Id": "p-2", "Name": "web", "ResourceArn": alb},
    )
    balancer = delivered(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        alb,
        {"loadBalancerArn": alb, "loadBalancerName": "web", "type": "application"},
        arn=alb,
    )
    graph = _parse(tmp_path, edge, web, balancer)
    protections = {p.get("Name"): p for p in graph.resources("AWS::Shield::Protection")}
    assert protections["edge"].get("ApplicationLayerAutomaticResponseConfiguration") == {
        "Status": "ENABLED",
        "Action": {"Block": {}},
    }
    assert protections["web"].get("ApplicationLayerAutomaticResponseConfiguration") is None
    assert [r.type for r in graph.related(protections["web"], direction="out")] == [
        "AWS::ElasticLoadBalancingV2::LoadBalancer"
    ]


def test_hosted_zone_query_logging_is_the_log_group_arn(tmp_path: Path) -> None:
    # Config records QueryLoggingConfig.CloudWatchLogsLogGroupArn as the Route 53 API's whole
    # QueryLoggingConfig object (aws-config-resource-schema AWS::Route53::HostedZone).
    log_group = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/route53/example.com"
    zone = delivered(
        "AWS::Route53::HostedZone",
        "Z1D633PJN98FT9",
        {
            "Id": "Z1D633PJN98FT9",
            "Name": "example.com.",
            "QueryLoggingConfig": {
                "CloudWatchLogsLogGroupArn": {
                    "CloudWatchLogsLogGroupArn": log_group,
                    "HostedZoneId": "Z1D633PJN98FT9",
                    "Id": "87654321-dcba-fedc-ba98-76543210fedc",
                }
            },
        },
        region="global",
    )
    unlogged = delivered(
        "AWS::Route53::HostedZone", "Z2", {"Id": "Z2", "Name": "b.example."}, region="global"
    )
    graph = _parse(tmp_path, zone, unlogged)
    zones = {z.get("Id"): z for z in graph.resources("AWS::Route53::HostedZone")}
    assert zones["Z1D633PJN98FT9"].get("QueryLoggingConfig.CloudWatchLogsLogGroupArn") == log_group
    assert zones["Z2"].get("QueryLoggingConfig") is None
