"""The small language the mapping tables are written in, and the converters they share.

A table maps a Terraform attribute to a CloudFormation property path. An entry is a path
(`"BucketName"`), a path with a converter (`("Tags", tags)`), a `Nested` block table (one object
or a list of objects in CloudFormation), or a `Custom` function for shapes that differ. Values
are Terraform's (nested blocks are lists of objects, as in plan JSON); unknown values pass
through unchanged, and an unset attribute (absent or null) sets nothing unless the table gives
a provider default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from csmm_static.model import Unknown, UnknownValue, is_unknown

Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class Nested:
    """A nested block converted with its own table into one object (or a list with `many`)."""

    path: str
    table: Mapping[str, Spec]
    many: bool = False
    defaults: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Custom:
    """A conversion written as a function `(value, properties) -> None`; `paths` are the
    CloudFormation property paths it may write (checked against the resource schema)."""

    function: Callable[[Any, dict[str, Any]], None]
    paths: tuple[str, ...] = ()


Spec = Union[str, tuple[str, Converter], Nested, Custom]  # noqa: UP007 (a runtime alias on 3.10)


@dataclass(frozen=True)
class TypeMap:
    """One Terraform type: its CloudFormation type, attribute table and provider defaults."""

    cfn_type: str
    table: Mapping[str, Spec] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # A step over the whole resource, for properties built from several attributes.
    finish: Callable[[dict[str, Any], dict[str, Any]], None] | None = None
    finish_paths: tuple[str, ...] = ()


_MISSING = object()


def unset(value: Any) -> bool:
    """Absent, null, or an empty block list (how plan JSON shows a block nobody wrote)."""
    return value is _MISSING or value is None or (isinstance(value, list) and not value)


def convert_table(
    table: Mapping[str, Spec], values: Mapping[str, Any], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for attribute, spec in table.items():
        value = values.get(attribute, _MISSING)
        if unset(value):
            value = defaults.get(attribute, _MISSING)
            if value is _MISSING:
                continue
        try:
            apply(spec, value, properties)
        except Unknown as exc:
            # A converter looked inside a value that is partly unknown: the property is.
            set_path(properties, main_path(spec), UnknownValue(exc.reason))
        except (TypeError, ValueError, AttributeError) as exc:
            # A value shaped unlike the provider schema (a typo, another provider version).
            set_path(
                properties, main_path(spec), UnknownValue(f"{attribute} cannot be read: {exc}")
            )
    return properties


def main_path(spec: Spec) -> str:
    if isinstance(spec, str):
        return spec
    if isinstance(spec, tuple):
        return spec[0]
    if isinstance(spec, Nested):
        return spec.path
    return spec.paths[0] if spec.paths else "Unknown"


def apply(spec: Spec, value: Any, properties: dict[str, Any]) -> None:
    if isinstance(spec, str):
        set_path(properties, spec, value)
    elif isinstance(spec, tuple):
        path, function = spec
        set_path(properties, path, value if is_unknown(value) else function(value))
    elif isinstance(spec, Nested):
        if is_unknown(value):
            set_path(properties, spec.path, value)
            return
        converted = [
            b if is_unknown(b) else convert_table(spec.table, b, spec.defaults)
            for b in blocks(value)
        ]
        if spec.many:
            set_path(properties, spec.path, converted)
        elif converted:
            set_path(properties, spec.path, converted[0])
    else:
        spec.function(value, properties)


def set_path(properties: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    current = properties
    for part in parts[:-1]:
        child = current.get(part)
        if not isinstance(child, dict):
            child = {}
            current[part] = child
        current = child
    current[parts[-1]] = value


def blocks(value: Any) -> list[Any]:
    """Nested blocks as a list of objects, whichever way they were written (none for null);
    a scalar where blocks belong is a TypeError, which the table turns into unknown."""
    if is_unknown(value):
        return [value]
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict) or is_unknown(v)]
    if value is None:
        return []
    raise TypeError(f"{value!r} is not a block")


def present(value: Any) -> bool:
    """Set to something: not absent, null, empty text or an empty list (unknown counts as set)."""
    if is_unknown(value):
        return True
    return value is not None and value != "" and value != []


def first_block(value: Any) -> Any:
    """The one block of a single nested block (`{}` when there is none)."""
    found = blocks(value)
    return found[0] if found else {}


# ---------------------------------------------------------------------------------------------
# Converters shared by several tables


def tags(value: Any) -> Any:
    if isinstance(value, dict):
        return [{"Key": k, "Value": value[k]} for k in sorted(value)]
    return value


def as_list(value: Any) -> Any:
    if is_unknown(value) or isinstance(value, list):
        return value
    return [value]


def text_bool(value: Any) -> Any:
    """Attribute values of load balancers are the strings "true" / "false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


CANNED_ACL = {
    "private": "Private",
    "public-read": "PublicRead",
    "public-read-write": "PublicReadWrite",
    "authenticated-read": "AuthenticatedRead",
    "log-delivery-write": "LogDeliveryWrite",
    "bucket-owner-read": "BucketOwnerRead",
    "bucket-owner-full-control": "BucketOwnerFullControl",
    "aws-exec-read": "AwsExecRead",
}


def canned_acl(value: Any) -> Any:
    return CANNED_ACL.get(value, value) if isinstance(value, str) else value


_NACL_PROTOCOLS = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58, "all": -1, "-1": -1}


def nacl_protocol(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _NACL_PROTOCOLS:
            return _NACL_PROTOCOLS[lowered]
        if lowered.lstrip("-").isdigit():
            return int(lowered)
    return value


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def pascal_tree(value: Any, lists: frozenset[str] = frozenset()) -> Any:
    """Terraform blocks to CloudFormation objects by name alone: snake_case keys to PascalCase,
    single blocks unwrapped, except the keys named in `lists`. For deep, regular shapes (WAF
    statements) where the two schemas follow the same API."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, inner in value.items():
            if unset(inner):
                continue
            name = pascal(key)
            if isinstance(inner, list) and inner and all(isinstance(i, dict) for i in inner):
                converted = [pascal_tree(i, lists) for i in inner]
                result[name] = converted if key in lists else converted[0]
            else:
                result[name] = pascal_tree(inner, lists)
        return result
    if isinstance(value, list):
        return [pascal_tree(v, lists) for v in value]
    return value


def camel_to_pascal(value: Any) -> Any:
    """ECS container definitions: the API's camelCase keys as CloudFormation's PascalCase."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: camel_to_pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_to_pascal(v) for v in value]
    return value
