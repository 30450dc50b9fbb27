"""Config rule results: evidence about the account, not resources.

`AWS::Config::ResourceCompliance` items record, per evaluated resource, each rule's verdict;
`AWS::Config::ConformancePackCompliance` items record a pack's rules. Both fold into one verdict
per rule name for the account node's `ConfigRuleCompliance` (the account-export reader renames
rules to their managed identifiers where `describe-config-rules` output gives them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from csmm_static.readers.awsconfig.items import ConfigItem
from csmm_static.readers.awsconfig.mapping.common import dicts, get

# A rule's verdict over all the resources it evaluated: the worst one wins.
SEVERITY = ("NON_COMPLIANT", "INSUFFICIENT_DATA", "COMPLIANT", "NOT_APPLICABLE")


def worst(first: str | None, second: str) -> str:
    if first is None:
        return second
    rank = {s: i for i, s in enumerate(SEVERITY)}
    return first if rank.get(first, 1) <= rank.get(second, 1) else second


def rule_results(item: ConfigItem) -> Iterator[tuple[str, str]]:
    config: Any = item.configuration if isinstance(item.configuration, dict) else {}
    for rule in dicts(config, "configRuleList"):
        name = get(rule, "configRuleName")
        status = get(rule, "complianceType")
        if isinstance(name, str) and isinstance(status, str):
            yield name, status.upper()


EVIDENCE_TYPES = frozenset(
    {"AWS::Config::ResourceCompliance", "AWS::Config::ConformancePackCompliance"}
)
