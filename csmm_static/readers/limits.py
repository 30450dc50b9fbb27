"""What one input file may cost a scan, and the guard every reader call runs under.

Input is hostile (docs/robustness.md): a pull request can bring a file crafted to crash, hang or
exhaust the runner. So every claim and every read of a file runs under a time budget
(`call_with_budget`), readers raise `LimitExceeded` when a structural limit is hit, and
`guarded` turns whatever escapes a reader into diagnostics for the files it was reading: the
scan goes on with the other files, and the coverage section lists what was not read.

The budget is enforced where the read runs: a `SIGALRM` timer when the reading thread is the main
thread (a scan, or a process-pool worker reading one file), else a watchdog thread that raises
the timeout inside the reading thread. Nothing depends on the caller, so the same unit of work
can run in this process or in a pool.
"""

from __future__ import annotations

import io
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from csmm_static.diagnostics import Diagnostic
from csmm_static.readers.base import FileRecord, InputFile, ParseOptions, ReadResult

T = TypeVar("T")

# Fixed limits: no legitimate input comes near them, so they have no flag.
MAX_VALUES = 1_000_000  # values produced by evaluating one template's intrinsic functions
MAX_RESOLVED_CHARS = 64 * 1024 * 1024  # characters of text in those values, all together
MAX_TEXT_CHARS = 1024 * 1024  # one string built by an intrinsic (Fn::Sub, Fn::Join, ...)
# A compressed input may expand to this many times its own size (or to --max-file-size, if more):
# JSON compresses 10 to 30 times, a gzip bomb about 1000 times.
MAX_EXPANSION = 100


@dataclass(frozen=True)
class Limit:
    """One guarded resource: the diagnostic code it yields and what the user can do."""

    code: str
    advice: str


LIMITS: dict[str, Limit] = {
    "file-size": Limit(
        "file-too-large", "To read it, raise --max-file-size (megabytes) if it is legitimate"
    ),
    "parse-time": Limit(
        "parse-timeout",
        "To read it, raise --parse-timeout (seconds) if it is legitimate; else look for content"
        " crafted to slow the scan",
    ),
    "depth": Limit(
        "too-deep", "Flatten the structure, or raise --max-depth if the file is legitimate"
    ),
    "nodes": Limit(
        "too-many-nodes", "Remove the YAML anchors and aliases that repeat large blocks"
    ),
    "values": Limit(
        "too-many-values",
        "Simplify the intrinsic functions (Fn::FindInMap, Fn::Split, ...) that multiply values",
    ),
    "text": Limit(
        "value-too-long",
        "Shorten the text the intrinsic, template or function builds (no deployable"
        " configuration builds one this long)",
    ),
    "expansion": Limit(
        "decompressed-too-large",
        "Decompress it and scan the JSON, raising --max-file-size if it is legitimate",
    ),
    "memory": Limit(
        "out-of-memory", "Look for content crafted to exhaust memory, or scan the file alone"
    ),
    "crash": Limit(
        "reader-error",
        "The rest of the scan is unaffected; please report this bug together with the file",
    ),
}


class ParseTimeout(BaseException):
    """The time budget of one read ran out.

    A BaseException, like KeyboardInterrupt, so that a reader's `except Exception` (or a
    third-party library's) cannot swallow it.
    """


class LimitExceeded(Exception):
    """A reader met more of something than a scan allows: the file is not read.

    `detail` says what was exceeded and where (the limit's value, the resource); the advice
    comes from `LIMITS[kind]`. `file` names the input when a reader reads several together.
    """

    def __init__(self, kind: str, detail: str, line: int = 0, file: str = "") -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.line = line
        self.file = file

    def diagnostic(self, label: str) -> Diagnostic:
        limit = LIMITS[self.kind]
        return Diagnostic(
            self.file or label,
            self.line,
            f"{self.detail}; the file is not read. {limit.advice}",
            code=limit.code,
        )


# ---------------------------------------------------------------------------------------------
# Reading under limits.


def check_size(item: InputFile, options: ParseOptions) -> None:
    """Raise LimitExceeded when the file is over the size limit (before anything reads it)."""
    size = item.path.stat().st_size
    if size > options.max_file_bytes:
        raise _too_large(size, options)


def read_input(item: InputFile, options: ParseOptions) -> bytes:
    """The file's bytes, never more than the size limit (the file may grow after a stat)."""
    with item.path.open("rb") as handle:
        raw = handle.read(options.max_file_bytes + 1)
    if len(raw) > options.max_file_bytes:
        raise _too_large(item.path.stat().st_size, options)
    return raw


def _too_large(size: int, options: ParseOptions) -> LimitExceeded:
    return LimitExceeded(
        "file-size", f"file is {size} bytes, over the {options.max_file_bytes}-byte limit"
    )


class BoundedStream(io.RawIOBase):
    """A binary stream that raises LimitExceeded once more than `limit` bytes came out of it (a
    decompressing reader over a gzip bomb)."""

    def __init__(self, inner: io.BufferedIOBase, limit: int) -> None:
        super().__init__()
        self.inner = inner
        self.limit = limit
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(min(len(buffer), 1 << 20))
        self.total += len(data)
        if self.total > self.limit:
            raise LimitExceeded(
                "expansion",
                f"it decompresses to more than {self.limit} bytes (over {MAX_EXPANSION} times its"
                " size and over --max-file-size): a compression bomb or a very large export",
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def expansion_limit(compressed_bytes: int, max_file_bytes: int) -> int:
    return max(max_file_bytes, compressed_bytes * MAX_EXPANSION)


# ---------------------------------------------------------------------------------------------
# Nesting depth of JSON, measured before (or instead of) recursing into it.

_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def too_deep(max_depth: int, line: int = 0, file: str = "") -> LimitExceeded:
    return LimitExceeded(
        "depth", f"nested deeper than {max_depth} levels (--max-depth)", line, file
    )


def check_json_depth(text: str, max_depth: int, file: str = "") -> None:
    """Raise `too_deep` at the line where JSON `text` first nests deeper than `max_depth`
    (Python's decoder would recurse, and whatever reads the result after it)."""
    if text.count("[") + text.count("{") <= max_depth:
        return  # cannot be deeper: the common case costs two C-speed counts
    depth = 0
    for match in _JSON_NESTING.finditer(text):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            if depth > max_depth:
                raise too_deep(max_depth, text.count("\n", 0, match.start()) + 1, file)
        elif char in "]}":
            depth -= 1


def check_depth(value: object, max_depth: int, line: int = 0, file: str = "") -> None:
    """Raise `too_deep` when decoded `value` nests deeper than `max_depth` (iteratively)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        children: Iterable[object]
        if isinstance(current, dict):
            children = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        if depth > max_depth:
            raise too_deep(max_depth, line, file)
        stack.extend((child, depth + 1) for child in children)


# ---------------------------------------------------------------------------------------------
# The time budget.


def call_with_budget(call: Callable[[], T], seconds: float) -> T:
    """`call()`, interrupted with ParseTimeout once it has run `seconds` (0: no budget)."""
    if seconds <= 0:
        return call()
    if _alarm_is_free():
        return _with_alarm(call, seconds)
    raise_in = _async_exc()
    if raise_in is not None:
        return _with_watchdog(call, seconds, raise_in)
    return _after_the_fact(call, seconds)


def _alarm_is_free() -> bool:
    """SIGALRM is ours to use: POSIX, the main thread, and no one else's timer or handler."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN):
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0


@dataclass
class _Budget:
    active: bool = True
    fired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def outcome(self, call: Callable[[], T]) -> T:
        """`call()`; once the budget has fired, a timeout whatever the call did with it (a
        reader that caught it and carried on, or raised something else, is not trusted)."""
        try:
            result = call()
        except ParseTimeout:
            raise
        except BaseException as exc:
            if self.fired:
                raise ParseTimeout from exc
            raise
        if self.fired:
            raise ParseTimeout
        return result


def _with_alarm(call: Callable[[], T], seconds: float) -> T:
    budget = _Budget()

    def expire(signum: int, frame: object) -> None:
        if budget.active:  # raise once: the read may be finishing as the timer fires
            budget.active, budget.fired = False, True
            raise ParseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return budget.outcome(call)
        finally:
            budget.active = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=1)
def _async_exc() -> Callable[[int, type[BaseException] | None], int] | None:
    """CPython's PyThreadState_SetAsyncExc: raise an exception inside another thread (None
    withdraws one not raised yet). Loaded on first need."""
    try:
        import ctypes

        function = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # not CPython
        return None
    function.argtypes = (ctypes.c_ulong, ctypes.py_object)

    def raise_in(thread_id: int, exc: type[BaseException] | None) -> int:
        return int(function(thread_id, ctypes.py_object() if exc is None else exc))

    return raise_in


def _with_watchdog(
    call: Callable[[], T],
    seconds: float,
    raise_in: Callable[[int, type[BaseException] | None], int],
) -> T:
    target = threading.get_ident()
    budget = _Budget()

    def expire() -> None:
        with budget.lock:
            if budget.active:
                budget.active, budget.fired = False, True
                raise_in(target, ParseTimeout)

    watchdog = threading.Timer(seconds, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        return budget.outcome(call)
    finally:
        with budget.lock:
            budget.active = False
        watchdog.cancel()
        if budget.fired:
            raise_in(target, None)  # withdraw a timeout not raised yet: it must not escape


def _after_the_fact(call: Callable[[], T], seconds: float) -> T:
    """Without signals or async exceptions nothing can interrupt a read; a read that overran
    its budget is still reported as a timeout, so the outcome does not depend on the platform."""
    start = time.monotonic()
    result = call()
    if time.monotonic() - start > seconds:
        raise ParseTimeout
    return result


# ---------------------------------------------------------------------------------------------
# The guard.


@dataclass(frozen=True)
class Guarded(Generic[T]):
    """What a guarded call gave: its value, or the diagnostics that replace it."""

    value: T | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def guarded(
    call: Callable[[], T], labels: Sequence[str], reader: str, seconds: float
) -> Guarded[T]:
    """Run `call` under a budget of `seconds`; anything it raises (but an interrupt) becomes
    one diagnostic for each file in `labels`."""
    try:
        return Guarded(call_with_budget(call, seconds))
    except ParseTimeout:
        detail = f"reading took longer than the {seconds:g}-second budget"
        return Guarded(None, _each(labels, LimitExceeded("parse-time", detail)))
    except LimitExceeded as exc:
        return Guarded(None, _each(labels, exc))
    except MemoryError:
        detail = "reading this file ran out of memory"
        return Guarded(None, _each(labels, LimitExceeded("memory", detail)))
    except Exception as exc:  # a reader bug must not lose the other files' results; this
        # includes RecursionError, since readers enforce max_depth before they recurse
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        detail = f"the {reader} reader failed: {type(exc).__name__}" + (f": {text}" if text else "")
        return Guarded(None, _each(labels, LimitExceeded("crash", detail)))


def _each(labels: Sequence[str], exc: LimitExceeded) -> tuple[Diagnostic, ...]:
    """The failure's diagnostic for each file; when it names one file of a batch, the others
    say that they were not read because of it."""
    if not exc.file or exc.file not in labels:
        return tuple(exc.diagnostic(label) for label in labels)
    return tuple(
        exc.diagnostic(label)
        if label == exc.file
        else Diagnostic(
            label,
            0,
            f"not read: it is read together with {exc.file}, which could not be read;"
            " fix that file (see its diagnostic) and this one is read",
            code=LIMITS[exc.kind].code,
        )
        for label in labels
    )


def guarded_read(
    reader: str, files: Sequence[InputFile], read: Callable[[], ReadResult], options: ParseOptions
) -> tuple[ReadResult, bool]:
    """One reader call over `files` under a budget of `parse_timeout` per file.

    Returns the result and whether it completed (only a completed read may be cached: a timeout
    depends on the machine). On failure every file is recorded as not read, with a diagnostic.
    """
    outcome = guarded(read, [f.label for f in files], reader, options.parse_timeout * len(files))
    if outcome.ok and outcome.value is not None:
        return outcome.value, True
    failed = ReadResult(diagnostics=list(outcome.diagnostics))
    codes = {d.file: d.code for d in outcome.diagnostics}
    failed.files.extend(FileRecord(f.label, reader, "error", detail=codes[f.label]) for f in files)
    return failed, False
