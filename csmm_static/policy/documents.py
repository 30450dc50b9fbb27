"""IAM policy documents: parsing, normalized statements and the questions asked of one document.

Policy documents reach the graph in several shapes: a dict (CloudFormation), a JSON string
(Terraform's `jsonencode` output, plan JSON, Config), sometimes URL-encoded (Config IAM items),
with `Statement`, `Action`, `Resource` and `Principal` either a single value or a list. `parse`
turns any of them into a `Policy` of normalized `Statement`s.
"""

from __future__ import annotations

import fnmatch
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from csmm_static.model import Resource, Unknown, is_unknown, unknown_reason

# Condition keys that restrict who a public principal really is (with a positive operator).
RESTRICTING_CONDITION_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceIp",
        "aws:SourceOwner",
        "aws:userid",
        "aws:username",
        "aws:ResourceOrgID",
        "aws:ResourceAccount",
        "kms:CallerAccount",
        "kms:ViaService",
        "s3:DataAccessPointAccount",
        "s3:DataAccessPointArn",
        "sts:ExternalId",
        "lambda:FunctionUrlAuthType",
    )
)
# Keys that tie a service principal to the caller's own account or resource (confused deputy).
CONFUSED_DEPUTY_KEYS = frozenset(
    k.lower()
    for k in ("aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths")
)
# Keys that draw a data perimeter around an AWS Organization.
ORG_PERIMETER_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:ResourceOrgID",
        "aws:ResourceOrgPaths",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
    )
)
MFA_KEYS = frozenset(k.lower() for k in ("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"))

# Condition operators that narrow an Allow (a negated or IfExists operator lets requests
# without the key through, so it does not restrict an anonymous caller).
_POSITIVE_OPERATORS = frozenset(
    {
        "stringequals",
        "stringequalsignorecase",
        "stringlike",
        "arnequals",
        "arnlike",
        "ipaddress",
        "numericequals",
        "bool",
    }
)
_NEGATED_OPERATORS = frozenset(
    {"stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"}
)
# A Resource or principal member the reader could not resolve (a parameter without a
# default, a value from another stack). Resources stand as this placeholder: a specific
# resource, never `*`. Compare with `is`.
UNRESOLVED = "<unresolved>"
# An action no real service defines: a pattern that matches it matches every action.
ANY_ACTION = "csmm-probe:probeaction"


# ---------------------------------------------------------------------------------------------
# Documents.


def _match(pattern: str, value: str) -> bool:
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def _base_operator(operator: str) -> str:
    """`ForAnyValue:StringLike` -> `stringlike`; IfExists stays (callers look at it)."""
    lowered = operator.lower()
    for prefix in ("foranyvalue:", "forallvalues:"):
        if lowered.startswith(prefix):
            return lowered[len(prefix) :]
    return lowered


def is_restrictive_value(value: str) -> bool:
    """A condition value that narrows something: not empty and not only wildcards."""
    return bool(value.strip().strip("*?"))


@dataclass(frozen=True)
class Statement:
    """One normalized statement. Actions are lower-cased; principals read `kind:value`."""

    effect: str  # "Allow" or "Deny"
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    not_resources: tuple[str, ...] = ()
    principals: tuple[str, ...] = ()  # "*" or "AWS:arn", "Service:x", "Federated:y"
    not_principals: tuple[str, ...] = ()
    has_principal: bool = False
    # Principal kinds (`AWS`, `Service`, ...) with a member the reader could not resolve.
    unresolved_principals: tuple[str, ...] = ()
    conditions: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict
    )  # op -> key -> values
    sid: str = ""

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    @property
    def unconditional(self) -> bool:
        return not self.conditions

    # -- conditions -------------------------------------------------------------------------
    def condition_keys(self) -> set[str]:
        return {k.lower() for keys in self.conditions.values() for k in keys}

    def condition_values(self, key: str) -> list[tuple[str, tuple[str, ...]]]:
        """(operator, values) pairs for one condition key, case-insensitively."""
        wanted = key.lower()
        return [
            (op, values)
            for op, keys in self.conditions.items()
            for k, values in keys.items()
            if k.lower() == wanted
        ]

    def has_condition(self, key: str, operators: Iterable[str] | None = None) -> bool:
        """A condition on `key` (a name, or a pattern such as `aws:PrincipalTag/*`), optionally
        under one of `operators` (compared without ForAnyValue/ForAllValues prefixes)."""
        wanted_ops = {o.lower() for o in operators} if operators is not None else None
        for op, keys in self.conditions.items():
            if wanted_ops is not None and _base_operator(op) not in wanted_ops:
                continue
            if any(_match(key, k) for k in keys):
                return True
        return False

    def pins(self, key: str, restrictive: Callable[[str], bool] | None = None) -> bool:
        """A positive condition on `key` (a name or a pattern such as `*:sub`) none of whose
        values is a bare wildcard (or, with `restrictive`, all of whose values pass it):
        requests without the key, or with an arbitrary value, do not match. Negated,
        `...IfExists` and `ForAllValues:` operators do not pin (they let a request without the
        key through)."""
        for op, keys in self.conditions.items():
            base = _base_operator(op)
            if op.lower().startswith("forallvalues:") or base not in _POSITIVE_OPERATORS:
                continue
            # `*` and `?` are wildcards only for the ...Like operators; StringEquals "*"
            # matches the literal text and pins as much as any other value.
            check = restrictive or (
                is_restrictive_value if base.endswith("like") else lambda v: bool(v.strip())
            )
            for name, values in keys.items():
                if _match(key, name) and values and all(check(v) for v in values):
                    return True
        return False

    def restricted_by_condition(self) -> bool:
        """A condition that pins down the caller (`pins`) on one of
        `RESTRICTING_CONDITION_KEYS`."""
        return any(self.pins(key) for key in self.condition_keys() & RESTRICTING_CONDITION_KEYS)

    def requires_mfa(self) -> bool:
        """The statement applies only to MFA-authenticated requests:
        `Bool aws:MultiFactorAuthPresent true` or a `NumericLessThan[Equals]` on
        `aws:MultiFactorAuthAge` (IfExists forms let requests without MFA through)."""
        for op, values in self.condition_values("aws:MultiFactorAuthPresent"):
            if op.lower() == "bool" and "true" in (v.lower() for v in values):
                return True
        return any(
            op.lower() in ("numericlessthan", "numericlessthanequals")
            for op, _ in self.condition_values("aws:MultiFactorAuthAge")
        )

    def applies_without_mfa(self) -> bool:
        """The statement applies to requests made without MFA: `BoolIfExists` (or `Bool`)
        `aws:MultiFactorAuthPresent false`, or `Null aws:MultiFactorAuthPresent true` (the
        shape of a "deny unless MFA" statement)."""
        for op, values in self.condition_values("aws:MultiFactorAuthPresent"):
            lowered = {v.lower() for v in values}
            if op.lower() in ("bool", "boolifexists") and "false" in lowered:
                return True
            if op.lower() == "null" and "true" in lowered:
                return True
        return False

    # -- actions ----------------------------------------------------------------------------
    def grants_action(self, action: str) -> bool:
        """True when the statement's action set overlaps `action` (wildcards on both sides)."""
        wanted = action.lower()
        if self.not_actions:
            return not any(_match(pattern, wanted) for pattern in self.not_actions)
        return any(_match(pattern, wanted) or _match(wanted, pattern) for pattern in self.actions)

    def covers_action(self, action: str) -> bool:
        """True when the concrete `action` (e.g. `iam:PassRole`) is in the statement's set."""
        wanted = action.lower()
        if self.not_actions:
            return not any(_match(pattern, wanted) for pattern in self.not_actions)
        return any(_match(pattern, wanted) for pattern in self.actions)

    def all_actions(self) -> bool:
        """Every action: `Action: "*"` (or `*:*`). `NotAction` always leaves something out."""
        return not self.not_actions and any(_match(a, ANY_ACTION) for a in self.actions)

    def service_wildcards(self) -> list[str]:
        """The `svc:*` patterns among the actions (whole-service grants), lower-cased."""
        return sorted(a for a in self.actions if re.fullmatch(r"[a-z0-9-]+:\*", a))

    # -- resources --------------------------------------------------------------------------
    def all_resources(self) -> bool:
        return "*" in self.resources or (bool(self.not_resources) and not self.resources)

    def covers_resource(self, resource: str) -> bool:
        """True when the statement applies to `resource` ("*" asks: to every resource)."""
        if resource == "*":
            return self.all_resources()
        if self.not_resources:
            return not any(fnmatch.fnmatchcase(resource, p) for p in self.not_resources)
        return any(fnmatch.fnmatchcase(resource, p) for p in self.resources)

    # -- principals -------------------------------------------------------------------------
    def principal_values(self, kind: str) -> list[str]:
        """Members of one principal kind (`AWS`, `Service`, `Federated`, `CanonicalUser`);
        `AWS` includes the public `*`."""
        if kind in self.unresolved_principals:
            raise Unknown(f"a principal under {kind} could not be resolved")
        out = []
        for principal in self.principals:
            if principal == "*":
                if kind == "AWS":
                    out.append("*")
                continue
            found, _, value = principal.partition(":")
            if found == kind:
                out.append(value)
        return out

    def public_principal(self) -> bool:
        """Principal "*" (or {"AWS": "*"}), or NotPrincipal with Allow: anyone."""
        if self.not_principals and self.allows:
            return True
        if any(p in ("*", "AWS:*") for p in self.principals):
            return True
        if "AWS" in self.unresolved_principals:
            raise Unknown("a principal under AWS could not be resolved")
        return False


@dataclass(frozen=True)
class Policy:
    statements: tuple[Statement, ...]

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    def __bool__(self) -> bool:
        return bool(self.statements)

    @property
    def allows(self) -> list[Statement]:
        return [s for s in self.statements if s.allows]

    @property
    def denies(self) -> list[Statement]:
        return [s for s in self.statements if not s.allows]


def _strings(value: Any, what: str, unresolved: str | None = None) -> tuple[str, ...]:
    """A field that is one string or a list of them. An unknown member raises `Unknown`, or,
    when `unresolved` is given, stands as that placeholder."""
    if is_unknown(value):
        if unresolved is not None:
            return (unresolved,)
        raise Unknown(f"{what}: {unknown_reason(value)}")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if is_unknown(item):
            if unresolved is not None:
                out.append(unresolved)
                continue
            raise Unknown(f"{what}: {unknown_reason(item)}")
        out.append(item if isinstance(item, str) else json.dumps(item, sort_keys=True))
    return tuple(out)


def _principals(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(`kind:value` members, kinds with a member the reader could not resolve)."""
    if is_unknown(value):
        raise Unknown(f"Principal: {unknown_reason(value)}")
    if value is None:
        return (), ()
    if isinstance(value, str):
        return (("*",) if value == "*" else (f"AWS:{value}",)), ()
    if isinstance(value, dict):
        out = []
        unresolved = []
        for kind, members in sorted(value.items()):
            for member in _strings(members, f"Principal.{kind}", UNRESOLVED):
                if member is UNRESOLVED:
                    unresolved.append(kind)
                else:
                    out.append("*" if kind == "AWS" and member == "*" else f"{kind}:{member}")
        return tuple(out), tuple(sorted(set(unresolved)))
    raise Unknown("Principal has an unexpected shape")


def _conditions(value: Any) -> dict[str, dict[str, tuple[str, ...]]]:
    if is_unknown(value):
        raise Unknown(f"Condition: {unknown_reason(value)}")
    if not isinstance(value, dict):
        return {}
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for operator, block in value.items():
        if is_unknown(block):
            raise Unknown(f"Condition.{operator}: {unknown_reason(block)}")
        if not isinstance(block, dict):
            continue
        # A value the reader could not resolve stays the unknown sentinel: only a question
        # that reads that value becomes unknown.
        out[str(operator)] = {
            str(k): tuple(
                v if is_unknown(v) else "true" if v is True else "false" if v is False else str(v)
                for v in (vals if isinstance(vals, list) else [vals])
            )
            for k, vals in block.items()
        }
    return out


def decode(document: Any) -> dict[str, Any] | None:
    """A policy document as a dict, from a dict or a (possibly URL-encoded) JSON string."""
    if is_unknown(document):
        raise Unknown(f"policy document: {unknown_reason(document)}")
    if isinstance(document, dict):
        return document
    if not isinstance(document, str) or not document.strip():
        return None
    text = document.strip()
    if text.startswith("%7B") or text.startswith("%7b"):
        text = urllib.parse.unquote(text)
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, str):  # encoded twice
        return decode(value)
    return value if isinstance(value, dict) else None


def parse(document: Any) -> Policy:
    """A normalized policy. A missing or unreadable document is an empty policy."""
    data = decode(document)
    if data is None:
        return Policy(())
    raw = data.get("Statement")
    if is_unknown(raw):
        raise Unknown(f"Statement: {unknown_reason(raw)}")
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    statements = []
    for item in items:
        if is_unknown(item):
            raise Unknown(f"Statement: {unknown_reason(item)}")
        if not isinstance(item, dict):
            continue
        effect = item.get("Effect", "Allow")
        if is_unknown(effect):
            raise Unknown(f"Effect: {unknown_reason(effect)}")
        principals, unresolved = _principals(item.get("Principal"))
        not_principals, not_unresolved = _principals(item.get("NotPrincipal"))
        statements.append(
            Statement(
                effect="Deny" if str(effect).lower() == "deny" else "Allow",
                actions=tuple(a.lower() for a in _strings(item.get("Action"), "Action")),
                not_actions=tuple(a.lower() for a in _strings(item.get("NotAction"), "NotAction")),
                resources=_strings(item.get("Resource"), "Resource", UNRESOLVED),
                not_resources=_strings(item.get("NotResource"), "NotResource", UNRESOLVED),
                principals=principals,
                not_principals=not_principals,
                unresolved_principals=tuple(sorted(set(unresolved) | set(not_unresolved))),
                has_principal="Principal" in item or "NotPrincipal" in item,
                conditions=_conditions(item.get("Condition")),
                sid=str(item.get("Sid", "")) if not is_unknown(item.get("Sid")) else "",
            )
        )
    return Policy(tuple(statements))


# ---------------------------------------------------------------------------------------------
# Questions about one document.


def public_statements(policy: Policy) -> list[Statement]:
    """Allow statements open to anyone: a public principal with no restricting condition."""
    return [s for s in policy.allows if s.public_principal() and not s.restricted_by_condition()]


def grants_admin(policy: Policy) -> bool:
    """An unconditional Allow of every action (`*`) on every resource: the definition of
    Security Hub IAM.1 and of the Config rule iam-policy-no-statements-with-admin-access."""
    return any(s.all_actions() and s.all_resources() and s.unconditional for s in policy.allows)


def denies_insecure_transport(policy: Policy, action_prefix: str = "s3:") -> bool:
    """A Deny statement for requests without TLS (`aws:SecureTransport` false) covering the
    service's actions for every principal."""
    for statement in policy.denies:
        if not (
            statement.grants_action(f"{action_prefix}*")
            or statement.grants_action(f"{action_prefix}GetObject")
        ):
            continue
        if statement.has_principal and not statement.public_principal():
            continue
        for operator, values in statement.condition_values("aws:SecureTransport"):
            if _base_operator(operator) in ("bool", "boolifexists") and "false" in (
                v.lower() for v in values
            ):
                return True
    return False


def actions_granted(policy: Policy, candidates: Iterable[str]) -> list[str]:
    """The candidate actions that some Allow statement grants."""
    return sorted({a for a in candidates for s in policy.allows if s.grants_action(a)})


def negated_condition_denies(
    statements: Policy | Iterable[Statement], keys: Iterable[str]
) -> list[Statement]:
    """Deny statements that fire when one of `keys` does NOT match an expected value
    (`StringNotEquals[IfExists]`, `ArnNotLike`, ...): the shape of region guardrails, data
    perimeters and pipeline exemptions."""
    wanted = {k.lower() for k in keys}
    found = []
    for statement in statements:
        if statement.allows:
            continue
        for op, block in statement.conditions.items():
            base = _base_operator(op).removesuffix("ifexists")
            if base in _NEGATED_OPERATORS and any(
                k.lower() in wanted and any(is_restrictive_value(v) for v in values)
                for k, values in block.items()
            ):
                found.append(statement)
                break
    return found


# ---------------------------------------------------------------------------------------------
# Trust policies.


def trust_policy(role: Resource) -> Policy:
    """The role's trust policy (`AssumeRolePolicyDocument`)."""
    return parse(role.get("AssumeRolePolicyDocument"))


_ACCOUNT_ID = re.compile(r"^\d{12}$")
_ARN_ACCOUNT = re.compile(r"^arn:[\w-]+:(?:iam|sts)::([^:]*):")


def principal_account(value: str) -> str | None:
    """The account an `AWS` principal names: a 12-digit id, `${AWS::AccountId}`, "*", or
    "self" for a reference to a resource in the scan; None when it names no account."""
    if value == "*":
        return "*"
    if "${AWS::AccountId}" in value:
        return "${AWS::AccountId}"
    if value.startswith("${"):
        return "self"  # a role or user of the same template or configuration
    if _ACCOUNT_ID.match(value):
        return value
    match = _ARN_ACCOUNT.match(value)
    if match:
        return match.group(1)
    return None


def is_own_account(value: str, account: str | None) -> bool:
    """True when the `AWS` principal `value` belongs to `account` (the resource's own)."""
    named = principal_account(value)
    if named in ("self", "${AWS::AccountId}"):
        return True
    return named is not None and account is not None and named == account
