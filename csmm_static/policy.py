"""IAM policy document analysis shared by the controls.

Policy documents reach the graph in several shapes: a dict (CloudFormation), a JSON string
(Terraform's `jsonencode` output, plan JSON, Config), sometimes URL-encoded (Config IAM items),
with `Statement`, `Action`, `Resource` and `Principal` either a single value or a list. `parse`
turns any of them into a `Policy` of normalized `Statement`s; the predicates below answer the
questions controls ask (is this public, is this admin, does it enforce TLS) once, with tests.

Unknown parts raise `Unknown` only when the answer depends on them.
"""

from __future__ import annotations

import fnmatch
import json
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from csmm_static.model import Unknown, is_unknown, unknown_reason

# Condition keys that restrict who a public principal really is.
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


@dataclass(frozen=True)
class Statement:
    effect: str  # "Allow" or "Deny"
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    not_resources: tuple[str, ...] = ()
    principals: tuple[str, ...] = ()  # "*" or "AWS:arn", "Service:x", "Federated:y"
    not_principals: tuple[str, ...] = ()
    has_principal: bool = False
    conditions: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict
    )  # op -> key -> values
    sid: str = ""

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

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

    # -- action matching --------------------------------------------------------------------
    def grants_action(self, action: str) -> bool:
        """True when the statement's action set includes `action` (wildcards on both sides)."""
        wanted = action.lower()
        if self.not_actions:
            return not any(_match(pattern, wanted) for pattern in self.not_actions)
        return any(_match(pattern, wanted) or _match(wanted, pattern) for pattern in self.actions)

    def all_actions(self) -> bool:
        return any(a == "*" for a in self.actions) or (bool(self.not_actions) and not self.actions)

    def all_resources(self) -> bool:
        return "*" in self.resources or (bool(self.not_resources) and not self.resources)

    def public_principal(self) -> bool:
        """Principal "*" (or {"AWS": "*"}), or NotPrincipal with Allow: anyone."""
        if self.not_principals and self.allows:
            return True
        return any(p in ("*", "AWS:*") for p in self.principals)

    def restricted_by_condition(self) -> bool:
        return bool(self.condition_keys() & RESTRICTING_CONDITION_KEYS)


@dataclass(frozen=True)
class Policy:
    statements: tuple[Statement, ...]

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    @property
    def allows(self) -> list[Statement]:
        return [s for s in self.statements if s.allows]

    @property
    def denies(self) -> list[Statement]:
        return [s for s in self.statements if not s.allows]


def _match(pattern: str, value: str) -> bool:
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if is_unknown(value):
        raise Unknown(f"{what}: {unknown_reason(value)}")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if is_unknown(item):
            raise Unknown(f"{what}: {unknown_reason(item)}")
        out.append(item if isinstance(item, str) else json.dumps(item, sort_keys=True))
    return tuple(out)


def _principals(value: Any) -> tuple[str, ...]:
    if is_unknown(value):
        raise Unknown(f"Principal: {unknown_reason(value)}")
    if value is None:
        return ()
    if isinstance(value, str):
        return ("*",) if value == "*" else (f"AWS:{value}",)
    if isinstance(value, dict):
        out = []
        for kind, members in sorted(value.items()):
            for member in _strings(members, f"Principal.{kind}"):
                out.append("*" if kind == "AWS" and member == "*" else f"{kind}:{member}")
        return tuple(out)
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
        out[str(operator)] = {
            str(k): tuple(
                ("true" if v is True else "false" if v is False else str(v))
                for v in (vals if isinstance(vals, list) else [vals])
                if not is_unknown(v)
            )
            for k, vals in block.items()
        }
        for key, vals in block.items():
            if is_unknown(vals) or (isinstance(vals, list) and any(is_unknown(v) for v in vals)):
                raise Unknown(f"Condition {operator}.{key} is unknown")
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
        statements.append(
            Statement(
                effect="Deny" if str(effect).lower() == "deny" else "Allow",
                actions=tuple(a.lower() for a in _strings(item.get("Action"), "Action")),
                not_actions=tuple(a.lower() for a in _strings(item.get("NotAction"), "NotAction")),
                resources=_strings(item.get("Resource"), "Resource"),
                not_resources=_strings(item.get("NotResource"), "NotResource"),
                principals=_principals(item.get("Principal")),
                not_principals=_principals(item.get("NotPrincipal")),
                has_principal="Principal" in item or "NotPrincipal" in item,
                conditions=_conditions(item.get("Condition")),
                sid=str(item.get("Sid", "")) if not is_unknown(item.get("Sid")) else "",
            )
        )
    return Policy(tuple(statements))


# ---------------------------------------------------------------------------------------------
# Questions controls ask.


def public_statements(policy: Policy) -> list[Statement]:
    """Allow statements open to anyone: a public principal with no restricting condition."""
    return [s for s in policy.allows if s.public_principal() and not s.restricted_by_condition()]


def grants_admin(policy: Policy) -> bool:
    """Allow of every action on every resource (`*` on `*`, or NotAction on `*`)."""
    return any(s.all_actions() and s.all_resources() and not s.conditions for s in policy.allows)


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
            if operator.lower() in ("bool", "boolifexists") and "false" in (
                v.lower() for v in values
            ):
                return True
    return False


def actions_granted(policy: Policy, candidates: Iterable[str]) -> list[str]:
    """The candidate actions that some Allow statement grants."""
    return sorted({a for a in candidates for s in policy.allows if s.grants_action(a)})
