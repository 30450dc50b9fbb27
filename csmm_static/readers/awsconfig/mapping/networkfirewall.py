"""AWS Network Firewall: firewalls and policies in the Describe API's camelCase shapes
(`firewall.subnetMappings[].subnetId`, `firewallPolicy.statelessDefaultActions`), mapped to
CloudFormation's names; the VPC, subnets, policy and rule groups they name become edges."""

from __future__ import annotations

from typing import Any

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    integer,
    items,
    set_props,
    strings,
)


def firewall(out: Output) -> None:
    c = get(out.config, "firewall") or {}
    vpc = get(c, "vpcId")
    subnets = [get(m, "subnetId") for m in dicts(c, "subnetMappings")]
    policy = get(c, "firewallPolicyArn")
    set_props(
        out,
        FirewallName=get(c, "firewallName") or out.item.resource_name,
        FirewallPolicyArn=policy,
        VpcId=vpc,
        SubnetMappings=[
            {
                "SubnetId": get(m, "subnetId"),
                "IPAddressType": get(m, "iPAddressType", "ipAddressType"),
            }
            for m in dicts(c, "subnetMappings")
        ],
        DeleteProtection=boolean(get(c, "deleteProtection")),
        SubnetChangeProtection=boolean(get(c, "subnetChangeProtection")),
        FirewallPolicyChangeProtection=boolean(get(c, "firewallPolicyChangeProtection")),
    )
    out.refer("VpcId", "AWS::EC2::VPC", vpc)
    for subnet in subnets:
        out.refer("SubnetMappings", "AWS::EC2::Subnet", subnet)
    out.refer("FirewallPolicyArn", "AWS::NetworkFirewall::FirewallPolicy", policy)


def _references(value: Any, out: Output, prop: str) -> list[dict[str, Any]]:
    found = []
    for reference in dicts(value):
        arn = get(reference, "resourceArn")
        entry: dict[str, Any] = {
            "ResourceArn": arn,
            "Priority": integer(get(reference, "priority")),
        }
        action = get(get(reference, "override"), "action")
        if action:
            entry["Override"] = {"Action": action}
        found.append(entry)
        out.refer(prop, "AWS::NetworkFirewall::RuleGroup", arn)
    return found


def firewall_policy(out: Output) -> None:
    c = get(out.config, "firewallPolicy") or {}
    response = get(out.config, "firewallPolicyResponse") or {}
    options = get(c, "statefulEngineOptions")
    policy = {
        "StatelessDefaultActions": strings(items(c, "statelessDefaultActions")),
        "StatelessFragmentDefaultActions": strings(items(c, "statelessFragmentDefaultActions")),
        "StatefulDefaultActions": strings(items(c, "statefulDefaultActions")) or None,
        "StatefulEngineOptions": (
            {
                "RuleOrder": get(options, "ruleOrder"),
                "StreamExceptionPolicy": get(options, "streamExceptionPolicy"),
            }
            if isinstance(options, dict)
            else None
        ),
        "StatefulRuleGroupReferences": _references(
            get(c, "statefulRuleGroupReferences"), out, "FirewallPolicy.StatefulRuleGroupReferences"
        )
        or None,
        "StatelessRuleGroupReferences": _references(
            get(c, "statelessRuleGroupReferences"),
            out,
            "FirewallPolicy.StatelessRuleGroupReferences",
        )
        or None,
    }
    set_props(
        out,
        FirewallPolicyName=get(response, "firewallPolicyName") or out.item.resource_name,
        FirewallPolicy=policy,
    )


MAPPERS = {
    "AWS::NetworkFirewall::Firewall": firewall,
    "AWS::NetworkFirewall::FirewallPolicy": firewall_policy,
}
