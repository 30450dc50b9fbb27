"""What every mapping module uses: the output it fills and small value helpers.

A mapper reads one `ConfigItem` and fills an `Output`: the canonical (CloudFormation) type and
properties, resources it synthesizes where CloudFormation has a separate type (a bucket policy, a
route), references to other resources (edges, resolved once every item is known), values to
copy from another resource (joins), and problems worth a diagnostic.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.items import ConfigItem, decode_text


@dataclass(frozen=True)
class Pending:
    """An edge from `source` to the resource of `target_type` known by `key` (id, name or ARN)."""

    source: str
    via: str
    target_type: str
    key: str


@dataclass(frozen=True)
class Join:
    """Copy `attribute` of the resource of `target_type` known by `key` into `path` of `owner`
    (`path` segments: property names and list indexes); unknown when that resource is absent."""

    owner: str
    path: tuple[str | int, ...]
    target_type: str
    key: str
    attribute: str
    reason: str


@dataclass
class Synthesized:
    """A resource the item implies, in CloudFormation's separate type (a bucket policy)."""

    node_id: str
    type: str
    address: str
    properties: dict[str, Any]


@dataclass
class Output:
    item: ConfigItem
    node_id: str
    type: str
    properties: dict[str, Any] = field(default_factory=dict)
    synthesized: list[Synthesized] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.problems.append(message)

    def refer(self, via: str, target_type: str, key: Any, source: str = "") -> None:
        if isinstance(key, str) and key:
            self.pending.append(Pending(source or self.node_id, via, target_type, key))

    def join(
        self, path: tuple[str | int, ...], target_type: str, key: Any, attribute: str, reason: str
    ) -> None:
        if isinstance(key, str) and key:
            self.joins.append(Join(self.node_id, path, target_type, key, attribute, reason))

    def synthesize(
        self, rtype: str, suffix: str, properties: dict[str, Any], via: str
    ) -> Synthesized:
        """A separate resource joined to this one by an edge from it (`via` names the property
        that points back, as `Bucket` does on a CloudFormation bucket policy)."""
        child = Synthesized(
            f"{self.node_id}#{suffix}", rtype, f"{self.address}#{suffix}", clean(properties)
        )
        self.synthesized.append(child)
        self.pending.append(Pending(child.node_id, via, "", self.node_id))
        return child

    def associate(
        self,
        rtype: str,
        suffix: str,
        properties: dict[str, Any],
        via: str,
        target: tuple[str, str, str],
    ) -> None:
        """A separate association resource (CloudFormation's shape) between this resource and
        another: `target` is (property naming it, its type, its id)."""
        child = self.synthesize(rtype, suffix, properties, via)
        self.refer(target[0], target[1], target[2], source=child.node_id)

    @property
    def address(self) -> str:
        return self.item.arn or self.item.resource_name or self.item.resource_id

    @property
    def config(self) -> dict[str, Any]:
        value = self.item.configuration
        return value if isinstance(value, dict) else {}

    @property
    def supplementary(self) -> dict[str, Any]:
        return self.item.supplementary or {}


Mapper = Callable[[Output], None]


def get(data: Any, *names: str, default: Any = None) -> Any:
    """The first of `names` present with a non-null value (Config spells some keys several ways;
    callers list the spellings seen)."""
    if not isinstance(data, dict):
        return default
    for name in names:
        value = data.get(name)
        if value is not None:
            return value
    return default


def items(data: Any, *names: str) -> list[Any]:
    """A list value, also from the `{items: [...], quantity: n}` wrapper CloudFront uses."""
    value = get(data, *names) if names else data
    if isinstance(value, dict) and "items" in value:
        value = value.get("items")
    return value if isinstance(value, list) else []


def dicts(data: Any, *names: str) -> list[dict[str, Any]]:
    return [v for v in items(data, *names) if isinstance(v, dict)]


def boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def integer(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def positive(value: Any) -> int | None:
    """Config writes -1 (or 0) for "not set" in several integer fields."""
    number = integer(value)
    return number if number is not None and number > 0 else None


def strings(values: Iterable[Any]) -> list[str]:
    return [v for v in values if isinstance(v, str) and v]


def clean(value: Any) -> Any:
    """Drop null members: in the graph an absent key means "not set"."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [clean(v) for v in value if v is not None]
    return value


def set_props(out: Output, **values: Any) -> None:
    for key, value in values.items():
        if value is not None:
            out.properties[key] = clean(value)


def decode_policy(value: Any) -> dict[str, Any] | None:
    """A policy document as a dict from a dict, JSON text or URL-encoded JSON (IAM stores
    documents URL-encoded); None when it is not one."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if "%22" in text[:64] or text.startswith(("%7B", "%7b")):
        text = urllib.parse.unquote(text)
    decoded = decode_text(text)
    return decoded if isinstance(decoded, dict) else None


def policy_document(value: Any, out: Output, what: str) -> Any:
    """The decoded document; the unknown sentinel (and a diagnostic) when it cannot be read,
    None when there is none."""
    if value is None or value == "":
        return None
    document = decode_policy(value)
    if document is not None:
        return document
    out.warn(f"{what} is not a readable policy document")
    return UnknownValue(f"{what} could not be read")


def tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": tags[k]} for k in sorted(tags)]


def arn_name(arn: Any) -> str | None:
    """The last path segment of an ARN (an instance profile's name)."""
    if not isinstance(arn, str) or not arn:
        return None
    return arn.rsplit("/", 1)[-1] or None
