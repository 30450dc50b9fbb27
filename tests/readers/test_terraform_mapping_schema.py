"""Every CloudFormation property path in the Terraform mapping exists in CloudFormation's
resource schema (the one cfn-lint bundles), so a control reading the graph finds what the
table writes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from csmm_static.readers.terraform.convert import Custom, Nested, Spec
from csmm_static.readers.terraform.mapping import TYPES


def _paths(table: dict[str, Spec], prefix: str = "") -> Iterator[str]:
    for spec in table.values():
        if isinstance(spec, str):
            yield prefix + spec
        elif isinstance(spec, tuple):
            yield prefix + spec[0]
        elif isinstance(spec, Nested):
            yield prefix + spec.path
            yield from _paths(dict(spec.table), f"{prefix}{spec.path}.")
        elif isinstance(spec, Custom):
            yield from (prefix + p for p in spec.paths)


def _schema(cfn_type: str) -> dict[str, Any]:
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    return PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", cfn_type).schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["definitions"][name]
    return node


def _children(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The object shapes a node may take (through arrays, $ref and oneOf/anyOf)."""
    node = _resolve(schema, node)
    if node.get("type") == "array" or "items" in node:
        return _children(schema, node.get("items", {}))
    found = [node]
    for key in ("oneOf", "anyOf", "allOf"):
        for option in node.get(key, []):
            found.extend(_children(schema, option))
    return found


def _exists(schema: dict[str, Any], path: str) -> bool:
    nodes = [schema]
    for part in path.split("."):
        following = []
        for node in nodes:
            for shape in _children(schema, node):
                properties = shape.get("properties", {})
                if part in properties:
                    following.append(properties[part])
        if not following:
            return False
        nodes = following
    return True


# Canonical shapes docs/graph.md adds where CloudFormation has none, and AWS Config types
# CloudFormation does not define (their properties use CloudFormation-style names).
EXTENSIONS = {
    ("AWS::EC2::NetworkAcl", "Entries"),
    ("AWS::Config::ConfigurationRecorder", "Recording"),
    ("AWS::EC2::Instance", "MaintenanceOptions"),
    ("AWS::EC2::Instance", "MaintenanceOptions.AutoRecovery"),
    ("AWS::EC2::RouteTable", "Main"),
}
CONFIG_ONLY_TYPES = {"AWS::S3::AccountPublicAccessBlock"}

CASES = sorted(
    {
        (type_map.cfn_type, path)
        for type_map in TYPES.values()
        for path in _paths(dict(type_map.table))
    }
    | {(t.cfn_type, p) for t in TYPES.values() for p in t.finish_paths}
)


@pytest.mark.parametrize(("cfn_type", "path"), CASES, ids=str)
def test_mapped_property_exists_in_the_cloudformation_schema(cfn_type: str, path: str) -> None:
    if (cfn_type, path) in EXTENSIONS or cfn_type in CONFIG_ONLY_TYPES:
        pytest.skip("a canonical shape of docs/graph.md, not a CloudFormation property")
    assert _exists(_schema(cfn_type), path), f"{cfn_type} has no property {path}"


def _fold_cases() -> list[tuple[str, str, str]]:
    from csmm_static.model import Resource
    from csmm_static.readers.terraform.satellites import FOLDS

    parent = Resource("tf:.#parent", "AWS::Unknown", "parent")
    cases = set()
    for satellite, folds in FOLDS.items():
        for fold in folds:
            for _, path, _ in fold.function({}, {}, parent):
                for parent_type in fold.parents:
                    cases.add((satellite, TYPES[parent_type].cfn_type, path))
    return sorted(cases)


@pytest.mark.parametrize(("satellite", "cfn_type", "path"), _fold_cases(), ids=str)
def test_folded_property_exists_in_the_parent_schema(
    satellite: str, cfn_type: str, path: str
) -> None:
    if (cfn_type, path) in EXTENSIONS:
        pytest.skip("a canonical shape of docs/graph.md, not a CloudFormation property")
    assert _exists(_schema(cfn_type), path), f"{satellite} writes {path}, which {cfn_type} lacks"
