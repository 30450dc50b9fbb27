from csmm_static.model import Graph, Resource, Unknown, as_list, control


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::EC2::VPC",
    refs={"nist_csf": ["DE.CM-01", "PR.IR-01"]},
)
def vpc_dns_firewall_blocks_domains(vpc: Resource, graph: Graph) -> bool:
    """VPCs resolve names through a DNS Firewall rule group that blocks domains.

    Why it matters:
        Route 53 Resolver DNS Firewall answers lookups of known malware, botnet and
        exfiltration domains (AWS managed domain lists, or your own) with a block, cutting
        command-and-control channels before a connection is even attempted. Rule groups
        outside the scan are unknown.

    Remediation:
        Create an `AWS::Route53Resolver::FirewallRuleGroup` whose `FirewallRules` include
        `Action: BLOCK` for the AWS managed threat lists, and associate it with the VPC
        through `AWS::Route53Resolver::FirewallRuleGroupAssociation` (`VpcId`, `Priority`).
        Terraform: `aws_route53_resolver_firewall_rule` with `action = "BLOCK"` and
        `aws_route53_resolver_firewall_rule_group_association`.
    """
    for association in graph.related(
        vpc, "AWS::Route53Resolver::FirewallRuleGroupAssociation", direction="in"
    ):
        groups = graph.related(
            association, "AWS::Route53Resolver::FirewallRuleGroup", direction="out"
        )
        if not groups:
            raise Unknown("the associated DNS Firewall rule group is not in the scan")
        for group in groups:
            for rule in as_list(group.get("FirewallRules")):
                if isinstance(rule, dict) and str(rule.get("Action", "")).upper() == "BLOCK":
                    return True
    return False
