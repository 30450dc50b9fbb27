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

FORMAT = "terraform-plan"
# Rule lists the provider computes from stand-alone rule resources when the configuration
# leaves them out: exactly what those resources add, folded in later. (A role's
# `inline_policy` mirrors its `aws_iam_role_policy` resources, which stay separate
# `AWS::IAM::Policy` resources as in configuration: left out, it is absent.)
_FOLDED_WHEN_UNSET = {
    "aws_security_group": frozenset({"ingress", "egress"}),
    "aws_default_security_group": frozenset({"ingress", "egress"}),
    "aws_network_acl": frozenset({"ingress", "egress"}),
    "aws_default_network_acl": frozenset({"ingress", "egress"}),
    "aws_iam_role": frozenset({"managed_policy_arns"}),
}
# Attributes the AWS provider keeps as a SHA-1 of the value in plans and state (its StateFunc
# `userDataHashSum`): the text is only in the configuration, as a literal.
_HASHED = {"aws_instance": ("user_data",), "aws_launch_configuration": ("user_data",)}
_SHA1 = re.compile(r"^[0-9a-f]{40}$")
_ADDRESS = re.compile(r'"address"\s*:\s*"((?:[^"\\]|\\.)*)"')
_MODULE_STEP = re.compile(r'module\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.')


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
        if any(not _same_block(r.split("."), parts) for r in references[1:]):
            return None  # several resources take part: not one attribute
        found = self.targets(prefix, names, references[0], set())
        # Plans before format 1.0 name the resource only (`aws_vpc.v`), not its attribute.
        return (found.pop(), parts[2] if len(parts) > 2 else "") if len(found) == 1 else None

    def listed(self, address: str, expression: Any) -> list[tuple[str, str]] | None:
        """(instance address, attribute) per element when an expression is nothing but resource
        attributes (`[aws_subnet.a.id, aws_subnet.b.id]`, `aws_subnet.x[*].id`), in order;
        None when anything else (a variable, a local, a function of them) takes part."""
        if not isinstance(expression, dict) or set(expression) != {"references"}:
            return None
        references = [r for r in expression["references"] if isinstance(r, str)]
        prefix, names = module_prefix(address), module_names(address)[0]
        found: list[tuple[str, str]] = []
        index = 0
        while index < len(references):
            parts = references[index].split(".")
            if len(parts) < 2 or len(parts) > 3 or parts[0] in _NOT_RESOURCES:
                return None
            attribute = parts[2] if len(parts) == 3 else ""
            if attribute and not re.fullmatch(r"[a-z0-9_]+", attribute):
                return None
            block = ".".join(parts[:2])
            # Plans list `aws_subnet.a.id` and then `aws_subnet.a`: one element.
            if attribute and index + 1 < len(references) and references[index + 1] == block:
                index += 1
            targets = self.targets(prefix, names, block, set())
            if not targets:
                return None
            found.extend((t, attribute) for t in sorted(targets, key=_instance_order))
            index += 1
        return found or None

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


_NOT_RESOURCES = frozenset(
    {"var", "local", "module", "data", "each", "count", "path", "self", "terraform"}
)


def _same_block(one: list[str], other: list[str]) -> bool:
    """Two references name the same resource (`aws_s3_bucket.b[0].id`, `aws_s3_bucket.b[0]`
    and `aws_s3_bucket.b` do; `aws_subnet.a[0]` and `aws_subnet.a[1]` do not)."""
    if len(one) < 2 or len(other) < 2 or one[0] != other[0]:
        return False
    if _bare(one[1]) != _bare(other[1]):
        return False
    return one[1] == other[1] or _bare(one[1]) in (one[1], other[1])


def _instance_order(address: str) -> tuple[str, int, str]:
    """Instances of one block in index order (`x[2]` before `x[10]`)."""
    match = re.search(r"\[(\d+)\]$", address)
    if match:
        return (address[: match.start()], int(match.group(1)), "")
    return (address, -1, address)


def _unset_in_blocks(value: list[Any], expression: Any, dynamic: frozenset[str]) -> list[Any]:
    """Nested blocks as configured: an attribute no block of the configuration sets is
    computed by the provider, so absent as in HCL (`recording_group { all_supported = true }`
    leaves `recording_strategy` to AWS), however deep."""
    if not isinstance(expression, list) or not all(isinstance(e, dict) for e in expression):
        return value
    configured = {k: [e[k] for e in expression if k in e] for e in expression for k in e}
    blocks = []
    for element in value:
        if isinstance(element, dict):
            element = {
                k: _unset_in_blocks(v, _first(configured.get(k)), dynamic)
                if isinstance(v, list)
                else v
                for k, v in element.items()
                if not (is_unknown(v) and k not in configured and k not in dynamic)
            }
        blocks.append(element)
    return blocks


def _first(expressions: list[Any] | None) -> Any:
    return expressions[0] if expressions and len(expressions) == 1 else None


def _with_unknowns(value: Any, replacement: Any) -> tuple[Any, bool]:
    """`value` with every unknown leaf replaced, and whether there was one."""
    if is_unknown(value):
        return replacement, True
    if isinstance(value, dict):
        pairs = {k: _with_unknowns(v, replacement) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(c for _, c in pairs.values())
    if isinstance(value, list):
        items = [_with_unknowns(v, replacement) for v in value]
        return [v for v, _ in items], any(c for _, c in items)
    return value, False


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
    created: bool = False,
    shape: Any = None,
) -> dict[str, Any]:
    """Unknown planned values, read with the configuration, as the HCL reader would see them.

    An attribute set to another resource's attribute is that `Reference`. An attribute the
    configuration leaves out is computed by the provider: AWS's default, so absent, as in HCL
    (rule lists are left to the stand-alone rules folded in later). A dynamic block is not in
    the configuration JSON; when the configuration next to the plan shows one, its attribute
    stays unknown. A rule list left out of a resource being created holds exactly what the
    stand-alone rules add: none until they are folded in (Terraform removes the egress rule AWS
    adds to a new group and the entries of a default group or ACL it adopts). On a resource
    that already exists, rules from elsewhere may remain: unknown.

    A list (the planned `sensitive_values` shape says which attributes are collections) set to
    nothing but resource attributes is the list of those references, and an unknown inside a
    block whose expression names one resource attribute only is that reference, as in HCL.
    """
    expressions = references.expressions(address)
    if expressions is None:
        return values
    result = dict(values)
    for key, value in values.items():
        blocks = expressions.get(key)
        if isinstance(blocks, list) and _blocks_of(value, blocks):
            result[key] = [
                _resolve_block(address, v, b, references, node_prefix)
                for v, b in zip(value, blocks, strict=True)
            ]
            continue
        if isinstance(value, dict) and key in expressions:
            # A map whose one unknown element comes from the one attribute it references
            # (`dimensions = { InstanceId = aws_instance.db.id }`).
            pending = [k for k, v in value.items() if is_unknown(v)]
            sole = len(pending) == 1 and len(_referenced(expressions[key])) == 1
            single = references.single(address, expressions[key]) if sole else None
            if single is not None:
                result[key] = {**value, pending[0]: _reference(single, node_prefix)}
            continue
        if _one_unknown_item(value) and key in expressions:
            # `[aws_sns_topic.t.arn]`: a list of one resource attribute, as in HCL.
            single = references.single(address, expressions[key])
            if single is not None:
                result[key] = [_reference(single, node_prefix)]
            continue
        if not is_unknown(value):
            if key in expressions and isinstance(value, list):
                value = result[key] = _unset_in_blocks(value, expressions[key], dynamic)
            if key in expressions and isinstance(value, list | dict):
                pairs = references.listed(address, expressions[key])
                if pairs and len(set(pairs)) == 1:
                    filled, changed = _with_unknowns(value, _reference(pairs[0], node_prefix))
                    if changed:
                        result[key] = filled
            continue
        if key not in expressions:
            if key in _FOLDED_WHEN_UNSET.get(tf_type, ()):
                result[key] = (
                    []
                    if created
                    else UnknownValue(f"{address}: {key} may hold rules managed elsewhere")
                )
            elif key not in dynamic:
                del result[key]
            continue
        if _is_document(key):
            continue  # a document embedding a reference; the plan does not say where
        single = references.single(address, expressions[key])
        if single is not None:
            result[key] = _reference(single, node_prefix)
        elif isinstance(shape, dict) and isinstance(shape.get(key), list):
            pairs = references.listed(address, expressions[key])
            if pairs:
                result[key] = [_reference(pair, node_prefix) for pair in pairs]
    return result


def _blocks_of(value: Any, expressions: Any) -> bool:
    """Nested blocks whose configuration lists the same number of blocks (a `dynamic` block
    is missing from the configuration JSON, so its blocks are left as they are)."""
    return (
        isinstance(value, list)
        and isinstance(expressions, list)
        and len(value) == len(expressions)
        and all(isinstance(v, dict) for v in value)
        and all(isinstance(e, dict) for e in expressions)
    )


def _resolve_block(
    address: str,
    values: dict[str, Any],
    expressions: dict[str, Any],
    references: _References,
    node_prefix: str,
) -> dict[str, Any]:
    """Unknown values inside one nested block, read with its configuration like a resource's:
    one attribute of another resource is that reference, an attribute left out is absent."""
    result = dict(values)
    for key, value in values.items():
        inner = expressions.get(key)
        if isinstance(inner, list) and _blocks_of(value, inner):
            result[key] = [
                _resolve_block(address, v, b, references, node_prefix)
                for v, b in zip(value, inner, strict=True)
            ]
        elif is_unknown(value):
            if inner is None:
                del result[key]
                continue
            single = references.single(address, inner)
            if single is not None:
                result[key] = _reference(single, node_prefix)
    return result


def _referenced(expression: Any) -> set[str]:
    """The references of an expression, without the resources Terraform also lists for each
    of their attributes (`aws_instance.db` beside `aws_instance.db.id`)."""
    found = expression.get("references") if isinstance(expression, dict) else None
    names = [r for r in found or [] if isinstance(r, str)]
    return {r for r in names if not any(o.startswith(r + ".") for o in names)}


def _reference(single: tuple[str, str], node_prefix: str) -> Reference:
    target, attribute = single
    text = f"${{{target}.{attribute}}}" if attribute else f"${{{target}}}"
    canonical = canonical_attribute(attribute) if attribute else ""
    return Reference(text, f"{node_prefix}{target}", canonical)


def _unhashed(
    tf_type: str, address: str, values: dict[str, Any], references: _References
) -> dict[str, Any]:
    """Hashed attributes (`_HASHED`) as the configuration writes them, else unknown."""
    hashed = [
        k
        for k in _HASHED.get(tf_type, ())
        if isinstance(values.get(k), str) and _SHA1.match(values[k])
    ]
    if not hashed:
        return values
    expressions = references.expressions(address) or {}
    result = dict(values)
    for key in hashed:
        literal = (expressions.get(key) or {}).get("constant_value")
        result[key] = (
            literal
            if isinstance(literal, str)
            else UnknownValue(f"{address}: the plan holds only a hash of {key}")
        )
    return result


# Attributes that hold a JSON document (policies, event patterns, state machine definitions).
# Plan JSON lists only the references of an expression, so `jsonencode({... = aws_s3_bucket
# .b.arn})` looks like the bare `aws_s3_bucket.b.arn`: such an attribute stays unknown.
_DOCUMENTS = frozenset({"content", "definition", "event_pattern", "container_definitions"})


def _is_document(key: str) -> bool:
    return key in _DOCUMENTS or key == "policy" or key.endswith("_policy")


def _one_unknown_item(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and is_unknown(value[0])


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


_ACCOUNT_ID = re.compile(r"^\d{12}$")


def _caller_accounts(section: Any, state: bool) -> list[str]:
    """The account ids `data.aws_caller_identity` read while planning (a plan keeps data
    sources in `prior_state`, a state in its `values`)."""
    if not isinstance(section, dict):
        return []
    root = section.get("root_module") if state else (section.get("values") or {}).get("root_module")
    found = set()
    for resource in _module_resources(root):
        if resource.get("mode") == "data" and resource.get("type") == "aws_caller_identity":
            account = (resource.get("values") or {}).get("account_id")
            if isinstance(account, str) and _ACCOUNT_ID.match(account):
                found.add(account)
    return sorted(found)


def _symbolic_account(value: Any, accounts: list[str]) -> Any:
    """The deploying account's id in the symbolic form configuration gives it
    (`${AWS::AccountId}`, docs/graph.md), so a trust in "this account" reads the same from a
    plan as from the configuration that wrote it with `data.aws_caller_identity`."""
    if not accounts:
        return value
    if isinstance(value, str) and not isinstance(value, Reference):
        for account in accounts:
            value = value.replace(account, "${AWS::AccountId}")
        return value
    if isinstance(value, dict):
        return {k: _symbolic_account(v, accounts) for k, v in value.items()}
    if isinstance(value, list):
        return [_symbolic_account(v, accounts) for v in value]
    return value


Locator = Callable[[list[str], str], "Block | None"]  # (module names, "type.name") -> block


def read_plan(item: InputFile, text: str, node_prefix: str, locate: Locator) -> PlanResult:
    result = PlanResult()
    try:
        doc = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, or an integer over Python's 4300 digits
        problem = Diagnostic(
            item.label,
            getattr(exc, "lineno", 0),
            f"invalid JSON in plan file: {getattr(exc, 'msg', exc)}; write it again with"
            " `terraform show -json`",
            code="parse-error",
        )
        result.diagnostics.append(problem)
        result.record = FileRecord(item.label, FORMAT, "error", detail=problem.message)
        return result
    version = str(doc.get("format_version", "")) if isinstance(doc, dict) else ""
    if version.split(".")[0] not in ("0", "1"):
        message = (
            f"plan format_version {version or '(none)'} is not supported (0.x and 1.x are);"
            " write it with a Terraform that emits 1.x (`terraform show -json`)"
        )
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
    accounts = _caller_accounts(values_root if state else doc.get("prior_state"), state)
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
            values = _symbolic_account(values, accounts)
            tf_type = str(resource.get("type", ""))
            values = _resolve_unknowns(
                tf_type,
                address,
                values,
                references,
                node_prefix,
                dynamic,
                "create" in (change.get("actions") or []),
                resource.get("sensitive_values"),
            )
            values = _unhashed(tf_type, address, values, references)
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
