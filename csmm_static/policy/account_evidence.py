"""Account-wide evidence the IAM controls read: AWS Config rule compliance, the credential
report, AWS Organizations policies, Config remediation and EventBridge patterns.
"""

from __future__ import annotations

import datetime
import fnmatch
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from csmm_static.model import Graph, Reference, Resource, Unknown, as_bool, as_list
from csmm_static.policy.documents import Statement, decode, parse
from csmm_static.policy.principals import event_target_roles, principal_access, resolve

T = TypeVar("T")

ROOT_USER = "<root_account>"


def config_rule_identifier(rule: Resource) -> str:
    """The managed-rule identifier of an `AWS::Config::ConfigRule` (AWS-owned source) or an
    `AWS::Config::OrganizationConfigRule`; "" for custom rules."""
    if rule.type == "AWS::Config::OrganizationConfigRule":
        value = rule.get("OrganizationManagedRuleMetadata.RuleIdentifier")
    elif str(rule.get("Source.Owner", "")).upper() == "AWS":
        value = rule.get("Source.SourceIdentifier")
    else:
        value = None
    return value.upper() if isinstance(value, str) else ""


def _rule_name_form(identifier: str) -> str:
    return identifier.lower().replace("_", "-")


def config_rule_status(account: Resource, identifier: str) -> bool | None:
    """The verdict of an AWS Config managed rule recorded on the account node
    (`ConfigRuleCompliance`), matched on the identifier (`ROOT_ACCOUNT_MFA_ENABLED`) or on its
    name form inside a rule name (`securityhub-root-account-mfa-enabled-1a2b`): True when
    compliant (or not applicable), False when non-compliant, None when not recorded or
    without data. Several matching rules: any non-compliant one decides."""
    recorded = account.get("ConfigRuleCompliance")
    if not isinstance(recorded, dict):
        return None
    name_form = _rule_name_form(identifier)
    verdicts = []
    for key, status in sorted(recorded.items()):
        text = str(key)
        if text.upper() == identifier.upper() or name_form in _rule_name_form(text):
            verdicts.append(str(status).upper())
    if "NON_COMPLIANT" in verdicts:
        return False
    if "COMPLIANT" in verdicts or "NOT_APPLICABLE" in verdicts:
        return True
    return None


def credential_report(account: Resource) -> list[dict[str, Any]] | None:
    """The credential report rows on the account node, or None when none was given."""
    rows = account.get("CredentialReport")
    if not isinstance(rows, list):
        return None
    return [row for row in rows if isinstance(row, dict)]


def root_credentials(account: Resource) -> dict[str, Any] | None:
    """The credential report row of the root user (`<root_account>`), when given."""
    for row in credential_report(account) or []:
        if row.get("user") == ROOT_USER:
            return row
    return None


def evidence_verdict(verdicts: Iterable[bool | None], missing: str) -> bool:
    """One verdict from several pieces of account evidence (None: that piece is absent):
    any False decides, else any True; with no evidence at all, `Unknown(missing)`."""
    known = [v for v in verdicts if v is not None]
    if not known:
        raise Unknown(missing)
    return all(known)


def any_settled(items: Iterable[T], predicate: Callable[[T], bool]) -> bool:
    """`any()` for "something in the account does X": True as soon as one item passes, even
    when the evidence on another is unknown; False when all fail; otherwise the first
    `Unknown` is raised."""
    unknown: Unknown | None = None
    for item in items:
        try:
            if predicate(item):
                return True
        except Unknown as exc:
            unknown = unknown or exc
    if unknown is not None:
        raise unknown
    return False


_NO_DATE = {"", "n/a", "no_information", "not_supported"}


def report_timestamp(value: Any) -> datetime.datetime | None:
    """A credential-report date (ISO 8601, `Z` or offset) as an aware datetime; None for
    `N/A`, `no_information`, `not_supported` and anything unreadable."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, str) and value.strip().lower() not in _NO_DATE:
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def report_time_floor(rows: list[dict[str, Any]]) -> datetime.datetime | None:
    """The latest date anywhere in the report. The report was generated no earlier, so an
    age measured from it is a lower bound of the real age: enough to prove a credential old,
    never to prove it fresh."""
    moments = [m for row in rows for v in row.values() if (m := report_timestamp(v)) is not None]
    return max(moments) if moments else None


def age_in_days(value: Any, floor: datetime.datetime) -> int | None:
    """Whole days from a report date to `floor` (None when the cell holds no date)."""
    moment = report_timestamp(value)
    return None if moment is None else (floor - moment).days


# ---------------------------------------------------------------------------------------------
# AWS Organizations.

ORGANIZATION_TYPES = (
    "AWS::Organizations::Organization",
    "AWS::Organizations::OrganizationalUnit",
    "AWS::Organizations::Account",
    "AWS::Organizations::Policy",
)


def has_organization_evidence(account: Resource, graph: Graph) -> bool:
    """The scan says something about AWS Organizations: the account's `Organization`
    (describe-organization) or any Organizations resource."""
    if account.get("Organization") not in (None, {}):
        return True
    return any(graph.resources(rtype) for rtype in ORGANIZATION_TYPES)


def organization_account_ids(graph: Graph) -> set[str]:
    """Account ids the scan shows inside the organization: the scanned accounts and the
    management account named by describe-organization (`MasterAccountId`)."""
    found = set()
    for node in graph.accounts:
        if node.account:
            found.add(node.account)
        organization = node.get("Organization")
        if isinstance(organization, dict):
            for key in ("MasterAccountId", "ManagementAccountId"):
                value = organization.get(key)
                if isinstance(value, str) and value:
                    found.add(value)
    return found


def organization_policies(account: Resource, graph: Graph, policy_type: str) -> list[Resource]:
    """The `AWS::Organizations::Policy` resources of one type (`SERVICE_CONTROL_POLICY` when
    `Type` is absent, Terraform's default) that are attached to some target (`TargetIds`).
    Raises `Unknown` when the scan holds no AWS Organizations evidence at all: guardrails live
    in the management account, so their absence from a member account's inputs proves nothing."""
    found = [
        policy
        for policy in graph.resources("AWS::Organizations::Policy")
        if (policy.get("Type") or "SERVICE_CONTROL_POLICY") == policy_type
        and as_list(policy.get("TargetIds"))
    ]
    if not found and not has_organization_evidence(account, graph):
        raise Unknown(
            "no AWS Organizations evidence: scan the landing-zone templates or give the"
            " Organizations policy exports"
        )
    return found


def guardrail_statements(
    account: Resource, graph: Graph, policy_type: str = "SERVICE_CONTROL_POLICY"
) -> list[Statement]:
    """Every statement of the attached organization policies of one type (SCPs by default)."""
    return [
        statement
        for policy in organization_policies(account, graph, policy_type)
        for statement in parse(policy.get("Content"))
    ]


# ---------------------------------------------------------------------------------------------
# AWS Config remediation.


def rule_matches(name_or_identifier: str, identifier: str) -> bool:
    """A rule name or identifier designates the managed rule `identifier`
    (`ACCESS_KEYS_ROTATED` ~ `access-keys-rotated` ~ `securityhub-access-keys-rotated-x1`)."""
    return identifier.upper() == name_or_identifier.upper() or _rule_name_form(
        identifier
    ) in _rule_name_form(name_or_identifier)


def auto_remediated_rules(graph: Graph) -> list[str]:
    """The rules an `AWS::Config::RemediationConfiguration` remediates automatically
    (`Automatic: true`): the managed-rule identifier when the rule is in the scan, else the
    rule name as written (compare with `rule_matches`)."""
    found = set()
    for remediation in graph.resources("AWS::Config::RemediationConfiguration"):
        if as_bool(remediation.get("Automatic")) is not True:
            continue
        name = remediation.get("ConfigRuleName")
        rule = resolve(name, graph, "AWS::Config::ConfigRule")
        identifier = config_rule_identifier(rule) if rule is not None else ""
        if identifier:
            found.add(identifier)
        elif isinstance(name, str) and not isinstance(name, Reference):
            found.add(name)
    return sorted(found)


# ---------------------------------------------------------------------------------------------
# EventBridge patterns.


def event_pattern(rule: Resource) -> dict[str, Any] | None:
    """An `AWS::Events::Rule` `EventPattern` as a dict (it may be written as a JSON string)."""
    return decode(rule.get("EventPattern"))


def pattern_admits(pattern: dict[str, Any], path: str, value: str) -> bool:
    """Could an event whose field at the dotted `path` (`detail.eventName`) equals `value`
    match the pattern? A field the pattern does not filter admits every value. Raises
    `Unknown` for `$or` and matchers this analysis does not model."""
    current: Any = pattern
    for part in path.split("."):
        if not isinstance(current, dict):
            return True
        if "$or" in current:
            raise Unknown("event pattern uses $or")
        if part not in current:
            return True
        current = current[part]
    matchers = current if isinstance(current, list) else [current]
    return any(_admits(matcher, value) for matcher in matchers)


def _admits(matcher: Any, value: str) -> bool:
    if isinstance(matcher, str):
        return matcher == value
    if not isinstance(matcher, dict) or len(matcher) != 1:
        raise Unknown(f"event pattern matcher {matcher!r} is not modelled")
    ((kind, argument),) = matcher.items()
    if kind == "prefix" and isinstance(argument, str):
        return value.startswith(argument)
    if kind == "suffix" and isinstance(argument, str):
        return value.endswith(argument)
    if kind == "equals-ignore-case" and isinstance(argument, str):
        return value.lower() == argument.lower()
    if kind == "wildcard" and isinstance(argument, str):
        return fnmatch.fnmatchcase(value, argument)
    if kind == "exists":
        return argument is True
    if kind == "anything-but":
        excluded = argument if isinstance(argument, list) else [argument]
        return not any(_admits(e, value) for e in excluded)
    raise Unknown(f"event pattern matcher {kind} is not modelled")


def automation_responds(
    graph: Graph,
    matches: Callable[[dict[str, Any]], bool],
    actions: Iterable[str],
) -> bool:
    """An enabled EventBridge rule whose pattern `matches` (see `pattern_admits`) invokes code
    running as a role that may perform one of `actions`: the shape of "this event triggers
    automation that can act on it". Unknown evidence on one rule does not hide another."""
    wanted = tuple(actions)

    def responds(rule: Resource) -> bool:
        if rule.get("State", "ENABLED") == "DISABLED":
            return False
        pattern = event_pattern(rule)
        if not pattern or not matches(pattern):
            return False
        return any_settled(
            event_target_roles(rule, graph),
            lambda role: principal_access(role, graph).allows_any(wanted),
        )

    return any_settled(graph.resources("AWS::Events::Rule"), responds)
