"""Terraform's native syntax read with tree-sitter's HCL grammar into plain expression tuples.

tree-sitter parses in C (a whole repository of Terraform in milliseconds) and recovers from
errors; a file with any error or missing token is refused here, at the first such node's line,
as Terraform would refuse it. The concrete tree is then walked once into `Block`s whose
attribute expressions are tuples tagged by their first item, which the evaluator dispatches on
and the read cache stores as JSON:

    ("lit", value)                      a number, bool, null or string without templates
    ("var", name)                       a root name: var, local, aws_instance, each, count...
    ("tpl", parts)                      a template; parts are ("lit", text), ("interp", expr),
                                        ("if", cond, then_parts, else_parts) and
                                        ("for", key_name | None, value_name, collection, parts)
    ("tuple", items)  ("object", ((key, value), ...))
    ("get", base, name)  ("idx", base, key)
    ("splat", base, full, ops)          ops: ("attr", name) | ("key", expr); `.*` splats keep
                                        only their attribute steps, `[*]` any step
    ("cond", c, t, f)  ("unary", op, e)  ("bin", op, left, right)
    ("call", name, args, expand_last)
    ("fort", key_name, value_name, collection, value, condition)
    ("foro", key_name, value_name, collection, key, value, condition, grouping)
    ("bad", reason)                     a literal Terraform cannot hold (a number too long)

Object keys written as a bare name or a number are ("lit", text); parentheses make a key an
expression, as in Terraform. Heredocs become the template of their body, indentation of `<<-`
removed first. Line numbers are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from csmm_static.readers.limits import LimitExceeded, too_deep

Node = Any  # a tree_sitter.Node
Expr = tuple[Any, ...]

# Nodes that nest a value or a body, counted against --max-depth.
_NESTING = frozenset(
    {"block", "object", "tuple", "function_call", "for_tuple_expr", "for_object_expr"}
)
# Expression levels of any kind: the tuples are evaluated recursively, a few frames per level.
MAX_TREE_DEPTH = 300

_BINARY = frozenset({"+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"})
_PARTS = frozenset({"template_interpolation", "template_directive"})
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{", re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


# Tag -> size of each tuple the walk makes (the read cache checks what it loads against it).
SHAPES = {
    "lit": 2, "var": 2, "bad": 2, "tpl": 2, "tuple": 2, "object": 2, "interp": 2,
    "if": 4, "for": 5, "get": 3, "idx": 3, "splat": 4, "cond": 4, "unary": 3, "bin": 4,
    "call": 4, "fort": 6, "foro": 8, "attr": 2, "key": 2,
}  # fmt: skip


class HclSyntaxError(ValueError):
    """Text Terraform would refuse; `line` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} at line {line}")
        self.line = line


@dataclass(frozen=True)
class Item:
    """An attribute or a block of a body, as the walk found it."""

    kind: str  # "attribute" or "block"
    name: str  # attribute name or block type
    labels: tuple[str, ...]
    expr: Expr | None  # attributes only
    body: tuple[Item, ...]  # blocks only
    line: int
    end_line: int


@lru_cache(maxsize=1)
def _parser() -> Any:
    import tree_sitter
    import tree_sitter_hcl

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))


def load_parser() -> None:
    """Load the grammar now (before forking workers, so that each inherits it)."""
    _parser()


def parse_body(text: str, max_depth: int) -> tuple[Item, ...]:
    """The top-level attributes and blocks of a native-syntax file, in order."""
    source = text.encode("utf-8", "surrogatepass")
    body = _parsed_body(source)
    return _Walk(source, max_depth).body(body, 0) if body is not None else ()


def _parsed_body(source: bytes) -> Node | None:
    """The `body` node of a file's tree; HclSyntaxError at the first error."""
    root = _parser().parse(source).root_node
    if root.has_error:
        raise _syntax_error(root)
    return next((c for c in root.children if c.type == "body"), None)


def _syntax_error(root: Node) -> HclSyntaxError:
    node = root
    while True:
        if node.is_missing:
            return HclSyntaxError(f"missing {node.type!r}", node.start_point[0] + 1)
        if node.is_error:
            break
        child = next((c for c in node.children if c.has_error), None)
        if child is None:
            break
        node = child
    # tree-sitter's error node starts where the construct it could not finish starts: its
    # first line shows the reader both that construct and, usually, the offending text.
    text = node.text.decode("utf-8", "replace").strip().splitlines()
    shown = text[0][:80] if text else ""
    what = f"invalid syntax in {shown!r}" if shown else "unexpected end of file"
    return HclSyntaxError(what, node.start_point[0] + 1)


def unescape(text: str) -> str:
    """A quoted template's literal text: backslash escapes, and `$${` / `%%{` for `${` / `%{`."""
    if "\\" not in text and "${" not in text and "%{" not in text:
        return text
    return _ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    if found in ("$${", "%%{"):
        return found[1:]
    letter = found[1]
    if letter in ("u", "U"):
        try:
            return chr(int(found[2:], 16))
        except (ValueError, OverflowError):
            return found
    return _SIMPLE.get(letter, found)


def _number(text: str) -> Expr:
    try:
        return ("lit", int(text))
    except ValueError:
        pass
    try:
        number = float(text)
    except (ValueError, OverflowError):
        return ("bad", f"number {text[:20]}... cannot be read")
    if number != number or number in (float("inf"), float("-inf")):
        return ("bad", f"number {text[:20]}... is too large")
    return ("lit", int(number) if number.is_integer() and abs(number) < 1e16 else number)


def _strips(boundary: Node) -> tuple[bool, bool]:
    """Whether a template boundary (`${ }`, `%{ }`) strips whitespace before / after itself."""
    children = boundary.children
    before = len(children) > 1 and children[1].type == "strip_marker"
    after = len(children) > 2 and children[-2].type == "strip_marker"
    return before, after


class _Walk:
    def __init__(self, source: bytes, max_depth: int, plain_heredocs: bool = False) -> None:
        self.source = source
        self.max_depth = max_depth
        self.plain_heredocs = plain_heredocs  # heredocs are templates written by template_of

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")

    def span(self, start: int, end: int) -> str:
        return self.source[start:end].decode("utf-8", "surrogatepass")

    # -- bodies -------------------------------------------------------------------------------
    def body(self, node: Node, nesting: int) -> tuple[Item, ...]:
        items: list[Item] = []
        for child in node.children:
            if child.type == "attribute":
                items.append(self.attribute(child, nesting))
            elif child.type == "block":
                items.append(self.block(child, nesting + 1))
        return tuple(items)

    def attribute(self, node: Node, nesting: int) -> Item:
        name = ""
        expr: Expr = ("lit", None)
        for child in node.children:
            if child.type == "identifier":
                name = self.text(child)
            elif child.type == "expression":
                expr = self.expr(child, nesting, 0)
        line = node.start_point[0] + 1
        return Item("attribute", name, (), expr, (), line, node.end_point[0] + 1)

    def block(self, node: Node, nesting: int) -> Item:
        line = node.start_point[0] + 1
        if nesting > self.max_depth:
            raise too_deep(self.max_depth, line)
        words: list[str] = []
        body: tuple[Item, ...] = ()
        for child in node.children:
            if child.type == "identifier":
                words.append(self.text(child))
            elif child.type == "string_lit":
                words.append(self.string_lit(child))
            elif child.type == "body":
                body = self.body(child, nesting)
        kind = words[0] if words else ""
        return Item("block", kind, tuple(words[1:]), None, body, line, node.end_point[0] + 1)

    # -- expressions --------------------------------------------------------------------------
    def expr(self, node: Node, nesting: int, depth: int) -> Expr:
        """An `expression` node, or any node that is one expression term."""
        if depth >= MAX_TREE_DEPTH:
            raise _too_deep(node)
        kind = node.type
        if kind == "expression":
            return self.term(_significant(node.children), nesting, depth + 1)
        if kind in _NESTING:
            nesting += 1
            if nesting > self.max_depth:
                raise too_deep(self.max_depth, node.start_point[0] + 1)
        handler = _TERMS.get(kind)
        if handler is None:
            raise HclSyntaxError(f"unexpected {kind}", node.start_point[0] + 1)
        return handler(self, node, nesting, depth + 1)

    def term(self, children: list[Node], nesting: int, depth: int) -> Expr:
        """A base term followed by attribute, index and splat steps."""
        if not children:
            return ("lit", None)
        if children[0].type == "(":
            close = next(i for i, c in enumerate(children) if c.type == ")")
            value = self.term(children[1:close], nesting, depth + 1)
            rest = children[close + 1 :]
        else:
            value = self.expr(children[0], nesting, depth)
            rest = children[1:]
        for step in rest:
            depth += 1  # each step nests the value once more (`a.b.c` is get(get(a, b), c))
            if depth >= MAX_TREE_DEPTH:
                raise _too_deep(step)
            value = self.step(value, step, nesting, depth)
        return value

    def step(self, base: Expr, node: Node, nesting: int, depth: int) -> Expr:
        kind = node.type
        if kind == "get_attr":
            return ("get", base, self.identifier(node))
        if kind == "index":
            return ("idx", base, self.index_key(node, nesting, depth))
        if kind == "splat":
            inner = node.children[0]
            full = inner.type == "full_splat"
            ops: list[Expr] = []
            for op in inner.children:
                if op.type == "get_attr":
                    ops.append(("attr", self.identifier(op)))
                elif op.type == "index":
                    ops.append(("key", self.index_key(op, nesting, depth)))
            return ("splat", base, full, tuple(ops))
        raise HclSyntaxError(f"unexpected {kind}", node.start_point[0] + 1)

    def identifier(self, node: Node) -> str:
        found = next((c for c in node.children if c.type == "identifier"), None)
        return self.text(found) if found is not None else ""

    def index_key(self, node: Node, nesting: int, depth: int) -> Expr:
        inner = node.children[0]
        if inner.type == "legacy_index":
            return _number(self.text(inner).lstrip("."))
        found = next((c for c in inner.children if c.type == "expression"), None)
        return self.expr(found, nesting, depth) if found is not None else ("lit", None)

    def literal_value(self, node: Node, nesting: int, depth: int) -> Expr:
        inner = node.children[0]
        kind = inner.type
        if kind == "numeric_lit":
            return _number(self.text(inner))
        if kind == "bool_lit":
            return ("lit", self.text(inner) == "true")
        if kind == "null_lit":
            return ("lit", None)
        return ("lit", self.string_lit(inner))

    def string_lit(self, node: Node) -> str:
        children = node.children
        return unescape(self.span(children[0].end_byte, children[-1].start_byte))

    def variable(self, node: Node, nesting: int, depth: int) -> Expr:
        return ("var", self.text(node))

    def collection(self, node: Node, nesting: int, depth: int) -> Expr:
        return self.expr(node.children[0], nesting, depth)

    def tuple_(self, node: Node, nesting: int, depth: int) -> Expr:
        items = [self.expr(c, nesting, depth) for c in node.children if c.type == "expression"]
        return ("tuple", tuple(items))

    def object_(self, node: Node, nesting: int, depth: int) -> Expr:
        pairs: list[tuple[Expr, Expr]] = []
        for element in node.children:
            if element.type != "object_elem":
                continue
            key_node = element.child_by_field_name("key")
            value_node = element.child_by_field_name("val")
            key = self.object_key(key_node, nesting, depth)
            value = self.expr(value_node, nesting, depth) if value_node else ("lit", None)
            pairs.append((key, value))
        return ("object", tuple(pairs))

    def object_key(self, node: Node | None, nesting: int, depth: int) -> Expr:
        if node is None:
            return ("lit", "")
        children = _significant(node.children)
        if len(children) == 1 and children[0].type in ("variable_expr", "literal_value"):
            inner = children[0]
            if inner.type == "variable_expr" or inner.children[0].type != "string_lit":
                return ("lit", self.text(inner))  # a bare name or number is the key's text
        return self.expr(node, nesting, depth)

    def function_call(self, node: Node, nesting: int, depth: int) -> Expr:
        name = ""
        args: list[Expr] = []
        expand = False
        for child in node.children:
            if child.type == "identifier":
                name = self.text(child)
            elif child.type == "function_arguments":
                for argument in child.children:
                    if argument.type == "expression":
                        args.append(self.expr(argument, nesting, depth))
                    elif argument.type == "ellipsis":
                        expand = True
        return ("call", name, tuple(args), expand)

    def for_expr(self, node: Node, nesting: int, depth: int) -> Expr:
        return self.expr(node.children[0], nesting, depth)

    def _for_parts(
        self, node: Node, nesting: int, depth: int
    ) -> tuple[str | None, str, Expr, list[Expr], Expr | None, bool]:
        names: list[str] = []
        collection: Expr = ("lit", None)
        bodies: list[Expr] = []
        condition: Expr | None = None
        grouping = False
        for child in node.children:
            if child.type == "for_intro":
                for part in child.children:
                    if part.type == "identifier":
                        names.append(self.text(part))
                    elif part.type == "expression":
                        collection = self.expr(part, nesting, depth)
            elif child.type == "expression":
                bodies.append(self.expr(child, nesting, depth))
            elif child.type == "for_cond":
                found = next(c for c in child.children if c.type == "expression")
                condition = self.expr(found, nesting, depth)
            elif child.type == "ellipsis":
                grouping = True
        key_name = names[0] if len(names) > 1 else None
        value_name = names[-1] if names else ""
        return key_name, value_name, collection, bodies, condition, grouping

    def for_tuple(self, node: Node, nesting: int, depth: int) -> Expr:
        key_name, value_name, collection, bodies, condition, _ = self._for_parts(
            node, nesting, depth
        )
        value = bodies[0] if bodies else ("lit", None)
        return ("fort", key_name, value_name, collection, value, condition)

    def for_object(self, node: Node, nesting: int, depth: int) -> Expr:
        key_name, value_name, collection, bodies, condition, grouping = self._for_parts(
            node, nesting, depth
        )
        key, value = [*bodies, ("lit", None), ("lit", None)][:2]
        return ("foro", key_name, value_name, collection, key, value, condition, grouping)

    def operation(self, node: Node, nesting: int, depth: int) -> Expr:
        return self.expr(node.children[0], nesting, depth)

    def unary(self, node: Node, nesting: int, depth: int) -> Expr:
        children = _significant(node.children)
        return ("unary", children[0].type, self.term(children[1:], nesting, depth))

    def binary(self, node: Node, nesting: int, depth: int) -> Expr:
        children = _significant(node.children)
        at = next(i for i, c in enumerate(children) if not c.is_named and c.type in _BINARY)
        left = self.term(children[:at], nesting, depth)
        right = self.term(children[at + 1 :], nesting, depth)
        return ("bin", children[at].type, left, right)

    def conditional(self, node: Node, nesting: int, depth: int) -> Expr:
        parts = [self.expr(c, nesting, depth) for c in node.children if c.type == "expression"]
        condition, yes, no = [*parts, ("lit", None), ("lit", None), ("lit", None)][:3]
        return ("cond", condition, yes, no)

    # -- templates ----------------------------------------------------------------------------
    def template_expr(self, node: Node, nesting: int, depth: int) -> Expr:
        inner = node.children[0]
        children = inner.children
        if inner.type == "heredoc_template":
            if not self.plain_heredocs:
                return template_of(heredoc_body(self.text(inner)), self.max_depth, nesting, depth)
            # A heredoc written by `template_of`: its body runs from the line after the opening
            # identifier to the line of the closing one, with no indentation to remove.
            start = self.source.index(b"\n", children[1].end_byte) + 1
            end = self.source.rindex(b"\n", 0, children[-1].start_byte) + 1
            return ("tpl", self.section(start, end, children[2:-1], nesting, depth))
        opening, closing = children[0], children[-1]
        parts = self.section(opening.end_byte, closing.start_byte, children[1:-1], nesting, depth)
        return ("tpl", parts)

    def section(
        self,
        start: int,
        end: int,
        nodes: list[Node],
        nesting: int,
        depth: int,
        strip_first: bool = False,
        strip_last: bool = False,
    ) -> tuple[Expr, ...]:
        """The parts between two template boundaries: literal text in the gaps between the
        interpolations and directives, trimmed where a `~` asks."""
        parts: list[Expr] = []
        position = start
        strip_next = strip_first
        literal = heredoc_literal if self.plain_heredocs else unescape
        for node in nodes:
            if node.type not in _PARTS:
                continue
            first, last = _edges(node)
            gap = self.span(position, node.start_byte)
            if strip_next:
                gap = gap.lstrip()
            if _strips(first)[0]:
                gap = gap.rstrip()
            if gap:
                parts.append(("lit", literal(gap)))
            parts.append(self.template_part(node, nesting, depth))
            position = node.end_byte
            strip_next = _strips(last)[1]
        gap = self.span(position, end)
        if strip_next:
            gap = gap.lstrip()
        if strip_last:
            gap = gap.rstrip()
        if gap:
            parts.append(("lit", literal(gap)))
        return tuple(parts)

    def between(
        self, opening: Node, closing: Node, nodes: list[Node], nesting: int, depth: int
    ) -> tuple[Expr, ...]:
        """A directive's section, between two of its `%{ }` boundaries."""
        return self.section(
            opening.end_byte,
            closing.start_byte,
            nodes,
            nesting,
            depth,
            strip_first=_strips(opening)[1],
            strip_last=_strips(closing)[0],
        )

    def template_part(self, node: Node, nesting: int, depth: int) -> Expr:
        if node.type == "template_interpolation":
            found = next((c for c in node.children if c.type == "expression"), None)
            value = self.expr(found, nesting, depth) if found is not None else ("lit", "")
            return ("interp", value)
        directive = node.children[0]
        children = directive.children
        if directive.type == "template_if":
            intro = children[0]
            condition_node = next(c for c in intro.children if c.type == "expression")
            condition = self.expr(condition_node, nesting, depth)
            middle = next((c for c in children if c.type == "template_else_intro"), None)
            end = children[-1]
            if middle is None:
                yes = self.between(intro, end, children[1:-1], nesting, depth)
                return ("if", condition, yes, ())
            split = children.index(middle)
            yes = self.between(intro, middle, children[1:split], nesting, depth)
            no = self.between(middle, end, children[split + 1 : -1], nesting, depth)
            return ("if", condition, yes, no)
        start, end = children[0], children[-1]
        names = [self.text(c) for c in start.children if c.type == "identifier"]
        collection_node = next(c for c in start.children if c.type == "expression")
        collection = self.expr(collection_node, nesting, depth)
        body = self.between(start, end, children[1:-1], nesting, depth)
        key_name = names[0] if len(names) > 1 else None
        return ("for", key_name, names[-1] if names else "", collection, body)


def _too_deep(node: Node) -> LimitExceeded:
    detail = f"an expression nested deeper than {MAX_TREE_DEPTH} levels"
    return LimitExceeded("depth", detail, node.start_point[0] + 1)


def _edges(node: Node) -> tuple[Node, Node]:
    """The first and last boundary of a template part (itself for an interpolation)."""
    if node.type == "template_interpolation":
        return node, node
    children = node.children[0].children
    return children[0], children[-1]


def _significant(children: list[Node]) -> list[Node]:
    return [c for c in children if c.type != "comment"]


_TERMS: dict[str, Any] = {
    "literal_value": _Walk.literal_value,
    "variable_expr": _Walk.variable,
    "collection_value": _Walk.collection,
    "tuple": _Walk.tuple_,
    "object": _Walk.object_,
    "function_call": _Walk.function_call,
    "for_expr": _Walk.for_expr,
    "for_tuple_expr": _Walk.for_tuple,
    "for_object_expr": _Walk.for_object,
    "operation": _Walk.operation,
    "unary_operation": _Walk.unary,
    "binary_operation": _Walk.binary,
    "conditional": _Walk.conditional,
    "template_expr": _Walk.template_expr,
}


# ---------------------------------------------------------------------------------------------
# Heredocs and templates written as text


_HEREDOC = re.compile(r"\A<<(-?)([A-Za-z][A-Za-z0-9._-]*)\r?\n(.*?)[ \t]*\2\r?\n?\Z", re.DOTALL)


def heredoc_body(token_text: str) -> str:
    """The template text of a heredoc, with `<<-` indentation removed."""
    match = _HEREDOC.match(token_text)
    if not match:
        return token_text
    trim, _, body = match.groups()
    body = body.replace("\r\n", "\n")
    if trim:
        lines = body.split("\n")
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        body = "\n".join(line[cut:] for line in lines)
    return body


def heredoc_literal(text: str) -> str:
    """A heredoc's literal text: backslashes are literal, `$${` / `%%{` stand for `${` / `%{`."""
    return text.replace("$${", "${").replace("%%{", "%{")


def template_of(text: str, max_depth: int, nesting: int = 0, depth: int = 0) -> Expr:
    """`text` read as a template (a heredoc body, a file for templatefile(), a JSON-syntax
    string): `${...}` and `%{...}` are live, backslashes and quotes are literal.

    It is parsed as the body of a heredoc, whose interpolations are HCL as written (a quoted
    string would need its quotes escaped, inside the interpolations too)."""
    if "${" not in text and "%{" not in text:
        return ("lit", text)
    marker = "EOT"
    lines = set(text.splitlines())
    while marker in lines or marker in {line.strip() for line in lines}:
        marker += "_"
    added = not text.endswith("\n")
    ending = "\n" if added else ""
    source = f"x = <<{marker}\n{text}{ending}{marker}\n".encode("utf-8", "surrogatepass")
    walk = _Walk(source, max_depth, plain_heredocs=True)
    body = _parsed_body(source)
    if body is None:
        raise HclSyntaxError("no template", 1)
    attribute = next(c for c in body.children if c.type == "attribute")
    expression = next(c for c in attribute.children if c.type == "expression")
    value = walk.expr(expression, nesting, depth)
    if added and value[0] == "tpl" and value[1] and value[1][-1][0] == "lit":
        *parts, last = value[1]
        text_left = last[1][:-1] if last[1].endswith("\n") else last[1]
        value = ("tpl", (*parts, ("lit", text_left)) if text_left else tuple(parts))
    return value


def parse_one(text: str, max_depth: int) -> Expr:
    """The expression of `x = <text>`."""
    for item in parse_body(f"x = {text}\n", max_depth):
        if item.kind == "attribute" and item.expr is not None:
            return item.expr
    raise HclSyntaxError("no expression", 1)
