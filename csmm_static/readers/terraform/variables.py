"""Input variables: type constraints, tfvars files and `--var` values, in Terraform's precedence.

Terraform converts every value to its variable's declared type: numbers from numeric strings,
missing `optional()` object attributes filled with their defaults. Modules lean on that
(`optional(bool, true)` is how many of them default a setting on), so the reader does it too.
Values that do not convert are kept as given; the reader never rejects configuration.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import UnknownValue, is_unknown
from csmm_static.readers.base import DEFAULT_MAX_DEPTH
from csmm_static.readers.limits import LimitExceeded, check_json_depth
from csmm_static.readers.terraform import functions as builtins
from csmm_static.readers.terraform.expressions import EvalError, Evaluator, Tracker
from csmm_static.readers.terraform.hcl import (
    Attribute,
    JsonValue,
    error_line,
    native_attributes,
    parse_expression,
    parse_native,
    read_text,
)


@dataclass(frozen=True)
class TypeSpec:
    """A parsed type constraint: `kind` is string, number, bool, any, list, set, map, object,
    tuple; `element` for collections, `attributes` (name -> (type, optional, default)) for
    objects, `items` for tuples."""

    kind: str
    element: TypeSpec | None = None
    attributes: tuple[tuple[str, TypeSpec, bool, Any], ...] = ()
    items: tuple[TypeSpec, ...] = ()


ANY = TypeSpec("any")


class ConstantScope:
    """A scope with no names at all: defaults, tfvars and type constraints use literals only."""

    def __init__(self) -> None:
        self.tracker = Tracker()

    def root(self, name: str) -> Any:
        raise EvalError(f"{name} cannot be used here; only literal values are allowed")

    def read_file(self, path: str) -> str | UnknownValue:
        return UnknownValue("files are not read while reading variable values")

    def file_names(self, directory: str, pattern: str) -> list[str] | UnknownValue:
        return UnknownValue("files are not listed while reading variable values")


_CONSTANTS = Evaluator(ConstantScope())


def constant(expr: Any) -> Any:
    """The value of an expression that may use functions but no names."""
    return _CONSTANTS.value(expr)


# ---------------------------------------------------------------------------------------------
# Type constraints


def parse_type(expr: Any) -> TypeSpec:
    """The type constraint of a variable's `type` argument (native or JSON syntax)."""
    if isinstance(expr, JsonValue):
        if not isinstance(expr.value, str):
            return ANY
        try:
            expr = parse_expression(expr.value)
        except Exception:  # a type constraint that cannot be read: accept anything
            return ANY
    try:
        return _type_of(expr)
    except (IndexError, TypeError):
        return ANY


def _type_of(node: Any) -> TypeSpec:
    kind = node[0]
    if kind == "var":
        name = node[1]
        return TypeSpec(name if name in ("string", "number", "bool") else "any")
    if kind != "call" or not node[2]:
        return ANY
    name, args = node[1], node[2]
    if name in ("list", "set", "map"):
        return TypeSpec(name, element=_type_of(args[0]))
    if name == "tuple" and args[0][0] == "tuple":
        return TypeSpec("tuple", items=tuple(_type_of(e) for e in args[0][1]))
    if name == "object" and args[0][0] == "object":
        attributes = []
        for key, value in args[0][1]:
            key_text = key[1] if key[0] == "lit" else str(key)
            spec, optional, default = _attribute_type(value)
            attributes.append((str(key_text), spec, optional, default))
        return TypeSpec("object", attributes=tuple(attributes))
    return ANY


def _attribute_type(node: Any) -> tuple[TypeSpec, bool, Any]:
    if node[0] == "call" and node[1] == "optional" and node[2]:
        args = node[2]
        spec = _type_of(args[0])
        default = constant(args[1]) if len(args) > 1 else None
        return spec, True, default
    return _type_of(node), False, None


def convert(value: Any, spec: TypeSpec) -> Any:
    """`value` converted to `spec` the way Terraform converts variable values (leniently)."""
    if value is None or is_unknown(value) or spec.kind == "any":
        return value
    try:
        if spec.kind == "string" and isinstance(value, bool | int | float):
            return builtins.to_string(value)
        if spec.kind == "number" and isinstance(value, str):
            return builtins.to_number(value)
        if spec.kind == "bool" and isinstance(value, str):
            return builtins.to_bool(value)
    except builtins.FunctionError:
        return value
    if spec.kind in ("list", "set") and isinstance(value, list) and spec.element is not None:
        items = [convert(v, spec.element) for v in value]
        return builtins.set_of(items) if spec.kind == "set" else items
    if spec.kind == "map" and isinstance(value, dict) and spec.element is not None:
        return {k: convert(v, spec.element) for k, v in value.items()}
    if spec.kind == "tuple" and isinstance(value, list):
        return [
            convert(v, spec.items[i]) if i < len(spec.items) else v for i, v in enumerate(value)
        ]
    if spec.kind == "object" and isinstance(value, dict):
        result: dict[str, Any] = {}
        for name, attribute, optional, default in spec.attributes:
            if name in value and value[name] is not None:
                result[name] = convert(value[name], attribute)
            elif optional and default is not None:
                result[name] = convert(default, attribute)
            else:
                result[name] = None
        return result
    return value


# ---------------------------------------------------------------------------------------------
# Values given to a root module


@dataclass
class RootValues:
    """Values for a root module's variables, as expressions or plain values, latest wins."""

    values: dict[str, Any] = field(default_factory=dict)  # name -> plain value
    raw: dict[str, str] = field(default_factory=dict)  # name -> --var text, typed on use
    used_files: list[Path] = field(default_factory=list)
    failed_files: list[Path] = field(default_factory=list)  # unreadable: a diagnostic each
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def value(self, name: str, spec: TypeSpec) -> Any:
        if name in self.raw:
            return _cli_value(self.raw[name], spec)
        return self.values.get(name, _MISSING)


_MISSING = object()
MISSING = _MISSING


def _cli_value(text: str, spec: TypeSpec) -> Any:
    """A `--var` value: complex types are written in HCL syntax, primitives as plain text."""
    if spec.kind in ("list", "set", "map", "object", "tuple", "any") and text.strip()[:1] in "[{":
        try:
            return constant(parse_expression(text))
        except Exception:  # not an HCL value: keep the text
            return text
    return text


def auto_var_files(directory: Path) -> list[Path]:
    """terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in name order."""
    files: list[Path] = []
    for name in ("terraform.tfvars", "terraform.tfvars.json"):
        if (directory / name).is_file():
            files.append(directory / name)
    autos = (
        sorted(
            p
            for p in directory.iterdir()
            if p.is_file()
            and (p.name.endswith(".auto.tfvars") or p.name.endswith(".auto.tfvars.json"))
        )
        if directory.is_dir()
        else []
    )
    return files + autos


MAX_VAR_FILE_BYTES = 5 * 1024 * 1024


def load_var_file(
    path: Path, label: str, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[dict[str, Any], Diagnostic | None]:
    """The assignments of one tfvars file (native or JSON syntax)."""
    try:
        text = read_text(path, MAX_VAR_FILE_BYTES)
        if path.name.endswith(".json"):
            check_json_depth(text, max_depth)
            doc = json.loads(text)
        else:
            attributes: Mapping[str, Attribute] = native_attributes(parse_native(text, max_depth))
    except LimitExceeded as exc:
        return {}, exc.diagnostic(label)
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot read variable file: {getattr(exc, 'strerror', None) or exc}"
        return {}, Diagnostic(label, 0, f"{message}; save it as UTF-8 text", code="unreadable")
    except json.JSONDecodeError as exc:
        return {}, Diagnostic(
            label,
            exc.lineno,
            f"invalid JSON in variable file: {exc.msg}; fix its syntax",
            code="parse-error",
        )
    except Exception as exc:  # a syntax error, or a value the walk could not read
        return {}, Diagnostic(
            label,
            error_line(exc),
            f"variable file could not be parsed ({type(exc).__name__}); fix its syntax",
            code="parse-error",
        )
    if not path.name.endswith(".json"):
        return {name: constant(attr.expr) for name, attr in attributes.items()}, None
    if not isinstance(doc, dict):
        return {}, Diagnostic(
            label, 1, "a .tfvars.json file must hold an object; fix its content", code="parse-error"
        )
    return {str(k): v for k, v in doc.items()}, None


def root_values(
    directory: Path,
    label_of: Any,
    var_files: tuple[Path, ...],
    variables: tuple[tuple[str, str], ...],
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> RootValues:
    """Terraform's precedence: auto-loaded files, then --var-file, then --var (later wins)."""
    result = RootValues()
    for path in [*auto_var_files(directory), *var_files]:
        values, problem = load_var_file(path, label_of(path), max_depth)
        if problem is not None:
            result.diagnostics.append(problem)
            result.failed_files.append(path)
            continue
        result.values.update(values)
        result.used_files.append(path)
    for name, text in variables:
        result.raw[name] = text
        result.values.pop(name, None)
    return result
