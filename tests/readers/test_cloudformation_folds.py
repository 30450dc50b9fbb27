"""CloudFormation reader: the folds and intrinsics the network controls rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static.model import Graph, Resource, Unknown
from tests.conftest import template_graph


def _one(graph: Graph, type: str) -> Resource:
    (found,) = graph.resources(type)
    return found


def test_standalone_egress_keeps_the_default_allow_all_rule(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: no inline egress
  Https:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt Group.GroupId
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/8
""",
    )
    egress = _one(graph, "AWS::EC2::SecurityGroup").get("SecurityGroupEgress")
    assert egress == [
        {"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"},
    ]


def test_inline_egress_replaces_the_default_and_empty_means_default(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: explicit egress
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
  Empty:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: empty list keeps AWS's default rule
      SecurityGroupEgress: []
""",
    )
    closed, empty = graph.resources("AWS::EC2::SecurityGroup")
    assert len(closed.get("SecurityGroupEgress")) == 1
    assert not empty.has("SecurityGroupEgress")


def test_rule_on_a_vpc_default_group_is_not_folded_into_the_vpc(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  DefaultIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
      IpProtocol: "-1"
      CidrIp: 10.0.0.0/8
""",
    )
    vpc = _one(graph, "AWS::EC2::VPC")
    assert not vpc.has("SecurityGroupIngress")
    (rule,) = graph.related(vpc, "AWS::EC2::SecurityGroupIngress", direction="in")
    assert rule.get("GroupId").attribute == "DefaultSecurityGroup"


def test_select_over_a_deploy_time_list_is_unknown_but_keeps_the_edge(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Firewall:
    Type: AWS::NetworkFirewall::Firewall
    Properties:
      FirewallName: egress
      FirewallPolicyArn: arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/p
      VpcId: vpc-1
      SubnetMappings:
        - SubnetId: subnet-1
  Route:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: rtb-1
      DestinationCidrBlock: 0.0.0.0/0
      VpcEndpointId: !Select [1, !Split [":", !Select [0, !GetAtt Firewall.EndpointIds]]]
""",
    )
    route = _one(graph, "AWS::EC2::Route")
    with pytest.raises(Unknown):
        route.get("VpcEndpointId")
    assert graph.related(route, "AWS::NetworkFirewall::Firewall", direction="out")
