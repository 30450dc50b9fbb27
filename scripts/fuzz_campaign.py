"""A long fuzzing campaign over every fuzz target, for maintainers (CI runs a short one).

    python scripts/fuzz_campaign.py --examples 10000
    python scripts/fuzz_campaign.py --examples 500 --target cloudformation --seed 42
    python scripts/fuzz_campaign.py --examples 10000 --corpora ../shared/corpora

Runs the properties of tests/test_fuzz_readers.py (no exception escapes a reader, nothing hangs,
the report validates) with N new random examples per input kind and target, counts the inputs
each target really received, and prints a table to paste into docs/robustness.md. The examples
run in rounds of at most 1000, each from its own seed: hypothesis keeps every example of a run in
memory, and a process grown past a gigabyte pauses long enough in garbage collection to trip the
time budget. A failure prints hypothesis' shrunk example and the command that reproduces its
round; the exit code is 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=10_000, help="per input kind and target")
    parser.add_argument("--target", action="append", help="only this target (repeatable)")
    parser.add_argument("--seed", type=int, help="reproduce a run (default: a random seed)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="seed files")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    os.environ["CSMM_CORPORA"] = str(args.corpora)  # read by the corpus input kind
    sys.path.insert(0, str(ROOT))
    import pytest

    from tests import test_fuzz_readers as fuzz

    targets = [t for t in fuzz.TARGETS if not args.target or t.name in args.target]
    if not targets:
        parser.error(f"no such target; known: {', '.join(sorted(fuzz.BY_NAME))}")
    print(
        f"seed {seed}, {args.examples} examples per input kind, python {platform.python_version()}"
    )
    print("| target | input kind | inputs | seconds | result |")
    print("|---|---|---:|---:|---|")
    failed = False
    for target in targets:
        for kind in fuzz.CAMPAIGN:
            counted = _Counter(target.check)
            name = kind.__name__.removeprefix("fuzz_")
            start = time.monotonic()
            result = "passed"
            for round_seed, examples in _rounds(seed, args.examples):
                try:
                    kind(dataclasses.replace(target, check=counted), fuzz.Run(examples, round_seed))
                except pytest.skip.Exception as skipped:
                    result = f"skipped: {skipped.msg}"
                    break
                except Exception:  # a property failed: show hypothesis' report and go on
                    traceback.print_exc()
                    print(
                        f"reproduce: CSMM_FUZZ_SEED={round_seed} CSMM_FUZZ_EXAMPLES={examples}"
                        f" pytest tests/test_fuzz_readers.py -k 'test_{name}[{target.name}]'",
                        file=sys.stderr,
                    )
                    result, failed = "FAILED", True
            seconds = time.monotonic() - start
            what = name.replace("_", " ")
            print(f"| {target.name} | {what} | {counted.calls} | {seconds:.0f} | {result} |")
            sys.stdout.flush()
    return 1 if failed else 0


def _rounds(seed: int, examples: int, size: int = 1000) -> list[tuple[int, int]]:
    """(seed, examples) of each round: the campaign's seed, then the next ones."""
    return [(seed + i, min(size, examples - i * size)) for i in range(-(-examples // size))]


class _Counter:
    """A check that counts the inputs it is given."""

    def __init__(self, check: Callable[[bytes], None]) -> None:
        self.check = check
        self.calls = 0

    def __call__(self, data: bytes) -> None:
        self.calls += 1
        self.check(data)


if __name__ == "__main__":
    sys.exit(main())
