"""Terraform plan and state JSON (`terraform show -json`) into resource instances.

Values come from `planned_values` (a state: `values`), every module level included. What a plan
will only know after apply is absent there and marked in `resource_changes[].change.after_unknown`;
those leaves become unknown. References exist only in `configuration`, per block and relative to
their module: they are followed through module calls, outputs and data sources to the resource
instances they name. A state has no configuration: resources that name another resource's id or
ARN are joined to it. Plans carry no line numbers; when the configuration next to the plan is
scanned too, each resource takes its block's file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import Reference, UnknownValue, is_unknown
from csmm_static.readers.base import FileRecord, InputFile
from csmm_static.readers.terraform.hcl import Block
from csmm_static.readers.terraform.modules import RawResource, canonical_attribute
from csmm_static.readers.terraform.satellites import MIRROR_REASON

FORMAT = "terraform-plan"
# Rule lists the provider computes from stand-alone rule resources when the configuration
# leaves them out: exactly what those resources add, folded in later.
_FOLDED_WHEN_UNSET = {
    "aws_security_group": frozenset({"ingress", "egress"}),
    "aws_default_security_group": frozenset({"ingress", "egress"}),
    "aws_network_acl": frozenset({"ingress", "egress"}),
    "aws_default_network_acl": frozenset({"ingress", "egress"}),
    "aws_iam_role": frozenset({"managed_policy_arns", "inline_policy"}),
}
# Attributes that hold a JSON or YAML document. The configuration JSON records
# `jsonencode({... aws_s3_bucket.b.arn ...})` exactly as it records `aws_s3_bucket.b.arn`
# (references only), so an unknown document must stay unknown rather than read as that ARN.
_DOCUMENTS = frozenset(
    {
        "policy",
        "assume_role_policy",
        "access_policy",
        "access_policies",
        "resource_policy",
        "inline_policy",
        "content",
        "container_definitions",
        "event_pattern",
        "definition",
        "dashboard_body",
    }
)
_ADDRESS = re.compile(r'"address"\s*:\s*"((?:[^"\\]|\\.)*)"')
_MODULE_STEP = re.compile(r'module\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.')


def looks_like_plan(head: str) -> bool:
    text = head.replace("\x00", "")
    return '"format_version"' in text and any(
        key in text
        for key in ('"planned_values"', '"terraform_version"', '"values"', '"resource_changes"')
    )


def decode(raw: bytes) -> str:
    """Plan files as shells write them: UTF-8 (with or without BOM) or UTF-16 (PowerShell)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if len(raw) > 1 and raw[1:2] == b"\x00" and raw[:1] != b"\x00":
        return raw.decode("utf-16-le")
    return raw.decode("utf-8-sig")


@dataclass
class PlanResult:
    raws: list[RawResource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    record: FileRecord | None = None


def module_names(address: str) -> tuple[list[str], str]:
    """(`module` call names, resource part) of an absolute address, instance keys dropped."""
    names: list[str] = []
    position = 0
    while True:
        match = _MODULE_STEP.match(address, position)
        if not match:
            break
        names.append(match.group(1))
        position = match.end()
    return names, address[position:]


def module_prefix(address: str) -> str:
    """The module instance part of an absolute address (`module.a[0].`)."""
    position = 0
    while True:
        match = _MODULE_STEP.match(address, position)
        if not match:
            return address[:position]
        position = match.end()


def _overlay(values: Any, unknown: Any, reason: str) -> Any:
    if unknown is True:
        return UnknownValue(reason)
    if isinstance(unknown, dict):
        result = dict(values) if isinstance(values, dict) else {}
        for key, inner in unknown.items():
            if inner is True or (isinstance(inner, dict | list) and _marks(inner)):
                result[key] = _overlay(result.get(key), inner, reason)
        return result
    if isinstance(unknown, list):
        result_list = list(values) if isinstance(values, list) else []
        while len(result_list) < len(unknown):
            result_list.append({} if isinstance(unknown[len(result_list)], dict) else None)
        for index, inner in enumerate(unknown):
            if inner is True or (isinstance(inner, dict | list) and _marks(inner)):
                result_list[index] = _overlay(result_list[index], inner, reason)
        return result_list
    return values


def _marks(value: Any) -> bool:
    if value is True:
        return True
    if isinstance(value, dict):
        return any(_marks(v) for v in value.values())
    if isinstance(value, list):
        return any(_marks(v) for v in value)
    return False


def _module_resources(module: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(module, dict):
        return
    for resource in module.get("resources") or []:
        if isinstance(resource, dict):
            yield resource
    for child in module.get("child_modules") or []:
        yield from _module_resources(child)


class _References:
    """Configuration references resolved to resource instance addresses."""

    def __init__(self, configuration: Any, addresses: list[str]) -> None:
        root = configuration.get("root_module") if isinstance(configuration, dict) else None
        self.root = root if isinstance(root, dict) else {}
        self.addresses = addresses
        self._instances: dict[tuple[str, str], list[str]] = {}
        for address in addresses:
            prefix = module_prefix(address)
            block = re.sub(r"\[[^\]]*\]$", "", address[len(prefix) :])
            self._instances.setdefault((prefix, block), []).append(address)

    def module(self, names: list[str]) -> dict[str, Any]:
        current = self.root
        for name in names:
            call = (current.get("module_calls") or {}).get(name)
            if not isinstance(call, dict) or not isinstance(call.get("module"), dict):
                return {}
            current = call["module"]
        return current

    def block(self, names: list[str], key: str) -> dict[str, Any] | None:
        for resource in self.module(names).get("resources") or []:
            if isinstance(resource, dict) and resource.get("address") == key:
                return resource
        return None

    def targets(self, prefix: str, names: list[str], reference: str, seen: set[str]) -> set[str]:
        """Resource instance addresses one reference reaches, from module instance `prefix`."""
        if (prefix + "|" + reference) in seen or len(seen) > 256:
            return set()
        seen.add(prefix + "|" + reference)
        parts = reference.split(".")
        if parts[0] == "var" and len(parts) > 1 and names:
            parent_names = names[:-1]
            call = (self.module(parent_names).get("module_calls") or {}).get(names[-1]) or {}
            expression = (call.get("expressions") or {}).get(_bare(parts[1]))
            parent_prefix = re.sub(r"module\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.$", "", prefix)
            return self._expression(parent_prefix, parent_names, expression, seen)
        if parts[0] == "module" and len(parts) > 2:
            name = _bare(parts[1])
            call = (self.module(names).get("module_calls") or {}).get(name) or {}
            output = ((call.get("module") or {}).get("outputs") or {}).get(_bare(parts[2]))
            found: set[str] = set()
            children = {
                _first_step(a, prefix, name) for a in self.addresses if a.startswith(prefix)
            }
            for child in sorted(children - {""}):
                found |= self._expression(
                    child, [*names, name], (output or {}).get("expression"), seen
                )
            return found
        if parts[0] in ("local", "each", "count", "path", "terraform", "self", "var", "module"):
            return set()
        if parts[0] == "data" and len(parts) > 2:
            key = f"data.{parts[1]}.{_bare(parts[2])}"
            data = self.block(names, key)
            return self._expression(prefix, names, (data or {}).get("expressions"), seen)
        if len(parts) >= 2:
            name = _bare(parts[1])
            index = re.search(r"(\[.*\])$", parts[1])
            block = f"{parts[0]}.{name}"
            instances = self._instances.get((prefix, block), [])
            if index:
                wanted = f"{prefix}{block}{index.group(1)}"
                return {wanted} if wanted in instances else set(instances)
            return set(instances)
        return set()

    def _expression(
        self, prefix: str, names: list[str], expression: Any, seen: set[str]
    ) -> set[str]:
        found: set[str] = set()
        if isinstance(expression, dict):
            for reference in expression.get("references") or []:
                if isinstance(reference, str):
                    found |= self.targets(prefix, names, reference, seen)
            for key, inner in expression.items():
                if key not in ("references", "constant_value"):
                    found |= self._expression(prefix, names, inner, seen)
        elif isinstance(expression, list):
            for inner in expression:
                found |= self._expression(prefix, names, inner, seen)
        return found

    def expressions(self, address: str) -> dict[str, Any] | None:
        names, rest = module_names(address)
        block = self.block(names, re.sub(r"\[[^\]]*\]$", "", rest))
        return None if block is None else dict(block.get("expressions") or {})

    def single(self, address: str, expression: Any) -> tuple[str, str] | None:
        """(instance address, attribute) when an expression is one resource attribute, directly
        or through module outputs and module arguments."""
        return self._single(module_prefix(address), module_names(address)[0], expression, 0)

    def _single(
        self, prefix: str, names: list[str], expression: Any, depth: int
    ) -> tuple[str, str] | None:
        if depth > 16 or not isinstance(expression, dict) or set(expression) != {"references"}:
            return None
        references = [r for r in expression["references"] if isinstance(r, str)]
        if not references:
            return None
        parts = references[0].split(".")
        if parts[0] == "module" and len(parts) > 2:
            name = _bare(parts[1])
            call = (self.module(names).get("module_calls") or {}).get(name) or {}
            output = ((call.get("module") or {}).get("outputs") or {}).get(_bare(parts[2])) or {}
            children = sorted(
                {_first_step(a, prefix, name) for a in self.addresses if a.startswith(prefix)}
                - {""}
            )
            if len(children) != 1:
                return None
            return self._single(children[0], [*names, name], output.get("expression"), depth + 1)
        if parts[0] == "var" and len(parts) > 1 and names:
            call = (self.module(names[:-1]).get("module_calls") or {}).get(names[-1]) or {}
            argument = (call.get("expressions") or {}).get(_bare(parts[1]))
            parent = re.sub(r"module\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.$", "", prefix)
            return self._single(parent, names[:-1], argument, depth + 1)
        if parts[0] in ("var", "local", "module", "data", "each", "count", "path", "self"):
            return None
        if len(parts) < 2:
            return None
        found = self.targets(prefix, names, references[0], set())
        # Plans before format 1.0 name the resource only (`aws_vpc.v`), not its attribute.
        return (found.pop(), parts[2] if len(parts) > 2 else "") if len(found) == 1 else None

    def edges(self, address: str) -> list[tuple[str, str]]:
        """(target address, attribute) for every reference in the block of one instance."""
        names, rest = module_names(address)
        prefix = module_prefix(address)
        block = self.block(names, re.sub(r"\[[^\]]*\]$", "", rest))
        if block is None:
            return []
        key = re.search(r"(\[[^\]]*\])$", rest)
        found: list[tuple[str, str]] = []
        for attribute, expression in sorted((block.get("expressions") or {}).items()):
            targets = self._expression(prefix, names, expression, set()) - {address}
            for target in sorted(_same_instance(targets, key.group(1) if key else "")):
                found.append((target, attribute))
        return found


def _same_instance(targets: set[str], key: str) -> set[str]:
    """References are per block, not per instance: `bucket = aws_s3_bucket.b[count.index].id`
    is recorded as `aws_s3_bucket.b`. Of several instances of one block, an instance with the
    same key as the referring one is the one it means, as `count.index` and `each` write it."""
    if not key:
        return targets
    by_block: dict[str, set[str]] = {}
    for target in targets:
        by_block.setdefault(re.sub(r"\[[^\]]*\]$", "", target), set()).add(target)
    chosen: set[str] = set()
    for block, instances in by_block.items():
        same = {t for t in instances if t == block + key}
        chosen |= same if same and len(instances) > 1 else instances
    return chosen


def _bare(name: str) -> str:
    """A name without its instance key: `this[0]` -> `this`."""
    return name.split("[", 1)[0]


def _first_step(address: str, prefix: str, name: str) -> str:
    """The instance prefix of module call `name` that `address` lies in, below `prefix`."""
    match = _MODULE_STEP.match(address, len(prefix))
    return address[: match.end()] if match and match.group(1) == name else ""


def _resolve_unknowns(
    tf_type: str,
    address: str,
    values: dict[str, Any],
    references: _References,
    node_prefix: str,
    dynamic: frozenset[str],
    block_expressions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Unknown planned values, read with the configuration, as the HCL reader would see them.

    An attribute set to another resource's attribute is that `Reference`. An attribute the
    configuration leaves out is computed by the provider: AWS's default, so absent, as in HCL
    (rule lists are left to the stand-alone rules folded in later). A dynamic block is not in
    the configuration JSON; when the configuration next to the plan shows one, its attribute
    stays unknown.
    """
    expressions = (
        references.expressions(address) if block_expressions is None else block_expressions
    )
    if expressions is None:
        return values
    result = dict(values)
    for key, value in values.items():
        if not is_unknown(value):
            nested = _nested_block(value, expressions.get(key))
            if nested is not None:
                block = _resolve_unknowns(
                    tf_type, address, nested[0], references, node_prefix, frozenset(), nested[1]
                )
                result[key] = [block]
            continue
        if key not in expressions:
            if key in _FOLDED_WHEN_UNSET.get(tf_type, ()) and block_expressions is None:
                result[key] = UnknownValue(MIRROR_REASON)
            elif key not in dynamic:
                del result[key]
            continue
        if key in _DOCUMENTS:
            continue  # a template over references, never one resource's id or ARN itself
        single = references.single(address, expressions[key])
        if single is not None:
            target, attribute = single
            text = f"${{{target}.{attribute}}}" if attribute else f"${{{target}}}"
            canonical = canonical_attribute(attribute) if attribute else ""
            result[key] = Reference(text, f"{node_prefix}{target}", canonical)
    return result


def _nested_block(value: Any, expression: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A nested block written once, with its planned values and its configuration, to read
    the same way as the resource's own attributes (a backup rule's copy destination). Blocks
    written several times are left as planned: a set's planned order need not follow the
    configuration's."""
    if (
        isinstance(value, list)
        and len(value) == 1
        and isinstance(value[0], dict)
        and isinstance(expression, list)
        and len(expression) == 1
        and isinstance(expression[0], dict)
    ):
        return value[0], expression[0]
    return None


def _id_edges(raws: list[RawResource]) -> None:
    """Join resources that name another resource's id or ARN (a state has no references)."""
    owners: dict[str, str] = {}
    for raw in raws:
        for key in ("id", "arn"):
            value = raw.values.get(key)
            if isinstance(value, str) and len(value) > 3:
                owners.setdefault(value, raw.node_id)
    for raw in raws:
        known = {(t, v) for t, _, v in raw.edges}
        for attribute, value in sorted(raw.values.items()):
            if attribute in ("id", "arn", "tags", "tags_all"):
                continue
            for text in _strings(value):
                target = owners.get(text)
                if target and target != raw.node_id and (target, attribute) not in known:
                    raw.edges.append((target, "reference", attribute))
                    known.add((target, attribute))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


Locator = Callable[[list[str], str], "Block | None"]  # (module names, "type.name") -> block


def read_plan(item: InputFile, text: str, node_prefix: str, locate: Locator) -> PlanResult:
    result = PlanResult()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Diagnostic(
            item.label, exc.lineno, f"invalid JSON in plan file: {exc.msg}", code="parse-error"
        )
        result.diagnostics.append(problem)
        result.record = FileRecord(item.label, FORMAT, "error", detail=problem.message)
        return result
    version = str(doc.get("format_version", "")) if isinstance(doc, dict) else ""
    if version.split(".")[0] not in ("0", "1"):
        message = f"plan format_version {version or '(none)'} is not supported (0.x and 1.x are)"
        result.diagnostics.append(Diagnostic(item.label, 1, message, code="unsupported-format"))
        result.record = FileRecord(item.label, FORMAT, "error", detail=message)
        return result
    state = "planned_values" not in doc
    values_root = (doc.get("values") if state else doc.get("planned_values")) or {}
    changes = {
        c["address"]: c.get("change") or {}
        for c in doc.get("resource_changes") or []
        if isinstance(c, dict) and isinstance(c.get("address"), str)
    }
    lines: dict[str, int] = {}
    for match in _ADDRESS.finditer(text):
        lines.setdefault(match.group(1), text.count("\n", 0, match.start()) + 1)
    resources = [
        r
        for r in _module_resources(values_root.get("root_module"))
        if r.get("mode", "managed") == "managed" and isinstance(r.get("address"), str)
    ]
    addresses = [r["address"] for r in resources]
    references = _References(doc.get("configuration"), addresses)
    for resource in resources:
        address = resource["address"]
        change = changes.get(address, {})
        if change.get("actions") == ["delete"]:
            continue
        values = resource.get("values") or {}
        unknown = change.get("after_unknown")
        if unknown:
            values = _overlay(values, unknown, f"{address}: known only after apply")
        names, block_key = module_names(address)
        block = locate(names, re.sub(r"\[[^\]]*\]$", "", block_key))
        dynamic = (
            frozenset(b.labels[0] for b in block.nested("dynamic") if b.labels)
            if block
            else frozenset()
        )
        if isinstance(values, dict):
            tf_type = str(resource.get("type", ""))
            values = _resolve_unknowns(tf_type, address, values, references, node_prefix, dynamic)
            if isinstance(values.get("tags_all"), dict) and values["tags_all"]:
                # tags_all holds the resource's tags merged over the provider's default tags.
                values = {**values, "tags": values["tags_all"]}
        if block is not None:
            file, line, end = block.file, block.line, block.end_line
        else:
            file, line, end = item.label, lines.get(address, 0), lines.get(address, 0)
        raw = RawResource(
            tf_type=str(resource.get("type", "")),
            address=address,
            node_id=f"{node_prefix}{address}",
            values=values if isinstance(values, dict) else {},
            file=file,
            line=line,
            end_line=end,
            context=module_prefix(address).rstrip("."),
        )
        for target, attribute in references.edges(address):
            raw.edges.append((f"{node_prefix}{target}", "reference", attribute))
        result.raws.append(raw)
    _id_edges(result.raws)
    result.record = FileRecord(item.label, FORMAT, "read", resources=len(result.raws))
    return result
