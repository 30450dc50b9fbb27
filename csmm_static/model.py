"""The shared vocabulary: resources, the graph, unknown values and controls.

Everything here is pure data and has no I/O. Readers build `Resource`s and a `Graph`; controls read
them through `Resource.get` and the `Graph` facade; the engine, scoring and reports work on
`Control`.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

# ---------------------------------------------------------------------------------------------
# The model's fixed dimensions (DESIGN.md "The model").

PILLARS: Mapping[str, float] = {
    "iam": 0.30,
    "networking": 0.20,
    "storage": 0.20,
    "compute": 0.15,
    "monitoring": 0.15,
}
LEVELS: Mapping[int, str] = {
    1: "Exposed",
    2: "Guarded",
    3: "Hardened",
    4: "Verified",
    5: "Autonomous",
}
SEVERITIES: Mapping[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}
ACCOUNT = "AWS::Account"

# Input formats a control can be evaluated from, named as their fixture suffixes. An
# `evidence` fixture is a folder of AWS Config items and account exports, for controls that only
# such exports decide; a control opts into it with `formats=`.
FORMATS: Mapping[str, str] = {
    "cfn": ".cfn.yaml",
    "tf": ".tf",
    "tfplan": ".tfplan.json",
    "config": ".config.json",
    "evidence": ".evidence",
}
DEFAULT_FORMATS: tuple[str, ...] = ("cfn", "tf", "tfplan", "config")

# `Source.format` of each reader -> the FORMATS key a control declares when it can read it.
SOURCE_FORMATS: Mapping[str, str] = {
    "cloudformation": "cfn",
    "terraform": "tf",
    "terraform-plan": "tfplan",
    "terraform-state": "tfplan",
    "aws-config": "config",
    "account-export": "evidence",
}
FORMAT_NAMES: Mapping[str, str] = {
    "cfn": "CloudFormation",
    "tf": "Terraform",
    "tfplan": "a Terraform plan",
    "config": "AWS Config",
    "evidence": "the account exports",
}

Pillar = Literal["iam", "networking", "storage", "compute", "monitoring"]
Severity = Literal["critical", "high", "medium", "low"]


# ---------------------------------------------------------------------------------------------
# Unknown values.


class Unknown(Exception):
    """Raised when a control reads a value that the reader could not resolve."""

    def __init__(self, reason: str = "value could not be resolved") -> None:
        super().__init__(reason)
        self.reason = reason


class UnknownValue:
    """The sentinel a reader stores for anything it cannot resolve.

    Every use of it raises `Unknown`: comparison, truth, iteration, indexing, attribute access,
    hashing, arithmetic. A control therefore cannot mistake it for a real value; the engine turns
    the exception into the result `unknown`. Only `is_unknown` (for readers and the engine) and
    `repr` look at it without raising.
    """

    __slots__ = ("reason",)

    def __init__(self, reason: str = "value could not be resolved") -> None:
        object.__setattr__(self, "reason", reason)

    def _raise(self, *_: object, **__: object) -> NoReturn:
        raise Unknown(object.__getattribute__(self, "reason"))

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _raise
    __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = __hash__ = _raise
    __add__ = __radd__ = __sub__ = __mul__ = __mod__ = __int__ = __float__ = __index__ = _raise
    __str__ = __format__ = _raise

    def __getattr__(self, name: str) -> NoReturn:
        self._raise()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("UnknownValue is immutable")

    def __repr__(self) -> str:
        return f"<unknown: {object.__getattribute__(self, 'reason')}>"

    def __reduce__(self) -> tuple[type[UnknownValue], tuple[str]]:
        return (UnknownValue, (object.__getattribute__(self, "reason"),))

    def __copy__(self) -> UnknownValue:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> UnknownValue:
        return self


class Reference(str):
    """A value that is another resource's attribute, known only at deploy time.

    It reads as text ("${KmsKey.Arn}", "${aws_kms_key.main.arn}") so comparisons with literals
    behave, and it names the resource it points at (`target`, a node id, "" when that resource is
    not in the scan) and the canonical attribute (`Arn`, `Ref`, ...).
    """

    target: str
    attribute: str

    def __new__(cls, text: str, target: str = "", attribute: str = "") -> Reference:
        value = super().__new__(cls, text)
        value.target = target
        value.attribute = attribute
        return value

    def __reduce__(self) -> tuple[type[Reference], tuple[str, str, str]]:
        return (Reference, (str.__str__(self), self.target, self.attribute))


def is_unknown(value: object) -> bool:
    """True when `value` is the reader's unknown sentinel (safe: never raises)."""
    return type(value) is UnknownValue


def unknown_reason(value: object) -> str:
    return str(object.__getattribute__(value, "reason")) if is_unknown(value) else ""


def contains_unknown(value: object) -> bool:
    """True when `value` is, or holds anywhere inside it, an unknown sentinel."""
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


def first_unknown(value: object) -> UnknownValue | None:
    if is_unknown(value):
        return value  # type: ignore[return-value]
    children: Iterable[object] = ()
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list | tuple):
        children = value
    for child in children:
        found = first_unknown(child)
        if found is not None:
            return found
    return None


def require_known(value: Any) -> Any:
    """Return `value` unchanged, or raise `Unknown` if any part of it is unknown.

    For controls that inspect a whole structure (a policy document, a rule list) and must not
    judge it from its known half.
    """
    found = first_unknown(value)
    if found is not None:
        raise Unknown(unknown_reason(found))
    return value


# ---------------------------------------------------------------------------------------------
# Resources and the graph.


@dataclass(frozen=True)
class Source:
    """Where a resource was declared or recorded."""

    file: str  # relative to the scanned root, with forward slashes
    line: int  # first line, 1-based (0 when the format has no lines)
    end_line: int
    format: str  # "cloudformation", "terraform", "terraform-plan", "aws-config", ...
    context: str = ""  # module path, stack or snapshot the resource belongs to


@dataclass(frozen=True)
class Suppression:
    """An inline suppression a reader found on or inside a resource's source block.

    Readers carry what was written; the overrides stage checks it (a reason is required, `until`
    must be a date, the control must exist) and reports what it rejected (docs/configuration.md).
    """

    control_id: str
    reason: str
    until: str = ""  # YYYY-MM-DD as written; "" when it never expires
    line: int = 0  # where it was written, in the resource's file


_MISSING = object()
_PATH_SEP = re.compile(r"\.")


@dataclass
class Resource:
    """One AWS resource in canonical (CloudFormation) vocabulary.

    `properties` are keyed by CloudFormation property names; values are plain JSON-like data
    where unresolved parts are `UnknownValue`s. `node_id` is unique in the graph; `address` is the
    name a person knows it by (logical id, Terraform address, ARN).
    """

    node_id: str
    type: str
    address: str
    properties: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None
    native_type: str = ""
    account: str | None = None
    region: str | None = None
    # Set when count/for_each could not be expanded: one resource stands for an unknown number.
    multiplicity_unknown: bool = False
    # Alternative property sets (e.g. one per CloudFormation condition scenario). When present the
    # engine evaluates a control on each and combines the results (any fail fails).
    scenarios: tuple[tuple[str, dict[str, Any]], ...] = ()
    # Source formats (besides `source.format`) whose evidence a reader folded into this resource,
    # e.g. a credential report filling a Config user's LoginProfile.
    evidence: tuple[str, ...] = ()

    def add_evidence(self, source_format: str) -> None:
        if source_format not in self.evidence:
            self.evidence = (*self.evidence, source_format)

    # Inline suppressions written in the source (`# csmm:ignore`, `Metadata.csmm.ignore`).
    suppressions: tuple[Suppression, ...] = ()

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a dotted property path (`VersioningConfiguration.Status`).

        Integer segments index lists (`Rules.0.Id`). A missing key gives `default`; an unknown
        value anywhere along the path raises `Unknown`.
        """
        return lookup(self.properties, path, default)

    def has(self, path: str) -> bool:
        """True when the path is present (even if its value is unknown)."""
        try:
            return lookup(self.properties, path, _MISSING) is not _MISSING
        except Unknown:
            return True

    def in_scenario(self, label: str, properties: dict[str, Any]) -> Resource:
        return dataclasses.replace(self, properties=properties, scenarios=())

    @property
    def tags(self) -> dict[str, Any]:
        """Tags as a plain mapping, whichever shape the reader stored."""
        raw = self.properties.get("Tags")
        if isinstance(raw, dict):
            return raw
        tags: dict[str, Any] = {}
        if isinstance(raw, list):
            for item in raw:
                if isinstance(item, dict) and isinstance(item.get("Key"), str):
                    tags[item["Key"]] = item.get("Value")
        return tags


def lookup(data: Any, path: str, default: Any = None) -> Any:
    """Walk a dotted path through dicts and lists; raise `Unknown` on an unknown sentinel."""
    current = data
    for part in _PATH_SEP.split(path) if path else ():
        if is_unknown(current):
            raise Unknown(unknown_reason(current))
        if isinstance(current, dict):
            if part not in current:
                return default
            current = current[part]
        elif isinstance(current, list) and part.isdigit():
            index = int(part)
            if index >= len(current):
                return default
            current = current[index]
        else:
            return default
    if is_unknown(current):
        raise Unknown(unknown_reason(current))
    return current


@dataclass(frozen=True)
class Edge:
    source: str  # node ids
    target: str
    kind: str  # "reference", "depends_on", "relationship", "attachment"
    via: str = ""  # property path or relationship name that created it


class Graph:
    """All resources of a scan and the references between them.

    A small facade: controls ask for resources of a type, the resources related to one, and the
    account node. Lists come back sorted by node id, so every walk is deterministic. Adjacency is
    kept in plain dicts for the hot path; `nx` builds a networkx `MultiDiGraph` on demand for graph
    algorithms (importing networkx costs about 70 ms, a quarter of a small scan).
    """

    def __init__(self) -> None:
        self._nodes: dict[str, Resource] = {}
        self._out: dict[str, list[Edge]] = {}
        self._in: dict[str, list[Edge]] = {}
        self._by_type: dict[str, list[Resource]] = {}
        self._sorted: set[str] = set()
        self._nx: Any = None

    # -- building --------------------------------------------------------------------------
    def add(self, resource: Resource) -> None:
        if resource.node_id in self._nodes:
            raise ValueError(f"duplicate resource id {resource.node_id}")
        self._nodes[resource.node_id] = resource
        self._by_type.setdefault(resource.type, []).append(resource)
        self._sorted.discard(resource.type)
        self._nx = None

    def connect(self, edge: Edge) -> None:
        if edge.source in self._nodes and edge.target in self._nodes and edge.source != edge.target:
            self._out.setdefault(edge.source, []).append(edge)
            self._in.setdefault(edge.target, []).append(edge)
            self._nx = None

    # -- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Resource]:
        for rtype in sorted(self._by_type):
            yield from self.resources(rtype)

    def types(self) -> list[str]:
        return sorted(t for t, items in self._by_type.items() if items)

    def resources(self, type: str) -> list[Resource]:
        """Every resource of one canonical type, sorted by node id."""
        items = self._by_type.get(type)
        if not items:
            return []
        if type not in self._sorted:
            items.sort(key=lambda r: r.node_id)
            self._sorted.add(type)
        return items

    def get(self, node_id: str) -> Resource | None:
        return self._nodes.get(node_id)

    def related(
        self,
        resource: Resource,
        type: str | None = None,
        direction: Literal["in", "out", "both"] = "both",
    ) -> list[Resource]:
        """Resources joined to `resource` by an edge, optionally of one type.

        `out` follows references the resource makes (a bucket policy → its bucket), `in` the
        references made to it (a bucket ← its policies).
        """
        ids: set[str] = set()
        if direction in ("out", "both"):
            ids.update(e.target for e in self._out.get(resource.node_id, ()))
        if direction in ("in", "both"):
            ids.update(e.source for e in self._in.get(resource.node_id, ()))
        found = [self._nodes[i] for i in sorted(ids)]
        return [r for r in found if type is None or r.type == type]

    def edges_from(self, resource: Resource) -> tuple[Edge, ...]:
        """The edges `resource` makes (its references), in the order they were added."""
        return tuple(self._out.get(resource.node_id, ()))

    def edges(self) -> list[Edge]:
        return sorted(
            (e for edges in self._out.values() for e in edges),
            key=lambda e: (e.source, e.target, e.kind, e.via),
        )

    @property
    def accounts(self) -> list[Resource]:
        """The synthetic `AWS::Account` nodes, one per account in the scan."""
        return self.resources(ACCOUNT)

    @property
    def account(self) -> Resource:
        """The account node (the first one when a scan spans several accounts)."""
        accounts = self.accounts
        if not accounts:
            raise LookupError("the graph has no account node")
        return accounts[0]

    @property
    def nx(self) -> Any:
        """A networkx `MultiDiGraph` of the same nodes (attribute `resource`) and edges (`kind`,
        `via`), for reachability questions. Built on first use; treat it as read-only."""
        if self._nx is None:
            import networkx

            graph = networkx.MultiDiGraph()
            for node_id in sorted(self._nodes):
                graph.add_node(node_id, resource=self._nodes[node_id])
            for edge in self.edges():
                graph.add_edge(edge.source, edge.target, kind=edge.kind, via=edge.via)
            self._nx = graph
        return self._nx

    def restricted_to(self, account_node: Resource) -> Graph:
        """A graph holding one account node and the resources that belong to its account."""
        view = Graph()
        view.add(account_node)
        for resource in self:
            if resource.type != ACCOUNT and resource.account == account_node.account:
                view.add(resource)
        for edge in self.edges():
            view.connect(edge)
        return view


def account_node(account: str | None, properties: dict[str, Any] | None = None) -> Resource:
    """The synthetic node that carries account-wide evidence."""
    label = account or "workload"
    return Resource(
        node_id=f"account:{label}",
        type=ACCOUNT,
        address=f"account {account}" if account else "account",
        properties=properties or {},
        native_type=ACCOUNT,
        account=account,
    )


# ---------------------------------------------------------------------------------------------
# Controls.

ControlFunction = Callable[[Resource, Graph], bool]

_HEADINGS = ("Why it matters:", "Remediation:")


@dataclass(frozen=True)
class Control:
    """One pass/fail statement about the estate, with its metadata.

    Built by `@control`; the id is the function's name and the title its docstring's first line.
    """

    id: str
    title: str
    pillar: str
    level: int
    severity: str
    subject: str
    function: ControlFunction = field(repr=False, compare=False)
    refs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    formats: tuple[str, ...] = DEFAULT_FORMATS
    # (format, why it cannot show this control) for each default format left out of `formats`.
    unrecorded: tuple[tuple[str, str], ...] = ()
    attestable: bool = False
    description: str = ""
    why: str = ""
    remediation: str = ""
    path: str = ""  # file the control was loaded from, set by the loader

    @property
    def weight(self) -> int:
        return SEVERITIES[self.severity]

    @property
    def is_account_control(self) -> bool:
        return self.subject == ACCOUNT


REF_KEYS = ("cis", "fsbp", "nist_csf", "prowler")


def control(
    *,
    pillar: str,
    level: int,
    severity: str,
    subject: str,
    refs: Mapping[str, Iterable[str]] | None = None,
    formats: Iterable[str] | None = None,
    unrecorded: Mapping[str, str] | None = None,
    attestable: bool = False,
) -> Callable[[ControlFunction], Control]:
    """Declare a control: metadata here, the title and prose in the function's docstring.

    `formats` lists the input formats that can express the control's subject (default:
    `DEFAULT_FORMATS`; add `evidence` when account exports decide it); `unrecorded` says, for
    each default format left out, why that format cannot show it (one clause, naming what the
    format lacks: it is the reason a report gives for "unknown"); `attestable` marks a
    control whose evidence may come from an attestation in `.csmm.yaml` when no configuration
    can show it. Nothing is registered: the result is a frozen `Control` that the loader finds
    as a module attribute.
    """
    if pillar not in PILLARS:
        raise ValueError(f"unknown pillar {pillar!r}; expected one of {sorted(PILLARS)}")
    if level not in LEVELS:
        raise ValueError(f"level must be 1-5, got {level!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}; expected one of {list(SEVERITIES)}")
    if not re.fullmatch(r"AWS::[A-Za-z0-9]+(::[A-Za-z0-9]+)?", subject):
        raise ValueError(
            f"subject must be a canonical type such as AWS::S3::Bucket, got {subject!r}"
        )
    chosen = tuple(formats) if formats is not None else DEFAULT_FORMATS
    unknown_formats = sorted(set(chosen) - set(FORMATS))
    if unknown_formats:
        raise ValueError(f"unknown formats {unknown_formats}; expected some of {list(FORMATS)}")
    reasons = tuple(sorted((unrecorded or {}).items()))
    misplaced = sorted(k for k, _ in reasons if k not in FORMATS or k in chosen)
    if misplaced:
        raise ValueError(
            f"unrecorded names formats {misplaced} that are unknown or listed in formats;"
            " give reasons only for formats the control leaves out"
        )
    ref_map = {key: tuple(values) for key, values in sorted((refs or {}).items())}
    bad_keys = sorted(set(ref_map) - set(REF_KEYS))
    if bad_keys:
        raise ValueError(f"unknown reference keys {bad_keys}; expected some of {list(REF_KEYS)}")

    def build(function: ControlFunction) -> Control:
        doc = inspect.cleandoc(function.__doc__ or "")
        title, _, body = doc.partition("\n")
        why, remediation = _split_prose(body)
        return Control(
            id=function.__name__,
            title=title.strip(),
            pillar=pillar,
            level=level,
            severity=severity,
            subject=subject,
            function=function,
            refs=ref_map,
            formats=chosen,
            unrecorded=reasons,
            attestable=attestable,
            description=body.strip(),
            why=why,
            remediation=remediation,
        )

    return build


def _split_prose(body: str) -> tuple[str, str]:
    """Split a docstring body into its "Why it matters:" and "Remediation:" sections."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.splitlines():
        stripped = line.strip()
        heading = next((h for h in _HEADINGS if stripped.startswith(h)), None)
        if heading:
            current = sections.setdefault(heading, [])
            rest = stripped[len(heading) :].strip()
            if rest:
                current.append(rest)
        elif current is not None:
            current.append(line.rstrip())
    why = "\n".join(sections.get(_HEADINGS[0], [])).strip()
    remediation = "\n".join(sections.get(_HEADINGS[1], [])).strip()
    return inspect.cleandoc(why) if why else "", inspect.cleandoc(
        remediation
    ) if remediation else ""


# ---------------------------------------------------------------------------------------------
# Small value helpers that controls share (values come from three formats).


def as_bool(value: Any) -> bool | None:
    """A boolean from a bool or a "true"/"false" string; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if is_unknown(value):
        raise Unknown(unknown_reason(value))
    return None


def as_int(value: Any) -> int | None:
    """An integer from an int or a numeric string; None for anything else."""
    if is_unknown(value):
        raise Unknown(unknown_reason(value))
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def as_list(value: Any) -> list[Any]:
    """A list from a list, a single value or None (policy fields are often either)."""
    if is_unknown(value):
        raise Unknown(unknown_reason(value))
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]
