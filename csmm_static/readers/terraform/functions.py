"""Terraform's built-in functions over plain values, evaluated offline.

Values are Terraform's types in Python form: str (a `Reference` is a str), int/float, bool,
None, list (list, tuple and set), dict (map and object), and the model's unknown sentinel. A
function whose result depends on an unknown argument returns unknown; an argument Terraform
would reject raises `FunctionError`. Functions that read files, or evaluate templates, need the
module's scope and live in the evaluator.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import ipaddress
import json
import math
import re
import urllib.parse
import uuid
from collections.abc import Callable
from typing import Any

from csmm_static.model import Reference, Unknown, UnknownValue, contains_unknown, is_unknown
from csmm_static.readers.limits import MAX_TEXT_CHARS, LimitExceeded

Function = Callable[[list[Any]], Any]


class FunctionError(Exception):
    """A function was called with arguments Terraform rejects."""


def unknown(reason: str) -> UnknownValue:
    return UnknownValue(reason)


# ---------------------------------------------------------------------------------------------
# Conversions shared with the evaluator


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def to_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise FunctionError("a bool is not a number")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and not isinstance(value, Reference):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            raise FunctionError(f"{value!r} is not a number") from None
        return int(number) if number.is_integer() and "." not in text else number
    raise FunctionError(f"a {type_name(value)} is not a number")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    raise FunctionError(f"a {type_name(value)} is not a bool")


def number_text(value: int | float) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


def to_string(value: Any) -> str:
    """The text Terraform interpolates for a primitive value."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if value is None:
        raise FunctionError("a null value cannot be used as text")
    raise FunctionError(f"a {type_name(value)} cannot be used as text")


def tf_equal(left: Any, right: Any) -> bool:
    """Terraform equality: types must agree (1 != "1", true != 1), collections compare deeply."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return str.__eq__(left, right)
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            tf_equal(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(tf_equal(left[k], right[k]) for k in left)
    return False


def _scalar_key(value: Any) -> tuple[Any, ...] | None:
    """A hashable key equal for exactly the scalars `tf_equal` finds equal (None: a collection
    or anything else, compared deeply)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if value is None:
        return ("null",)
    return None


class Members:
    """Membership by Terraform equality: hashed for scalars, so that sets of thousands of
    strings cost linear time, not quadratic; collections are compared deeply."""

    def __init__(self, values: list[Any] | tuple[Any, ...] = ()) -> None:
        self.scalars: set[tuple[Any, ...]] = set()
        self.collections: list[Any] = []
        for value in values:
            self.add(value)

    def add(self, value: Any) -> None:
        key = _scalar_key(value)
        if key is not None:
            self.scalars.add(key)
        else:
            self.collections.append(value)

    def __contains__(self, value: Any) -> bool:
        key = _scalar_key(value)
        if key is not None:
            return key in self.scalars
        return any(tf_equal(value, other) for other in self.collections)


def distinct(items: list[Any]) -> list[Any]:
    """The items without repeats (Terraform equality), in their order."""
    seen = Members()
    unique: list[Any] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def set_of(items: list[Any]) -> list[Any]:
    """A Terraform set: duplicates removed, strings and numbers in their sorted order."""
    unique = distinct(items)
    if all(isinstance(i, str) for i in unique):
        return sorted(unique)
    if all(isinstance(i, int | float) and not isinstance(i, bool) for i in unique):
        return sorted(unique)
    return unique


def _list(value: Any, name: str) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        raise FunctionError(f"{name} expects a list, not an object")
    raise FunctionError(f"{name} expects a list, not a {type_name(value)}")


def _map(value: Any, name: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise FunctionError(f"{name} expects a map, not a {type_name(value)}")


def _str(value: Any, name: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return to_string(value)
    raise FunctionError(f"{name} expects a string, not a {type_name(value)}")


def _int(value: Any, name: str) -> int:
    number = to_number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise FunctionError(f"{name} expects a whole number")
        return int(number)
    return number


def _arity(args: list[Any], low: int, high: int | None, name: str) -> None:
    if len(args) < low or (high is not None and len(args) > high):
        expected = str(low) if high == low else f"{low}-{high if high is not None else 'n'}"
        raise FunctionError(f"{name} takes {expected} arguments, got {len(args)}")


# ---------------------------------------------------------------------------------------------
# Registry


REGISTRY: dict[str, Function] = {}
# Functions that look inside partly unknown arguments themselves; every other function returns
# unknown as soon as any argument holds an unknown part.
TOLERANT: set[str] = set()


def _register(*names: str, tolerant: bool = False) -> Callable[[Function], Function]:
    def wrap(function: Function) -> Function:
        for name in names:
            REGISTRY[name] = function
            if tolerant:
                TOLERANT.add(name)
        return function

    return wrap


# Functions that only move values around or join text: a `Reference` (a value known after
# apply, written as "${aws_x.y.arn}") passes through them as text or as an element. Every other
# function would look inside the value, which is not known offline.
REFERENCE_SAFE = frozenset(
    {
        "concat",
        "merge",
        "lookup",
        "element",
        "keys",
        "values",
        "flatten",
        "distinct",
        "tolist",
        "toset",
        "tomap",
        "coalesce",
        "coalescelist",
        "compact",
        "one",
        "tostring",
        "jsonencode",
        "join",
        "format",
        "formatlist",
        "lower",
        "upper",
        "trimspace",
        "trimprefix",
        "trimsuffix",
        "sensitive",
        "nonsensitive",
        "ephemeralasnull",
        "zipmap",
        "slice",
        "reverse",
        "setunion",
        "length",
        "contains",
        "yamlencode",
        "issensitive",
    }
)


def contains_reference(value: Any) -> bool:
    if isinstance(value, Reference):
        return True
    if isinstance(value, dict):
        return any(contains_reference(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_reference(v) for v in value)
    return False


def call(name: str, args: list[Any]) -> Any:
    """Apply a built-in function; unknown for functions this evaluator does not implement."""
    function = REGISTRY.get(name)
    if function is None:
        return unknown(f"function {name}() is not evaluated offline")
    if name not in TOLERANT and any(contains_unknown(a) for a in args):
        first = next(a for a in args if contains_unknown(a))
        return first if is_unknown(first) else unknown(f"{name}() over a value not known")
    if name not in REFERENCE_SAFE and any(contains_reference(a) for a in args):
        return unknown(f"{name}() over a value known only after apply")
    if _text_size(args) > MAX_TEXT_CHARS * 8:
        raise text_too_long(name)
    try:
        result = function(args)
    except FunctionError:
        raise
    except RecursionError:
        return unknown(f"{name}() over a value nested too deeply")
    except Unknown as exc:
        return unknown(exc.reason)
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, ZeroDivisionError) as exc:
        raise FunctionError(f"{name}(): {exc}") from None
    if isinstance(result, str) and len(result) > MAX_TEXT_CHARS:
        raise text_too_long(name)
    return result


def text_too_long(what: str) -> LimitExceeded:
    """A string built by `what` is over the limit: no deployable configuration builds one."""
    return LimitExceeded("text", f"{what} builds text over {MAX_TEXT_CHARS} characters")


def _text_size(value: Any, budget: int = 10_000) -> int:
    """Characters of text in a function's arguments (a bounded look, not a full walk)."""
    total, stack = 0, [value]
    while stack and budget > 0:
        current = stack.pop()
        budget -= 1
        if isinstance(current, str):
            total += len(current)
        elif isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            stack.extend(current.values())
    return total


# -- collections ------------------------------------------------------------------------------


@_register("length", tolerant=True)
def _length(args: list[Any]) -> Any:
    _arity(args, 1, 1, "length")
    value = args[0]
    if is_unknown(value):
        return value
    if isinstance(value, Reference):
        return unknown("length() of a value known only after apply")
    if isinstance(value, str | list | dict):
        return len(value)
    raise FunctionError(f"length() of a {type_name(value)}")


@_register("concat", tolerant=True)
def _concat(args: list[Any]) -> Any:
    result: list[Any] = []
    for item in args:
        if is_unknown(item):
            return item
        result.extend(_list(item, "concat"))
    return result


@_register("merge", tolerant=True)
def _merge(args: list[Any]) -> Any:
    result: dict[str, Any] = {}
    for item in args:
        if item is None:
            continue
        if is_unknown(item):
            return item
        result.update(_map(item, "merge"))
    return result


@_register("lookup", tolerant=True)
def _lookup(args: list[Any]) -> Any:
    _arity(args, 2, 3, "lookup")
    mapping, key = args[0], args[1]
    if is_unknown(mapping) or is_unknown(key):
        return mapping if is_unknown(mapping) else key
    mapping = _map(mapping, "lookup")
    key = _str(key, "lookup")
    if key in mapping:
        return mapping[key]
    if len(args) == 3:
        return args[2]
    raise FunctionError(f"lookup(): no key {key!r} and no default")


@_register("element", tolerant=True)
def _element(args: list[Any]) -> Any:
    _arity(args, 2, 2, "element")
    items, index = args
    if is_unknown(items) or is_unknown(index):
        return items if is_unknown(items) else index
    items = _list(items, "element")
    if not items:
        raise FunctionError("element() of an empty list")
    position = _int(index, "element")
    if position < 0:
        raise FunctionError("element() with a negative index")
    return items[position % len(items)]


@_register("index")
def _index(args: list[Any]) -> Any:
    _arity(args, 2, 2, "index")
    for position, item in enumerate(_list(args[0], "index")):
        if tf_equal(item, args[1]):
            return position
    raise FunctionError("index(): the value is not in the list")


@_register("keys", tolerant=True)
def _keys(args: list[Any]) -> Any:
    _arity(args, 1, 1, "keys")
    if is_unknown(args[0]):
        return args[0]
    return sorted(_map(args[0], "keys"))


@_register("values", tolerant=True)
def _values(args: list[Any]) -> Any:
    _arity(args, 1, 1, "values")
    if is_unknown(args[0]):
        return args[0]
    mapping = _map(args[0], "values")
    return [mapping[k] for k in sorted(mapping)]


@_register("contains", tolerant=True)
def _contains(args: list[Any]) -> Any:
    _arity(args, 2, 2, "contains")
    items, wanted = args
    if is_unknown(items) or contains_unknown(wanted):
        return unknown("contains() over a value not known")
    items = _list(items, "contains")
    if any(not contains_unknown(i) and tf_equal(i, wanted) for i in items):
        return True
    if any(contains_unknown(i) or contains_reference(i) for i in items) or contains_reference(
        wanted
    ):
        return unknown("contains() over values not known")
    return False


@_register("flatten", tolerant=True)
def _flatten(args: list[Any]) -> Any:
    _arity(args, 1, 1, "flatten")

    def walk(value: Any) -> list[Any]:
        if is_unknown(value):
            raise _UnknownInside()
        if isinstance(value, list):
            out: list[Any] = []
            for item in value:
                out.extend(walk(item))
            return out
        return [value]

    if is_unknown(args[0]):
        return args[0]
    try:
        return walk(_list(args[0], "flatten"))
    except _UnknownInside:
        return unknown("flatten() over a list with unknown elements")


class _UnknownInside(Exception):
    pass


@_register("distinct")
def _distinct(args: list[Any]) -> Any:
    _arity(args, 1, 1, "distinct")
    return distinct(_list(args[0], "distinct"))


@_register("tolist", tolerant=True)
def _tolist(args: list[Any]) -> Any:
    _arity(args, 1, 1, "tolist")
    if is_unknown(args[0]) or args[0] is None:
        return args[0]
    return list(_list(args[0], "tolist"))


@_register("toset")
def _toset(args: list[Any]) -> Any:
    _arity(args, 1, 1, "toset")
    if args[0] is None:
        return None
    return set_of(_list(args[0], "toset"))


@_register("tomap", tolerant=True)
def _tomap(args: list[Any]) -> Any:
    _arity(args, 1, 1, "tomap")
    if is_unknown(args[0]) or args[0] is None:
        return args[0]
    return dict(_map(args[0], "tomap"))


@_register("coalesce", tolerant=True)
def _coalesce(args: list[Any]) -> Any:
    for item in args:
        if is_unknown(item):
            return item
        if item is not None and item != "":
            return item
    raise FunctionError("coalesce(): every argument is null or empty")


@_register("coalescelist", tolerant=True)
def _coalescelist(args: list[Any]) -> Any:
    for item in args:
        if is_unknown(item):
            return item
        if _list(item, "coalescelist"):
            return item
    raise FunctionError("coalescelist(): every list is empty")


@_register("compact")
def _compact(args: list[Any]) -> Any:
    _arity(args, 1, 1, "compact")
    return [i for i in _list(args[0], "compact") if i is not None and i != ""]


@_register("slice")
def _slice(args: list[Any]) -> Any:
    _arity(args, 3, 3, "slice")
    items = _list(args[0], "slice")
    start, end = _int(args[1], "slice"), _int(args[2], "slice")
    if start < 0 or end > len(items) or start > end:
        raise FunctionError("slice() indexes out of range")
    return items[start:end]


@_register("reverse")
def _reverse(args: list[Any]) -> Any:
    _arity(args, 1, 1, "reverse")
    return list(reversed(_list(args[0], "reverse")))


@_register("sort")
def _sort(args: list[Any]) -> Any:
    _arity(args, 1, 1, "sort")
    return sorted(to_string(i) for i in _list(args[0], "sort"))


@_register("range")
def _range(args: list[Any]) -> Any:
    _arity(args, 1, 3, "range")
    numbers = [to_number(a) for a in args]
    start: int | float
    limit: int | float
    step: int | float
    if len(numbers) == 1:
        start, limit, step = 0, numbers[0], 1
    elif len(numbers) == 2:
        start, limit = numbers
        step = 1 if limit >= start else -1
    else:
        start, limit, step = numbers
    if step == 0:
        raise FunctionError("range() step must not be zero")
    result: list[Any] = []
    current = start
    while (step > 0 and current < limit) or (step < 0 and current > limit):
        result.append(current)
        current += step
        if len(result) > 1024:
            raise FunctionError("range() of more than 1024 elements")
    return result


@_register("zipmap")
def _zipmap(args: list[Any]) -> Any:
    _arity(args, 2, 2, "zipmap")
    keys, values = _list(args[0], "zipmap"), _list(args[1], "zipmap")
    if len(keys) != len(values):
        raise FunctionError("zipmap() lists differ in length")
    return {_str(k, "zipmap"): v for k, v in zip(keys, values, strict=True)}


@_register("chunklist")
def _chunklist(args: list[Any]) -> Any:
    _arity(args, 2, 2, "chunklist")
    items, size = _list(args[0], "chunklist"), _int(args[1], "chunklist")
    if size <= 0:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


@_register("setunion")
def _setunion(args: list[Any]) -> Any:
    return set_of([i for a in args for i in _list(a, "setunion")])


@_register("setintersection")
def _setintersection(args: list[Any]) -> Any:
    _arity(args, 1, None, "setintersection")
    first = set_of(_list(args[0], "setintersection"))
    others = [Members(_list(a, "setintersection")) for a in args[1:]]
    return [i for i in first if all(i in other for other in others)]


@_register("setsubtract")
def _setsubtract(args: list[Any]) -> Any:
    _arity(args, 2, 2, "setsubtract")
    removed = Members(_list(args[1], "setsubtract"))
    return [i for i in set_of(_list(args[0], "setsubtract")) if i not in removed]


@_register("setproduct")
def _setproduct(args: list[Any]) -> Any:
    result: list[list[Any]] = [[]]
    for item in args:
        result = [[*prefix, value] for prefix in result for value in _list(item, "setproduct")]
        if len(result) > 4096:
            raise FunctionError("setproduct() of more than 4096 elements")
    return result if args else []


@_register("sum")
def _sum(args: list[Any]) -> Any:
    _arity(args, 1, 1, "sum")
    items = _list(args[0], "sum")
    if not items:
        raise FunctionError("sum() of an empty list")
    total: int | float = 0
    for item in items:
        total += to_number(item)
    return total


@_register("alltrue")
def _alltrue(args: list[Any]) -> Any:
    _arity(args, 1, 1, "alltrue")
    return all(to_bool(i) for i in _list(args[0], "alltrue"))


@_register("anytrue")
def _anytrue(args: list[Any]) -> Any:
    _arity(args, 1, 1, "anytrue")
    return any(to_bool(i) for i in _list(args[0], "anytrue"))


@_register("one", tolerant=True)
def _one(args: list[Any]) -> Any:
    _arity(args, 1, 1, "one")
    if is_unknown(args[0]):
        return args[0]
    items = _list(args[0], "one")
    if len(items) > 1:
        raise FunctionError("one() of a list with more than one element")
    return items[0] if items else None


@_register("transpose")
def _transpose(args: list[Any]) -> Any:
    _arity(args, 1, 1, "transpose")
    result: dict[str, list[str]] = {}
    for key, items in sorted(_map(args[0], "transpose").items()):
        for item in _list(items, "transpose"):
            result.setdefault(_str(item, "transpose"), []).append(key)
    return {k: sorted(v) for k, v in sorted(result.items())}


@_register("matchkeys")
def _matchkeys(args: list[Any]) -> Any:
    _arity(args, 3, 3, "matchkeys")
    values, keys, wanted = (_list(a, "matchkeys") for a in args)
    if len(values) != len(keys):
        raise FunctionError("matchkeys() lists differ in length")
    members = Members(wanted)
    return [v for v, k in zip(values, keys, strict=True) if k in members]


# -- strings ----------------------------------------------------------------------------------


@_register("join")
def _join(args: list[Any]) -> Any:
    _arity(args, 2, None, "join")
    separator = _str(args[0], "join")
    parts = [to_string(i) for a in args[1:] for i in _list(a, "join") if i is not None]
    return separator.join(parts)


@_register("split")
def _split(args: list[Any]) -> Any:
    _arity(args, 2, 2, "split")
    separator, text = _str(args[0], "split"), _str(args[1], "split")
    if text == "":
        return [""]
    return text.split(separator) if separator else list(text)


@_register("lower")
def _lower(args: list[Any]) -> Any:
    _arity(args, 1, 1, "lower")
    return _str(args[0], "lower").lower()


@_register("upper")
def _upper(args: list[Any]) -> Any:
    _arity(args, 1, 1, "upper")
    return _str(args[0], "upper").upper()


@_register("title")
def _title(args: list[Any]) -> Any:
    _arity(args, 1, 1, "title")
    return re.sub(r"\b([a-z])", lambda m: m.group(1).upper(), _str(args[0], "title"))


@_register("trimspace")
def _trimspace(args: list[Any]) -> Any:
    _arity(args, 1, 1, "trimspace")
    return _str(args[0], "trimspace").strip()


@_register("chomp")
def _chomp(args: list[Any]) -> Any:
    _arity(args, 1, 1, "chomp")
    return re.sub(r"[\r\n]+\Z", "", _str(args[0], "chomp"))


@_register("trim")
def _trim(args: list[Any]) -> Any:
    _arity(args, 2, 2, "trim")
    return _str(args[0], "trim").strip(_str(args[1], "trim"))


@_register("trimprefix")
def _trimprefix(args: list[Any]) -> Any:
    _arity(args, 2, 2, "trimprefix")
    return _str(args[0], "trimprefix").removeprefix(_str(args[1], "trimprefix"))


@_register("trimsuffix")
def _trimsuffix(args: list[Any]) -> Any:
    _arity(args, 2, 2, "trimsuffix")
    return _str(args[0], "trimsuffix").removesuffix(_str(args[1], "trimsuffix"))


@_register("startswith")
def _startswith(args: list[Any]) -> Any:
    _arity(args, 2, 2, "startswith")
    return _str(args[0], "startswith").startswith(_str(args[1], "startswith"))


@_register("endswith")
def _endswith(args: list[Any]) -> Any:
    _arity(args, 2, 2, "endswith")
    return _str(args[0], "endswith").endswith(_str(args[1], "endswith"))


@_register("strcontains")
def _strcontains(args: list[Any]) -> Any:
    _arity(args, 2, 2, "strcontains")
    return _str(args[1], "strcontains") in _str(args[0], "strcontains")


@_register("strrev")
def _strrev(args: list[Any]) -> Any:
    _arity(args, 1, 1, "strrev")
    return _str(args[0], "strrev")[::-1]


@_register("substr")
def _substr(args: list[Any]) -> Any:
    _arity(args, 3, 3, "substr")
    text = _str(args[0], "substr")
    offset, length = _int(args[1], "substr"), _int(args[2], "substr")
    if offset < 0:
        offset = max(len(text) + offset, 0)
    if offset > len(text):
        raise FunctionError("substr() offset beyond the end of the string")
    return text[offset:] if length < 0 else text[offset : offset + length]


@_register("indent")
def _indent(args: list[Any]) -> Any:
    _arity(args, 2, 2, "indent")
    spaces = _int(args[0], "indent")
    if spaces > MAX_TEXT_CHARS:
        raise text_too_long("indent()")
    pad = " " * spaces
    return _str(args[1], "indent").replace("\n", "\n" + pad)


def _go_replacement(text: str) -> str:
    # Go's $1 / ${1} / ${name} become Python's \g<...>.
    text = text.replace("\\", "\\\\")
    return re.sub(r"\$\{?(\w+)\}?", lambda m: f"\\g<{m.group(1)}>", text)


@_register("replace")
def _replace(args: list[Any]) -> Any:
    _arity(args, 3, 3, "replace")
    text, search, replacement = (_str(a, "replace") for a in args)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        return re.sub(search[1:-1], _go_replacement(replacement), text)
    return text.replace(search, replacement)


@_register("regex")
def _regex(args: list[Any]) -> Any:
    _arity(args, 2, 2, "regex")
    pattern = re.compile(_str(args[0], "regex"))
    match = pattern.search(_str(args[1], "regex"))
    if not match:
        raise FunctionError("regex() found no match")
    return _match_value(pattern, match)


@_register("regexall")
def _regexall(args: list[Any]) -> Any:
    _arity(args, 2, 2, "regexall")
    pattern = re.compile(_str(args[0], "regexall"))
    return [_match_value(pattern, m) for m in pattern.finditer(_str(args[1], "regexall"))]


def _match_value(pattern: re.Pattern[str], match: re.Match[str]) -> Any:
    if pattern.groupindex:
        return {name: match.group(name) for name in sorted(pattern.groupindex)}
    if pattern.groups:
        return list(match.groups())
    return match.group(0)


_FORMAT_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0]*)(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])")


def format_text(spec: str, values: list[Any]) -> str:
    """Terraform's format(): Go-style verbs (%s %d %v %q %t %f %x %o %b %e) over values."""
    position = 0
    out: list[str] = []
    last = 0
    for match in _FORMAT_VERB.finditer(spec):
        out.append(spec[last : match.start()])
        last = match.end()
        explicit, flags, width, precision, verb = match.groups()
        if verb == "%":
            out.append("%")
            continue
        if explicit:
            position = int(explicit) - 1
        if position >= len(values):
            raise FunctionError("format() has more verbs than values")
        value = values[position]
        position += 1
        out.append(_format_one(value, flags or "", width, precision, verb))
    out.append(spec[last:])
    return "".join(out)


def _format_one(value: Any, flags: str, width: str | None, precision: str | None, verb: str) -> str:
    if verb in ("s", "v"):
        if isinstance(value, list | dict) and verb == "v":
            text = json.dumps(value, sort_keys=True, separators=(",", ":"))
        else:
            text = to_string(value)
        if precision is not None:
            text = text[: int(precision)]
    elif verb == "q":
        text = json.dumps(_str(value, "format"))
    elif verb == "t":
        text = "true" if to_bool(value) else "false"
    elif verb in "dxXob":
        number = to_number(value)
        if isinstance(number, float) and not number.is_integer():
            raise FunctionError("format() %d of a fraction")
        text = format(int(number), {"d": "d", "x": "x", "X": "X", "o": "o", "b": "b"}[verb])
        if "+" in flags and int(number) >= 0:
            text = "+" + text
    elif verb in "feEgG":
        text = format(float(to_number(value)), f".{precision or 6}{verb}")
    else:
        raise FunctionError(f"format() verb %{verb} is not supported")
    if width and width != "*":
        size = int(width)
        if size > MAX_TEXT_CHARS:
            raise text_too_long("format()")
        if "-" in flags:
            text = text.ljust(size)
        elif "0" in flags and verb not in "sqvt":
            text = text.rjust(size, "0")
        else:
            text = text.rjust(size)
    return text


@_register("format")
def _format(args: list[Any]) -> Any:
    _arity(args, 1, None, "format")
    return format_text(_str(args[0], "format"), args[1:])


@_register("formatlist")
def _formatlist(args: list[Any]) -> Any:
    _arity(args, 1, None, "formatlist")
    spec = _str(args[0], "formatlist")
    lengths = {len(a) for a in args[1:] if isinstance(a, list)}
    if len(lengths) > 1:
        raise FunctionError("formatlist() lists differ in length")
    count = lengths.pop() if lengths else 1
    return [
        format_text(spec, [a[i] if isinstance(a, list) else a for a in args[1:]])
        for i in range(count)
    ]


# -- numbers ----------------------------------------------------------------------------------


@_register("abs")
def _abs(args: list[Any]) -> Any:
    _arity(args, 1, 1, "abs")
    return abs(to_number(args[0]))


@_register("ceil")
def _ceil(args: list[Any]) -> Any:
    _arity(args, 1, 1, "ceil")
    return math.ceil(to_number(args[0]))


@_register("floor")
def _floor(args: list[Any]) -> Any:
    _arity(args, 1, 1, "floor")
    return math.floor(to_number(args[0]))


@_register("max")
def _max(args: list[Any]) -> Any:
    _arity(args, 1, None, "max")
    return max(to_number(a) for a in args)


@_register("min")
def _min(args: list[Any]) -> Any:
    _arity(args, 1, None, "min")
    return min(to_number(a) for a in args)


@_register("pow")
def _pow(args: list[Any]) -> Any:
    _arity(args, 2, 2, "pow")
    result = to_number(args[0]) ** to_number(args[1])
    return result


@_register("signum")
def _signum(args: list[Any]) -> Any:
    _arity(args, 1, 1, "signum")
    number = to_number(args[0])
    return (number > 0) - (number < 0)


@_register("log")
def _log(args: list[Any]) -> Any:
    _arity(args, 2, 2, "log")
    return math.log(to_number(args[0]), to_number(args[1]))


@_register("parseint")
def _parseint(args: list[Any]) -> Any:
    _arity(args, 2, 2, "parseint")
    return int(_str(args[0], "parseint"), _int(args[1], "parseint"))


# -- types ------------------------------------------------------------------------------------


@_register("tostring", tolerant=True)
def _tostring(args: list[Any]) -> Any:
    _arity(args, 1, 1, "tostring")
    value = args[0]
    if is_unknown(value) or value is None:
        return value
    return to_string(value)


@_register("tonumber")
def _tonumber(args: list[Any]) -> Any:
    _arity(args, 1, 1, "tonumber")
    return None if args[0] is None else to_number(args[0])


@_register("tobool")
def _tobool(args: list[Any]) -> Any:
    _arity(args, 1, 1, "tobool")
    return None if args[0] is None else to_bool(args[0])


@_register("sensitive", "nonsensitive", "ephemeralasnull", tolerant=True)
def _identity(args: list[Any]) -> Any:
    _arity(args, 1, 1, "sensitive")
    return args[0]


@_register("issensitive", tolerant=True)
def _issensitive(args: list[Any]) -> Any:
    return False


# -- encodings --------------------------------------------------------------------------------


def json_text(value: Any) -> str:
    """jsonencode(): keys sorted, no spaces, as Terraform renders it."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class PartialDocument(dict[str, Any]):
    """jsonencode() of an object with unknown parts, kept as the object (see jsonencode)."""


@_register("jsonencode", tolerant=True)
def _jsonencode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "jsonencode")
    value = args[0]
    if is_unknown(value):
        return value
    if contains_unknown(value):
        # The document keeps its known parts (a policy with one unknown ARN still shows its
        # actions); readers of documents accept structures as well as JSON text.
        return (
            PartialDocument(value)
            if isinstance(value, dict)
            else unknown("jsonencode() of a value not known")
        )
    return json_text(value)


@_register("jsondecode", tolerant=True)
def _jsondecode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "jsondecode")
    value = args[0]
    if isinstance(value, PartialDocument):
        return dict(value)
    if isinstance(value, dict | list):
        raise FunctionError("jsondecode() of an object or list, not a string")
    if is_unknown(value):
        return value
    try:
        return json.loads(_str(value, "jsondecode"))
    except ValueError as exc:  # JSONDecodeError, or an integer over Python's 4300 digits
        raise FunctionError(f"jsondecode(): {exc}") from None


@_register("yamlencode")
def _yamlencode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "yamlencode")
    import yaml  # deferred, as below: few configurations call the YAML functions

    return yaml.safe_dump(args[0], sort_keys=True, default_flow_style=False)


@_register("yamldecode")
def _yamldecode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "yamldecode")
    import yaml

    try:
        return yaml.safe_load(_str(args[0], "yamldecode"))
    except yaml.YAMLError as exc:
        raise FunctionError(f"yamldecode(): {exc}") from None


@_register("csvdecode")
def _csvdecode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "csvdecode")
    return [dict(row) for row in csv.DictReader(io.StringIO(_str(args[0], "csvdecode")))]


@_register("base64encode")
def _base64encode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "base64encode")
    return base64.b64encode(_str(args[0], "base64encode").encode()).decode()


@_register("base64decode")
def _base64decode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "base64decode")
    try:
        return base64.b64decode(_str(args[0], "base64decode")).decode("utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise FunctionError(f"base64decode(): {exc}") from None


@_register("urlencode")
def _urlencode(args: list[Any]) -> Any:
    _arity(args, 1, 1, "urlencode")
    return urllib.parse.quote(_str(args[0], "urlencode"), safe="")


def _digest(name: str, encoding: str = "hex") -> Function:
    def digest(args: list[Any]) -> Any:
        _arity(args, 1, 1, name)
        raw = hashlib.new(name.replace("base64", ""), _str(args[0], name).encode()).digest()
        return raw.hex() if encoding == "hex" else base64.b64encode(raw).decode()

    return digest


for _name in ("md5", "sha1", "sha256", "sha512"):
    _register(_name)(_digest(_name))
for _name in ("base64sha256", "base64sha512"):
    _register(_name)(_digest(_name, "base64"))


_UUID_NAMESPACES = {
    "dns": uuid.NAMESPACE_DNS,
    "url": uuid.NAMESPACE_URL,
    "oid": uuid.NAMESPACE_OID,
    "x500": uuid.NAMESPACE_X500,
}


@_register("uuidv5")
def _uuidv5(args: list[Any]) -> Any:
    _arity(args, 2, 2, "uuidv5")
    space = _str(args[0], "uuidv5")
    namespace = _UUID_NAMESPACES.get(space) or uuid.UUID(space)
    return str(uuid.uuid5(namespace, _str(args[1], "uuidv5")))


# -- paths that need no file system -----------------------------------------------------------


@_register("basename")
def _basename(args: list[Any]) -> Any:
    _arity(args, 1, 1, "basename")
    return _str(args[0], "basename").rstrip("/").rsplit("/", 1)[-1]


@_register("dirname")
def _dirname(args: list[Any]) -> Any:
    _arity(args, 1, 1, "dirname")
    text = _str(args[0], "dirname").rstrip("/")
    return text.rsplit("/", 1)[0] if "/" in text else "."


# -- networks ---------------------------------------------------------------------------------


def _network(text: Any, name: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(_str(text, name), strict=False)
    except ValueError as exc:
        raise FunctionError(f"{name}(): {exc}") from None


def _subnet(
    base: ipaddress.IPv4Network | ipaddress.IPv6Network, newbits: int, netnum: int, name: str
) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    prefix = base.prefixlen + newbits
    if newbits < 0 or prefix > base.max_prefixlen:
        raise FunctionError(f"{name}(): not enough address space for {newbits} more bits")
    if netnum < 0 or netnum >= 2**newbits:
        raise FunctionError(f"{name}(): network number {netnum} does not fit in {newbits} bits")
    address = int(base.network_address) + (netnum << (base.max_prefixlen - prefix))
    return ipaddress.ip_network((address, prefix))


@_register("cidrsubnet")
def _cidrsubnet(args: list[Any]) -> Any:
    _arity(args, 3, 3, "cidrsubnet")
    base = _network(args[0], "cidrsubnet")
    newbits, netnum = _int(args[1], "cidrsubnet"), _int(args[2], "cidrsubnet")
    return str(_subnet(base, newbits, netnum, "cidrsubnet"))


@_register("cidrsubnets")
def _cidrsubnets(args: list[Any]) -> Any:
    _arity(args, 1, None, "cidrsubnets")
    base = _network(args[0], "cidrsubnets")
    result: list[str] = []
    cursor = int(base.network_address)
    for bits in args[1:]:
        newbits = _int(bits, "cidrsubnets")
        prefix = base.prefixlen + newbits
        if newbits < 1 or prefix > base.max_prefixlen:
            raise FunctionError("cidrsubnets(): invalid number of new bits")
        size = 1 << (base.max_prefixlen - prefix)
        cursor = (cursor + size - 1) // size * size  # align to the block's own size
        subnet = ipaddress.ip_network((cursor, prefix))
        if not subnet.subnet_of(base):  # type: ignore[arg-type]
            raise FunctionError("cidrsubnets(): not enough address space")
        result.append(str(subnet))
        cursor += size
    return result


@_register("cidrhost")
def _cidrhost(args: list[Any]) -> Any:
    _arity(args, 2, 2, "cidrhost")
    base = _network(args[0], "cidrhost")
    number = _int(args[1], "cidrhost")
    if number < 0:
        number += base.num_addresses
    if not 0 <= number < base.num_addresses:
        raise FunctionError("cidrhost(): host number out of range")
    return str(base.network_address + number)


@_register("cidrnetmask")
def _cidrnetmask(args: list[Any]) -> Any:
    _arity(args, 1, 1, "cidrnetmask")
    base = _network(args[0], "cidrnetmask")
    if base.version != 4:
        raise FunctionError("cidrnetmask() is for IPv4 only")
    return str(base.netmask)


# -- provider-defined functions of the AWS provider -------------------------------------------


@_register("provider::aws::arn_parse")
def _arn_parse(args: list[Any]) -> Any:
    _arity(args, 1, 1, "arn_parse")
    parts = _str(args[0], "arn_parse").split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        raise FunctionError("arn_parse(): not an ARN")
    return {
        "partition": parts[1],
        "service": parts[2],
        "region": parts[3],
        "account_id": parts[4],
        "resource": parts[5],
    }


@_register("provider::aws::arn_build")
def _arn_build(args: list[Any]) -> Any:
    _arity(args, 5, 5, "arn_build")
    return "arn:" + ":".join(_str(a, "arn_build") for a in args)
