from typing import Any

from csmm_static.model import Graph, Resource, as_list, control

_ENFORCING = ("Block", "Captcha", "Challenge")


def _limits_rate(rule: Any) -> bool:
    """A rule with a rate-based statement whose action stops the excess requests."""
    if not isinstance(rule, dict):
        return False
    statement = rule.get("Statement")
    action = rule.get("Action")
    return (
        isinstance(statement, dict)
        and "RateBasedStatement" in statement
        and isinstance(action, dict)
        and any(key in action for key in _ENFORCING)
    )


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::WAFv2::WebACL",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's web ACL item, per its published schema, lists the default action and "
            "capacity but not the rules and their statements"
        ),
    },
    refs={
        "fsbp": ["WAF.10"],
        "nist_csf": ["PR.IR-04"],
        "prowler": ["wafv2_webacl_with_rules"],
    },
)
def wafv2_web_acl_rate_based_rule(acl: Resource, graph: Graph) -> bool:
    """AWS WAF web ACLs limit the request rate of each client.

    Why it matters:
        A rate-based rule is the web ACL's defense against HTTP floods, credential stuffing
        and scraping: a client exceeding the limit is blocked or challenged until it slows
        down. A rule in count mode only measures. Rules inside referenced rule groups count
        when the reference does not override them to count.

    Remediation:
        Add a rule with `Statement.RateBasedStatement` (`Limit`, `AggregateKeyType: IP`)
        and `Action: {Block: {}}` to `AWS::WAFv2::WebACL.Rules` (Terraform:
        `aws_wafv2_web_acl.rule { statement { rate_based_statement { limit, aggregate_key_type
        } } action { block {} } }`).
    """
    rules = as_list(acl.get("Rules"))
    if any(_limits_rate(rule) for rule in rules):
        return True
    counted = any(
        isinstance(rule, dict)
        and "RuleGroupReferenceStatement" in (rule.get("Statement") or {})
        and "Count" in (rule.get("OverrideAction") or {})
        for rule in rules
    )
    return not counted and any(
        _limits_rate(rule)
        for group in graph.related(acl, "AWS::WAFv2::RuleGroup", direction="out")
        for rule in as_list(group.get("Rules"))
    )
