"""Module instances: variables, locals, resources, data sources, calls and outputs, lazily.

A root module is a directory of `.tf` files; every `module` block it (transitively) calls becomes
a child instance with its own address prefix (`module.vpc.`, `module.app["a"].`). Everything is
evaluated on demand and once: a resource body when it is emitted or first read by another
expression, a local when first used. `count` and `for_each` expand when their value is known;
otherwise one representative instance stands for all, flagged as of unknown multiplicity.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import Reference, UnknownValue, is_unknown
from csmm_static.readers.terraform import datasources
from csmm_static.readers.terraform.expressions import (
    EvalError,
    Evaluator,
    Memo,
    Namespace,
    Tracker,
    UnknownInstances,
    View,
    computed_blocks,
    plain,
)
from csmm_static.readers.terraform.hcl import Block, JsonValue
from csmm_static.readers.terraform.variables import MISSING, RootValues, convert, parse_type

if TYPE_CHECKING:
    from csmm_static.readers.terraform.loader import Loader, ModuleSource

MAX_MODULE_DEPTH = 16
MAX_INSTANCES = 4096  # count / for_each larger than this is treated as unknown

# Arguments that configure Terraform itself rather than the resource.
RESOURCE_META = frozenset({"count", "for_each", "provider", "depends_on"})
SKIPPED_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "timeouts"})


@dataclass
class RawResource:
    """A resource instance in Terraform's own vocabulary, before mapping to the graph."""

    tf_type: str
    address: str
    node_id: str
    values: dict[str, Any]
    file: str
    line: int
    end_line: int
    context: str
    multiplicity_unknown: bool = False
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (target, kind, via)


@dataclass(frozen=True)
class Expansion:
    keys: tuple[tuple[Any, dict[str, Any]], ...]  # (instance key or None, bindings)
    unknown: str = ""  # why the number of instances is not known


def canonical_attribute(name: str) -> str:
    """The attribute name a `Reference` carries: `arn` -> Arn, `id` -> Ref (what Ref returns)."""
    if name == "id":
        return "Ref"
    return "".join(part.capitalize() for part in name.split("_"))


def key_text(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return f"[{json.dumps(str(key))}]"


class Run:
    """Everything shared while one root module is evaluated."""

    def __init__(self, loader: Loader, root: ModuleSource, values: RootValues, label: str) -> None:
        self.loader = loader
        self.root_source = root
        self.values = values
        self.label = label  # the root directory's label, part of every node id
        self.tracker = Tracker()
        self.memo = Memo(self.tracker)
        self.isolated = Memo(self.tracker, propagate=False)
        self.reported: set[str] = set()

    def node_id(self, address: str) -> str:
        return f"tf:{self.label}#{address}"

    def default_tags(self, root: ModuleInstance) -> dict[str, Any]:
        """`default_tags` of the root module's default AWS provider (the provider adds them to
        every resource that takes tags; resources inherit that provider unless told otherwise)."""
        for provider in self.root_source.providers:
            if provider.labels[:1] != ("aws",) or "alias" in provider.attributes:
                continue
            for block in provider.nested("default_tags"):
                tags = block.attributes.get("tags")
                value = root.evaluator().value(tags.expr) if tags is not None else None
                return value if isinstance(value, dict) else {}
        return {}


class ModuleInstance:
    """One instance of a module: the scope its expressions are evaluated in."""

    def __init__(
        self,
        run: Run,
        source: ModuleSource,
        prefix: str = "",
        parent: ModuleInstance | None = None,
        call: Block | None = None,
        call_bindings: dict[str, Any] | None = None,
        multiplicity_unknown: bool = False,
        chain: tuple[Path, ...] = (),
        instance_key: Any = None,
        call_names: tuple[str, ...] = (),
    ) -> None:
        self.run = run
        self.instance_key = instance_key
        self.call_names = call_names  # module call names from the root, without instance keys
        self.source = source
        self.prefix = prefix
        self.parent = parent
        self.call = call
        self.call_bindings = call_bindings or {}
        self.multiplicity_unknown = multiplicity_unknown
        self.chain = (*chain, source.directory)
        self.tracker = run.tracker
        self._resources: dict[str, Any] = {}

    @property
    def context(self) -> str:
        return self.prefix[:-1] if self.prefix else ""

    # -- Scope --------------------------------------------------------------------------------
    def root(self, name: str) -> Any:
        if name == "var":
            return Namespace("var", self.variable)
        if name == "local":
            return Namespace("local", self.local)
        if name == "module":
            return Namespace("module", self.module_value)
        if name == "data":
            return Namespace(
                "data", lambda t: Namespace(f"data.{t}", lambda n: self.data_value(t, n))
            )
        if name == "path":
            return {"module": self.path_module(), "root": ".", "cwd": "."}
        if name == "terraform":
            return {"workspace": "default"}
        if name in self.source.resource_types:
            return Namespace(name, lambda n: self.resource_value(name, n))
        if name in ("count", "each", "self"):
            raise EvalError(f"{name} is not available in this expression")
        raise EvalError(f"{name} is not declared in this module")

    def read_file(self, path: str) -> str | UnknownValue:
        return self.run.loader.read_file(self.run.root_source.directory, path)

    def file_names(self, directory: str, pattern: str) -> list[str] | UnknownValue:
        return self.run.loader.file_names(self.run.root_source.directory, directory, pattern)

    def path_module(self) -> str:
        root = self.run.root_source.directory
        try:
            relative = self.source.directory.relative_to(root)
            return PurePosixPath(relative.as_posix()).as_posix() or "."
        except ValueError:
            parts: list[str] = []
            current = root
            while True:
                try:
                    rest = self.source.directory.relative_to(current)
                    return "/".join([*parts, rest.as_posix()]).rstrip("/.") or "."
                except ValueError:
                    parts.append("..")
                    if current.parent == current:
                        return "."
                    current = current.parent

    def evaluator(self, bindings: dict[str, Any] | None = None) -> Evaluator:
        return Evaluator(self, bindings)

    # -- variables, locals, outputs -----------------------------------------------------------
    def variable(self, name: str) -> Any:
        return self.run.memo.get((id(self), "var", name), lambda: self._variable(name))

    def _variable(self, name: str) -> Any:
        block = self.source.variables.get(name)
        if block is None:
            raise EvalError(f"var.{name} is not declared")
        type_attr = block.attributes.get("type")
        spec = parse_type(type_attr.expr) if type_attr else parse_type(None)
        value: Any = MISSING
        if self.parent is not None and self.call is not None:
            given = self.call.attributes.get(name)
            if given is not None:
                value = self.parent.evaluator(self.call_bindings).value(given.expr)
        elif self.parent is None:
            value = self.run.values.value(name, spec)
        nullable = block.attributes.get("nullable")
        not_nullable = nullable is not None and _constant(nullable.expr) is False
        if value is MISSING or (value is None and not_nullable):
            default = block.attributes.get("default")
            if default is None:
                where = (
                    "pass it with --var or --var-file"
                    if self.parent is None
                    else "the module call does not set it"
                )
                return UnknownValue(f"var.{name} has no value ({where})")
            value = _constant(default.expr)
        return convert(value, spec)

    def local(self, name: str) -> Any:
        return self.run.memo.get((id(self), "local", name), lambda: self._local(name))

    def _local(self, name: str) -> Any:
        attribute = self.source.locals.get(name)
        if attribute is None:
            raise EvalError(f"local.{name} is not declared")
        return plain(self.evaluator().eval(attribute.expr))

    def output(self, name: str) -> Any:
        return self.run.memo.get((id(self), "output", name), lambda: self._output(name))

    def _output(self, name: str) -> Any:
        block = self.source.outputs.get(name)
        if block is None:
            raise EvalError(f"module output {name} is not declared")
        value = block.attributes.get("value")
        if value is None:
            return None
        return plain(self.evaluator().eval(value.expr))

    # -- expansion ----------------------------------------------------------------------------
    def expansion(self, block: Block, what: str) -> Expansion:
        evaluator = self.evaluator()
        count = block.attributes.get("count")
        each = block.attributes.get("for_each")
        if count is not None:
            value = evaluator.value(count.expr)
            if is_unknown(value) or isinstance(value, Reference):
                return _unknown_expansion("count", f"count of {what} is not known")
            try:
                number = int(value)
            except (TypeError, ValueError):
                return _unknown_expansion("count", f"count of {what} is not a number")
            if number > MAX_INSTANCES:
                self._too_many(block, f"count of {what} is {number}")
                return _unknown_expansion("count", f"count of {what} is over {MAX_INSTANCES}")
            return Expansion(tuple((i, {"count": {"index": i}}) for i in range(max(number, 0))))
        if each is not None:
            value = evaluator.value(each.expr)
            if is_unknown(value):
                return _unknown_expansion("each", f"for_each of {what} is not known")
            if isinstance(value, dict):
                if len(value) > MAX_INSTANCES:
                    self._too_many(block, f"for_each of {what} has {len(value)} elements")
                    return _unknown_expansion("each", f"for_each of {what} is too large")
                return Expansion(
                    tuple((k, {"each": {"key": k, "value": value[k]}}) for k in sorted(value))
                )
            if isinstance(value, list):
                if any(is_unknown(v) or isinstance(v, Reference) for v in value):
                    return _unknown_expansion("each", f"for_each of {what} has keys not known")
                if len(value) > MAX_INSTANCES:
                    self._too_many(block, f"for_each of {what} has {len(value)} elements")
                    return _unknown_expansion("each", f"for_each of {what} is too large")
                keys = sorted({str(v) for v in value if v is not None})
                return Expansion(tuple((k, {"each": {"key": k, "value": k}}) for k in keys))
            if value is None:
                return Expansion(())
            return _unknown_expansion("each", f"for_each of {what} is not a map or set")
        return Expansion(((None, {}),))

    def _too_many(self, block: Block, what: str) -> None:
        """Say once per block that its instances were not expanded: read as one instance whose
        number is not known, the controls see its settings but not how many there are."""
        key = f"too-many:{block.file}:{block.line}"
        if key in self.run.reported:
            return
        self.run.reported.add(key)
        self.run.loader.diagnostics.append(
            Diagnostic(
                block.file,
                block.line,
                f"{what}, over the {MAX_INSTANCES} instances the reader expands; read as one"
                " instance whose number is not known. Check the value, or lower it for the scan"
                " with --var",
                level="warning",
                code="too-many-instances",
            )
        )

    # -- resources ----------------------------------------------------------------------------
    def instances(self, key: str) -> list[ResourceInstance]:
        cached = self._resources.get(key)
        if cached is None:
            block = self.source.resources[key]
            expansion = self.expansion(block, self.prefix + key)
            cached = [
                ResourceInstance(self, block, key, k, bindings, expansion.unknown)
                for k, bindings in expansion.keys
            ]
            self._resources[key] = cached
        return cached

    def resource_value(self, rtype: str, name: str) -> Any:
        key = f"{rtype}.{name}"
        if key not in self.source.resources:
            raise EvalError(f"resource {key} is not declared in this module")
        return _collection(self.source.resources[key], self.instances(key))

    # -- data sources -------------------------------------------------------------------------
    def data_value(self, dtype: str, name: str) -> Any:
        key = f"{dtype}.{name}"
        block = self.source.data.get(key)
        if block is None:
            raise EvalError(f"data.{key} is not declared in this module")
        cache_key = f"data.{key}"
        cached = self._resources.get(cache_key)
        if cached is None:
            expansion = self.expansion(block, f"data.{key}")
            cached = [
                DataInstance(self, block, k, bindings, expansion.unknown)
                for k, bindings in expansion.keys
            ]
            self._resources[cache_key] = cached
        return _collection(block, cached)

    # -- module calls -------------------------------------------------------------------------
    def children(self, name: str) -> list[ModuleInstance]:
        cache_key = f"module.{name}"
        cached = self._resources.get(cache_key)
        if cached is not None:
            return cached
        block = self.source.modules[name]
        children: list[ModuleInstance] = []
        self._resources[cache_key] = children
        target = self.run.loader.called_module(self, name, block)
        if target is None:
            return children
        expansion = self.expansion(block, f"{self.prefix}module.{name}")
        for key, bindings in expansion.keys:
            children.append(
                ModuleInstance(
                    self.run,
                    target,
                    prefix=f"{self.prefix}module.{name}{key_text(key)}.",
                    parent=self,
                    call=block,
                    call_bindings=bindings,
                    multiplicity_unknown=self.multiplicity_unknown or bool(expansion.unknown),
                    chain=self.chain,
                    instance_key=key,
                    call_names=(*self.call_names, name),
                )
            )
        return children

    def module_value(self, name: str) -> Any:
        block = self.source.modules.get(name)
        if block is None:
            raise EvalError(f"module.{name} is not declared in this module")
        children = self.children(name)
        if not children and self.run.loader.unavailable(self, name):
            return UnknownValue(f"module.{name} is not in the scan")
        views = [ModuleView(child) for child in children]
        if views and children[0].multiplicity_unknown and not self.multiplicity_unknown:
            return UnknownInstances(views[0], f"the instances of module.{name} are not known")
        if "count" in block.attributes:
            return views
        if "for_each" in block.attributes:
            return {child.instance_key: view for child, view in zip(children, views, strict=True)}
        return views[0] if views else UnknownValue(f"module.{name} has no instance")

    # -- the walk -----------------------------------------------------------------------------
    def walk(self) -> Iterator[ResourceInstance]:
        for key in sorted(self.source.resources):
            yield from self.instances(key)
        if len(self.chain) > MAX_MODULE_DEPTH:
            if self.source.modules:
                first = self.source.modules[sorted(self.source.modules)[0]]
                self.run.loader.too_deep(first, self.prefix, MAX_MODULE_DEPTH)
            return
        for name in sorted(self.source.modules):
            for child in self.children(name):
                yield from child.walk()


def _constant(expr: Any) -> Any:
    from csmm_static.readers.terraform.variables import constant

    return constant(expr)


def _unknown_expansion(kind: str, reason: str) -> Expansion:
    if kind == "count":
        bindings: dict[str, Any] = {"count": {"index": UnknownValue(reason)}}
    else:
        bindings = {"each": {"key": UnknownValue(reason), "value": UnknownValue(reason)}}
    return Expansion(((None, bindings),), unknown=reason)


def _collection(block: Block, instances: list[Any]) -> Any:
    """How Terraform shows a resource to expressions: one object, a list, or a map."""
    if instances and instances[0].multiplicity_unknown_reason:
        return UnknownInstances(instances[0], instances[0].multiplicity_unknown_reason)
    if "count" in block.attributes:
        return list(instances)
    if "for_each" in block.attributes:
        return {i.key: i for i in instances}
    if not instances:
        return UnknownValue("resource has no instance")
    return instances[0]


def dynamic_iterator(block: Block) -> str:
    """The name a dynamic block's content uses for the current element."""
    given = block.attributes.get("iterator")
    if given is None:
        return block.labels[0] if block.labels else "each"
    expr = given.expr
    if isinstance(expr, JsonValue):
        return str(expr.value)
    return str(expr[1]) if expr[0] == "var" else block.labels[0]


class BodyEvaluation:
    """A block body evaluated into Terraform values, with each reference's attribute path."""

    def __init__(self, evaluator: Evaluator, tracker: Tracker, skip: frozenset[str]) -> None:
        self.evaluator = evaluator
        self.tracker = tracker
        self.skip = skip
        self.references: list[tuple[str, str]] = []  # (node id, attribute path)

    def run(self, block: Block) -> dict[str, Any]:
        return self._body(block, self.evaluator, "", top=True)

    def _body(
        self, block: Block, evaluator: Evaluator, path: str, top: bool = False
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, attribute in block.attributes.items():
            if top and name in self.skip:
                continue
            self.tracker.push()
            values[name] = evaluator.value(attribute.expr)
            for node_id in sorted(self.tracker.pop()):
                self.references.append((node_id, path + name))
        for nested in block.blocks:
            if top and nested.type in SKIPPED_BLOCKS:
                continue  # meta-blocks; nested ones are the resource's own (a backup rule's)
            if nested.type == "dynamic":
                self._dynamic(nested, evaluator, path, values)
                continue
            values.setdefault(nested.type, []).append(
                self._body(nested, evaluator, f"{path}{nested.type}.")
            )
        return values

    def _dynamic(
        self, block: Block, evaluator: Evaluator, path: str, values: dict[str, Any]
    ) -> None:
        label = block.labels[0] if block.labels else "dynamic"
        content = next(block.nested("content"), None)
        if content is None:
            return
        iterator = dynamic_iterator(block)
        each = block.attributes.get("for_each")
        self.tracker.push()
        collection = evaluator.value(each.expr) if each is not None else []
        for node_id in sorted(self.tracker.pop()):
            self.references.append((node_id, path + label))
        items = values.setdefault(label, [])
        if (
            is_unknown(collection)
            or isinstance(collection, Reference)
            or not isinstance(collection, list | dict)
        ):
            # One placeholder block: its attributes that depend on the element are unknown,
            # and static blocks of the same name stay.
            reason = unknown_reason_of(collection, f"dynamic {label} over a value not known")
            marker = {"key": UnknownValue(reason), "value": UnknownValue(reason)}
            items.append(self._body(content, evaluator.bind({iterator: marker}), f"{path}{label}."))
            return
        pairs = (
            sorted(collection.items()) if isinstance(collection, dict) else enumerate(collection)
        )
        for key, item in pairs:
            bound = evaluator.bind({iterator: {"key": key, "value": item}})
            items.append(self._body(content, bound, f"{path}{label}."))


def plain_quietly(evaluator: Evaluator, node: JsonValue) -> None:
    with contextlib.suppress(EvalError):
        plain(evaluator.traversal(node))


def unknown_reason_of(value: Any, fallback: str) -> str:
    from csmm_static.model import unknown_reason

    return unknown_reason(value) if is_unknown(value) else fallback


class ResourceInstance(View):
    """One instance of a managed resource; its body is evaluated once, on first need."""

    def __init__(
        self,
        module: ModuleInstance,
        block: Block,
        key: str,
        instance_key: Any,
        bindings: dict[str, Any],
        unknown: str,
    ) -> None:
        self.module = module
        self.block = block
        self.tf_type = block.labels[0]
        self.key = instance_key
        self.bindings = bindings
        self.address = f"{module.prefix}{key}{key_text(instance_key)}"
        self.node_id = module.run.node_id(self.address)
        self.multiplicity_unknown_reason = unknown
        self._references: list[tuple[str, str]] = []
        self._depends: list[str] = []

    @property
    def multiplicity_unknown(self) -> bool:
        return bool(self.multiplicity_unknown_reason) or self.module.multiplicity_unknown

    def touch(self) -> None:
        self.module.tracker.add(self.node_id)

    def body(self) -> dict[str, Any]:
        values: dict[str, Any] = self.module.run.isolated.get(
            ("body", self.node_id), self._evaluate
        )
        return values

    def _evaluate(self) -> dict[str, Any]:
        evaluator = self.module.evaluator(self.bindings)
        walker = BodyEvaluation(evaluator, self.module.tracker, RESOURCE_META)
        values = walker.run(self.block)
        self._references = walker.references
        depends = self.block.attributes.get("depends_on")
        if depends is not None:
            self.module.tracker.push()
            if isinstance(depends.expr, JsonValue) and isinstance(depends.expr.value, list):
                for text in depends.expr.value:
                    plain_quietly(evaluator, JsonValue(text))
            else:
                evaluator.value(depends.expr)
            self._depends = sorted(self.module.tracker.pop())
        return values

    def configured(self) -> frozenset[str]:
        """Names the configuration sets: arguments, nested blocks and dynamic block labels."""
        names = {n for n in self.block.attributes if n not in RESOURCE_META}
        for nested in self.block.blocks:
            names.add(
                nested.labels[0] if nested.type == "dynamic" and nested.labels else nested.type
            )
        return frozenset(names)

    def attr(self, name: str) -> Any:
        self.touch()
        if name in self.configured():
            value = self.body().get(name)
            if name not in self.block.attributes:  # a nested block: computed parts may be read
                return computed_blocks(value, f"{self.address}.{name}")
            if value is not None:
                return value
            # An argument set to null is not set: the provider computes it, as if left out.
        return Reference(f"${{{self.address}.{name}}}", self.node_id, canonical_attribute(name))

    def materialize(self) -> Any:
        self.touch()
        return {**self.body(), "id": self.attr("id"), "arn": self.attr("arn")}

    def raw(self) -> RawResource:
        values = self.body()
        edges = [
            (target, "reference", via) for target, via in self._references if target != self.node_id
        ]
        edges += [
            (target, "depends_on", "depends_on")
            for target in self._depends
            if target != self.node_id
        ]
        return RawResource(
            tf_type=self.tf_type,
            address=self.address,
            node_id=self.node_id,
            values=values,
            file=self.block.file,
            line=self.block.line,
            end_line=self.block.end_line,
            context=self.module.context,
            multiplicity_unknown=self.multiplicity_unknown,
            edges=edges,
        )


class DataInstance(View):
    """One instance of a data source: read at plan time, so only a few are known offline."""

    def __init__(
        self,
        module: ModuleInstance,
        block: Block,
        instance_key: Any,
        bindings: dict[str, Any],
        unknown: str,
    ) -> None:
        self.module = module
        self.block = block
        self.dtype = block.labels[0]
        self.key = instance_key
        self.bindings = bindings
        self.address = (
            f"{module.prefix}data.{block.labels[0]}.{block.labels[1]}{key_text(instance_key)}"
        )
        self.multiplicity_unknown_reason = unknown

    def body(self) -> dict[str, Any]:
        key = ("data", id(self.module), self.address)
        values: dict[str, Any] = self.module.run.memo.get(key, self._evaluate)
        return values

    def _evaluate(self) -> dict[str, Any]:
        walker = BodyEvaluation(
            self.module.evaluator(self.bindings), self.module.tracker, RESOURCE_META
        )
        return walker.run(self.block)

    def attr(self, name: str) -> Any:
        return datasources.attribute(self.dtype, self.address, name, self.body)

    def materialize(self) -> Any:
        return dict(self.body())


class ModuleView(View):
    """A module instance as expressions see it: an object of its outputs."""

    def __init__(self, module: ModuleInstance) -> None:
        self.module = module

    def attr(self, name: str) -> Any:
        return self.module.output(name)

    def materialize(self) -> Any:
        return {name: self.module.output(name) for name in sorted(self.module.source.outputs)}
