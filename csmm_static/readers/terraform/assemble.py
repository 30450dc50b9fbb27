"""Terraform resource instances (from HCL or plan JSON) into canonical graph resources.

One pass maps each instance through its table, a second folds satellites into their parents
and splits out the inline policies and routes CloudFormation keeps as separate resources, and
account-wide settings become account-node facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csmm_static.model import (
    Edge,
    Reference,
    Resource,
    Source,
    Unknown,
    UnknownValue,
    is_unknown,
)
from csmm_static.readers.terraform import account, satellites
from csmm_static.readers.terraform.convert import blocks, convert_table, present
from csmm_static.readers.terraform.mapping import ROUTE_FIELDS, to_canonical
from csmm_static.readers.terraform.modules import RawResource


@dataclass
class Assembled:
    resources: list[Resource] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)


def is_aws(tf_type: str) -> bool:
    """Resources of the AWS provider; other providers' resources (random_*, google_*, ...) are
    evaluated for the values they lend but are not part of an AWS estate."""
    return tf_type.startswith("aws_")


def assemble(raws: list[RawResource], fmt: str) -> Assembled:
    result = Assembled()
    by_id: dict[str, tuple[RawResource, Resource]] = {}
    for raw in raws:
        if not is_aws(raw.tf_type):
            continue
        cfn_type, properties = to_canonical(raw.tf_type, raw.values)
        resource = Resource(
            node_id=raw.node_id,
            type=cfn_type,
            address=raw.address,
            properties=properties,
            source=Source(raw.file, raw.line, raw.end_line, fmt, raw.context),
            native_type=raw.tf_type,
            multiplicity_unknown=raw.multiplicity_unknown,
        )
        by_id[raw.node_id] = (raw, resource)
        result.resources.append(resource)
        for target, kind, via in raw.edges:
            result.edges.append(Edge(raw.node_id, target, kind, via))
        try:
            account.merge(result.facts, account.facts(raw))
        except (Unknown, TypeError, ValueError) as exc:
            reason = (
                exc.reason if isinstance(exc, Unknown) else f"{raw.address} cannot be read: {exc}"
            )
            account.merge(result.facts, account.unknown_facts(raw, reason))
    _fold(by_id, result)
    for raw, resource in list(by_id.values()):
        try:
            _split(raw, resource, result)
        except (Unknown, TypeError, ValueError, AttributeError):
            continue  # an inline policy or route too malformed to split out stays inline only
    return result


# ---------------------------------------------------------------------------------------------
# Folding


def _fold(by_id: dict[str, tuple[RawResource, Resource]], result: Assembled) -> None:
    by_type: dict[str, list[tuple[RawResource, Resource]]] = {}
    for pair in by_id.values():
        by_type.setdefault(pair[0].tf_type, []).append(pair)
    for raw, own in sorted(by_id.values(), key=lambda p: p[0].node_id):
        for fold in satellites.FOLDS.get(raw.tf_type, ()):
            _fold_one(raw, own, fold, by_id, by_type, result)


def _parents(
    raw: RawResource,
    fold: satellites.Fold,
    by_id: dict[str, tuple[RawResource, Resource]],
    by_type: dict[str, list[tuple[RawResource, Resource]]],
    depth: int = 0,
) -> tuple[list[str], bool]:
    """Parent node ids, and whether some reference to a parent could not be resolved.

    A reference to another satellite of the same parent (`bucket = aws_s3_bucket_policy.x.id`,
    whose id is the bucket's name) is followed to that satellite's own parent.
    """
    value = raw.values.get(fold.key)
    items = value if fold.many and isinstance(value, list) else [value]
    found: list[str] = []
    unresolved = False
    referenced = [t for t, _, via in raw.edges if via == fold.key or via.startswith(fold.key + ".")]
    for item in items:
        target = item.target if isinstance(item, Reference) else ""
        if target in by_id and by_id[target][0].tf_type in fold.parents:
            found.append(target)
            continue
        if isinstance(item, str) and not isinstance(item, Reference):
            matched = _by_name(item, fold, by_type)
            found.extend(matched)
        elif isinstance(item, Reference) and _by_shared_reference(item, fold, by_type):
            found.extend(_by_shared_reference(item, fold, by_type))
        elif is_unknown(item) or isinstance(item, Reference):
            unresolved = True
    through_edges: list[str] = []
    for target in referenced:
        if target not in by_id or target in found or target in through_edges:
            continue
        if by_id[target][0].tf_type in fold.parents:
            through_edges.append(target)
        elif depth < 2 and fold.key in by_id[target][0].values:
            inner, _ = _parents(by_id[target][0], fold, by_id, by_type, depth + 1)
            through_edges.extend(t for t in inner if t not in found and t not in through_edges)
    if not fold.many and not found and len(through_edges) > 1:
        # One satellite, several possible parents (a plan records references per block, not
        # per instance): none of them may take the setting as known.
        return through_edges, True
    found.extend(through_edges)
    return found, unresolved and not found


def _by_name(
    name: str, fold: satellites.Fold, by_type: dict[str, list[tuple[RawResource, Resource]]]
) -> list[str]:
    return _parents_where(
        fold, by_type, lambda c: isinstance(c, str) and not isinstance(c, Reference) and c == name
    )


def _by_shared_reference(
    reference: Reference,
    fold: satellites.Fold,
    by_type: dict[str, list[tuple[RawResource, Resource]]],
) -> list[str]:
    """Parents that name the same resource attribute as the satellite: a Shield automatic
    response and the protection it belongs to both say `resource_arn = aws_lb.web.arn`."""
    key = (reference.target, reference.attribute, str(reference))
    return _parents_where(
        fold,
        by_type,
        lambda c: (
            bool(reference.target)
            and isinstance(c, Reference)
            and (c.target, c.attribute, str(c)) == key
        ),
    )


def _parents_where(
    fold: satellites.Fold,
    by_type: dict[str, list[tuple[RawResource, Resource]]],
    matches: Callable[[Any], bool],
) -> list[str]:
    """Node ids of the fold's possible parents whose match attribute satisfies `matches`."""
    return [
        parent_raw.node_id
        for parent_type in fold.parents
        for parent_raw, _ in by_type.get(parent_type, [])
        if any(matches(parent_raw.values.get(attribute)) for attribute in fold.match)
    ]


def _fold_one(
    raw: RawResource,
    own: Resource,
    fold: satellites.Fold,
    by_id: dict[str, tuple[RawResource, Resource]],
    by_type: dict[str, list[tuple[RawResource, Resource]]],
    result: Assembled,
) -> None:
    parents, unresolved = _parents(raw, fold, by_id, by_type)
    if not parents and not unresolved:
        return  # a parent outside the scan
    if parents and unresolved:
        reason = f"{raw.address} applies to one of {len(parents)} resources; which is not known"
        for parent_id in parents:
            parent = by_id[parent_id][1]
            for operation in _operations(fold, raw, own, parent):
                if operation[0] == "append" or not satellites.has_path(
                    parent.properties, operation[1]
                ):
                    satellites.apply(parent.properties, satellites.as_unknown(operation, reason))
        return
    if parents:
        for parent_id in parents:
            parent = by_id[parent_id][1]
            operations = _operations(fold, raw, own, parent)
            if raw.multiplicity_unknown and not parent.multiplicity_unknown:
                reason = f"whether {raw.address} is created is not known"
                operations = [satellites.as_unknown(op, reason) for op in operations]
            for operation in operations:
                satellites.apply(parent.properties, operation)
            if not any(t == parent_id for t, _, _ in raw.edges):
                result.edges.append(Edge(raw.node_id, parent_id, "attachment", fold.key))
        return
    # The parent is named by a value not known offline: any resource of the parent's type in
    # the same module instance (or, failing that, the same root module) could be it, so none of
    # them may read as lacking the setting.
    reason = f"{raw.address} applies to a {fold.parents[0]} that cannot be resolved offline"
    root = raw.node_id.split("#", 1)[0]
    candidates = [
        parent
        for parent_type in fold.parents
        for parent_raw, parent in by_type.get(parent_type, [])
        if parent_raw.node_id.split("#", 1)[0] == root
    ]
    local = [p for p in candidates if p.source is not None and p.source.context == raw.context]
    for parent in local or candidates:
        for operation in _operations(fold, raw, own, parent):
            if operation[0] == "append" or not satellites.has_path(parent.properties, operation[1]):
                satellites.apply(parent.properties, satellites.as_unknown(operation, reason))


def _operations(
    fold: satellites.Fold, raw: RawResource, own: Resource, parent: Resource
) -> list[satellites.Operation]:
    try:
        return fold.function(raw.values, own.properties, parent)
    except (Unknown, TypeError, ValueError, AttributeError) as exc:
        # The satellite's settings are partly unknown, or shaped unlike the provider schema:
        # so is what it writes.
        reason = exc.reason if isinstance(exc, Unknown) else f"{raw.address} cannot be read: {exc}"
        shape = fold.function({}, {}, parent)
        return [satellites.as_unknown(op, reason) for op in shape]


# ---------------------------------------------------------------------------------------------
# Inline settings CloudFormation keeps as separate resources


def _derived(parent: Resource, suffix: str, cfn_type: str, properties: dict[str, Any]) -> Resource:
    return Resource(
        node_id=f"{parent.node_id}.{suffix}",
        type=cfn_type,
        address=f"{parent.address}.{suffix}",
        properties=properties,
        source=parent.source,
        native_type=parent.native_type,
        multiplicity_unknown=parent.multiplicity_unknown,
    )


def _self(parent: Resource, attribute: str) -> Reference:
    canonical = "Ref" if attribute == "id" else attribute.capitalize()
    return Reference(f"${{{parent.address}.{attribute}}}", parent.node_id, canonical)


_INLINE_POLICIES = {
    "aws_s3_bucket": ("AWS::S3::BucketPolicy", "Bucket", "id", False),
    "aws_sns_topic": ("AWS::SNS::TopicPolicy", "Topics", "arn", True),
    "aws_sqs_queue": ("AWS::SQS::QueuePolicy", "Queues", "id", True),
}


def _split(raw: RawResource, resource: Resource, result: Assembled) -> None:
    inline = _INLINE_POLICIES.get(raw.tf_type)
    if inline is not None and present(raw.values.get("policy")):
        cfn_type, owner_key, attribute, listed = inline
        owner = _self(resource, attribute)
        derived = _derived(
            resource,
            "policy",
            cfn_type,
            {owner_key: [owner] if listed else owner, "PolicyDocument": raw.values["policy"]},
        )
        result.resources.append(derived)
        result.edges.append(Edge(derived.node_id, resource.node_id, "reference", owner_key))
    if raw.tf_type in ("aws_internet_gateway", "aws_vpn_gateway") and present(
        raw.values.get("vpc_id")
    ):
        # CloudFormation attaches a gateway to its VPC with a separate resource.
        gateway = "InternetGatewayId" if raw.tf_type == "aws_internet_gateway" else "VpnGatewayId"
        properties = {"VpcId": raw.values["vpc_id"], gateway: _self(resource, "id")}
        derived = _derived(resource, "attachment", "AWS::EC2::VPCGatewayAttachment", properties)
        result.resources.append(derived)
        result.edges.append(Edge(derived.node_id, resource.node_id, "reference", gateway))
        for target, kind, via in raw.edges:
            if via == "vpc_id":
                result.edges.append(Edge(derived.node_id, target, kind, "VpcId"))
    if raw.tf_type in ("aws_route_table", "aws_default_route_table"):
        routes = raw.values.get("route")
        if is_unknown(routes):
            routes = [{"cidr_block": UnknownValue("routes not known")}]
        for index, route in enumerate(blocks(routes)):
            if is_unknown(route) or not isinstance(route, dict):
                continue
            properties = convert_table(ROUTE_FIELDS, route, {})
            properties["RouteTableId"] = _self(resource, "id")
            derived = _derived(resource, f"route[{index}]", "AWS::EC2::Route", properties)
            result.resources.append(derived)
            result.edges.append(
                Edge(derived.node_id, resource.node_id, "reference", "RouteTableId")
            )
            for target, kind, via in raw.edges:
                if via.startswith("route."):
                    result.edges.append(Edge(derived.node_id, target, kind, via))
