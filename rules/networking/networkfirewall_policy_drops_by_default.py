from csmm_static.model import Graph, Resource, as_list, control

_DROP = frozenset({"aws:drop_strict", "aws:drop_established"})


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::NetworkFirewall::FirewallPolicy",
    refs={
        "fsbp": ["NetworkFirewall.4", "NetworkFirewall.5"],
        "nist_csf": ["PR.IR-01"],
        "prowler": [
            "networkfirewall_policy_default_action_full_packets",
            "networkfirewall_policy_default_action_fragmented_packets",
        ],
    },
)
def networkfirewall_policy_drops_by_default(firewall_policy: Resource, graph: Graph) -> bool:
    """Network Firewall policies drop the traffic no rule allows.

    Why it matters:
        Egress filtering works as an allow-list: named destinations pass, everything else is
        dropped. A stateless default of `aws:pass` skips inspection altogether, and without a
        stateful drop default, traffic that matches no rule flows out unchecked.

    Remediation:
        In `FirewallPolicy`, set `StatelessDefaultActions` and
        `StatelessFragmentDefaultActions` to `[aws:forward_to_sfe]` (or `aws:drop`), use
        `StatefulEngineOptions.RuleOrder: STRICT_ORDER` and `StatefulDefaultActions:
        [aws:drop_established]` (or `aws:drop_strict`), with allow rules for the destinations
        you need. Terraform: `aws_networkfirewall_firewall_policy.firewall_policy`
        `stateless_default_actions`, `stateful_default_actions`.
    """
    spec = firewall_policy.get("FirewallPolicy", {})
    stateless = [str(a) for a in as_list(spec.get("StatelessDefaultActions"))]
    fragments = [str(a) for a in as_list(spec.get("StatelessFragmentDefaultActions"))]
    if not stateless or "aws:pass" in stateless + fragments:
        return False
    if "aws:forward_to_sfe" not in stateless:
        return True  # dropped (or sent to a custom action) before any rule
    return bool(_DROP & {str(a) for a in as_list(spec.get("StatefulDefaultActions"))})
