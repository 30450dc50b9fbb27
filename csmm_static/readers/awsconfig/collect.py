"""Collect the latest item of every resource across files, then build resources and edges.

Items stream in from any number of files; for each resource (account, region, type, id) only
the latest item is kept (capture time, then state id, then reading order), and it is mapped as
soon as it is seen, so memory holds mapped resources rather than raw items. Deleted items win
too: a resource whose latest item says `ResourceDeleted` is not in the graph. References
between resources are resolved once every item is known.
"""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from csmm_static.diagnostics import Diagnostic
from csmm_static.model import Edge, Resource, Source, UnknownValue
from csmm_static.readers.awsconfig import FORMAT
from csmm_static.readers.awsconfig.items import (
    ITEM_ARRAYS,
    ConfigItem,
    ItemError,
    normalize,
    unwrap,
)
from csmm_static.readers.awsconfig.mapping import map_item, supported
from csmm_static.readers.awsconfig.mapping.common import Join, Pending
from csmm_static.readers.awsconfig.mapping.compliance import (
    EVIDENCE_TYPES,
    rule_results,
    worst,
)
from csmm_static.readers.awsconfig.stream import StreamError, Value, documents, open_text
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult

# Item problems quoted in the one diagnostic a file gets for all of them: a file of 10 000 bad
# items must not print 10 000 lines.
QUOTED_ITEM_PROBLEMS = 3
ITEM_ADVICE = (
    "re-export the items if the export was damaged; report the shape if AWS Config wrote it"
    " this way"
)


@dataclass
class _Latest:
    """What the latest item of one resource turned into."""

    order: tuple[float, int, int]
    kind: str  # "resource", "deleted", "evidence", "unsupported", "error"
    native_type: str
    account: str | None
    region: str | None
    resources: list[Resource] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    relationships: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)
    keys: tuple[str, ...] = ()  # id, name, ARN: how other items refer to this one
    evidence: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class Stats:
    """Where every item went: `items - superseded` equals the latest items, each of which is
    deleted, a resource, evidence, an unsupported type or unmappable. Rejected entries (no
    type, a field of the wrong kind) never became items; each has a diagnostic."""

    items: int = 0
    superseded: int = 0  # an older item of a resource that has a later one
    deleted: int = 0
    resources: int = 0
    evidence: int = 0
    unsupported: int = 0
    unmappable: int = 0
    rejected: int = 0  # not an item we can use (no type, bad field), with a diagnostic


class Collector:
    def __init__(self, options: ParseOptions) -> None:
        self.options = options
        self.latest: dict[tuple[str, str, str, str], _Latest] = {}
        self.sequence = 0
        self.diagnostics: list[Diagnostic] = []
        self.files: list[FileRecord] = []
        self.stats = Stats()

    # -- reading -----------------------------------------------------------------------------
    def add_file(self, file: InputFile) -> None:
        items_before, rejected_before = self.stats.items, self.stats.rejected
        problem = ""
        line = 0
        try:
            options = self.options
            with open_text(file.path, options.max_file_bytes) as handle:
                for document in documents(
                    handle, ITEM_ARRAYS, options.max_file_bytes, options.max_depth
                ):
                    if document.whole is not None:
                        self._value(document.whole, file)
                    for _key, value in document.streamed:
                        self._value(value, file)
        except StreamError as exc:
            problem, line = f"not valid JSON: {exc.message}", exc.line
        except UnicodeDecodeError as exc:
            problem = f"not UTF-8 or UTF-16 text (byte {exc.start}); export the file as UTF-8"
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            problem = f"cannot read the file: {getattr(exc, 'strerror', None) or exc}"
        found = self.stats.items - items_before
        rejected = self.stats.rejected - rejected_before
        if problem:
            advice = (
                "; the items before it were read; re-export the file to read the rest"
                if found
                else "; re-export it (docs/evidence.md lists the commands)"
            )
            self.diagnostics.append(
                Diagnostic(file.label, line, problem + advice, code="parse-error")
            )
        elif not found and not rejected:
            self.diagnostics.append(
                Diagnostic(
                    file.label,
                    0,
                    "the file holds no configuration item",
                    level="info",
                    code="no-items",
                )
            )
        if not found and (problem or rejected):
            detail = problem or "no usable configuration item"
            self.files.append(FileRecord(file.label, FORMAT, "error", detail=detail))
        else:
            self.files.append(FileRecord(file.label, FORMAT, "read", resources=found))

    def _value(self, value: Value, file: InputFile) -> None:
        for raw in unwrap(value.data):
            if isinstance(raw, ItemError):
                self._reject(file, value.line, str(raw))
                continue
            try:
                item = normalize(raw, value.line, value.end_line)
            except ItemError as exc:
                self._reject(
                    file, value.line, f"{exc}; the item is skipped (fix it, or export it again)"
                )
                continue
            self.offer(item, file.label)

    def _reject(self, file: InputFile, line: int, message: str) -> None:
        self.stats.rejected += 1
        self.diagnostics.append(
            Diagnostic(file.label, line, message, level="warning", code="config-item")
        )

    def offer(self, item: ConfigItem, label: str) -> None:
        self.stats.items += 1
        self.sequence += 1
        order = (item.order[0], item.order[1], self.sequence)
        key = item.key
        current = self.latest.get(key)
        if current is not None:
            self.stats.superseded += 1
            if current.order > order:
                return
        self.latest[key] = self._build(item, label, order)

    def _build(self, item: ConfigItem, label: str, order: tuple[float, int, int]) -> _Latest:
        entry = _Latest(order, "resource", item.resource_type, item.account, item.region)
        if item.deleted:
            entry.kind = "deleted"
            return entry
        if item.resource_type in EVIDENCE_TYPES:
            entry.kind = "evidence"
            entry.evidence = list(rule_results(item))
            return entry
        if not supported(item):
            entry.kind = "unsupported"
            return entry
        node_id = "config:" + "/".join(item.key)
        try:
            out = map_item(item, node_id)
        except Exception as exc:  # a surprising item must not stop the scan
            entry.kind = "error"
            entry.problems.append(
                Diagnostic(
                    label,
                    item.line,
                    f"{item.resource_type} {item.resource_id} could not be mapped"
                    f" ({type(exc).__name__}: {exc}); it is left out",
                    level="warning",
                    code="config-item",
                )
            )
            return entry
        context = f"{item.account or '-'}/{item.region or '-'}"
        source = Source(label, item.line, item.end_line, FORMAT, context)
        parts = [(node_id, out.type, out.address, out.properties)] + [
            (c.node_id, c.type, c.address, c.properties) for c in out.synthesized
        ]
        entry.resources = [
            Resource(
                node_id=part_id,
                type=rtype,
                address=address,
                properties=properties,
                source=source,
                native_type=item.resource_type,
                account=item.account,
                region=item.region,
            )
            for part_id, rtype, address, properties in parts
        ]
        entry.pending = out.pending
        entry.joins = out.joins
        entry.relationships = [
            (r.resource_type, r.resource_id, r.resource_name, r.name) for r in item.relationships
        ]
        entry.keys = tuple(k for k in (item.resource_id, item.resource_name, item.arn) if k)
        entry.problems = [
            Diagnostic(
                label,
                item.line,
                f"{item.resource_type} {item.resource_id}: {message}",
                level="warning",
                code="config-item",
            )
            for message in out.problems
        ]
        return entry

    # -- building ----------------------------------------------------------------------------
    def result(self) -> ReadResult:
        result = ReadResult(diagnostics=list(self.diagnostics), files=list(self.files))
        index = _Index()
        unsupported: Counter[str] = Counter()
        compliance: dict[str | None, dict[str, str]] = {}
        for key in sorted(self.latest):
            entry = self.latest[key]
            result.diagnostics.extend(entry.problems)
            if entry.kind == "deleted":
                self.stats.deleted += 1
            elif entry.kind == "unsupported":
                self.stats.unsupported += 1
                unsupported[entry.native_type] += 1
            elif entry.kind == "error":
                self.stats.unmappable += 1
            elif entry.kind == "evidence":
                self.stats.evidence += 1
                rules = compliance.setdefault(entry.account, {})
                for name, status in entry.evidence:
                    rules[name] = worst(rules.get(name), status)
            else:
                self.stats.resources += 1
                result.resources.extend(entry.resources)
                index.add(entry)
        for key in sorted(self.latest):
            entry = self.latest[key]
            if entry.kind != "resource":
                continue
            self._connect(entry, index, result)
            self._join(entry, index)
        result.unsupported = dict(sorted(unsupported.items()))
        result.diagnostics = fold_item_problems(result.diagnostics)
        for account, rules in sorted(compliance.items(), key=lambda kv: kv[0] or ""):
            result.account_facts[account] = {"ConfigRuleCompliance": dict(sorted(rules.items()))}
        return result

    def _connect(self, entry: _Latest, index: _Index, result: ReadResult) -> None:
        own = entry.resources[0]
        for rtype, rid, rname, name in entry.relationships:
            target = index.find(entry.account, entry.region, rtype, rid or rname or "")
            if target:
                result.edges.append(Edge(own.node_id, target, "relationship", name))
        for pending in entry.pending:
            if not pending.target_type:
                result.edges.append(Edge(pending.source, pending.key, "reference", pending.via))
                continue
            target = index.find(entry.account, entry.region, pending.target_type, pending.key)
            if target:
                result.edges.append(Edge(pending.source, target, "reference", pending.via))

    def _join(self, entry: _Latest, index: _Index) -> None:
        for join in entry.joins:
            target = index.find(entry.account, entry.region, join.target_type, join.key)
            resource = index.resources.get(target or "")
            value: Any = (
                resource.properties.get(join.attribute)
                if resource is not None
                else UnknownValue(join.reason)
            )
            if value is None:
                continue
            holder: Any = entry.resources[0].properties
            for step in join.path[:-1]:
                holder = holder[step]
            holder[join.path[-1]] = value


def fold_item_problems(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One `config-item` diagnostic per file: a file with several item problems gets one, at
    the first problem's line, that counts them and quotes the first few."""
    by_file: dict[str, list[Diagnostic]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.code == "config-item":
            by_file.setdefault(diagnostic.file, []).append(diagnostic)
        else:
            kept.append(diagnostic)
    for file, problems in by_file.items():
        problems.sort(key=lambda d: (d.line, d.message))
        if len(problems) == 1:
            kept.append(problems[0])
            continue
        quoted = "; ".join(f"line {d.line}: {d.message}" for d in problems[:QUOTED_ITEM_PROBLEMS])
        rest = len(problems) - QUOTED_ITEM_PROBLEMS
        more = f"; and {rest} more" if rest > 0 else ""
        message = (
            f"{len(problems)} items of this file have problems: {quoted}{more} ({ITEM_ADVICE})"
        )
        kept.append(
            Diagnostic(file, problems[0].line, message, level="warning", code="config-item")
        )
    return kept


class _Index:
    """Resources by account, type (Config's and canonical) and any name they are known by."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str | None, str, str], list[tuple[str, str]]] = {}
        self.resources: dict[str, Resource] = {}

    def add(self, entry: _Latest) -> None:
        own = entry.resources[0]
        for resource in entry.resources:
            self.resources[resource.node_id] = resource
        types = {entry.native_type, own.type}
        for rtype in types:
            for key in entry.keys:
                self.by_key.setdefault((entry.account, rtype, key), []).append(
                    (entry.region or "", own.node_id)
                )

    def find(self, account: str | None, region: str | None, rtype: str, key: str) -> str | None:
        candidates = self.by_key.get((account, rtype, key))
        if not candidates:
            return None
        for wanted in (region or "", "global", ""):
            for candidate_region, node_id in candidates:
                if candidate_region == wanted:
                    return node_id
        return min(candidates)[1]
