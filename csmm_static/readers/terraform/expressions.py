"""Terraform expressions evaluated by walking the expression tuples of `syntax`.

The evaluator turns an expression into a plain value (see `functions`) or the model's unknown.
Names are resolved through a `Scope` (one module instance): `var.*`, `local.*`, resources,
`data.*`, `module.*`, `path.*`; iteration names (`count`, `each`, for-expression and dynamic-block
iterators) are bindings layered on top. Resources, data sources and module instances are lazy
`View`s: reading an attribute evaluates only what is needed, and records the resource read in
the scope's `Tracker` so that every reference becomes an edge.

`EvalError` is what Terraform would report as an error; `try()` and `can()` catch it, and the
caller of a top-level evaluation turns it into an unknown with the reason.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

from csmm_static.model import Reference, Unknown, UnknownValue, contains_unknown, is_unknown
from csmm_static.readers.limits import MAX_VALUES, LimitExceeded
from csmm_static.readers.terraform import functions as builtins
from csmm_static.readers.terraform.hcl import JsonValue, parse_expression, parse_template
from csmm_static.readers.terraform.syntax import Expr


class EvalError(Exception):
    """An expression Terraform itself would reject (a missing attribute, a bad argument)."""


class Tracker:
    """The resources read while evaluating: a stack of sets, one per evaluation in progress.

    Whatever a nested evaluation reads is also read by the evaluations that contain it, so a
    value computed once (a local, a module output) carries its resources to every user.
    """

    def __init__(self) -> None:
        self._stack: list[set[str]] = []

    def add(self, node_id: str) -> None:
        if self._stack:
            self._stack[-1].add(node_id)

    def add_all(self, node_ids: frozenset[str] | set[str]) -> None:
        if self._stack and node_ids:
            self._stack[-1].update(node_ids)

    def push(self) -> None:
        self._stack.append(set())

    def pop(self, merge: bool = True) -> set[str]:
        found = self._stack.pop()
        if merge and self._stack:
            self._stack[-1].update(found)
        return found


class Memo:
    """Values computed once per key, with the resources they read; cycles become unknown.

    With `propagate` off, what the computation reads stays with it: reading another
    resource's argument depends on that resource, not on everything its body reads.
    """

    def __init__(self, tracker: Tracker, propagate: bool = True) -> None:
        self.tracker = tracker
        self.propagate = propagate
        self._done: dict[Any, tuple[Any, frozenset[str], EvalError | None]] = {}
        self._active: set[Any] = set()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        done = self._done.get(key)
        if done is None:
            if key in self._active:
                return UnknownValue(f"{_describe(key)} depends on itself")
            self._active.add(key)
            self.tracker.push()
            error: EvalError | None = None
            value: Any = None
            try:
                value = compute()
            except EvalError as exc:
                error = exc
            finally:
                found = self.tracker.pop(merge=self.propagate)
                self._active.discard(key)
            done = (value, frozenset(found), error)
            self._done[key] = done
        elif self.propagate:
            self.tracker.add_all(done[1])
        if done[2] is not None:
            raise done[2]
        return done[0]


def _describe(key: Any) -> str:
    if isinstance(key, tuple):
        return ".".join(str(k) for k in key if isinstance(k, str))
    return str(key)


class View:
    """A lazily evaluated object: a resource, data source or module instance."""

    def attr(self, name: str) -> Any:
        raise NotImplementedError

    def materialize(self) -> Any:
        raise NotImplementedError

    def touch(self) -> None:
        """Record that an expression read this object (a resource becomes an edge)."""


class ComputedBlock(dict[str, Any]):
    """A nested block of a resource: attributes the configuration leaves out are computed by
    the provider (`vpc_config[0].cluster_security_group_id`), so reading them is not an error."""

    address = ""

    def missing(self, name: str) -> UnknownValue:
        return UnknownValue(f"{self.address}.{name} is known only after apply")


def computed_blocks(value: Any, address: str) -> Any:
    """Nested block values as `ComputedBlock`s, recursively through lists of blocks."""
    if isinstance(value, list):
        return [computed_blocks(v, address) for v in value]
    if isinstance(value, dict) and not isinstance(value, ComputedBlock):
        block = ComputedBlock(
            {k: computed_blocks(v, address) if isinstance(v, list) else v for k, v in value.items()}
        )
        block.address = address
        return block
    return value


class Namespace:
    """A name that only means something with an attribute after it (`var`, `aws_s3_bucket`)."""

    def __init__(self, name: str, resolve: Callable[[str], Any]) -> None:
        self.name = name
        self.resolve = resolve

    def attr(self, name: str) -> Any:
        return self.resolve(name)


class UnknownInstances:
    """A resource or module whose count / for_each is not known: one representative instance.

    Indexing it gives the representative (its body is the same for every instance, apart
    from values that depend on the index, which are unknown); anything that needs the
    collection itself (length, splat, iteration) is unknown.
    """

    def __init__(self, representative: Any, reason: str) -> None:
        self.representative = representative
        self.reason = reason


class Scope(Protocol):
    tracker: Tracker

    def root(self, name: str) -> Any:
        """The value of a root name (`var`, `local`, a resource type, ...); EvalError if none."""
        ...

    def read_file(self, path: str) -> str | UnknownValue:
        """The text of a file named relative to the root module, confined to the scan root."""
        ...

    def file_names(self, directory: str, pattern: str) -> list[str] | UnknownValue:
        """fileset(): names under a directory matching a glob, confined to the scan root."""
        ...


def plain(value: Any) -> Any:
    """A value with its lazy parts resolved, as functions and resource bodies need them."""
    if isinstance(value, list):
        return [plain(v) for v in value] if any(_lazy(v) for v in value) else value
    if isinstance(value, dict):
        return (
            {k: plain(v) for k, v in value.items()}
            if any(_lazy(v) for v in value.values())
            else value
        )
    if isinstance(value, UnknownInstances):
        return UnknownValue(value.reason)
    if isinstance(value, Namespace):
        raise EvalError(f"{value.name} is not a value on its own")
    if _is_view(value):
        return plain(value.materialize())
    return value


def _is_view(value: Any) -> bool:
    return isinstance(value, View)


def _lazy(value: Any) -> bool:
    if isinstance(value, list | dict):
        items = value.values() if isinstance(value, dict) else value
        return any(_lazy(v) for v in items)
    return isinstance(value, UnknownInstances | Namespace) or _is_view(value)


_ARITHMETIC = {"+", "-", "*", "/", "%"}
_COMPARISON = {"<", ">", "<=", ">="}


def _joined(pieces: list[str]) -> str:
    """A template's text, refused (LimitExceeded) before it is built when over the limit."""
    if sum(len(piece) for piece in pieces) > builtins.MAX_TEXT_CHARS:
        raise builtins.text_too_long("a string template")
    return "".join(pieces)


class Evaluator:
    """Evaluates expressions in one scope, with iteration names bound on top.

    The iterations of `for` expressions and template `for` directives are counted across an
    evaluator and every evaluator bound from it: nested loops over lists `range` allows (1024
    elements) would otherwise build 10^9 values, in memory, before any time budget strikes."""

    def __init__(
        self,
        scope: Scope,
        bindings: Mapping[str, Any] | None = None,
        iterations: list[int] | None = None,
    ) -> None:
        self.scope = scope
        self.bindings: Mapping[str, Any] = bindings or {}
        self.iterations = iterations if iterations is not None else [0]

    def bind(self, names: Mapping[str, Any]) -> Evaluator:
        return Evaluator(self.scope, {**self.bindings, **names}, self.iterations)

    def _iterate(self, collection: Any) -> Iterator[tuple[Any, Any]]:
        if not isinstance(collection, list | dict):
            raise EvalError(f"cannot iterate over a {builtins.type_name(collection)}")
        self.iterations[0] += len(collection)
        if self.iterations[0] > MAX_VALUES:
            raise LimitExceeded(
                "values", f"for expressions iterate over more than {MAX_VALUES} values"
            )
        return _iterate(collection)

    # -- entry points -------------------------------------------------------------------------
    def value(self, node: Any) -> Any:
        """The plain value of an expression; errors become unknown values with the reason."""
        try:
            return plain(self.eval(node))
        except EvalError as exc:
            return UnknownValue(str(exc))
        except builtins.FunctionError as exc:
            return UnknownValue(str(exc))
        except RecursionError:
            return UnknownValue("expression nested too deeply to evaluate")
        except Unknown as exc:
            return UnknownValue(exc.reason)

    def references(self, node: Any) -> None:
        """Evaluate only for the resources the expression names (`depends_on` entries)."""
        self.value(node)

    def eval(self, node: Any) -> Any:
        if type(node) is tuple:
            return _HANDLERS[node[0]](self, node)
        if isinstance(node, JsonValue):
            return self._json(node)
        raise EvalError(f"unsupported expression {type(node).__name__}")

    # -- terms --------------------------------------------------------------------------------
    def _literal(self, node: Expr) -> Any:
        return node[1]

    def _bad(self, node: Expr) -> Any:
        raise EvalError(node[1])

    def _variable(self, node: Expr) -> Any:
        name = node[1]
        if name in self.bindings:
            return self.bindings[name]
        return self.scope.root(name)

    def _tuple(self, node: Expr) -> Any:
        return [self.eval(e) for e in node[1]]

    def _object(self, node: Expr) -> Any:
        result: dict[str, Any] = {}
        unknown_key: UnknownValue | None = None
        for key_node, value_node in node[1]:
            key = self._object_key(key_node)
            value = self.eval(value_node)
            if is_unknown(key):
                unknown_key = key
                continue
            result[key] = value
        return unknown_key if unknown_key is not None else result

    def _object_key(self, key: Expr) -> Any:
        value = plain(self.eval(key))
        if is_unknown(value):
            return value
        return builtins.to_string(value)

    # -- templates ----------------------------------------------------------------------------
    def _template(self, node: Expr) -> Any:
        parts = node[1]
        if len(parts) == 1 and parts[0][0] == "interp":
            return self.eval(parts[0][1])  # "${x}" is x itself, not its text
        pieces: list[str] = []
        unknown: UnknownValue | None = None
        for part in parts:
            text = self._part(part)
            if is_unknown(text):
                unknown = unknown or text
            elif unknown is None:
                pieces.append(text)
        if unknown is not None:
            return unknown
        return _joined(pieces)

    def _part(self, part: Expr) -> Any:
        kind = part[0]
        if kind == "lit":
            return part[1]
        if kind == "interp":
            return self._text(self.eval(part[1]))
        if kind == "if":
            condition = plain(self.eval(part[1]))
            if is_unknown(condition):
                return condition
            return self._template_text(part[2] if self._truth(condition) else part[3])
        if kind == "for":
            return self._template_for(part)
        raise EvalError(f"unsupported template part {kind}")

    def _template_text(self, parts: tuple[Expr, ...]) -> Any:
        pieces: list[str] = []
        for part in parts:
            text = self._part(part)
            if is_unknown(text):
                return text
            pieces.append(text)
        return _joined(pieces)

    def _template_for(self, part: Expr) -> Any:
        _, key_name, value_name, collection_node, body = part
        collection = plain(self.eval(collection_node))
        if is_unknown(collection):
            return collection
        pieces: list[str] = []
        for key, item in self._iterate(collection):
            text = self.bind(_names(key_name, value_name, key, item))._template_text(body)
            if is_unknown(text):
                return text
            pieces.append(text)
        return _joined(pieces)

    def _text(self, value: Any) -> Any:
        value = plain(value)
        if is_unknown(value):
            return value
        try:
            return builtins.to_string(value)
        except builtins.FunctionError as exc:
            raise EvalError(f"cannot interpolate: {exc}") from None

    # -- operators ----------------------------------------------------------------------------
    def _conditional(self, node: Expr) -> Any:
        _, condition_node, yes_node, no_node = node
        condition = plain(self.eval(condition_node))
        if is_unknown(condition) or isinstance(condition, Reference):
            # Both branches are real configuration: read them for their references, and keep
            # the value when it does not depend on the condition.
            yes = self._quiet(yes_node)
            no = self._quiet(no_node)
            if not contains_unknown(yes) and not contains_unknown(no) and _same(yes, no):
                return yes
            return (
                condition
                if is_unknown(condition)
                else UnknownValue("condition on a value known only after apply")
            )
        return self.eval(yes_node if self._truth(condition) else no_node)

    def _quiet(self, node: Any) -> Any:
        try:
            return plain(self.eval(node))
        except (EvalError, builtins.FunctionError):
            return UnknownValue("branch not evaluated")

    def _truth(self, value: Any) -> bool:
        try:
            return builtins.to_bool(value)
        except builtins.FunctionError as exc:
            raise EvalError(f"condition is not a bool: {exc}") from None

    def _unary(self, node: Expr) -> Any:
        operand = plain(self.eval(node[2]))
        if is_unknown(operand) or isinstance(operand, Reference):
            return operand if is_unknown(operand) else UnknownValue("known only after apply")
        try:
            if node[1] == "!":
                return not builtins.to_bool(operand)
            return -builtins.to_number(operand)
        except builtins.FunctionError as exc:
            raise EvalError(str(exc)) from None

    def _binary(self, node: Expr) -> Any:
        left = plain(self.eval(node[2]))
        right = plain(self.eval(node[3]))
        try:
            return _apply(node[1], left, right)
        except builtins.FunctionError as exc:
            raise EvalError(str(exc)) from None

    # -- traversals ---------------------------------------------------------------------------
    def _get_attr(self, node: Expr) -> Any:
        return get_attr(self.eval(node[1]), node[2])

    def _index_expr(self, node: Expr) -> Any:
        base = self.eval(node[1])
        return index(base, plain(self.eval(node[2])))

    def _apply_op(self, base: Any, op: Expr) -> Any:
        if op[0] == "attr":
            return get_attr(base, op[1])
        return index(base, plain(self.eval(op[1])))

    def _splat_items(self, base: Any) -> Any:
        if isinstance(base, UnknownInstances):
            touch(base.representative)
            return UnknownValue(base.reason)
        if is_unknown(base) or isinstance(base, Reference):
            return UnknownValue("splat over a value known only after apply")
        if base is None:
            return []
        if isinstance(base, list):
            return base
        return [base]

    def _splat(self, node: Expr) -> Any:
        _, base_node, full, ops = node
        items = self._splat_items(self.eval(base_node))
        if is_unknown(items):
            return items
        # `[*]` applies every step to each element; `.*` only its leading attribute steps,
        # whatever follows them applies to the resulting list.
        cut = (
            len(ops) if full else next((i for i, op in enumerate(ops) if op[0] != "attr"), len(ops))
        )
        result: Any = []
        for item in items:
            for op in ops[:cut]:
                item = self._apply_op(item, op)
            result.append(item)
        for op in ops[cut:]:
            result = self._apply_op(result, op)
        return result

    # -- for expressions ----------------------------------------------------------------------
    def _loop(
        self,
        key_name: str | None,
        value_name: str,
        collection_node: Expr,
        condition: Expr | None,
        body: list[Any],
    ) -> Any:
        """One evaluator per element a for expression keeps, or unknown when that is not known."""
        collection = self._collection(collection_node)
        if is_unknown(collection):
            self._probe(key_name, value_name, [*body, condition])
            return collection
        kept: list[Evaluator] = []
        for key, item in self._iterate(collection):
            inner = self.bind(_names(key_name, value_name, key, item))
            if condition is not None:
                keep = plain(inner.eval(condition))
                if is_unknown(keep):
                    return keep
                if not inner._truth(keep):
                    continue
            kept.append(inner)
        return kept

    def _for_tuple(self, node: Expr) -> Any:
        _, key_name, value_name, collection, value_expr, condition = node
        loop = self._loop(key_name, value_name, collection, condition, [value_expr])
        if is_unknown(loop):
            return loop
        return [inner.eval(value_expr) for inner in loop]

    def _for_object(self, node: Expr) -> Any:
        _, key_name, value_name, collection, key_expr, value_expr, condition, grouping = node
        loop = self._loop(key_name, value_name, collection, condition, [key_expr, value_expr])
        if is_unknown(loop):
            return loop
        result: dict[str, Any] = {}
        for inner in loop:
            new_key = plain(inner.eval(key_expr))
            if is_unknown(new_key):
                return new_key
            text = builtins.to_string(new_key)
            value = inner.eval(value_expr)
            if grouping:
                result.setdefault(text, []).append(value)
            elif text in result:
                raise EvalError(f"for expression produces the key {text!r} twice; add ... to group")
            else:
                result[text] = value
        return result

    def _collection(self, node: Any) -> Any:
        value = self.eval(node)
        if isinstance(value, UnknownInstances):
            touch(value.representative)
            return UnknownValue(value.reason)
        value = plain(value)
        if is_unknown(value):
            return value
        if isinstance(value, Reference):
            return UnknownValue("iteration over a value known only after apply")
        if not isinstance(value, list | dict):
            raise EvalError(f"cannot iterate over a {builtins.type_name(value)}")
        return value

    def _probe(self, key_name: str | None, value_name: str, nodes: list[Any]) -> None:
        """Evaluate a loop body once with unknown iteration values, for its references."""
        names = _names(key_name, value_name, UnknownValue("iteration"), UnknownValue("iteration"))
        inner = self.bind(names)
        for node in nodes:
            if node is not None:
                inner._quiet(node)

    # -- functions ----------------------------------------------------------------------------
    def _function(self, node: Expr) -> Any:
        _, name, nodes, expand = node
        if name in ("try", "can"):
            return self._try(name, nodes)
        special = _SPECIAL.get(name)
        args = [plain(self.eval(n)) for n in nodes]
        if expand and args:
            last = args.pop()
            if is_unknown(last):
                return last
            if not isinstance(last, list):
                raise EvalError(f"{name}(...) expands a {builtins.type_name(last)}, not a list")
            args.extend(last)
        if special is not None:
            return special(self, args)
        try:
            return builtins.call(name, args)
        except builtins.FunctionError as exc:
            raise EvalError(str(exc)) from None

    def _try(self, name: str, nodes: list[Any]) -> Any:
        for node in nodes:
            try:
                value = plain(self.eval(node))
            except (EvalError, builtins.FunctionError):
                if name == "can":
                    return False
                continue
            if name == "can":
                return value if is_unknown(value) else True
            return value
        if name == "can":
            return False
        raise EvalError("try(): no argument could be evaluated")

    # -- files --------------------------------------------------------------------------------
    def _file(self, args: list[Any]) -> Any:
        _expect(args, 1, "file")
        if is_unknown(args[0]):
            return args[0]
        return self.scope.read_file(builtins.to_string(args[0]))

    def _fileexists(self, args: list[Any]) -> Any:
        _expect(args, 1, "fileexists")
        if is_unknown(args[0]):
            return args[0]
        text = self.scope.read_file(builtins.to_string(args[0]))
        return True if not is_unknown(text) else UnknownValue("file outside the scan or unreadable")

    def _filebase64(self, args: list[Any]) -> Any:
        text = self._file(args)
        return text if is_unknown(text) else base64.b64encode(text.encode()).decode()

    def _file_digest(self, algorithm: str, args: list[Any]) -> Any:
        text = self._file(args)
        return text if is_unknown(text) else hashlib.new(algorithm, text.encode()).hexdigest()

    def _fileset(self, args: list[Any]) -> Any:
        _expect(args, 2, "fileset")
        if contains_unknown(args):
            return UnknownValue("fileset() over a value not known")
        return self.scope.file_names(builtins.to_string(args[0]), builtins.to_string(args[1]))

    def _templatefile(self, args: list[Any]) -> Any:
        _expect(args, 2, "templatefile")
        if is_unknown(args[0]):
            return args[0]
        text = self.scope.read_file(builtins.to_string(args[0]))
        if is_unknown(text):
            return text
        variables = args[1]
        if is_unknown(variables):
            return variables
        if not isinstance(variables, dict):
            raise EvalError("templatefile() variables must be an object")
        try:
            template = parse_template(text)
        except Exception as exc:  # a malformed template file
            raise EvalError(f"template could not be read: {type(exc).__name__}") from None
        return Evaluator(_TemplateScope(self.scope), variables, self.iterations).eval(template)

    # -- JSON syntax --------------------------------------------------------------------------
    def _json(self, node: JsonValue) -> Any:
        return self._json_value(node.value, node.literal)

    def _json_value(self, value: Any, literal: bool) -> Any:
        if isinstance(value, str):
            if literal or ("${" not in value and "%{" not in value):
                return value
            try:
                template = parse_template(value)
            except Exception as exc:  # a malformed template string
                raise EvalError(f"template could not be read: {type(exc).__name__}") from None
            return self.eval(template)
        if isinstance(value, list):
            return [self._json_value(v, literal) for v in value]
        if isinstance(value, dict):
            return {
                str(self._json_value(k, literal)): self._json_value(v, literal)
                for k, v in value.items()
                if k != "//"
            }
        return value

    def traversal(self, node: Any) -> Any:
        """A reference written as text in JSON syntax (`depends_on`), or a native expression."""
        if isinstance(node, JsonValue) and isinstance(node.value, str):
            try:
                return self.eval(parse_expression(node.value))
            except Exception:  # not an expression: nothing to follow
                return None
        return self.eval(node)


class _TemplateScope:
    """templatefile() sees only its variables and the functions, never the module's names."""

    def __init__(self, outer: Scope) -> None:
        self.outer = outer
        self.tracker = outer.tracker

    def root(self, name: str) -> Any:
        raise EvalError(
            f"templatefile() template refers to {name}, which is not one of its variables"
        )

    def read_file(self, path: str) -> str | UnknownValue:
        return self.outer.read_file(path)

    def file_names(self, directory: str, pattern: str) -> list[str] | UnknownValue:
        return self.outer.file_names(directory, pattern)


def _expect(args: list[Any], count: int, name: str) -> None:
    if len(args) != count:
        raise EvalError(f"{name}() takes {count} arguments, got {len(args)}")


_SPECIAL: dict[str, Callable[[Evaluator, list[Any]], Any]] = {
    "file": Evaluator._file,
    "fileexists": Evaluator._fileexists,
    "filebase64": Evaluator._filebase64,
    "filemd5": lambda e, a: e._file_digest("md5", a),
    "filesha1": lambda e, a: e._file_digest("sha1", a),
    "filesha256": lambda e, a: e._file_digest("sha256", a),
    "filesha512": lambda e, a: e._file_digest("sha512", a),
    "fileset": Evaluator._fileset,
    "templatefile": Evaluator._templatefile,
}


_HANDLERS: dict[str, Callable[[Evaluator, Any], Any]] = {
    "lit": Evaluator._literal,
    "bad": Evaluator._bad,
    "var": Evaluator._variable,
    "tpl": Evaluator._template,
    "tuple": Evaluator._tuple,
    "object": Evaluator._object,
    "get": Evaluator._get_attr,
    "idx": Evaluator._index_expr,
    "splat": Evaluator._splat,
    "cond": Evaluator._conditional,
    "unary": Evaluator._unary,
    "bin": Evaluator._binary,
    "call": Evaluator._function,
    "fort": Evaluator._for_tuple,
    "foro": Evaluator._for_object,
}


# ---------------------------------------------------------------------------------------------
# Values


def touch(view: Any) -> None:
    """Record that an expression read this view (its resource becomes an edge)."""
    if isinstance(view, View):
        view.touch()


def get_attr(base: Any, name: str) -> Any:
    if isinstance(base, Namespace):
        return base.attr(name)
    if isinstance(base, UnknownInstances):
        touch(base.representative)
        raise EvalError(f"{name}: index the instances of a resource with count or for_each first")
    if is_unknown(base):
        return base
    if _is_view(base):
        return base.attr(name)
    if isinstance(base, dict):
        if name in base:
            return base[name]
        if isinstance(base, ComputedBlock):
            return base.missing(name)
        raise EvalError(f"object has no attribute {name!r}")
    if isinstance(base, Reference):
        return UnknownValue(f"attribute {name} of a value known only after apply")
    if base is None:
        raise EvalError(f"attribute {name!r} of null")
    raise EvalError(f"attribute {name!r} of a {builtins.type_name(base)}")


def index(base: Any, key: Any) -> Any:
    if isinstance(base, UnknownInstances):
        return base.representative
    if is_unknown(key):
        for item in (
            base if isinstance(base, list) else base.values() if isinstance(base, dict) else ()
        ):
            touch(item)
        return key
    if is_unknown(base):
        return base
    if isinstance(base, Namespace):
        return base.attr(builtins.to_string(key))
    if isinstance(base, list):
        try:
            position = builtins.to_number(key)
        except builtins.FunctionError:
            raise EvalError(f"list index {key!r} is not a number") from None
        if not isinstance(position, int) or not 0 <= position < len(base):
            raise EvalError(f"index {key!r} out of range for a list of {len(base)}")
        return base[position]
    if isinstance(base, dict):
        text = builtins.to_string(key)
        if text in base:
            return base[text]
        if isinstance(base, ComputedBlock):
            return base.missing(text)
        raise EvalError(f"no element {text!r}")
    if _is_view(base):
        return base.attr(builtins.to_string(key))
    if isinstance(base, Reference):
        return UnknownValue("element of a value known only after apply")
    if base is None:
        raise EvalError("index of null")
    raise EvalError(f"index into a {builtins.type_name(base)}")


def _iterate(collection: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(collection, dict):
        for key in sorted(collection):
            yield key, collection[key]
    else:
        yield from enumerate(collection)


def _names(key_name: str | None, value_name: str, key: Any, value: Any) -> dict[str, Any]:
    return {value_name: value} if key_name is None else {key_name: key, value_name: value}


def _same(left: Any, right: Any) -> bool:
    try:
        return builtins.tf_equal(left, right)
    except Exception:  # values that cannot be compared are not the same
        return False


def _apply(operator: str, left: Any, right: Any) -> Any:
    if operator in ("&&", "||"):
        return _logical(operator, left, right)
    if operator in ("==", "!=") and (left is None or right is None):
        # Against null only the outer value matters: a map with unknown elements is not null.
        other = right if left is None else left
        if not is_unknown(other):
            return (other is None) == (operator == "==")
    if contains_unknown(left) or contains_unknown(right):
        return (
            left
            if is_unknown(left)
            else right
            if is_unknown(right)
            else UnknownValue(f"{operator} over a value not known")
        )
    if operator in ("==", "!="):
        if isinstance(left, Reference) or isinstance(right, Reference):
            if isinstance(left, Reference) and isinstance(right, Reference) and left == right:
                return operator == "=="
            return UnknownValue("comparison with a value known only after apply")
        equal = builtins.tf_equal(left, right)
        return equal if operator == "==" else not equal
    if isinstance(left, Reference) or isinstance(right, Reference):
        return UnknownValue(f"{operator} over a value known only after apply")
    a, b = builtins.to_number(left), builtins.to_number(right)
    if operator in _COMPARISON:
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
    if operator == "+":
        return a + b
    if operator == "-":
        return a - b
    if operator == "*":
        return a * b
    if b == 0:
        raise builtins.FunctionError(f"division by zero in {operator}")
    if operator == "/":
        quotient = a / b
        return int(quotient) if quotient.is_integer() else quotient
    return a % b


def _logical(operator: str, left: Any, right: Any) -> Any:
    def known(value: Any) -> bool | None:
        if is_unknown(value) or isinstance(value, Reference):
            return None
        return builtins.to_bool(value)

    a, b = known(left), known(right)
    decisive = operator == "||"  # true decides ||, false decides &&
    if a is decisive or b is decisive:
        return decisive
    if a is None or b is None:
        return UnknownValue(f"{operator} over a value not known")
    return (a or b) if operator == "||" else (a and b)
