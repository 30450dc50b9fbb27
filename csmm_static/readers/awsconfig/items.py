"""One configuration item, whatever shape it arrived in.

AWS Config spells the same item four ways (formats reference §5): delivered snapshot and
history files (`ARN`, `awsAccountId`, `configurationItemVersion`, `configuration` as an object,
relationships with `name`), the history and batch-get APIs (`arn`, `accountId`, `version`,
`configuration` and every supplementary value as JSON text, some of them encoded twice),
advanced queries (rows that are JSON text themselves, tags as `{key, value}` lists), and the
notifications and rule events that wrap an item in a JSON string. `unwrap` finds the items in any
of those containers and `normalize` turns each into one `ConfigItem`.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Item statuses that mean "this resource no longer exists (or is no longer recorded)".
DELETED_STATUSES = frozenset(
    {"ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"}
)
# Arrays that hold items and are streamed element by element.
ITEM_ARRAYS = frozenset({"configurationItems", "baseConfigurationItems", "Results"})
_ITEM_HINTS = ("configuration", "resourceId", "arn", "ARN", "accountId", "awsAccountId")
_ARN = re.compile(r"^arn:[^:]*:[^:]*:([^:]*):([0-9]{12})?:")
_MAX_DECODE_DEPTH = 4


@dataclass(frozen=True)
class Relationship:
    resource_type: str
    resource_id: str | None
    resource_name: str | None
    name: str  # "Is attached to Instance", ...


@dataclass
class ConfigItem:
    resource_type: str
    resource_id: str
    resource_name: str | None
    arn: str | None
    account: str | None
    region: str | None
    status: str
    order: tuple[float, int]  # capture time, state id: the larger is the later
    configuration: Any  # decoded; None when absent
    has_configuration: bool  # False when the export left `configuration` out
    supplementary: dict[str, Any] | None  # decoded values; None when left out
    relationships: list[Relationship] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    line: int = 0
    end_line: int = 0

    @property
    def deleted(self) -> bool:
        return self.status in DELETED_STATUSES

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.account or "-", self.region or "-", self.resource_type, self.resource_id)


class ItemError(ValueError):
    """An item that cannot be used, with what is wrong in words a user can act on."""


def decode_text(value: Any) -> Any:
    """A value that may be JSON text, encoded once or several times, as plain data."""
    for _ in range(_MAX_DECODE_DEPTH):
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text or (text[0] not in '{["' and text not in ("true", "false", "null")):
            return value
        try:
            value = json.loads(text)
        except ValueError:
            return value
    return value


def unwrap(data: Any) -> Iterator[dict[str, Any] | ItemError]:
    """The raw configuration items inside any container Config or its tooling produces."""
    if isinstance(data, str):
        decoded = decode_text(data)
        if decoded is data:
            yield ItemError("a text value is not a JSON configuration item")
        else:
            yield from unwrap(decoded)
        return
    if isinstance(data, list):
        for element in data:
            yield from unwrap(element)
        return
    if not isinstance(data, dict):
        yield ItemError(f"expected a configuration item, found {type(data).__name__}")
        return
    if "resourceType" in data and any(k in data for k in _ITEM_HINTS):
        yield data
        return
    found = False
    for key in sorted(ITEM_ARRAYS):
        if isinstance(data.get(key), list):
            found = True
            yield from unwrap(data[key])
    if isinstance(data.get("configurationItem"), dict):
        found = True
        yield data["configurationItem"]
    if isinstance(data.get("configurationItemSummary"), dict):
        found = True
        summary = data["configurationItemSummary"]
        yield ItemError(
            f"oversized item notification for {summary.get('resourceType')}"
            f" {summary.get('resourceId')}: it holds only a summary; export the item with"
            " `aws configservice get-resource-config-history`"
        )
    for key in ("invokingEvent", "Message"):
        if isinstance(data.get(key), str):
            found = True
            decoded = decode_text(data[key])
            if isinstance(decoded, dict):
                yield from unwrap(decoded)
            else:
                yield ItemError(f"`{key}` is not valid JSON")
    # A Config notification without an item (scheduled, delivery completed, ...) holds nothing
    # to read; any other object is not something Config produces.
    if not found and "messageType" not in data:
        yield ItemError("no configuration item in this JSON object")


def normalize(raw: dict[str, Any], line: int = 0, end_line: int = 0) -> ConfigItem:
    rtype = raw.get("resourceType")
    if not isinstance(rtype, str) or not rtype:
        raise ItemError("the item has no resourceType")
    arn = _text(raw, "ARN") or _text(raw, "arn")
    rid = _text(raw, "resourceId") or _text(raw, "resourceName") or arn
    if not rid:
        raise ItemError(f"{rtype} item has no resourceId, resourceName or ARN")
    account = _text(raw, "awsAccountId") or _text(raw, "accountId")
    region = _text(raw, "awsRegion")
    arn_parts = _ARN.match(arn or "")
    if arn_parts:
        region = region or arn_parts.group(1) or None
        account = account or arn_parts.group(2)
    if account is not None and not re.fullmatch(r"[0-9]{12}", account):
        raise ItemError(f"{rtype} {rid}: account id {account!r} is not 12 digits")
    status = _text(raw, "configurationItemStatus") or "OK"
    order = (
        _timestamp(raw.get("configurationItemCaptureTime")),
        _int(raw.get("configurationStateId")),
    )
    configuration = decode_text(raw.get("configuration"))
    if configuration is not None and not isinstance(configuration, dict):
        # Text that is not JSON (a truncated export): reading it as "nothing configured"
        # would turn a broken item into a passing one.
        raise ItemError(f"{rtype} {rid}: `configuration` is not a JSON object")
    supplementary_raw = decode_text(raw.get("supplementaryConfiguration"))
    supplementary: dict[str, Any] | None = None
    if isinstance(supplementary_raw, dict):
        supplementary = {str(k): decode_text(v) for k, v in supplementary_raw.items()}
        for key, value in supplementary.items():
            if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
                raise ItemError(
                    f"{rtype} {rid}: `supplementaryConfiguration.{key}` is not valid JSON"
                )
    elif "supplementaryConfiguration" in raw and supplementary_raw is None:
        supplementary = {}
    item = ConfigItem(
        resource_type=rtype,
        resource_id=rid,
        resource_name=_text(raw, "resourceName"),
        arn=arn,
        account=account,
        region=region,
        status=status,
        order=order,
        configuration=configuration,
        has_configuration=configuration is not None,
        supplementary=supplementary,
        relationships=_relationships(raw.get("relationships")),
        tags=_tags(raw.get("tags")),
        line=line,
        end_line=end_line or line,
    )
    if not item.tags and isinstance(configuration, dict):
        item.tags = _tags(configuration.get("tags") or configuration.get("Tags"))
    if not item.tags and supplementary:
        item.tags = _tags(supplementary.get("Tags"))
    return item


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ItemError(f"`{key}` is {type(value).__name__}, expected text")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


_ISO = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?\s*(Z|[+-]\d\d:?\d\d)?$"
)


def _timestamp(value: Any) -> float:
    """Capture times as seconds since the epoch: ISO text (CLI v2, files), epoch numbers
    (CLI v1, raw API), or serialized datetime objects; 0 when absent or unreadable."""
    if isinstance(value, bool) or value is None:
        return 0.0
    if isinstance(value, int | float):
        return float(value) / 1000.0 if value > 1e11 else float(value)
    if isinstance(value, dict) and value.get("__class__") == "datetime":
        keys = ("year", "month", "day", "hour", "minute", "second")
        if not all(isinstance(value.get(k, 0), int) for k in keys):
            return 0.0
        value = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(
            *(value.get(k, 0) for k in keys)
        )
    if not isinstance(value, str):
        return 0.0
    match = _ISO.match(value.strip())
    if not match:
        return 0.0
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        moment = datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=datetime.timezone(offset),
        )
    except ValueError:
        return 0.0
    return moment.timestamp() + (float(f"0.{fraction}") if fraction else 0.0)


def _relationships(value: Any) -> list[Relationship]:
    out: list[Relationship] = []
    if not isinstance(value, list):
        return out
    for entry in value:
        if not isinstance(entry, dict):
            continue
        rtype = entry.get("resourceType")
        rid = entry.get("resourceId")
        rname = entry.get("resourceName")
        if not isinstance(rtype, str) or not (isinstance(rid, str) or isinstance(rname, str)):
            continue
        name = entry.get("relationshipName") or entry.get("name") or ""
        out.append(
            Relationship(
                rtype,
                rid if isinstance(rid, str) else None,
                rname if isinstance(rname, str) else None,
                str(name).strip(),
            )
        )
    return out


def _tags(value: Any) -> dict[str, str]:
    """Tags from a `{k: v}` map or a list of `{key, value}` / `{Key, Value}` / `{tagKey,
    tagValue}` entries (the shapes differ between item forms and resource types)."""
    value = decode_text(value)
    if isinstance(value, dict):
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    tags: dict[str, str] = {}
    if isinstance(value, list):
        for entry in value:
            if not isinstance(entry, dict):
                continue
            key = entry.get("key", entry.get("Key", entry.get("tagKey")))
            if isinstance(key, str):
                val = entry.get("value", entry.get("Value", entry.get("tagValue")))
                tags[key] = "" if val is None else str(val)
    return tags
