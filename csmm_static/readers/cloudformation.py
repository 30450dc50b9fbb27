"""CloudFormation templates (YAML or JSON, SAM and CDK output) into canonical resources.

Decoding (line marks, short-form tags, duplicate-key detection) is `cfn_yaml`, with cfn-lint's
semantics. Intrinsics are
resolved here against parameter defaults and mappings; anything that only exists at deploy time
is either a symbolic value (`${AWS::AccountId}`, a `Reference` to another resource) or the
model's unknown. Conditions that parameter defaults decide are decided; the others are
enumerated into scenarios (with cfn-lint's solver) and a resource whose properties differ
between scenarios carries one property set per scenario.

Evaluating intrinsics is budgeted (`limits.MAX_VALUES`, `MAX_RESOLVED_CHARS`, `MAX_TEXT_CHARS`,
the condition chain by `max_depth`): a template that multiplies values raises `LimitExceeded`
and is reported as not read rather than exhausting the scan.
"""

from __future__ import annotations

import datetime
import ipaddress
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import (
    Edge,
    Reference,
    Resource,
    Source,
    Suppression,
    UnknownValue,
    contains_unknown,
    is_unknown,
)
from csmm_static.network import DEFAULT_EGRESS
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult, decode_text
from csmm_static.readers.cfn_yaml import decode
from csmm_static.readers.claims.cloudformation import FIXTURE_FORMATS, FORMAT, claims
from csmm_static.readers.limits import (
    MAX_RESOLVED_CHARS,
    MAX_TEXT_CHARS,
    MAX_VALUES,
    LimitExceeded,
    read_input,
)

__all__ = ["FIXTURE_FORMATS", "FORMAT", "claims", "read", "read_file"]

MAX_SCENARIOS = 16

# A name inside ${...}: no "$" or "{" either, so an unclosed "${" costs one scan, not one per "${".
_SUB_VARIABLE = re.compile(r"\$\{([^${}]*)\}")

_NO_VALUE = object()  # AWS::NoValue: the key or item disappears

# Pseudo parameters keep a symbolic value: a trust policy on "${AWS::AccountId}" still says
# "this account". The partition and URL suffix are the commercial ones in all but rare cases.
_PSEUDO = {
    "AWS::AccountId": "${AWS::AccountId}",
    "AWS::Region": "${AWS::Region}",
    "AWS::StackName": "${AWS::StackName}",
    "AWS::StackId": "${AWS::StackId}",
    "AWS::NotificationARNs": "${AWS::NotificationARNs}",
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
}


def read(files: list[InputFile], options: ParseOptions) -> ReadResult:
    result = ReadResult()
    for item in files:
        result.extend(read_file(item, options))
    return result


def read_file(item: InputFile, options: ParseOptions) -> ReadResult:
    """One template. Problems in the file are diagnostics; a limit it exceeds raises
    LimitExceeded, which the dispatcher's guard reports (readers.limits)."""
    result = ReadResult()
    text, problem, line = _load_text(item, options)
    if problem:
        result.diagnostics.append(Diagnostic(item.label, line, problem, code="unreadable"))
        result.files.append(FileRecord(item.label, FORMAT, "error", detail=problem))
        return result
    template, errors = decode(text, options.max_depth)
    if template is None:
        for error in errors:
            result.diagnostics.append(
                Diagnostic(item.label, error.line, error.message, code=error.code)
            )
        result.files.append(FileRecord(item.label, FORMAT, "error", detail=errors[0].code))
        return result
    if not _is_template(template):
        return result  # YAML/JSON that is not a template: not an input, no noise
    for warning in errors:
        result.diagnostics.append(
            Diagnostic(item.label, warning.line, warning.message, "warning", warning.code)
        )
    reader = _TemplateReader(item, template, text, options.max_depth)
    reader.run()
    result.resources.extend(reader.resources)
    result.edges.extend(reader.edges)
    result.diagnostics.extend(reader.diagnostics)
    result.files.append(FileRecord(item.label, FORMAT, "read", resources=len(reader.resources)))
    return result


def _load_text(item: InputFile, options: ParseOptions) -> tuple[str, str, int]:
    try:
        raw = read_input(item, options)
    except OSError as exc:
        return "", f"cannot read file: {exc.strerror or exc}; check that it is readable", 0
    return decode_text(raw)


def _is_template(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    resources = doc.get("Resources")
    if not isinstance(resources, dict) or not resources:
        return False
    return all(isinstance(v, dict) and isinstance(v.get("Type"), str) for v in resources.values())


def _line(node: Any) -> int:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else 0


# ---------------------------------------------------------------------------------------------


@dataclass
class _Scenario:
    label: str
    conditions: dict[str, bool]


@dataclass
class _TemplateReader:
    item: InputFile
    template: dict[str, Any]
    text: str
    max_depth: int
    resources: list[Resource] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        self.logical_ids: set[str] = {str(k) for k in self.template.get("Resources", {})}
        self.parameters = self._parameters()
        self.mappings = self.template.get("Mappings") or {}
        conditions = self.template.get("Conditions")
        self.condition_defs: dict[str, Any] = conditions if isinstance(conditions, dict) else {}
        self.fixed: dict[str, bool | None] = {}
        self._solver: Any = None
        self._cycles: set[str] = set()
        self._chain: list[str] = []  # the conditions being evaluated, outermost first
        self._solver_ready = False
        self._solved: dict[tuple[str, ...], list[dict[str, bool]]] = {}  # resources share sets
        # What evaluating intrinsics has produced so far, and where (for the diagnostic).
        self.values = 0
        self.chars = 0
        self.line = 0
        self.where = ""

    def node_id(self, logical_id: str) -> str:
        return f"cfn:{self.item.label}#{logical_id}"

    # -- parameters and conditions ----------------------------------------------------------
    def _parameters(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        declared = self.template.get("Parameters") or {}
        if not isinstance(declared, dict):
            return values
        for name, spec in declared.items():
            if not isinstance(spec, dict):
                continue
            ptype = str(spec.get("Type", "String"))
            if "Default" not in spec:
                values[str(name)] = UnknownValue(f"parameter {name} has no default")
                continue
            default = _plain(spec["Default"])
            if ptype.startswith("AWS::SSM::Parameter::Value"):
                values[str(name)] = UnknownValue(
                    f"parameter {name} is read from SSM at deploy time"
                )
            elif ptype.startswith("List<") or ptype == "CommaDelimitedList":
                values[str(name)] = (
                    [s.strip() for s in default.split(",")] if isinstance(default, str) else default
                )
            else:
                values[str(name)] = str(default) if isinstance(default, int | float) else default
        return values

    def condition(self, name: str, scenario: dict[str, bool]) -> bool | None:
        """A named condition's value: from the scenario, from parameter defaults, or None.

        The conditions being evaluated are kept on `self._chain` (not passed along: an Fn::If
        inside an Fn::Equals reaches conditions through `resolve`), so a cycle is seen
        whichever way it closes."""
        if name in scenario:
            return scenario[name]
        if self.fixed.get(name) is not None:
            return self.fixed[name]  # decided by parameter defaults alone
        if name in self._chain:
            self._cycles.add(name)
            return None
        if name not in self.condition_defs:
            return None
        if len(self._chain) >= self.max_depth:
            raise LimitExceeded(
                "depth",
                f"condition {name} is reached through a chain of more than {self.max_depth}"
                " conditions (--max-depth)",
                _line(next((k for k in self.condition_defs if k == name), None)),
            )
        outermost = not self._chain
        self._chain.append(name)
        try:
            value = self._condition_expr(self.condition_defs[name], scenario)
        finally:
            self._chain.pop()
        if not scenario and outermost:
            self.fixed[name] = value
        return value

    def _condition_expr(self, expr: Any, scenario: dict[str, bool]) -> bool | None:
        if isinstance(expr, bool):
            return expr
        if not isinstance(expr, dict) or len(expr) != 1:
            return None
        ((key, args),) = expr.items()
        if key == "Condition":
            return self.condition(str(args), scenario)
        if key == "Fn::Equals" and isinstance(args, list) and len(args) == 2:
            left, right = (self.resolve(a, {}, "Conditions", set()) for a in args)
            if contains_unknown(left) or contains_unknown(right):
                return None
            if isinstance(left, Reference) or isinstance(right, Reference):
                return None
            return _canon(left) == _canon(right)
        if key == "Fn::Not" and isinstance(args, list) and len(args) == 1:
            inner = self._condition_expr(args[0], scenario)
            return None if inner is None else not inner
        if key in ("Fn::And", "Fn::Or") and isinstance(args, list):
            values = [self._condition_expr(a, scenario) for a in args]
            if key == "Fn::And":
                if False in values:
                    return False
                return None if None in values else True
            if True in values:
                return True
            return None if None in values else False
        return None

    def scenarios(self, names: set[str]) -> list[_Scenario]:
        """Feasible truth assignments of the conditions that parameter defaults leave open."""
        free = sorted(
            n for n in names if self.condition(n, {}) is None and n in self.condition_defs
        )
        if not free:
            return [_Scenario("", {})]
        key = tuple(free)
        if key not in self._solved:
            self._solved[key] = self._solve(free)
        assignments = self._solved[key]
        scenarios = []
        for assignment in assignments[:MAX_SCENARIOS]:
            label = ", ".join(
                f"{k}={'true' if v else 'false'}" for k, v in sorted(assignment.items())
            )
            scenarios.append(_Scenario(label, assignment))
        return scenarios

    def _solve(self, free: list[str]) -> list[dict[str, bool]]:
        if not self._solver_ready:
            self._solver_ready = True
            try:
                from cfnlint.template import Template

                self._solver = Template(self.item.label, self.template, regions=["us-east-1"])
            except Exception:  # cfn-lint cannot model this template: enumerate naively
                self._solver = None
        if self._solver is not None:
            try:
                scenarios = self._solver.conditions.build_scenarios({n: set() for n in free})
                found = list(itertools.islice(scenarios, MAX_SCENARIOS))  # only these are used
                if found:
                    return [{k: bool(v) for k, v in s.items() if k in free} for s in found]
            except Exception:
                pass
        combos = itertools.product((True, False), repeat=min(len(free), 4))
        return [dict(zip(free, combo, strict=False)) for combo in combos]

    # -- intrinsic resolution ---------------------------------------------------------------
    def resolve(
        self, node: Any, scenario: dict[str, bool], path: str, refs: set[tuple[str, str]]
    ) -> Any:
        """The value of a template node, with intrinsics evaluated as far as they can be."""
        self._charge(1, 0)
        if isinstance(node, dict):
            if len(node) == 1:
                ((key, args),) = node.items()
                key = str(key)
                if key == "Ref" or key.startswith("Fn::"):
                    value = self._intrinsic(key, args, scenario, path, refs)
                    self._charge_value(value)
                    return value
            out: dict[str, Any] = {}
            for key, value in node.items():
                resolved = self.resolve(value, scenario, f"{path}.{key}", refs)
                if resolved is not _NO_VALUE:
                    out[str(key)] = resolved
            return out
        if isinstance(node, list):
            items = []
            for index, value in enumerate(node):
                resolved = self.resolve(value, scenario, f"{path}.{index}", refs)
                if resolved is not _NO_VALUE:
                    items.append(resolved)
            return items
        plain = _plain(node)
        if isinstance(plain, str):
            self._charge(0, len(plain))
        return plain

    def _charge(self, values: int, chars: int) -> None:
        """Count what evaluation produced; past the budget the template is not read."""
        self.values += values
        self.chars += chars
        if self.values > MAX_VALUES:
            raise LimitExceeded(
                "values",
                f"evaluating intrinsic functions produces more than {MAX_VALUES} values"
                f" ({self.where})",
                self.line,
            )
        if self.chars > MAX_RESOLVED_CHARS:
            raise LimitExceeded(
                "values",
                f"evaluating intrinsic functions produces more than {MAX_RESOLVED_CHARS}"
                f" characters of text ({self.where})",
                self.line,
            )

    def _charge_value(self, value: Any) -> None:
        """Charge what an intrinsic returned without building it node by node (a parameter's
        list, a split, a text): one level deep, which is all these produce."""
        if isinstance(value, str):
            self._charge(0, len(value))
        elif isinstance(value, list):
            self._charge(len(value), sum(len(v) for v in value if isinstance(v, str)))

    def _text_limit(self, size: int, function: str) -> None:
        """Refuse a text longer than any deployable template could build (checked before the
        text is built)."""
        if size > MAX_TEXT_CHARS:
            raise LimitExceeded(
                "text",
                f"{function} builds a text longer than {MAX_TEXT_CHARS} characters ({self.where})",
                self.line,
            )

    def _invalid(self, args: Any, message: str) -> UnknownValue:
        """An intrinsic CloudFormation itself would reject: unknown, with a warning."""
        self.diagnostics.append(
            Diagnostic(
                self.item.label,
                _line(args) or self.line,
                f"{message}; CloudFormation rejects this, so the value is unknown. Fix the"
                " arguments",
                level="warning",
                code="invalid-intrinsic",
            )
        )
        return UnknownValue(message)

    def _ref_value(
        self, name: str, path: str, refs: set[tuple[str, str]], attribute: str = "Ref"
    ) -> Any:
        if name == "AWS::NoValue":
            return _NO_VALUE
        if name in _PSEUDO:
            return _PSEUDO[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.logical_ids:
            refs.add((name, path))
            text = f"${{{name}}}" if attribute == "Ref" else f"${{{name}.{attribute}}}"
            return Reference(text, self.node_id(name), attribute)
        return UnknownValue(f"Ref to {name}, which the template does not define")

    def _intrinsic(
        self, key: str, args: Any, scenario: dict[str, bool], path: str, refs: set[tuple[str, str]]
    ) -> Any:
        if key == "Ref":
            return self._ref_value(str(args), path, refs)
        if key == "Fn::GetAtt":
            if isinstance(args, str):
                target, _, attribute = args.partition(".")
            elif isinstance(args, list) and len(args) == 2:
                target = str(args[0])
                attr = self.resolve(args[1], scenario, path, refs)
                if is_unknown(attr) or not isinstance(attr, str):
                    return UnknownValue("Fn::GetAtt with a computed attribute name")
                attribute = attr
            else:
                return UnknownValue("malformed Fn::GetAtt")
            if target in self.logical_ids:
                refs.add((target, path))
                return Reference(f"${{{target}.{attribute}}}", self.node_id(target), attribute)
            return UnknownValue(f"Fn::GetAtt on {target}, which the template does not define")
        if key == "Fn::Sub":
            return self._sub(args, scenario, path, refs)
        if key == "Fn::If":
            if not isinstance(args, list) or len(args) != 3:
                return UnknownValue("malformed Fn::If")
            decided = self.condition(str(args[0]), scenario)
            if decided is None:
                return UnknownValue(f"depends on condition {args[0]}")
            return self.resolve(args[1] if decided else args[2], scenario, path, refs)
        if key == "Fn::Join":
            if not isinstance(args, list) or len(args) != 2:
                return UnknownValue("malformed Fn::Join")
            delimiter = self.resolve(args[0], scenario, path, refs)
            parts = self.resolve(args[1], scenario, path, refs)
            if is_unknown(parts):
                return parts
            if not isinstance(delimiter, str) or not isinstance(parts, list):
                return UnknownValue("Fn::Join over values that are not text")
            for part in parts:
                if is_unknown(part):
                    return part
            if not all(isinstance(p, str | int | float) and not isinstance(p, bool) for p in parts):
                return UnknownValue("Fn::Join over values that are not text")
            texts = [str(p) for p in parts]
            size = sum(len(t) for t in texts) + len(delimiter) * max(len(texts) - 1, 0)
            self._text_limit(size, "Fn::Join")
            return delimiter.join(texts)
        if key == "Fn::Select":
            if not isinstance(args, list) or len(args) != 2:
                return UnknownValue("malformed Fn::Select")
            index = self.resolve(args[0], scenario, path, refs)
            items = self.resolve(args[1], scenario, path, refs)
            if is_unknown(index) or is_unknown(items):
                return index if is_unknown(index) else items
            if not isinstance(items, list):
                return UnknownValue(
                    "Fn::Select over a non-list value (or a list known only at deploy time)"
                )
            try:
                position = int(index)
            except (TypeError, ValueError, OverflowError):
                return UnknownValue("Fn::Select with an index that is not a number")
            if not 0 <= position < len(items):
                return self._invalid(
                    args, f"Fn::Select index {position} is outside a list of {len(items)}"
                )
            return items[position]
        if key == "Fn::Split":
            if not isinstance(args, list) or len(args) != 2:
                return UnknownValue("malformed Fn::Split")
            delimiter = self.resolve(args[0], scenario, path, refs)
            source = self.resolve(args[1], scenario, path, refs)
            if is_unknown(source):
                return source
            if isinstance(delimiter, str) and isinstance(source, str) and delimiter:
                return source.split(delimiter)
            return UnknownValue("Fn::Split over a value that is not text")
        if key == "Fn::FindInMap":
            if not isinstance(args, list) or len(args) not in (3, 4):
                return UnknownValue("malformed Fn::FindInMap")
            keys = [self.resolve(a, scenario, path, refs) for a in args[:3]]
            for k in keys:
                if is_unknown(k):
                    return k
            current: Any = self.mappings
            for k in keys:
                if not isinstance(current, dict) or str(k) not in current:
                    if len(args) == 4 and isinstance(args[3], dict) and "DefaultValue" in args[3]:
                        return self.resolve(args[3]["DefaultValue"], scenario, path, refs)
                    return UnknownValue(f"Fn::FindInMap key {k} not in the mapping")
                current = current[str(k)]
            return self.resolve(current, scenario, path, refs)
        if key == "Fn::Base64":
            return self.resolve(args, scenario, path, refs)
        if key == "Fn::ToJsonString":
            value = self.resolve(args, scenario, path, refs)
            if contains_unknown(value):
                return UnknownValue("Fn::ToJsonString over unknown values")
            if value is _NO_VALUE:
                return UnknownValue("Fn::ToJsonString of AWS::NoValue")
            try:
                text = json.dumps(value, sort_keys=True, separators=(",", ":"))
            except (TypeError, ValueError):
                return UnknownValue("Fn::ToJsonString over values that are not JSON")
            self._text_limit(len(text), "Fn::ToJsonString")
            return text
        if key == "Fn::Length":
            value = self.resolve(args, scenario, path, refs)
            return len(value) if isinstance(value, list) else UnknownValue("Fn::Length of unknown")
        if key == "Fn::Cidr":
            return self._cidr(args, scenario, path, refs)
        if key == "Fn::GetAZs":
            return UnknownValue("availability zones are known only at deploy time")
        if key == "Fn::ImportValue":
            # Still walk the argument: it may reference resources.
            self.resolve(args, scenario, path, refs)
            return UnknownValue("value imported from another stack")
        return UnknownValue(f"{key} is not evaluated offline")

    def _sub(
        self, args: Any, scenario: dict[str, bool], path: str, refs: set[tuple[str, str]]
    ) -> Any:
        if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict):
            template, local = (
                args[0],
                {str(k): self.resolve(v, scenario, path, refs) for k, v in args[1].items()},
            )
        elif isinstance(args, str):
            template, local = args, {}
        else:
            return UnknownValue("malformed Fn::Sub")
        if not isinstance(template, str):
            return UnknownValue("Fn::Sub over a value that is not text")
        whole = re.fullmatch(r"\$\{([^}!]*)\}", template.strip())
        if whole and whole.group(1) not in local:
            # `!Sub ${Role.Arn}` is the attribute itself: keep it a Reference like !GetAtt.
            target, _, attribute = whole.group(1).partition(".")
            if target in self.logical_ids:
                return self._ref_value(target, path, refs, attribute or "Ref")
        unknown: list[UnknownValue] = []
        size = [len(template)]

        def substitute(match: re.Match[str]) -> str:
            text = replacement(match)
            size[0] += len(text)
            self._text_limit(size[0], "Fn::Sub")  # stop before the text is built
            return text

        def replacement(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in local:
                value = local[name]
            elif "." in name and name.split(".", 1)[0] in self.logical_ids:
                target, _attribute = name.split(".", 1)
                refs.add((target, path))
                return "${" + name + "}"
            else:
                value = self._ref_value(name, path, refs)
            if is_unknown(value):
                unknown.append(value)
                return ""
            if isinstance(value, list):
                return ",".join(str(v) for v in value)
            return str(value) if value is not _NO_VALUE else ""

        text = _SUB_VARIABLE.sub(substitute, template)
        return unknown[0] if unknown else text

    def _cidr(
        self, args: Any, scenario: dict[str, bool], path: str, refs: set[tuple[str, str]]
    ) -> Any:
        values = self.resolve(args, scenario, path, refs)
        if not isinstance(values, list) or len(values) != 3 or contains_unknown(values):
            return UnknownValue("Fn::Cidr over unknown values")
        try:
            block = ipaddress.ip_network(str(values[0]), strict=False)
            count, bits = int(values[1]), int(values[2])
        except (ValueError, TypeError, OverflowError):
            return UnknownValue("Fn::Cidr over invalid values")
        if not 1 <= count <= 256 or not 0 < bits <= block.max_prefixlen:
            return self._invalid(
                args,
                f"Fn::Cidr asks for {count} blocks of {bits} bits in {block}: outside its limits"
                f" (count 1-256, bits 1-{block.max_prefixlen})",
            )
        try:
            prefix = block.max_prefixlen - bits
            return [str(n) for n in itertools.islice(block.subnets(new_prefix=prefix), count)]
        except ValueError:  # the blocks are larger than the range they divide
            return self._invalid(args, f"Fn::Cidr cannot cut {bits}-bit blocks from {block}")

    # -- resources --------------------------------------------------------------------------
    def run(self) -> None:
        for key, body in self.template["Resources"].items():
            logical_id = str(key)
            self.line, self.where = _line(key), f"resource {logical_id}"
            self._resource(key, logical_id, body)
        self._fold_satellites()
        for name in sorted(self._cycles):
            self.diagnostics.append(
                Diagnostic(
                    self.item.label,
                    _line(next((k for k in self.condition_defs if k == name), None)),
                    f"condition {name} refers to itself through other conditions; values that"
                    " depend on it are unknown. Break the cycle in the Conditions section",
                    level="warning",
                    code="condition-cycle",
                )
            )

    def _resource(self, key: Any, logical_id: str, body: dict[str, Any]) -> None:
        rtype = str(body.get("Type"))
        own_condition = body.get("Condition")
        names = set(_conditions_used(body.get("Properties")))
        if isinstance(own_condition, str):
            names.add(own_condition)
        variants: list[tuple[str, dict[str, Any]]] = []
        refs: set[tuple[str, str]] = set()
        for scenario in self.scenarios(names):
            if (
                isinstance(own_condition, str)
                and self.condition(own_condition, scenario.conditions) is False
            ):
                continue  # the resource does not exist in this scenario
            props = self.resolve(
                body.get("Properties") or {}, scenario.conditions, "Properties", refs
            )
            variants.append((scenario.label, props if isinstance(props, dict) else {}))
        if not variants:
            return  # its condition is false under the parameter defaults: not deployed
        start = _line(key)
        end = self._end_line(body, start)
        first = variants[0][1]
        distinct = {json.dumps(v, sort_keys=True, default=repr) for _, v in variants}
        scenario_sets: tuple[tuple[str, dict[str, Any]], ...] = ()
        properties = first
        if len(distinct) > 1:
            scenario_sets = tuple(variants)
            properties = _merge_variants([v for _, v in variants])
        resource = Resource(
            node_id=self.node_id(logical_id),
            type=rtype,
            address=logical_id,
            properties=properties,
            source=Source(self.item.label, start, end, FORMAT),
            native_type=rtype,
            scenarios=scenario_sets,
            suppressions=_suppressions(body.get("Metadata"), start),
        )
        self.resources.append(resource)
        for target, via in sorted(refs):
            kind = "reference"
            self.edges.append(Edge(resource.node_id, self.node_id(target), kind, via))
        depends = body.get("DependsOn")
        for target in (
            [depends] if isinstance(depends, str) else depends if isinstance(depends, list) else []
        ):
            if str(target) in self.logical_ids:
                self.edges.append(
                    Edge(resource.node_id, self.node_id(str(target)), "depends_on", "DependsOn")
                )

    def _end_line(self, body: Any, start: int) -> int:
        mark = getattr(body, "end_mark", None)
        if mark is None:
            return start
        line = int(mark.line)
        before = self.lines[line][: mark.column] if line < len(self.lines) else ""
        end = line + (0 if before.strip() == "" else 1)
        # Block YAML ends where the next key starts: step back over blank and comment lines.
        while end > start and end - 1 < len(self.lines) and _blank_or_comment(self.lines[end - 1]):
            end -= 1
        return max(end, start)

    def _fold_satellites(self) -> None:
        """Stand-alone rule resources join their parent's inline list (docs/graph.md), so a
        control reads one list whichever way the template declares them."""
        by_id = {r.node_id: r for r in self.resources}
        for resource in self.resources:
            if resource.type == "AWS::EC2::SecurityGroup":
                _keep_default_egress(resource)
        for resource in self.resources:
            fold = _FOLDS.get(resource.type)
            if fold is None:
                continue
            parent_type, parent_key, list_key = fold
            parent_ref = resource.properties.get(parent_key)
            if not isinstance(parent_ref, Reference) or parent_ref.target not in by_id:
                continue
            parent = by_id[parent_ref.target]
            if parent.type != parent_type:
                continue  # e.g. a rule on a VPC's default security group: not in the scan
            entry = {
                k: v for k, v in resource.properties.items() if k not in (parent_key, "GroupName")
            }
            for props in [parent.properties] + [p for _, p in parent.scenarios]:
                entries = props.get(list_key)
                if not isinstance(entries, list):
                    # A group created without egress rules keeps AWS's allow-all rule.
                    entries = [dict(DEFAULT_EGRESS)] if list_key == "SecurityGroupEgress" else []
                    props[list_key] = entries
                entries.append(entry)


# Stand-alone type -> (parent type, property naming the parent, parent's list property).
_FOLDS = {
    "AWS::EC2::SecurityGroupIngress": (
        "AWS::EC2::SecurityGroup",
        "GroupId",
        "SecurityGroupIngress",
    ),
    "AWS::EC2::SecurityGroupEgress": ("AWS::EC2::SecurityGroup", "GroupId", "SecurityGroupEgress"),
    "AWS::EC2::NetworkAclEntry": ("AWS::EC2::NetworkAcl", "NetworkAclId", "Entries"),
}


def _suppressions(metadata: Any, line: int) -> tuple[Suppression, ...]:
    """`Metadata.csmm.ignore` entries ({control, reason, until}) as written; the overrides stage
    checks them. Anything that is not an entry is kept, empty, so that it is reported."""
    block = metadata.get("csmm") if isinstance(metadata, dict) else None
    entries = block.get("ignore") if isinstance(block, dict) else None
    if entries is None:
        return ()
    if not isinstance(entries, list):
        return (Suppression("", "", "", _line(entries) or line),)
    found = []
    for entry in entries:
        if not isinstance(entry, dict):
            found.append(Suppression("", "", "", _line(entry) or line))
            continue
        control, reason, until = (_text(entry.get(k)) for k in ("control", "reason", "until"))
        found.append(Suppression(control, reason, until, _line(entry) or line))
    return tuple(found)


def _text(node: Any) -> str:
    value = _plain(node)
    return "" if value is None else str(value).strip()


def _keep_default_egress(group: Resource) -> None:
    """An empty inline `SecurityGroupEgress` means what an absent one means: AWS adds its
    allow-all rule. The canonical graph keeps absence for that, and a list for real rules."""
    for props in [group.properties] + [p for _, p in group.scenarios]:
        value = props.get("SecurityGroupEgress")
        if isinstance(value, list) and not value:
            del props["SecurityGroupEgress"]


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _conditions_used(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::If" and isinstance(value, list) and value and isinstance(value[0], str):
                yield value[0]
            yield from _conditions_used(value)
    elif isinstance(node, list):
        for value in node:
            yield from _conditions_used(value)


def _merge_variants(variants: list[Any]) -> Any:
    """One property set from several scenarios: equal parts stay, differing parts are unknown."""
    first = variants[0]
    if all(isinstance(v, dict) for v in variants):
        keys = sorted({k for v in variants for k in v})
        return {
            k: _merge_variants([v[k] for v in variants])
            if all(k in v for v in variants)
            else UnknownValue(f"{k} is set only in some condition scenarios")
            for k in keys
        }
    encoded = {json.dumps(v, sort_keys=True, default=repr) for v in variants}
    if len(encoded) == 1:
        return first
    return UnknownValue("differs between condition scenarios")


def _canon(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _plain(node: Any) -> Any:
    """Decoder nodes to plain values: marked strings to str, dates to ISO, "true" to True."""
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        text = str.__str__(node)
        lowered = text.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        return text
    if isinstance(node, datetime.date | datetime.datetime):
        return node.isoformat()
    if isinstance(node, int | float):
        return node
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node)
