"""Network analysis shared by the controls: rules, reachability and response wiring.

Security group rules are in CloudFormation's shape (`IpProtocol`, `FromPort`, `ToPort`, `CidrIp`,
`CidrIpv6`, ...) and network ACL entries in `AWS::EC2::NetworkAclEntry`'s shape (`RuleNumber`,
`Protocol`, `RuleAction`, `Egress`, `CidrBlock`, `Ipv6CidrBlock`, `PortRange`); every reader folds
its format's rules into those shapes (docs/graph.md), so these helpers see one form whichever way
the rules were written. Both become `Permission`s, on which port and source questions are asked.

Egress of a security group follows AWS: an absent `SecurityGroupEgress` is the default rule that
allows all outbound traffic; a present list, even an empty one, is the complete set of rules.

Reachability (subnets, route tables, gateways, VPC endpoints, firewalls) and the wiring of
response automation (EventBridge rules, their targets and the permissions of those targets) are
walked through `Graph.related` and `Graph.resources` only, so one scan indexes each type once.
Unknown values raise `Unknown` only when the answer depends on them.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from csmm_static.model import (
    Graph,
    Reference,
    Resource,
    Unknown,
    as_bool,
    as_int,
    as_list,
    is_unknown,
    require_known,
)

PUBLIC_IPV4 = "0.0.0.0/0"
PUBLIC_IPV6 = "::/0"
ALL = "all"  # the protocol of a rule that admits every protocol

_PROTOCOL_NUMBERS = {"-1": ALL, "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
_PROTOCOL_NAMES = {"all": ALL, "tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmpv6": "icmpv6"}
_PORTED = frozenset({"tcp", "udp"})

# The rule AWS adds to a new VPC security group when the template names no egress rule.
DEFAULT_EGRESS: dict[str, Any] = {"IpProtocol": "-1", "CidrIp": PUBLIC_IPV4}

# Services commonly reached from the internet by attackers, by port (SSH and RDP have their
# own controls). Sources: Security Hub EC2.19, Prowler's high-risk and per-service port lists.
HIGH_RISK_PORTS: dict[int, str] = {
    20: "FTP data",
    21: "FTP",
    23: "Telnet",
    25: "SMTP",
    110: "POP3",
    135: "Windows RPC",
    139: "NetBIOS",
    143: "IMAP",
    445: "SMB/CIFS",
    1433: "SQL Server",
    1434: "SQL Server browser",
    1521: "Oracle",
    2049: "NFS",
    2375: "Docker API",
    2376: "Docker API (TLS)",
    2379: "etcd",
    3000: "development web server",
    3306: "MySQL",
    4333: "mSQL",
    5000: "development web server",
    5432: "PostgreSQL",
    5500: "VNC/remote assistance",
    5601: "Kibana",
    5900: "VNC",
    6379: "Redis",
    7199: "Cassandra JMX",
    8080: "HTTP proxy/alt",
    8088: "Hadoop YARN",
    8888: "Jupyter/alt HTTP",
    9042: "Cassandra",
    9092: "Kafka",
    9160: "Cassandra Thrift",
    9200: "Elasticsearch",
    9300: "Elasticsearch transport",
    10250: "kubelet",
    11211: "Memcached",
    27017: "MongoDB",
    27018: "MongoDB",
}


# ---------------------------------------------------------------------------------------------
# Addresses and protocols.


def _network(cidr: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if is_unknown(cidr):
        raise Unknown("a CIDR range could not be resolved")
    if not isinstance(cidr, str) or isinstance(cidr, Reference):
        return None
    try:
        return ipaddress.ip_network(cidr.strip(), strict=False)
    except ValueError:
        return None


def is_world(cidr: Any) -> bool:
    """The range is every IPv4 or every IPv6 address (`0.0.0.0/0`, `::/0`, any spelling)."""
    network = _network(cidr)
    return network is not None and network.prefixlen == 0


def is_loopback(cidr: Any) -> bool:
    network = _network(cidr)
    return network is not None and network.is_loopback


def is_wide_public(cidr: Any, widest_prefix: int = 24) -> bool:
    """A globally routable range wider than `/widest_prefix` (but not the whole internet)."""
    network = _network(cidr)
    if network is None or network.prefixlen == 0:
        return False
    limit = widest_prefix if network.version == 4 else widest_prefix + 32
    return network.is_global and network.prefixlen < limit


def normalize_protocol(value: Any) -> str:
    """`all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the protocol number as text."""
    if is_unknown(value):
        raise Unknown("a rule's protocol could not be resolved")
    number = as_int(value)
    if number is not None:
        text = str(number)
        return _PROTOCOL_NUMBERS.get(text, text)
    name = str(value).strip().lower()
    return _PROTOCOL_NAMES.get(name, name)


# ---------------------------------------------------------------------------------------------
# Permissions: security group rules and network ACL entries in one form.


@dataclass(frozen=True)
class Permission:
    """One rule: what it admits (protocol and ports) and from or to where."""

    protocol: str
    low: int  # port range; 0-65535 when the protocol has no ports or all of them
    high: int
    ipv4: str | None = None
    ipv6: str | None = None
    allow: bool = True
    number: int = 0  # network ACL rule number (0 for security group rules)

    @property
    def world(self) -> bool:
        """The peer is the whole IPv4 or the whole IPv6 internet."""
        return is_world(self.ipv4) or is_world(self.ipv6)

    def families(self) -> list[int]:
        """The IP versions (4, 6) for which this rule's peer is the whole internet."""
        return [v for v, cidr in ((4, self.ipv4), (6, self.ipv6)) if is_world(cidr)]

    @property
    def all_traffic(self) -> bool:
        """Every protocol, or the whole TCP or UDP port range."""
        if self.protocol == ALL:
            return True
        return self.protocol in _PORTED and self.low <= 0 and self.high >= 65535

    def covers(self, port: int, protocols: Iterable[str] = ("tcp",)) -> bool:
        """The rule admits `port` over one of `protocols` (all-protocol rules admit any)."""
        if self.protocol == ALL:
            return True
        return self.protocol in set(protocols) and self.low <= port <= self.high


def _port_range(protocol: str, low: Any, high: Any) -> tuple[int, int]:
    if protocol not in _PORTED:
        return 0, 65535
    start, end = as_int(low), as_int(high)
    start = 0 if start is None or start < 0 else start
    end = 65535 if end is None or end < 0 else end
    return start, end


def sg_permission(rule: dict[str, Any]) -> Permission:
    """A security group rule (ingress or egress) as a `Permission`.

    Unknown protocol or ports raise `Unknown` here; an unknown peer raises only when a caller
    asks where the rule admits traffic from (a port question does not depend on it).
    """
    proto = normalize_protocol(rule.get("IpProtocol", "-1"))
    low, high = _port_range(proto, rule.get("FromPort"), rule.get("ToPort"))
    return Permission(proto, low, high, rule.get("CidrIp"), rule.get("CidrIpv6"))


def nacl_permission(entry: dict[str, Any]) -> Permission:
    """A network ACL entry as a `Permission` (protocols other than TCP/UDP cover all ports)."""
    proto = normalize_protocol(entry.get("Protocol", "-1"))
    raw_ports = entry.get("PortRange")
    ports: dict[str, Any] = raw_ports if isinstance(raw_ports, dict) else {}
    low, high = _port_range(proto, ports.get("From"), ports.get("To"))
    action = str(entry.get("RuleAction", "")).strip().lower()
    return Permission(
        proto,
        low,
        high,
        entry.get("CidrBlock"),
        entry.get("Ipv6CidrBlock"),
        allow=action == "allow",
        number=as_int(entry.get("RuleNumber")) or 0,
    )


# ---------------------------------------------------------------------------------------------
# Security groups.


def _rule_list(group: Resource, key: str) -> list[dict[str, Any]]:
    items = as_list(group.get(key))
    for item in items:
        if is_unknown(item):
            raise Unknown(f"a rule of {key} could not be resolved")
    return [r for r in items if isinstance(r, dict)]


def ingress_rules(group: Resource) -> list[dict[str, Any]]:
    return _rule_list(group, "SecurityGroupIngress")


def egress_rules(group: Resource) -> list[dict[str, Any]]:
    """The group's egress rules; AWS's allow-all default when the group names none."""
    if not group.has("SecurityGroupEgress"):
        return [dict(DEFAULT_EGRESS)]
    return _rule_list(group, "SecurityGroupEgress")


def is_public_source(rule: dict[str, Any]) -> bool:
    """The rule admits any IPv4 or any IPv6 address."""
    return is_world(rule.get("CidrIp")) or is_world(rule.get("CidrIpv6"))


def protocol(rule: dict[str, Any]) -> str:
    return normalize_protocol(rule.get("IpProtocol", "-1"))


def covers_port(
    rule: dict[str, Any], port: int, protocols: frozenset[str] = frozenset({"tcp"})
) -> bool:
    """The rule's protocol and port range include `port` (all-traffic rules include every port)."""
    return sg_permission(rule).covers(port, protocols)


def all_ports(rule: dict[str, Any]) -> bool:
    """All protocols, or the full TCP or UDP port range."""
    return sg_permission(rule).all_traffic


def public_ingress(group: Resource) -> list[Permission]:
    """The group's ingress rules that admit the whole internet."""
    return [p for p in (sg_permission(r) for r in ingress_rules(group)) if p.world]


def publicly_open_ports(group: Resource, ports: Iterable[int]) -> list[int]:
    """Which of `ports` (TCP) some ingress rule opens to the whole internet."""
    wanted = list(ports)
    opened = {port for p in public_ingress(group) for port in wanted if p.covers(port)}
    return sorted(opened)


def unrestricted_egress(group: Resource) -> bool:
    """Some egress rule sends every protocol and port to the whole internet."""
    return any(p.world and p.all_traffic for p in map(sg_permission, egress_rules(group)))


def egress_closed(group: Resource) -> bool:
    """No egress rule reaches anything but the loopback range (the CloudFormation idiom for
    "no egress", since an empty list keeps AWS's allow-all default)."""
    for rule in egress_rules(group):
        require_known(rule)
        peers = [rule.get(k) for k in ("CidrIp", "CidrIpv6") if rule.get(k) is not None]
        others = [rule.get(k) for k in ("DestinationSecurityGroupId", "DestinationPrefixListId")]
        if any(o is not None for o in others) or not peers:
            return False
        if not all(is_loopback(p) for p in peers):
            return False
    return True


_RULE_TYPES = frozenset(
    {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"}
)
LOAD_BALANCER_TYPES = frozenset(
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"}
)


def attachments(graph: Graph, group: Resource) -> list[Resource]:
    """The resources that use the group: everything referring to it but other groups and
    rules (which only name it as a peer)."""
    return [r for r in graph.related(group, direction="in") if r.type not in _RULE_TYPES]


def is_load_balancer(resource: Resource) -> bool:
    """A load balancer, or a network interface Elastic Load Balancing created for one (AWS
    Config records those beside the load balancer; AWS describes them as `ELB app/<name>/<id>`,
    `ELB net/...` or `ELB <classic name>`)."""
    if resource.type in LOAD_BALANCER_TYPES:
        return True
    if resource.type != "AWS::EC2::NetworkInterface":
        return False
    description = resource.get("Description")
    return isinstance(description, str) and description.startswith("ELB ")


# ---------------------------------------------------------------------------------------------
# Network ACLs: entries are evaluated in rule-number order, the first match decides, and the
# implicit last entry denies.


def nacl_entries(nacl: Resource, egress: bool = False) -> list[Permission]:
    """The ACL's ingress (or egress) entries as permissions, in evaluation order."""
    entries = []
    for item in as_list(nacl.get("Entries")):
        if is_unknown(item):
            raise Unknown("a network ACL entry could not be resolved")
        if not isinstance(item, dict):
            continue
        if (as_bool(item.get("Egress", False)) is True) != egress:
            continue
        entries.append(nacl_permission(item))
    return sorted(entries, key=lambda p: p.number)


def nacl_admits_world(nacl: Resource, port: int, protocols: Iterable[str] = ("tcp",)) -> bool:
    """Traffic from anywhere on the internet reaches `port` through the ACL's ingress entries.

    For each IP version, the first entry (by rule number) whose source is the whole internet
    and that covers the port decides; entries for narrower sources decide only for part of the
    internet and are passed over.
    """
    wanted = tuple(protocols)
    for family in (4, 6):
        for entry in nacl_entries(nacl):
            if family in entry.families() and entry.covers(port, wanted):
                if entry.allow:
                    return True
                break
    return False


def nacl_admits_world_all_traffic(nacl: Resource) -> bool:
    """Some ingress entry allows all traffic from the whole internet and no earlier entry
    denies all traffic from it first."""
    for family in (4, 6):
        for entry in nacl_entries(nacl):
            if family not in entry.families() or not entry.all_traffic:
                continue
            if entry.allow:
                return True
            break
    return False


# ---------------------------------------------------------------------------------------------
# Reachability: VPCs, subnets, route tables and their targets.


def _targets(graph: Graph, resource: Resource, type: str) -> list[Resource]:
    return graph.related(resource, type, direction="out")


def _referrers(graph: Graph, resource: Resource, type: str) -> list[Resource]:
    return graph.related(resource, type, direction="in")


def vpc_subnets(graph: Graph, vpc: Resource) -> list[Resource]:
    return _referrers(graph, vpc, "AWS::EC2::Subnet")


def vpc_route_tables(graph: Graph, vpc: Resource) -> list[Resource]:
    return _referrers(graph, vpc, "AWS::EC2::RouteTable")


def vpc_internet_gateways(graph: Graph, vpc: Resource) -> list[Resource]:
    """Internet gateways attached to the VPC; for a gateway outside the scan (a literal
    `igw-` id), the attachment that names it stands in."""
    gateways: dict[str, Resource] = {}
    for attachment in _referrers(graph, vpc, "AWS::EC2::VPCGatewayAttachment"):
        for gateway in _targets(graph, attachment, "AWS::EC2::InternetGateway"):
            gateways[gateway.node_id] = gateway
        gateway_id = attachment.get("InternetGatewayId")
        if isinstance(gateway_id, str) and not isinstance(gateway_id, Reference):
            gateways.setdefault(gateway_id, attachment)  # a gateway outside the scan
    return [gateways[k] for k in sorted(gateways)]


def _through(graph: Graph, resource: Resource, link: str, type: str) -> list[Resource]:
    """Resources of `type` joined to `resource` by association resources of type `link`."""
    found: dict[str, Resource] = {}
    for association in _referrers(graph, resource, link):
        for target in _targets(graph, association, type):
            found[target.node_id] = target
    return [found[k] for k in sorted(found)]


def is_main_table(table: Resource) -> bool:
    """The VPC's main route table (AWS Config and Terraform's `aws_default_route_table` say
    which it is; CloudFormation cannot declare it)."""
    return as_bool(table.get("Main")) is True


def _explicit_tables(graph: Graph, subnet: Resource) -> list[Resource]:
    return _through(graph, subnet, "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::RouteTable")


def subnet_route_tables(graph: Graph, subnet: Resource) -> list[Resource]:
    """The route tables explicitly associated with the subnet; without one, its VPC's main
    route table where the input names it."""
    explicit = _explicit_tables(graph, subnet)
    if explicit:
        return explicit
    return [
        table
        for vpc in _targets(graph, subnet, "AWS::EC2::VPC")
        for table in vpc_route_tables(graph, vpc)
        if is_main_table(table)
    ]


def routes(graph: Graph, table: Resource) -> list[Resource]:
    return _referrers(graph, table, "AWS::EC2::Route")


def is_default_route(route: Resource) -> bool:
    """The route's destination is the whole IPv4 or IPv6 internet."""
    return is_world(route.get("DestinationCidrBlock")) or is_world(
        route.get("DestinationIpv6CidrBlock")
    )


def _names(route: Resource, key: str, prefix: str, graph: Graph, type: str) -> bool:
    """The route's `key` names a resource of `type` in the scan or an id starting `prefix`."""
    value = route.get(key)
    if value is None:
        return False
    if isinstance(value, Reference):
        target = graph.get(value.target)
        return target is not None and target.type == type
    return isinstance(value, str) and value.startswith(prefix)


def route_to_internet_gateway(graph: Graph, route: Resource) -> bool:
    return _names(route, "GatewayId", "igw-", graph, "AWS::EC2::InternetGateway")


def route_to_nat(graph: Graph, route: Resource) -> bool:
    return _names(route, "NatGatewayId", "nat-", graph, "AWS::EC2::NatGateway")


def route_to_firewall(graph: Graph, route: Resource) -> bool:
    """The route sends traffic to a Network Firewall or Gateway Load Balancer endpoint (a
    firewall endpoint id is a deploy-time value, so the reference edge is the evidence)."""
    if _targets(graph, route, "AWS::NetworkFirewall::Firewall"):
        return True
    return any(
        endpoint_type(e) == "GatewayLoadBalancer"
        for e in _targets(graph, route, "AWS::EC2::VPCEndpoint")
    )


def table_subnets(graph: Graph, table: Resource) -> list[Resource]:
    """The subnets that use a route table: those explicitly associated with it, and for the
    VPC's main table those associated with no table."""
    found = {
        s.node_id: s
        for s in _through(graph, table, "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::Subnet")
    }
    if is_main_table(table):
        for vpc in _targets(graph, table, "AWS::EC2::VPC"):
            for subnet in vpc_subnets(graph, vpc):
                if not _explicit_tables(graph, subnet):
                    found[subnet.node_id] = subnet
    return [found[k] for k in sorted(found)]


def inspection_subnets(graph: Graph, vpc: Resource) -> set[str]:
    """Node ids of the VPC's subnets that hold firewall endpoints: Network Firewall subnet
    mappings and Gateway Load Balancer endpoints."""
    found: set[str] = set()
    for firewall in _referrers(graph, vpc, "AWS::NetworkFirewall::Firewall"):
        found.update(s.node_id for s in _targets(graph, firewall, "AWS::EC2::Subnet"))
    for endpoint in _referrers(graph, vpc, "AWS::EC2::VPCEndpoint"):
        if endpoint_type(endpoint) == "GatewayLoadBalancer":
            found.update(s.node_id for s in _targets(graph, endpoint, "AWS::EC2::Subnet"))
    return found


def subnet_is_public(graph: Graph, subnet: Resource) -> bool:
    """Some route table of the subnet routes to an internet gateway (a subnet without an
    explicit association uses the VPC's main table, which a template cannot route)."""
    return any(
        route_to_internet_gateway(graph, route)
        for table in subnet_route_tables(graph, subnet)
        for route in routes(graph, table)
    )


def endpoint_service(endpoint: Resource) -> str:
    """The service of a VPC endpoint: `s3` for `com.amazonaws.us-east-1.s3`, `ecr.dkr` for
    `com.amazonaws.${AWS::Region}.ecr.dkr`; the whole name for other providers."""
    name = endpoint.get("ServiceName")
    if not isinstance(name, str):
        return ""
    parts = name.split(".", 3)
    if len(parts) == 4 and parts[0] == "com" and parts[1] == "amazonaws":
        return parts[3].lower()
    return name.lower()


def endpoint_type(endpoint: Resource) -> str:
    return str(endpoint.get("VpcEndpointType", "Gateway"))


def vpc_endpoints(graph: Graph, vpc: Resource) -> dict[str, list[Resource]]:
    """The VPC's endpoints by service."""
    found: dict[str, list[Resource]] = {}
    for endpoint in _referrers(graph, vpc, "AWS::EC2::VPCEndpoint"):
        found.setdefault(endpoint_service(endpoint), []).append(endpoint)
    return dict(sorted(found.items()))


# ---------------------------------------------------------------------------------------------
# Response wiring: EventBridge rules on findings, their automation targets and what those may do.

AUTOMATION_TYPES = frozenset(
    {"AWS::Lambda::Function", "AWS::StepFunctions::StateMachine", "AWS::SSM::Document"}
)


def _json(value: Any) -> Any:
    if is_unknown(value):
        raise Unknown("a document could not be resolved")
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def event_rules_for(graph: Graph, source: str) -> list[Resource]:
    """Enabled EventBridge rules whose pattern matches events of `source` (`aws.guardduty`)."""
    found = []
    for rule in graph.resources("AWS::Events::Rule"):
        if str(rule.get("State", "ENABLED")).upper() == "DISABLED":
            continue
        pattern = _json(rule.get("EventPattern"))
        if not isinstance(pattern, dict):
            continue
        require_known(pattern.get("source"))
        if source in [s for s in as_list(pattern.get("source")) if isinstance(s, str)]:
            found.append(rule)
    return found


def automation_targets(graph: Graph, rule: Resource) -> list[Resource]:
    """The Lambda functions, state machines and SSM documents a rule's targets invoke (a
    target folded from a Terraform `aws_cloudwatch_event_target` names its function by
    reference rather than by an edge of the rule)."""
    found = {r.node_id: r for r in graph.related(rule, direction="out")}
    for target in as_list(rule.get("Targets")):
        arn = target.get("Arn") if isinstance(target, dict) else None
        resource = graph.get(arn.target) if isinstance(arn, Reference) else None
        if resource is not None:
            found[resource.node_id] = resource
    return [found[k] for k in sorted(found) if found[k].type in AUTOMATION_TYPES]


def execution_roles(graph: Graph, target: Resource) -> list[Resource]:
    """The IAM roles an automation runs as (a function's `Role`, a state machine's `RoleArn`)."""
    return _targets(graph, target, "AWS::IAM::Role")


def role_policy_documents(graph: Graph, role: Resource) -> tuple[list[Any], bool]:
    """The policy documents granted to a role, and whether every one of them is in the scan.

    Inline `Policies`, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that name
    the role, customer managed policies it lists in `ManagedPolicyArns` (by reference, or by the
    ARN AWS Config records) and the common AWS
    managed ones in `AWS_MANAGED`; an ARN of any other policy outside the scan makes the set
    incomplete.
    """
    documents: list[Any] = []
    complete = True
    for policy in as_list(role.get("Policies")):
        if isinstance(policy, dict):
            documents.append(policy.get("PolicyDocument"))
    for kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        for policy in _referrers(graph, role, kind):
            documents.append(policy.get("PolicyDocument"))
    linked = _targets(graph, role, "AWS::IAM::ManagedPolicy")
    in_scan = {p.node_id for p in linked}
    # AWS Config lists a role's policies by ARN, the address it records a policy under.
    by_arn = {p.address: p for p in linked}
    for arn in as_list(role.get("ManagedPolicyArns")):
        if isinstance(arn, Reference) and arn.target in in_scan:
            policy = graph.get(arn.target)
            if policy is not None:
                documents.append(policy.get("PolicyDocument"))
        elif isinstance(arn, str) and not isinstance(arn, Reference) and arn in by_arn:
            documents.append(by_arn[arn].get("PolicyDocument"))
        elif isinstance(arn, str) and arn.partition(":iam::aws:policy/")[2] in AWS_MANAGED:
            documents.append(AWS_MANAGED[arn.partition(":iam::aws:policy/")[2]])
        else:
            complete = False
    return documents, complete


def _allow(*actions: str) -> dict[str, Any]:
    return {"Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": "*"}]}


_LOGS = ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")

# AWS managed policies that automation roles commonly hold, by path: enough of their content
# to answer "may it act" without the policy text in the scan.
AWS_MANAGED: dict[str, dict[str, Any]] = {
    "AdministratorAccess": _allow("*"),
    "service-role/AWSLambdaBasicExecutionRole": _allow(*_LOGS),
    "service-role/AWSLambdaVPCAccessExecutionRole": _allow(
        *_LOGS,
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ),
    "AWSXRayDaemonWriteAccess": _allow(
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:GetSamplingStatisticSummaries",
    ),
}


def document_calls(document: Resource, apis: Iterable[str]) -> list[str]:
    """Which of the EC2/WAF/... API names (`ModifyInstanceAttribute`) an SSM document's steps
    call through `aws:executeAwsApi`."""
    content = _json(document.get("Content"))
    wanted = {a.lower(): a for a in apis}
    called: set[str] = set()
    for step in as_list(content.get("mainSteps")) if isinstance(content, dict) else []:
        if not isinstance(step, dict):
            continue
        inputs = step.get("inputs")
        if step.get("action") == "aws:executeAwsApi" and isinstance(inputs, dict):
            api = inputs.get("Api")
            if isinstance(api, str) and api.lower() in wanted:
                called.add(wanted[api.lower()])
    return sorted(called)


def _statement_documents(document: Any) -> list[Any]:
    """A policy document as one document per statement, so that an unresolved part of one
    statement does not hide what the others grant."""
    decoded = _json(document)
    if not isinstance(decoded, dict):
        return [document]
    statements = decoded.get("Statement")
    if is_unknown(statements) or not isinstance(statements, list | dict):
        return [document]
    items = statements if isinstance(statements, list) else [statements]
    return [{"Version": decoded.get("Version", "2012-10-17"), "Statement": [s]} for s in items]


def roles_may(
    graph: Graph,
    roles: Iterable[Resource],
    grants: Callable[[Any], bool],
    doubt_is_unknown: bool = True,
) -> bool:
    """Some role holds a statement for which `grants` is true (the caller asks
    `csmm_static.policy`). When none does but a statement could not be resolved or a role
    also holds policies outside the scan, the answer is unknown, or false when the caller
    counts only positive evidence (`doubt_is_unknown=False`)."""
    doubt = ""
    for role in roles:
        documents, complete = role_policy_documents(graph, role)
        for document in documents:
            for piece in _statement_documents(document):
                try:
                    if grants(piece):
                        return True
                except Unknown as exc:
                    doubt = exc.reason
        if not complete:
            doubt = doubt or f"role {role.address} also holds policies that are not in the scan"
    if doubt and doubt_is_unknown:
        raise Unknown(doubt)
    return False


def finding_response_can(
    graph: Graph,
    source: str,
    grants: Callable[[Any], bool],
    apis: Iterable[str] = (),
    runbooks: Iterable[str] = (),
) -> bool:
    """Some enabled EventBridge rule on `source` events invokes automation able to act.

    Able means: a function or state machine whose role holds a statement for which `grants`
    is true (see `roles_may`), an SSM document whose steps call one of `apis`, or an
    AWS-owned runbook named in `runbooks` as the target.

    When none is shown able, the answer is unknown rather than no if some automation could not
    be read: a function, state machine or customer runbook a target names outside the scan, one
    whose role is not in the scan, a runbook whose steps are unknown (AWS Config records a
    document without them), or a role holding policies outside the scan.
    """
    wanted_apis, wanted_runbooks = list(apis), list(runbooks)
    roles: list[Resource] = []
    doubts: list[str] = []
    for rule in event_rules_for(graph, source):
        for target in as_list(rule.get("Targets")):
            arn = target.get("Arn") if isinstance(target, dict) else None
            if isinstance(arn, str) and any(f"/{name}" in arn for name in wanted_runbooks):
                return True
        for automation in automation_targets(graph, rule):
            if automation.type != "AWS::SSM::Document":
                found = execution_roles(graph, automation)
                if not found:
                    doubts.append(f"the role of {automation.address} is not in the scan")
                roles.extend(found)
                continue
            try:
                if document_calls(automation, wanted_apis):
                    return True
            except Unknown as exc:
                doubts.append(f"runbook {automation.address}: {exc.reason}")
        doubts.extend(_automation_outside_scan(graph, rule))
    try:
        if roles_may(graph, roles, grants):
            return True
    except Unknown as exc:
        doubts.append(exc.reason)
    if doubts:
        raise Unknown("; ".join(sorted(set(doubts))))
    return False


_AUTOMATION_ARN = re.compile(
    r"^arn:[^:]*:(?:lambda:[^:]*:[^:]*:function:|states:[^:]*:[^:]*:stateMachine:"
    r"|ssm:[^:]*:[^:]*:automation-definition/(?P<runbook>[^:/]+))"
)


def _automation_outside_scan(graph: Graph, rule: Resource) -> list[str]:
    """The rule's targets that start automation the scan does not hold: a function, a state
    machine or a customer's runbook named by an ARN that resolves to nothing scanned. A target
    resolves through a reference, an edge of the rule for that target (a literal ARN AWS Config
    records, an `Fn::Sub`), or a scanned document of the runbook's name; AWS-owned runbooks
    (`AWS...`) are known by name."""
    vias = {str(edge.via) for edge in graph.edges_from(rule)}
    outside = []
    for index, entry in enumerate(as_list(rule.get("Targets"))):
        arn = entry.get("Arn") if isinstance(entry, dict) else None
        if is_unknown(arn):
            outside.append(f"target {index} of rule {rule.address} has no resolvable Arn")
            continue
        if not isinstance(arn, str) or (isinstance(arn, Reference) and arn.target):
            continue
        match = _AUTOMATION_ARN.match(arn)
        if match is None or {f"Targets.{index}.Arn", f"Properties.Targets.{index}.Arn"} & vias:
            continue
        runbook = match.group("runbook")
        if runbook is not None and (
            runbook.startswith("AWS")
            or any(d.get("Name") == runbook for d in graph.resources("AWS::SSM::Document"))
        ):
            continue
        outside.append(f"rule {rule.address} starts {arn}, which is not in the scan")
    return outside


# ---------------------------------------------------------------------------------------------
# GuardDuty protection plans.


def detector_feature(detector: Resource, name: str, legacy: str = "") -> bool:
    """Whether a GuardDuty detector runs a protection plan (`S3_DATA_EVENTS`, ...).

    An enabled detector created without a `Features` entry for a plan gets it, except
    `RUNTIME_MONITORING` (GuardDuty's CreateDetector defaults); the older `DataSources` switch
    named by `legacy` (`S3Logs.Enable`) can turn a plan off too. Where the features are not
    known (AWS Config records only `DataSources`), that switch, which GuardDuty keeps in step
    with the feature, decides.
    """
    if as_bool(detector.get("Enable")) is not True:
        return False
    features = detector.properties.get("Features")
    if is_unknown(features):
        switch = detector.get(f"DataSources.{legacy}") if legacy else None
        if switch is None:
            require_known(features)
        return as_bool(switch) is True
    for feature in as_list(features):
        if isinstance(feature, dict) and feature.get("Name") == name:
            return str(feature.get("Status", "")).upper() == "ENABLED"
    if legacy and as_bool(detector.get(f"DataSources.{legacy}")) is False:
        return False
    return name != "RUNTIME_MONITORING"


# ---------------------------------------------------------------------------------------------
# Edge services.


def cloudfront_behaviors(distribution: Resource) -> list[Any]:
    """The default cache behavior and every ordered one of a CloudFront distribution."""
    config = distribution.get("DistributionConfig", {})
    return [config.get("DefaultCacheBehavior"), *as_list(config.get("CacheBehaviors"))]


# ---------------------------------------------------------------------------------------------
# AWS Config rules that watch the network.


# Managed Config rules that flag internet-exposed security groups: identifier, default name.
SG_EXPOSURE_CONFIG_RULES: dict[str, str] = {
    "INCOMING_SSH_DISABLED": "restricted-ssh",
    "RESTRICTED_INCOMING_TRAFFIC": "restricted-common-ports",
    "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS": "vpc-sg-open-only-to-authorized-ports",
}


def config_rule_active(graph: Graph, account: Resource | None, identifier: str, name: str) -> bool:
    """An AWS managed Config rule (`INCOMING_SSH_DISABLED`, default name `restricted-ssh`) is
    deployed: as a rule, inside a conformance pack, or in the account's exported compliance
    (whose keys are identifiers or rule names, possibly prefixed and suffixed by Security Hub).
    """
    for rule in graph.resources("AWS::Config::ConfigRule"):
        owner = str(rule.get("Source.Owner", "")).upper()
        if owner == "AWS" and str(rule.get("Source.SourceIdentifier", "")).upper() == identifier:
            return True
    for pack in graph.resources("AWS::Config::ConformancePack"):
        body = pack.get("TemplateBody")
        if isinstance(body, str) and identifier in body:
            return True
    compliance = account.get("ConfigRuleCompliance") if account is not None else None
    if isinstance(compliance, dict):
        return any(key.upper() == identifier or name in key.lower() for key in compliance)
    return False


def config_rule_identifier(rule: Resource) -> str:
    return str(rule.get("Source.SourceIdentifier", "")).upper()


# ---------------------------------------------------------------------------------------------
# Firewall Manager: organization-wide policies that apply protections to matching resources.


def _fms_in_scope(fms: Resource, resource: Resource) -> bool:
    types = as_list(fms.get("ResourceTypeList")) or as_list(fms.get("ResourceType"))
    if resource.type not in types:
        return False
    wanted = [t for t in as_list(fms.get("ResourceTags")) if isinstance(t, dict)]
    if not wanted:
        return True
    tags = resource.tags
    keys = [str(t.get("Key")) for t in wanted]
    hits = [
        key in tags and t.get("Value") in (None, "", tags[key])
        for key, t in zip(keys, wanted, strict=True)
    ]
    mode = str(fms.get("ResourceTagLogicalOperator", "AND")).upper()
    matched = any(hits) if mode == "OR" else all(hits)
    return matched != (as_bool(fms.get("ExcludeResourceTags")) is True)


def fms_policies(graph: Graph, service_types: Iterable[str]) -> list[Resource]:
    """Firewall Manager policies of the given types (`WAFV2`, `SECURITY_GROUPS_CONTENT_AUDIT`)."""
    wanted = set(service_types)
    return [
        fms
        for fms in graph.resources("AWS::FMS::Policy")
        if str(fms.get("SecurityServicePolicyData.Type", "")) in wanted
    ]


def fms_protects(graph: Graph, resource: Resource, service_types: Iterable[str]) -> bool:
    """A Firewall Manager policy of one of the types applies itself to `resource`
    (remediation enabled, resource type and tags in scope)."""
    return any(
        as_bool(fms.get("RemediationEnabled")) is True and _fms_in_scope(fms, resource)
        for fms in fms_policies(graph, service_types)
    )


# ---------------------------------------------------------------------------------------------
# Services switched on by provisioning functions (custom resources) rather than native types.


def custom_resource_roles(graph: Graph) -> list[tuple[Resource, Resource]]:
    """(custom resource, role of the function behind its `ServiceToken`) pairs, leaving out
    custom resources asked to disable something (a truthy property named `*disable*`)."""
    pairs: list[tuple[Resource, Resource]] = []
    for kind in graph.types():
        if not (kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource"):
            continue
        for custom in graph.resources(kind):
            if any(
                "disable" in key.lower() and as_bool(value) is True
                for key, value in custom.properties.items()
                if not is_unknown(value)
            ):
                continue
            for function in _targets(graph, custom, "AWS::Lambda::Function"):
                pairs.extend((custom, role) for role in execution_roles(graph, function))
    return pairs
