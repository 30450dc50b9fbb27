"""AWS Config: snapshot and history files, API output, advanced queries and notifications.

Files are recognised by content, in any mix: delivered snapshot and history files (`.json`,
`.json.gz`, the `configurationItems` wrapper), `get-resource-config-history` and
`batch-get-resource-config` output, `select-resource-config` / aggregator results (JSON or JSON
lines), and SNS notifications or rule events that carry an item. Large files are streamed item
by item. Each resource's latest item becomes one canonical resource (docs/graph.md); rule
results become the account node's `ConfigRuleCompliance`.
"""

from __future__ import annotations

import gc
import re
from functools import partial

from csmm_static.readers.awsconfig.stream import needs_decoding, read_head
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult
from csmm_static.readers.limits import guarded

__all__ = ["FIXTURE_FORMATS", "FORMAT", "claims", "read"]

FORMAT = "aws-config"
FIXTURE_FORMATS: tuple[str, ...] = ("config",)  # the model.FORMATS keys this reader reads
# Snapshots of whole accounts run to hundreds of megabytes: the reader streams them item by
# item and applies --max-file-size to each item, not to the file.
STREAMING = True

_SUFFIXES = (".json", ".jsonl", ".ndjson")
_MARKERS = re.compile(
    r'"(?:configurationItems|baseConfigurationItems|configurationItem|configurationItemSummary'
    r'|invokingEvent)"\s*:'
    r'|\\"configurationItem'  # an item inside a JSON string (SNS message, rule event)
    r'|"resourceType"\s*:\s*"[A-Za-z0-9]+::'
    r'|\\"resourceType\\"\s*:'  # advanced-query rows, which are JSON strings
)
_HEAD_CHARS = 64 * 1024


def claims(file: InputFile, head: str) -> bool:
    name = file.path.name.lower()
    if not name.removesuffix(".gz").endswith(_SUFFIXES):
        return False
    if needs_decoding(file.path, head):
        head = read_head(file.path, _HEAD_CHARS)
        if not head and name.endswith(".gz"):
            return True  # a damaged snapshot file: claim it so that it is diagnosed
    return bool(_MARKERS.search(head))


def read(files: list[InputFile], options: ParseOptions) -> ReadResult:
    # Imported here: the item mappers take ~10 ms to import, and `parse` imports this module to
    # ask it about every file (the cheap `claims` above).
    from csmm_static.readers.awsconfig.collect import Collector

    # Reading allocates millions of small objects that form no cycles; pausing the cyclic
    # collector meanwhile saves about a third of the time on large snapshots.
    paused = gc.isenabled()
    gc.disable()
    try:
        collector = Collector(options)
        for item in files:
            # Each file under its own budget: a hostile file costs only itself.
            outcome = guarded(
                partial(collector.add_file, item), [item.label], FORMAT, options.parse_timeout
            )
            if not outcome.ok:
                collector.diagnostics.extend(outcome.diagnostics)
                code = outcome.diagnostics[0].code
                collector.files.append(FileRecord(item.label, FORMAT, "error", detail=code))
        return collector.result()
    finally:
        if paused:
            gc.enable()
