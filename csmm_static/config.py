"""`.csmm.yaml`: scope, attestations and waivers, validated against schemas/config.schema.json.

A bad file never stops a scan: what does not validate becomes a diagnostic with its line, the
entry it belongs to is left out, and the rest of the file applies.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from csmm_static.diagnostics import Diagnostic
from csmm_static.paths import schema_path

if TYPE_CHECKING:
    import jsonschema
    import yaml

CONFIG_NAME = ".csmm.yaml"
DOCS = "see docs/configuration.md"
MAX_CONFIG_BYTES = 1024 * 1024

ConfigScope = Literal["workload", "account"]


@dataclass(frozen=True)
class Attestation:
    """Evidence, outside any configuration, that a process control holds."""

    control_id: str
    statement: str
    owner: str
    evidence: str
    date: datetime.date
    expires: datetime.date
    origin: str  # "<config file>:<line>"


@dataclass(frozen=True)
class Waiver:
    """An accepted risk: the subjects it matches leave the score until it expires."""

    reason: str
    control_id: str = ""  # "" = every control
    address: str = ""  # glob on the subject's address; "" = any
    file: str = ""  # glob on the subject's source file; "" = any
    expires: datetime.date | None = None
    origin: str = ""

    @property
    def whole_control(self) -> bool:
        """True when it names a control and nothing narrower: the control itself is waived."""
        return bool(self.control_id) and not self.address and not self.file


@dataclass(frozen=True)
class Config:
    path: str = ""  # the file as reports name it; "" when there is none
    scope: ConfigScope | None = None
    attestations: tuple[Attestation, ...] = ()
    waivers: tuple[Waiver, ...] = ()


def find_config(paths: Sequence[str | Path]) -> Path | None:
    """The `.csmm.yaml` at the root of the first scanned folder that has one."""
    for argument in paths:
        candidate = Path(argument) / CONFIG_NAME
        if Path(argument).is_dir() and candidate.is_file():
            return candidate
    return None


def load_config(
    paths: Sequence[str | Path], explicit: Path | None = None
) -> tuple[Config, list[Diagnostic]]:
    """The configuration given with --config, or found at a scan root; empty when there is none."""
    path = explicit if explicit is not None else find_config(paths)
    if path is None:
        return Config(), []
    label = path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            return Config(), [
                _problem(
                    label,
                    0,
                    f"file is {size} bytes, over the {MAX_CONFIG_BYTES}-byte limit; it is not"
                    " read. Shorten it",
                )
            ]
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return Config(), [
            _problem(label, 0, "configuration file not found; check the path given to --config")
        ]
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), [
            _problem(label, 0, f"cannot read the configuration ({exc}); save it as UTF-8 text")
        ]
    return parse_config(text, label)


def parse_config(text: str, label: str) -> tuple[Config, list[Diagnostic]]:
    """The configuration in `text` (named `label` in diagnostics), keeping every valid part."""
    import yaml  # deferred: a scan without a configuration file never needs it

    try:
        loader = _loader_class()(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = str(exc).splitlines()[0]
        return Config(label), [
            _problem(label, line, f"not valid YAML: {problem}; fix the YAML syntax ({DOCS})")
        ]
    if data is None:
        return Config(label), []
    diagnostics: list[Diagnostic] = []
    rejected: set[tuple[Any, ...]] = set()
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for error in errors:
        path = tuple(error.absolute_path)
        if "propertyNames" in error.relative_schema_path:  # the bad name, not its section
            path = (*path, error.instance)
        rejected.add(path[:2])
        where = _where(path)
        line = _line_of(root, path)
        diagnostics.append(
            _problem(label, line, f"{where}{error.message}; this entry is ignored: fix it ({DOCS})")
        )
    if not isinstance(data, dict):
        return Config(label), diagnostics
    scope = data.get("scope") if ("scope",) not in rejected else None
    attestations = _attestations(data, rejected, root, label, diagnostics)
    waivers = _waivers(data, rejected, root, label, diagnostics)
    return Config(label, scope, attestations, waivers), diagnostics


def _attestations(
    data: dict[str, Any],
    rejected: set[tuple[Any, ...]],
    root: yaml.Node | None,
    label: str,
    diagnostics: list[Diagnostic],
) -> tuple[Attestation, ...]:
    section = data.get("attestations")
    if ("attestations",) in rejected or not isinstance(section, dict):
        return ()
    found = []
    for control_id in sorted(section):
        if ("attestations", control_id) in rejected:
            continue
        entry = section[control_id]
        line = _line_of(root, ("attestations", control_id))
        dates = _dates(entry, ("date", "expires"))
        if isinstance(dates, str):
            diagnostics.append(_problem(label, line, f"attestation {control_id}: {dates}"))
            continue
        date, expires = dates
        if date is None or expires is None:  # the schema requires both
            continue
        if expires < date:
            diagnostics.append(
                _problem(
                    label,
                    line,
                    f"attestation {control_id}: expires before its date; it is ignored."
                    " Correct the dates",
                )
            )
            continue
        found.append(
            Attestation(
                control_id,
                entry["statement"].strip(),
                entry["owner"].strip(),
                entry["evidence"].strip(),
                date,
                expires,
                f"{label}:{line}",
            )
        )
    return tuple(found)


def _waivers(
    data: dict[str, Any],
    rejected: set[tuple[Any, ...]],
    root: yaml.Node | None,
    label: str,
    diagnostics: list[Diagnostic],
) -> tuple[Waiver, ...]:
    section = data.get("waivers")
    if ("waivers",) in rejected or not isinstance(section, list):
        return ()
    found = []
    for index, entry in enumerate(section):
        if ("waivers", index) in rejected:
            continue
        line = _line_of(root, ("waivers", index))
        dates = _dates(entry, ("expires",))
        if isinstance(dates, str):
            diagnostics.append(_problem(label, line, f"waiver: {dates}"))
            continue
        found.append(
            Waiver(
                reason=entry["reason"].strip(),
                control_id=entry.get("control", ""),
                address=entry.get("address", ""),
                file=entry.get("file", ""),
                expires=dates[0],
                origin=f"{label}:{line}",
            )
        )
    return tuple(found)


def _dates(entry: dict[str, Any], keys: Sequence[str]) -> list[datetime.date | None] | str:
    """The entry's dates, or what is wrong with one of them."""
    values: list[datetime.date | None] = []
    for key in keys:
        raw = entry.get(key)
        if raw is None:
            values.append(None)
            continue
        try:
            values.append(datetime.date.fromisoformat(raw))
        except ValueError:
            return (
                f"{key} {raw!r} is not a calendar date; this entry is ignored. Write it as"
                " YYYY-MM-DD"
            )
    return values


@lru_cache(maxsize=1)
def _loader_class() -> type[yaml.SafeLoader]:
    """Safe YAML where dates stay text, so that the schema sees what was written."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # deferred: only a scan with a configuration file pays its import

    schema = json.loads(schema_path("config.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: tuple[Any, ...]) -> str:
    if not path:
        return ""
    text = str(path[0])
    for part in path[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return f"{text}: "


def _line_of(root: yaml.Node | None, path: Sequence[Any]) -> int:
    """The 1-based line where the entry at `path` starts (its key, in a mapping), or where its
    nearest existing ancestor starts."""
    if root is None:
        return 0
    import yaml  # loaded already: root came from it

    node, line = root, root.start_mark.line
    for part in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line, pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _problem(label: str, line: int, message: str) -> Diagnostic:
    return Diagnostic(label, line, message, code="config")
