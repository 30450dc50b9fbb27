"""AWS Config items of the network and edge services, as the networking controls read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csmm_static import network
from csmm_static.model import Resource, is_unknown
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


def test_a_subnet_without_an_association_uses_the_main_route_table(tmp_path: Path) -> None:
    # A default VPC: the main route table sends 0.0.0.0/0 to the internet gateway and its
    # subnets have no explicit association (DescribeRouteTables `associations[].main`).
    vpc = delivered("AWS::EC2::VPC", "vpc-1", {"vpcId": "vpc-1", "isDefault": True})
    subnets = [
        delivered("AWS::EC2::Subnet", sid, {"subnetId": sid, "vpcId": "vpc-1"})
        for sid in ("subnet-default", "subnet-private")
    ]
    main = delivered(
        "AWS::EC2::RouteTable",
        "rtb-main",
        {
            "routeTableId": "rtb-main",
            "vpcId": "vpc-1",
            "routes": [{"destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-1"}],
            "associations": [{"main": True, "routeTableId": "rtb-main"}],
        },
    )
    private = delivered(
        "AWS::EC2::RouteTable",
        "rtb-private",
        {
            "routeTableId": "rtb-private",
            "vpcId": "vpc-1",
            "routes": [{"destinationCidrBlock": "10.0.0.0/16", "gatewayId": "local"}],
            "associations": [
                {"main": False, "routeTableId": "rtb-private", "subnetId": "subnet-private"}
            ],
        },
    )
    graph = _parse(tmp_path, vpc, *subnets, main, private)
    by_id = {s.node_id.rsplit("/", 1)[-1]: s for s in graph.resources("AWS::EC2::Subnet")}
    assert network.subnet_is_public(graph, by_id["subnet-default"])
    assert not network.subnet_is_public(graph, by_id["subnet-private"])
    tables = {t.node_id.rsplit("/", 1)[-1]: t for t in graph.resources("AWS::EC2::RouteTable")}
    assert network.is_main_table(tables["rtb-main"])
    assert [s.node_id for s in network.table_subnets(graph, tables["rtb-main"])] == [
        by_id["subnet-default"].node_id
    ]


def test_network_firewalls_and_policies_in_cloudformation_names(tmp_path: Path) -> None:
    # Describe shapes (aws-config-resource-schema AWS::NetworkFirewall::Firewall and
    # ::FirewallPolicy): `firewall.subnetMappings[].subnetId`, `firewallPolicy.*`.
    policy_arn = f"arn:aws:network-firewall:eu-west-1:{ACCOUNT}:firewall-policy/egress"
    firewall = delivered(
        "AWS::NetworkFirewall::Firewall",
        "fw",
        {
            "firewall": {
                "firewallName": "egress",
                "firewallPolicyArn": policy_arn,
                "vpcId": "vpc-1",
                "subnetMappings": [{"subnetId": "subnet-fw", "iPAddressType": "IPV4"}],
            }
        },
    )
    policy = delivered(
        "AWS::NetworkFirewall::FirewallPolicy",
        policy_arn,
        {
            "firewallPolicy": {
                "statelessDefaultActions": ["aws:forward_to_sfe"],
                "statelessFragmentDefaultActions": ["aws:forward_to_sfe"],
                "statefulDefaultActions": ["aws:drop_strict"],
                "statefulEngineOptions": {"ruleOrder": "STRICT_ORDER"},
            },
            "firewallPolicyResponse": {"firewallPolicyName": "egress"},
        },
        arn=policy_arn,
    )
    vpc = delivered("AWS::EC2::VPC", "vpc-1", {"vpcId": "vpc-1"})
    subnet = delivered("AWS::EC2::Subnet", "subnet-fw", {"subnetId": "subnet-fw", "vpcId": "vpc-1"})
    graph = _parse(tmp_path, firewall, policy, vpc, subnet)
    found = _one(graph, "AWS::NetworkFirewall::Firewall")
    assert found.get("SubnetMappings") == [{"SubnetId": "subnet-fw", "IPAddressType": "IPV4"}]
    linked = {r.type for r in graph.related(found, direction="out")}
    assert linked == {
        "AWS::EC2::VPC",
        "AWS::EC2::Subnet",
        "AWS::NetworkFirewall::FirewallPolicy",
    }
    spec = _one(graph, "AWS::NetworkFirewall::FirewallPolicy").get("FirewallPolicy")
    assert spec["StatefulDefaultActions"] == ["aws:drop_strict"]
    assert spec["StatelessDefaultActions"] == ["aws:forward_to_sfe"]


def test_db_subnet_groups_and_resolver_associations_link_their_subnets_and_vpcs(
    tmp_path: Path,
) -> None:
    group = delivered(
        "AWS::RDS::DBSubnetGroup",
        "data",
        {
            "dBSubnetGroupName": "data",
            "vpcId": "vpc-1",
            "subnets": [{"subnetIdentifier": "subnet-a"}, {"subnetIdentifier": "subnet-b"}],
        },
    )
    logging = delivered(
        "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
        "rslvr-qlcassoc-1",
        {
            "Id": "rslvr-qlcassoc-1",
            "ResolverQueryLogConfigId": "rslvr-qlc-1",
            "ResourceId": "vpc-1",
        },
    )
    firewall = delivered(
        "AWS::Route53Resolver::FirewallRuleGroupAssociation",
        "rslvr-frgassoc-1",
        {"Id": "rslvr-frgassoc-1", "FirewallRuleGroupId": "rslvr-frg-1", "VpcId": "vpc-1"},
    )
    rules = delivered(
        "AWS::Route53Resolver::FirewallRuleGroup",
        "rslvr-frg-1",
        {"Id": "rslvr-frg-1", "FirewallRules": [{"Action": "BLOCK", "Priority": 1}]},
    )
    vpc = delivered("AWS::EC2::VPC", "vpc-1", {"vpcId": "vpc-1"})
    subnets = [
        delivered("AWS::EC2::Subnet", s, {"subnetId": s, "vpcId": "vpc-1"})
        for s in ("subnet-a", "subnet-b")
    ]
    graph = _parse(tmp_path, group, logging, firewall, rules, vpc, *subnets)
    found = _one(graph, "AWS::RDS::DBSubnetGroup")
    assert found.get("SubnetIds") == ["subnet-a", "subnet-b"]
    assert len(graph.related(found, "AWS::EC2::Subnet", direction="out")) == 2
    vpc_node = _one(graph, "AWS::EC2::VPC")
    assert {r.type for r in graph.related(vpc_node, direction="in")} >= {
        "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
        "AWS::Route53Resolver::FirewallRuleGroupAssociation",
    }
    association = _one(graph, "AWS::Route53Resolver::FirewallRuleGroupAssociation")
    assert [r.type for r in graph.related(association, direction="out")] == [
        "AWS::EC2::VPC",
        "AWS::Route53Resolver::FirewallRuleGroup",
    ]


def test_guardduty_protection_plans_come_from_the_detector_export(tmp_path: Path) -> None:
    # Config records a detector's Enable and DataSources but not its Features
    # (aws-config-resource-schema AWS::GuardDuty::Detector); get-detector does.
    detector_id = "12abc34d567e8fa901bc2d34e56789f0"
    item = delivered(
        "AWS::GuardDuty::Detector",
        detector_id,
        {"Id": detector_id, "Enable": True, "DataSources": {"S3Logs": {"Enable": True}}},
    )
    only_config = _parse(tmp_path / "config-only", item)
    detector = _one(only_config, "AWS::GuardDuty::Detector")
    assert is_unknown(detector.properties["Features"])
    assert network.detector_feature(detector, "S3_DATA_EVENTS", "S3Logs.Enable")

    folder = tmp_path / "evidence" / ACCOUNT
    write(folder / "config" / "snapshot.json", snapshot(item))
    write(folder / "eu-west-1" / "guardduty-detectors.json", {"DetectorIds": [detector_id]})
    features = [{"Name": "RUNTIME_MONITORING", "Status": "DISABLED"}]
    write(
        folder / "eu-west-1" / f"guardduty-detector-{detector_id}.json",
        {
            "ServiceRole": f"arn:aws:iam::{ACCOUNT}:role/guardduty",
            "Status": "ENABLED",
            "FindingPublishingFrequency": "SIX_HOURS",
            "Features": features,
        },
    )
    combined = parse([tmp_path / "evidence"]).graph
    detector = _one(combined, "AWS::GuardDuty::Detector")
    assert detector.get("Features") == features
    assert "account-export" in detector.evidence
    assert not network.detector_feature(detector, "RUNTIME_MONITORING")
