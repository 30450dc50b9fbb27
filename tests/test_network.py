"""The network analysis: rule evaluation, ACL ordering, reachability and response wiring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csmm_static import network
from csmm_static.model import Graph, Resource, Unknown, UnknownValue
from csmm_static.readers import parse
from tests.conftest import template_graph


def _group(**properties: Any) -> Resource:
    return Resource("g", "AWS::EC2::SecurityGroup", "Group", properties)


def _nacl(*entries: dict[str, Any]) -> Resource:
    return Resource("n", "AWS::EC2::NetworkAcl", "Acl", {"Entries": list(entries)})


def _entry(number: int, action: str, protocol: Any = 6, low: int = 22, high: int = 22, **extra):
    entry = {"RuleNumber": number, "RuleAction": action, "Protocol": protocol, **extra}
    if protocol in (6, 17, "6", "17"):
        entry["PortRange"] = {"From": low, "To": high}
    entry.setdefault("CidrBlock", network.PUBLIC_IPV4)
    return entry


# -- addresses and protocols -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cidr", "world"),
    [
        ("0.0.0.0/0", True),
        ("::/0", True),
        ("0:0:0:0:0:0:0:0/0", True),
        (" 0.0.0.0/0 ", True),
        ("0.0.0.0/1", False),
        ("10.0.0.0/8", False),
        ("not a cidr", False),
        (None, False),
    ],
)
def test_is_world(cidr: Any, world: bool) -> None:
    assert network.is_world(cidr) is world


def test_unknown_cidr_raises() -> None:
    with pytest.raises(Unknown):
        network.is_world(UnknownValue("parameter"))


@pytest.mark.parametrize(
    ("cidr", "wide"),
    [("8.0.0.0/8", True), ("8.8.8.0/24", False), ("10.0.0.0/8", False), ("0.0.0.0/0", False)],
)
def test_is_wide_public(cidr: str, wide: bool) -> None:
    assert network.is_wide_public(cidr) is wide


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-1, "all"), ("-1", "all"), ("all", "all"), (6, "tcp"), ("TCP", "tcp"), ("17", "udp"),
     (1, "icmp"), (58, "icmpv6"), (50, "50")],
)  # fmt: skip
def test_normalize_protocol(value: Any, expected: str) -> None:
    assert network.normalize_protocol(value) == expected


# -- security group rules ----------------------------------------------------------------------


def test_port_ranges_and_protocols() -> None:
    rule = {"IpProtocol": "tcp", "FromPort": 20, "ToPort": 25, "CidrIp": "0.0.0.0/0"}
    assert network.covers_port(rule, 22) and not network.covers_port(rule, 26)
    assert not network.covers_port(rule, 22, frozenset({"udp"}))
    assert network.covers_port({"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}, 3389)
    assert not network.covers_port({"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1}, 22)
    assert network.covers_port({"IpProtocol": "6", "FromPort": 0, "ToPort": 65535}, 22)


def test_all_ports() -> None:
    assert network.all_ports({"IpProtocol": "-1"})
    assert network.all_ports({"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535})
    assert network.all_ports({"IpProtocol": "udp", "FromPort": -1, "ToPort": -1})
    assert not network.all_ports({"IpProtocol": "tcp", "FromPort": 1, "ToPort": 65535})
    assert not network.all_ports({"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1})


def test_publicly_open_ports_ipv4_and_ipv6() -> None:
    group = _group(
        SecurityGroupIngress=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/8"},
            {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIpv6": "::/0"},
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "SourceSecurityGroupId": "sg"},
        ]
    )
    assert network.publicly_open_ports(group, (22, 3389, 5432)) == [3389]


def test_unknown_rule_makes_the_answer_unknown() -> None:
    group = _group(SecurityGroupIngress=[{"IpProtocol": "tcp", "CidrIp": UnknownValue("p")}])
    with pytest.raises(Unknown):
        network.publicly_open_ports(group, (22,))


def test_egress_absent_is_the_aws_default() -> None:
    assert network.unrestricted_egress(_group())
    assert not network.egress_closed(_group())
    assert not network.unrestricted_egress(_group(SecurityGroupEgress=[]))
    assert network.egress_closed(_group(SecurityGroupEgress=[]))


def test_egress_closed_accepts_only_loopback() -> None:
    loopback = {"IpProtocol": "-1", "CidrIp": "127.0.0.1/32"}
    assert network.egress_closed(_group(SecurityGroupEgress=[loopback]))
    https = {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}
    assert not network.egress_closed(_group(SecurityGroupEgress=[loopback, https]))
    peer = {"IpProtocol": "-1", "DestinationSecurityGroupId": "sg-1"}
    assert not network.egress_closed(_group(SecurityGroupEgress=[peer]))
    assert not network.unrestricted_egress(_group(SecurityGroupEgress=[https]))


# -- network ACLs ------------------------------------------------------------------------------


def test_nacl_first_matching_entry_decides_by_rule_number() -> None:
    deny_first = _nacl(_entry(200, "allow", -1), _entry(100, "deny", 6, 22, 22))
    assert not network.nacl_admits_world(deny_first, 22)
    assert network.nacl_admits_world(deny_first, 443)
    allow_first = _nacl(_entry(100, "allow", 6, 0, 1024), _entry(50, "deny", 6, 3389, 3389))
    assert network.nacl_admits_world(allow_first, 22)
    assert not network.nacl_admits_world(allow_first, 3389)


def test_nacl_ipv4_deny_does_not_close_ipv6() -> None:
    acl = _nacl(
        _entry(100, "deny", -1),
        _entry(110, "allow", 6, 22, 22, CidrBlock=None, Ipv6CidrBlock="::/0"),
    )
    assert network.nacl_admits_world(acl, 22)


def test_nacl_narrow_sources_and_egress_entries_do_not_decide() -> None:
    acl = _nacl(
        _entry(90, "deny", 6, 22, 22, CidrBlock="203.0.113.0/24"),
        _entry(100, "allow", 6, 22, 22),
        _entry(10, "deny", -1, Egress=True),
    )
    assert network.nacl_admits_world(acl, 22)
    assert not network.nacl_admits_world(_nacl(), 22)  # the implicit last entry denies


def test_nacl_all_traffic() -> None:
    assert network.nacl_admits_world_all_traffic(_nacl(_entry(100, "allow", -1)))
    assert network.nacl_admits_world_all_traffic(_nacl(_entry(100, "allow", 6, 0, 65535)))
    assert not network.nacl_admits_world_all_traffic(_nacl(_entry(100, "allow", 6, 1024, 65535)))
    assert not network.nacl_admits_world_all_traffic(
        _nacl(_entry(100, "deny", -1), _entry(200, "allow", -1))
    )


# -- reachability ------------------------------------------------------------------------------

_VPC = """
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
  Private:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  PublicTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PublicDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref PublicTable
  PrivateTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivateDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateTable
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: nat-0123456789abcdef0
  PrivateAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Private
      RouteTableId: !Ref PrivateTable
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref PrivateTable]
  EcrEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.eu-west-1.ecr.dkr
"""


def test_public_and_private_subnets(tmp_path: Path) -> None:
    graph = template_graph(tmp_path, _VPC)
    vpc = graph.resources("AWS::EC2::VPC")[0]
    subnets = {s.address: s for s in network.vpc_subnets(graph, vpc)}
    assert network.subnet_is_public(graph, subnets["Public"])
    assert not network.subnet_is_public(graph, subnets["Private"])
    assert [g.address for g in network.vpc_internet_gateways(graph, vpc)] == ["Igw"]
    (private_table,) = network.subnet_route_tables(graph, subnets["Private"])
    (route,) = network.routes(graph, private_table)
    assert network.is_default_route(route) and network.route_to_nat(graph, route)
    assert not network.route_to_internet_gateway(graph, route)


def test_vpc_endpoints_by_service(tmp_path: Path) -> None:
    graph = template_graph(tmp_path, _VPC)
    vpc = graph.resources("AWS::EC2::VPC")[0]
    endpoints = network.vpc_endpoints(graph, vpc)
    assert sorted(endpoints) == ["ecr.dkr", "s3"]
    assert network.endpoint_type(endpoints["s3"][0]) == "Gateway"
    assert network.endpoint_type(endpoints["ecr.dkr"][0]) == "Interface"


def test_unknown_gateway_makes_publicness_unknown(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
  Table:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: vpc-1
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref Table
  Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !ImportValue shared-igw
""",
    )
    with pytest.raises(Unknown):
        network.subnet_is_public(graph, graph.resources("AWS::EC2::Subnet")[0])


def test_attachments_exclude_peer_groups_and_rules(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          SourceSecurityGroupId: !Ref Web
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      SecurityGroups: [!Ref Web]
""",
    )
    web = next(g for g in graph.resources("AWS::EC2::SecurityGroup") if g.address == "Web")
    assert [r.address for r in network.attachments(graph, web)] == ["Lb"]


@pytest.mark.parametrize(
    ("kind", "description", "balancer"),
    [
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", None, True),
        ("AWS::ElasticLoadBalancing::LoadBalancer", None, True),
        ("AWS::EC2::NetworkInterface", "ELB app/web/6b0fe08b851e2aa1", True),
        ("AWS::EC2::NetworkInterface", "ELB legacy-web", True),
        ("AWS::EC2::NetworkInterface", "Primary network interface", False),
        ("AWS::EC2::NetworkInterface", None, False),
        ("AWS::EC2::Instance", "ELB app/web/6b0fe08b851e2aa1", False),
    ],
)
def test_load_balancers_and_their_interfaces(kind: str, description: Any, balancer: bool) -> None:
    properties = {} if description is None else {"Description": description}
    assert network.is_load_balancer(Resource("r", kind, "R", properties)) is balancer


# -- response wiring ---------------------------------------------------------------------------

_RESPONSE = """
  Findings:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.guardduty]
        detail-type: [GuardDuty Finding]
      Targets:
        - Arn: !GetAtt Isolate.Arn
          Id: isolate
  Disabled:
    Type: AWS::Events::Rule
    Properties:
      State: DISABLED
      EventPattern: '{"source": ["aws.guardduty"]}'
      Targets:
        - Arn: !GetAtt Isolate.Arn
          Id: isolate
  Isolate:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Code: {ZipFile: "def handler(event, context): pass"}
      Role: !GetAtt IsolateRole.Arn
  IsolateRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Ref IsolatePolicy
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess
      Policies:
        - PolicyName: snapshot
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ec2:CreateSnapshot
                Resource: "*"
  IsolatePolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: ec2:ModifyInstanceAttribute
            Resource: "*"
"""


def test_event_rules_targets_roles_and_documents(tmp_path: Path) -> None:
    graph = template_graph(tmp_path, _RESPONSE)
    (rule,) = network.event_rules_for(graph, "aws.guardduty")
    assert rule.address == "Findings"
    assert not network.event_rules_for(graph, "aws.securityhub")
    (target,) = network.automation_targets(graph, rule)
    (role,) = network.execution_roles(graph, target)
    documents, complete = network.role_policy_documents(graph, role)
    # inline, customer managed, and the known AWS managed one; the other is not in the scan
    assert len(documents) == 3 and not complete


def test_terraform_event_targets_name_their_function(tmp_path: Path) -> None:
    # aws_cloudwatch_event_target folds into the rule's Targets with the function's ARN as a
    # reference; the edge belongs to the target resource, not to the rule.
    (tmp_path / "main.tf").write_text(
        """
resource "aws_cloudwatch_event_rule" "findings" {
  event_pattern = jsonencode({ source = ["aws.guardduty"] })
}
resource "aws_cloudwatch_event_target" "responder" {
  rule = aws_cloudwatch_event_rule.findings.name
  arn  = aws_lambda_function.responder.arn
}
resource "aws_lambda_function" "responder" {
  function_name = "responder"
  role          = "arn:aws:iam::111122223333:role/responder"
}
""",
        encoding="utf-8",
    )
    graph = parse([tmp_path]).graph
    (rule,) = network.event_rules_for(graph, "aws.guardduty")
    assert [t.address for t in network.automation_targets(graph, rule)] == [
        "aws_lambda_function.responder"
    ]


def _grants(action: str):
    return lambda document: any(
        action in str(statement.get("Action")) for statement in document["Statement"]
    )


def test_finding_response_can(tmp_path: Path) -> None:
    graph = template_graph(tmp_path, _RESPONSE)
    assert network.finding_response_can(graph, "aws.guardduty", _grants("ModifyInstance"))
    with pytest.raises(Unknown):  # a policy outside the scan might grant it
        network.finding_response_can(graph, "aws.guardduty", _grants("wafv2:UpdateIPSet"))
    assert not network.finding_response_can(graph, "aws.securityhub", _grants("ec2"))


def test_finding_response_outside_the_template_is_unknown(tmp_path: Path) -> None:
    # A rule that starts a function the template does not declare: what it may do is not known.
    graph = template_graph(
        tmp_path,
        """
  Findings:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.guardduty]}
      Targets:
        - Arn: arn:aws:sns:us-east-1:111122223333:security-alerts
          Id: notify
        - Arn: arn:aws:lambda:us-east-1:111122223333:function:isolate
          Id: isolate
""",
    )
    with pytest.raises(Unknown, match="function:isolate, which is not in the scan"):
        network.finding_response_can(graph, "aws.guardduty", _grants("ModifyInstance"))


def test_ssm_document_calls() -> None:
    document = Resource(
        "d",
        "AWS::SSM::Document",
        "Quarantine",
        {
            "Content": {
                "mainSteps": [
                    {
                        "action": "aws:executeAwsApi",
                        "inputs": {"Service": "ec2", "Api": "ModifyInstanceAttribute"},
                    },
                    {"action": "aws:sleep", "inputs": {"Duration": "PT1M"}},
                ]
            }
        },
    )
    calls = network.document_calls(document, ["ModifyInstanceAttribute", "CreateSnapshot"])
    assert calls == ["ModifyInstanceAttribute"]


# -- Firewall Manager --------------------------------------------------------------------------


def _fms(**properties: Any) -> Resource:
    base = {
        "RemediationEnabled": True,
        "ExcludeResourceTags": False,
        "ResourceType": "AWS::CloudFront::Distribution",
        "SecurityServicePolicyData": {"Type": "WAFV2"},
    }
    return Resource("p", "AWS::FMS::Policy", "Policy", {**base, **properties})


def _distribution(**tags: str) -> Resource:
    items = [{"Key": k, "Value": v} for k, v in tags.items()]
    return Resource("d", "AWS::CloudFront::Distribution", "Cdn", {"Tags": items})


@pytest.mark.parametrize(
    ("policy", "tags", "protected"),
    [
        ({}, {}, True),
        ({"RemediationEnabled": False}, {}, False),
        ({"ResourceType": "AWS::ElasticLoadBalancingV2::LoadBalancer"}, {}, False),
        ({"ResourceTags": [{"Key": "waf", "Value": "on"}]}, {"waf": "on"}, True),
        ({"ResourceTags": [{"Key": "waf", "Value": "on"}]}, {"waf": "off"}, False),
        ({"ResourceTags": [{"Key": "waf"}, {"Key": "team"}]}, {"waf": "x"}, False),
        (
            {"ResourceTags": [{"Key": "waf"}, {"Key": "team"}], "ResourceTagLogicalOperator": "OR"},
            {"waf": "x"},
            True,
        ),
        ({"ResourceTags": [{"Key": "legacy"}], "ExcludeResourceTags": True}, {"legacy": ""}, False),
        ({"ResourceTags": [{"Key": "legacy"}], "ExcludeResourceTags": True}, {}, True),
    ],
)
def test_fms_protects(policy: dict[str, Any], tags: dict[str, str], protected: bool) -> None:
    graph = Graph()
    graph.add(_fms(**policy))
    assert network.fms_protects(graph, _distribution(**tags), ("WAFV2",)) is protected


# -- firewall placement, detectors, Config rules, provisioning ---------------------------------


def test_firewall_routes_and_inspection_subnets(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  FirewallSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
  Firewall:
    Type: AWS::NetworkFirewall::Firewall
    Properties:
      FirewallName: egress
      FirewallPolicyArn: arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/p
      VpcId: !Ref Vpc
      SubnetMappings: [{SubnetId: !Ref FirewallSubnet}]
  Appliance:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: GatewayLoadBalancer
      ServiceName: com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f67890
      SubnetIds: [!Ref FirewallSubnet]
  ToFirewall:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: rtb-1
      DestinationCidrBlock: 0.0.0.0/0
      VpcEndpointId: !Select [1, !Split [":", !Select [0, !GetAtt Firewall.EndpointIds]]]
  ToAppliance:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: rtb-2
      DestinationCidrBlock: 0.0.0.0/0
      VpcEndpointId: !Ref Appliance
  ToPeer:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: rtb-3
      DestinationCidrBlock: 10.1.0.0/16
      VpcPeeringConnectionId: pcx-0a1b2c3d4e5f67890
""",
    )
    by_name = {r.address: r for r in graph.resources("AWS::EC2::Route")}
    assert network.route_to_firewall(graph, by_name["ToFirewall"])
    assert network.route_to_firewall(graph, by_name["ToAppliance"])
    assert not network.route_to_firewall(graph, by_name["ToPeer"])
    vpc = graph.resources("AWS::EC2::VPC")[0]
    (subnet,) = graph.resources("AWS::EC2::Subnet")
    assert network.inspection_subnets(graph, vpc) == {subnet.node_id}


def test_detector_features_unknown_fall_back_to_the_data_source_switch() -> None:
    unrecorded = UnknownValue("AWS Config does not record protection plans")
    for switch, on in ((True, True), (False, False)):
        detector = Resource(
            "d",
            "AWS::GuardDuty::Detector",
            "D",
            {"Enable": True, "Features": unrecorded, "DataSources": {"S3Logs": {"Enable": switch}}},
        )
        assert network.detector_feature(detector, "S3_DATA_EVENTS", "S3Logs.Enable") is on
    bare = Resource("d", "AWS::GuardDuty::Detector", "D", {"Enable": True, "Features": unrecorded})
    with pytest.raises(Unknown):
        network.detector_feature(bare, "RUNTIME_MONITORING")


@pytest.mark.parametrize(
    ("properties", "feature", "legacy", "on"),
    [
        ({"Enable": True}, "S3_DATA_EVENTS", "S3Logs.Enable", True),
        ({"Enable": False}, "S3_DATA_EVENTS", "S3Logs.Enable", False),
        (
            {"Enable": True, "DataSources": {"S3Logs": {"Enable": False}}},
            "S3_DATA_EVENTS",
            "S3Logs.Enable",
            False,
        ),
        (
            {"Enable": True, "Features": [{"Name": "S3_DATA_EVENTS", "Status": "DISABLED"}]},
            "S3_DATA_EVENTS",
            "S3Logs.Enable",
            False,
        ),
        ({"Enable": True}, "RUNTIME_MONITORING", "", False),
        (
            {"Enable": "true", "Features": [{"Name": "RUNTIME_MONITORING", "Status": "ENABLED"}]},
            "RUNTIME_MONITORING",
            "",
            True,
        ),
    ],
)
def test_detector_feature_defaults(properties: dict, feature: str, legacy: str, on: bool) -> None:
    detector = Resource("d", "AWS::GuardDuty::Detector", "Detector", properties)
    assert network.detector_feature(detector, feature, legacy) is on


def test_config_rule_active_from_rules_packs_and_compliance() -> None:
    graph = Graph()
    assert not network.config_rule_active(graph, None, "INCOMING_SSH_DISABLED", "restricted-ssh")
    graph.add(
        Resource(
            "p",
            "AWS::Config::ConformancePack",
            "Pack",
            {"TemplateBody": "Resources: {R: {Properties: {Source: {Owner: AWS, "
             "SourceIdentifier: INCOMING_SSH_DISABLED}}}}"},
        )
    )  # fmt: skip
    assert network.config_rule_active(graph, None, "INCOMING_SSH_DISABLED", "restricted-ssh")
    account = Resource(
        "a",
        "AWS::Account",
        "account",
        {"ConfigRuleCompliance": {"securityhub-restricted-common-ports-a1b2c3": "COMPLIANT"}},
    )
    assert network.config_rule_active(
        Graph(), account, "RESTRICTED_INCOMING_TRAFFIC", "restricted-common-ports"
    )


def test_roles_may_reads_statements_one_by_one(tmp_path: Path) -> None:
    graph = template_graph(
        tmp_path,
        """
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: mixed
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: !ImportValue some-bucket-arn
              - Effect: Allow
                Action: ec2:ModifyInstanceAttribute
                Resource: "*"
""",
    )
    role = graph.resources("AWS::IAM::Role")[0]

    def grants(action: str):
        def check(document: dict) -> bool:
            (statement,) = document["Statement"]
            if isinstance(statement["Resource"], UnknownValue):
                raise Unknown("resource")
            return statement["Action"] == action

        return check

    assert network.roles_may(graph, [role], grants("ec2:ModifyInstanceAttribute"))
    with pytest.raises(Unknown):
        network.roles_may(graph, [role], grants("wafv2:UpdateIPSet"))
    assert not network.roles_may(graph, [role], grants("wafv2:UpdateIPSet"), doubt_is_unknown=False)


def test_custom_resource_roles_skip_disabling_resources(tmp_path: Path) -> None:
    body = """
  Setup:
    Type: Custom::ServiceSetup
    Properties:
      ServiceToken: !GetAtt Function.Arn
      DISABLE_SERVICE: "{flag}"
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Code: {{ZipFile: "def handler(event, context): pass"}}
      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {{}}
"""
    enabling = template_graph(tmp_path, body.format(flag="false"))
    assert [r.address for _, r in network.custom_resource_roles(enabling)] == ["Role"]
    disabling = template_graph(tmp_path, body.format(flag="true"))
    assert not network.custom_resource_roles(disabling)
