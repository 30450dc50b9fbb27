"""Security group and network ACL rule analysis shared by the controls.

Rules are in CloudFormation's shape (`IpProtocol`, `FromPort`, `ToPort`, `CidrIp`, `CidrIpv6`,
...); every reader folds its format's rules into that shape on the group, so these helpers see
one form whichever way the rules were written.
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import Resource, as_int, as_list, is_unknown, require_known

PUBLIC_IPV4 = "0.0.0.0/0"
PUBLIC_IPV6 = "::/0"
_ALL_PROTOCOLS = {"-1", "all"}
_TCP = {"tcp", "6"}
_UDP = {"udp", "17"}


def ingress_rules(group: Resource) -> list[dict[str, Any]]:
    return [
        r
        for r in as_list(group.get("SecurityGroupIngress"))
        if isinstance(r, dict) or is_unknown(r)
    ]


def egress_rules(group: Resource) -> list[dict[str, Any]]:
    return [
        r for r in as_list(group.get("SecurityGroupEgress")) if isinstance(r, dict) or is_unknown(r)
    ]


def is_public_source(rule: dict[str, Any]) -> bool:
    """The rule admits any IPv4 or any IPv6 address."""
    return rule.get("CidrIp") == PUBLIC_IPV4 or rule.get("CidrIpv6") == PUBLIC_IPV6


def protocol(rule: dict[str, Any]) -> str:
    value = rule.get("IpProtocol", "-1")
    return str(as_int(value)) if as_int(value) is not None else str(value).lower()


def covers_port(
    rule: dict[str, Any], port: int, protocols: frozenset[str] = frozenset({"tcp"})
) -> bool:
    """The rule's protocol and port range include `port` (all-traffic rules include every port)."""
    proto = protocol(rule)
    if proto in _ALL_PROTOCOLS:
        return True
    wanted = set()
    if "tcp" in protocols:
        wanted |= _TCP
    if "udp" in protocols:
        wanted |= _UDP
    if proto not in wanted:
        return False
    low, high = as_int(rule.get("FromPort")), as_int(rule.get("ToPort"))
    if low is None or low < 0:
        low = 0
    if high is None or high < 0:
        high = 65535
    return low <= port <= high


def all_ports(rule: dict[str, Any]) -> bool:
    """All protocols, or the full TCP or UDP port range."""
    proto = protocol(rule)
    if proto in _ALL_PROTOCOLS:
        return True
    low, high = as_int(rule.get("FromPort")), as_int(rule.get("ToPort"))
    return (
        proto in _TCP | _UDP
        and (low is None or low <= 0)
        and (high is None or high < 0 or high >= 65535)
    )


def publicly_open_ports(group: Resource, ports: tuple[int, ...]) -> list[int]:
    """Which of `ports` some ingress rule opens to the whole internet."""
    opened: set[int] = set()
    for rule in ingress_rules(group):
        require_known(rule)  # an unknown rule could open anything
        if not is_public_source(rule):
            continue
        opened.update(p for p in ports if covers_port(rule, p))
    return sorted(opened)
