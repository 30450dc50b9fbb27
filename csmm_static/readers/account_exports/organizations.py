"""AWS Organizations: the organization, its policies (SCPs, RCPs, tag policies) and their
targets. `list-targets-for-policy` output does not name its policy: the file name does
(`targets-<policy id>.json`, docs/evidence.md)."""

from __future__ import annotations

import re
from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.account_exports.context import POLICY_TARGETS, Context
from csmm_static.readers.awsconfig.items import decode_text

_POLICY_ID = re.compile(r"p-[A-Za-z0-9_]+")


def organization(doc: dict[str, Any], ctx: Context) -> None:
    ctx.fact(ctx.account(), "Organization", doc["Organization"])


def policy_list(doc: dict[str, Any], ctx: Context) -> None:
    for summary in doc["Policies"]:
        if isinstance(summary, dict):
            _policy(summary, None, ctx)


def policy(doc: dict[str, Any], ctx: Context) -> None:
    body = doc["Policy"]
    _policy(body.get("PolicySummary") or {}, body.get("Content"), ctx)


def _policy(summary: dict[str, Any], content: Any, ctx: Context) -> None:
    ident = summary.get("Id")
    if not isinstance(ident, str):
        ctx.warn("an Organizations policy has no Id; it is skipped")
        return
    document: Any = UnknownValue(
        f"policy {ident}: export `aws organizations describe-policy` for its content"
    )
    if content is not None:
        document = decode_text(content)
        if not isinstance(document, dict):
            ctx.warn(f"the content of policy {ident} is not a JSON document")
            document = UnknownValue(f"policy {ident}: its content could not be read")
    ctx.add(
        "AWS::Organizations::Policy",
        ident,
        {
            "Name": summary.get("Name"),
            "Description": summary.get("Description"),
            "Type": summary.get("Type"),
            "AwsManaged": summary.get("AwsManaged"),
            "Content": document,
        },
        account=ctx.account(),
        region="global",
        address=summary.get("Arn") or ident,
    )


def targets(doc: dict[str, Any], ctx: Context) -> None:
    match = _POLICY_ID.search(ctx.stem)
    if not match:
        ctx.warn(
            "list-targets-for-policy output does not name its policy; save it as"
            " targets-<policy id>.json"
        )
        return
    ids = sorted(
        t["TargetId"]
        for t in doc["Targets"]
        if isinstance(t, dict) and isinstance(t.get("TargetId"), str)
    )
    ctx.fact(ctx.account(), POLICY_TARGETS, {match.group(0): ids})
