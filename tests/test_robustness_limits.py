"""The guard every read runs under: the time budget really interrupts, failures stay local."""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import pytest

from csmm_static.readers import ParseOptions, ReadCache, parse
from csmm_static.readers.base import FileRecord, InputFile, ReadResult
from csmm_static.readers.limits import (
    LIMITS,
    LimitExceeded,
    ParseTimeout,
    call_with_budget,
    guarded,
    guarded_read,
)

TEMPLATE = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: b}\n"


def _spin() -> None:
    while True:
        pass


def _interrupted_within(call: object, budget: float) -> float:
    start = time.monotonic()
    with pytest.raises(ParseTimeout):
        call_with_budget(call, budget)  # type: ignore[arg-type]
    return time.monotonic() - start


def test_a_runaway_loop_is_interrupted_in_the_main_thread() -> None:
    assert _interrupted_within(_spin, 0.2) < 2
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_catastrophic_regex_is_interrupted() -> None:
    pattern = re.compile(r"(^|[{,])\s*Resources\s*:", re.MULTILINE)  # quadratic on blank lines
    assert _interrupted_within(lambda: pattern.search("\n" * 200_000), 0.2) < 2


def test_a_runaway_loop_is_interrupted_in_another_thread() -> None:
    elapsed: list[float] = []
    worker = threading.Thread(target=lambda: elapsed.append(_interrupted_within(_spin, 0.2)))
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and elapsed and elapsed[0] < 2


def test_someone_elses_alarm_is_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        assert _interrupted_within(_spin, 0.2) < 2  # by the watchdog thread instead
        assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
        assert not fired
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_a_reader_that_swallows_the_timeout_still_times_out() -> None:
    def stubborn() -> str:
        with contextlib.suppress(BaseException):
            _spin()
        return "carried on"

    with pytest.raises(ParseTimeout):
        call_with_budget(stubborn, 0.2)


def test_a_reader_that_turns_the_timeout_into_another_error_still_times_out() -> None:
    def converting() -> None:
        try:
            _spin()
        except BaseException as exc:
            raise ValueError("something else") from exc

    with pytest.raises(ParseTimeout):
        call_with_budget(converting, 0.2)


def test_a_finished_call_leaves_nothing_armed() -> None:
    assert call_with_budget(lambda: 42, 0.05) == 42
    time.sleep(0.15)  # an alarm left behind would interrupt this sleep
    assert call_with_budget(lambda: 7, 0) == 7


def test_the_budget_costs_microseconds_per_call() -> None:
    calls = 2000
    start = time.perf_counter()
    for _ in range(calls):
        call_with_budget(lambda: None, 30)
    per_call = (time.perf_counter() - start) / calls
    assert per_call < 200e-6  # measured about 5 µs; docs/robustness.md


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ValueError("bad"), "reader-error"),
        (RecursionError(), "reader-error"),
        (MemoryError(), "out-of-memory"),
        (LimitExceeded("values", "too many values", 7), "too-many-values"),
    ],
)
def test_what_a_reader_raises_becomes_a_diagnostic(error: BaseException, code: str) -> None:
    def fail() -> None:
        raise error

    outcome = guarded(fail, ["a.yaml", "b.yaml"], "cloudformation", 5)
    assert not outcome.ok and [d.file for d in outcome.diagnostics] == ["a.yaml", "b.yaml"]
    first = outcome.diagnostics[0]
    assert first.code == code and "the file is not read" in first.message
    assert first.line == (7 if isinstance(error, LimitExceeded) else 0)


def test_every_limit_says_what_to_do() -> None:
    assert len({limit.code for limit in LIMITS.values()}) == len(LIMITS)
    assert all(len(limit.advice.split()) >= 5 for limit in LIMITS.values())


def test_a_limit_in_one_file_of_a_batch_names_it_and_explains_the_others() -> None:
    def fail() -> None:
        raise LimitExceeded("depth", "nested deeper than 3 levels", 4, file="b.tf")

    outcome = guarded(fail, ["a.tf", "b.tf"], "terraform", 5)
    by_file = {d.file: d for d in outcome.diagnostics}
    assert by_file["b.tf"].line == 4 and by_file["b.tf"].code == "too-deep"
    assert "read together with b.tf" in by_file["a.tf"].message


class _Stuck:
    """A reader that never finishes on `.stuck` files."""

    FORMAT = "stuck"
    FIXTURE_FORMATS: tuple[str, ...] = ()

    def claims(self, file: InputFile, head: str) -> bool:
        return file.path.suffix == ".stuck"

    def read(self, files: list[InputFile], options: ParseOptions) -> ReadResult:
        result = ReadResult()
        for item in files:
            result.extend(self.read_file(item, options))
        return result

    def read_file(self, file: InputFile, options: ParseOptions) -> ReadResult:
        if "finish" in file.path.read_text(encoding="utf-8"):
            return ReadResult(files=[FileRecord(file.label, self.FORMAT, "read")])
        _spin()
        raise AssertionError("unreachable")


def test_a_hanging_read_times_out_and_the_scan_goes_on(tmp_path: Path) -> None:
    from csmm_static.readers import cloudformation

    (tmp_path / "a.stuck").write_text("spin", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(TEMPLATE, encoding="utf-8")
    start = time.monotonic()
    result = parse([tmp_path], ParseOptions(parse_timeout=0.3), readers=(cloudformation, _Stuck()))
    assert time.monotonic() - start < 5
    (diagnostic,) = result.diagnostics
    assert diagnostic.file.endswith("a.stuck") and diagnostic.code == "parse-timeout"
    assert "--parse-timeout" in diagnostic.message and "0.3-second" in diagnostic.message
    assert {f.file.rsplit("/", 1)[-1]: f.status for f in result.files} == {
        "a.stuck": "error",
        "b.yaml": "read",
    }


def test_the_budget_holds_inside_a_process_pool_worker(tmp_path: Path) -> None:
    stuck = tmp_path / "a.stuck"
    stuck.write_text("spin", encoding="utf-8")
    item = InputFile(stuck, "a.stuck", tmp_path)
    read = partial(_Stuck().read_file, item, ParseOptions())
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(guarded_read, "stuck", [item], read, ParseOptions(parse_timeout=0.3))
        result, complete = future.result(timeout=30)
    assert not complete and [d.code for d in result.diagnostics] == ["parse-timeout"]


def test_a_timeout_is_not_cached(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    stuck = tmp_path / "in" / "a.stuck"
    stuck.write_text("spin", encoding="utf-8")
    cache = ReadCache(tmp_path / "cache")
    options = ParseOptions(parse_timeout=0.2)
    first = parse([tmp_path / "in"], options, cache, readers=(_Stuck(),))
    assert [d.code for d in first.diagnostics] == ["parse-timeout"]
    assert not list((tmp_path / "cache").rglob("*.json"))
    stuck.write_text("finish", encoding="utf-8")
    assert [f.status for f in parse([tmp_path / "in"], options, cache, (_Stuck(),)).files] == [
        "read"
    ]


def test_another_budget_still_hits_the_cache(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.yaml").write_text(TEMPLATE, encoding="utf-8")
    cache = ReadCache(tmp_path / "cache")
    parse([tmp_path / "in"], ParseOptions(parse_timeout=30), cache)
    again = parse([tmp_path / "in"], ParseOptions(parse_timeout=7), cache)
    assert len(again.from_cache) == 1


def test_files_over_the_size_limit_are_refused_before_any_reader_opens_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "big.yaml").write_text(TEMPLATE + "#" * 2000 + "\n", encoding="utf-8")
    result = parse([tmp_path], ParseOptions(max_file_bytes=1000))
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "file-too-large" and "--max-file-size" in diagnostic.message
    assert result.files[0].status == "error"


def test_symbolic_link_loops_and_escapes_are_diagnosed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "outside.yaml").write_text(TEMPLATE, encoding="utf-8")
    (root / "loop_a.yaml").symlink_to(root / "loop_b.yaml")
    (root / "loop_b.yaml").symlink_to(root / "loop_a.yaml")
    (root / "escape.yaml").symlink_to(tmp_path / "outside.yaml")
    (root / "escape_dir").symlink_to(tmp_path, target_is_directory=True)
    (root / "self_dir").symlink_to(root, target_is_directory=True)
    (root / "inside.yaml").symlink_to(root / "ok.yaml")
    result = parse([root])
    codes = sorted((d.file.rsplit("/", 1)[-1], d.code) for d in result.diagnostics)
    assert codes == [
        ("escape.yaml", "outside-root"),
        ("escape_dir", "outside-root"),
        ("loop_a.yaml", "symlink-loop"),
        ("loop_b.yaml", "symlink-loop"),
    ]
    assert len(result.files) == 1  # ok.yaml, once, under one of its two names
