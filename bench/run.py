"""Benchmark CSMM against Checkov on the shared corpora, and on a synthetic scale series.

    python bench/run.py                      # everything, results to bench/RESULTS.md
    python bench/run.py --only cfngoat --reps 5 --no-checkov
    python bench/run.py --sections warm,scale --scale 1000,10000

CSMM and Checkov run side by side on each corpus, alternating, several repetitions; the table gives
median wall time, peak memory (the child's max RSS), resources found, and the ratio CSMM / Checkov.
Checkov is taken from `--checkov` or the `CHECKOV` environment variable (install it in its own
virtual environment: `python -m venv ../peers/checkov-venv && ../peers/checkov-venv/bin/pip
install checkov`, where it is found by default);
without it, only CSMM is measured. Nothing here is a test: timings never gate CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_config_snapshot, write_terraform  # noqa: E402


def _beside(*parts: str) -> Path:
    """`../<parts>` next to the checkout, or next to the folder holding it (a git worktree)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if base.joinpath(*parts).exists():
            return base.joinpath(*parts)
    return ROOT.parent.joinpath(*parts)


DEFAULT_CORPORA = _beside("shared", "corpora")
DEFAULT_CHECKOV = _beside("peers", "checkov-venv", "bin", "checkov")

# (name, folder under the corpora, Checkov framework or None when Checkov cannot read it)
CORPORA: list[tuple[str, str, str | None]] = [
    ("terragoat", "terragoat", "terraform"),
    ("sadcloud", "sadcloud", "terraform"),
    ("tfmod-vpc", "tfmod-vpc", "terraform"),
    ("tfmod-s3-bucket", "tfmod-s3-bucket", "terraform"),
    ("tfmod-iam", "tfmod-iam", "terraform"),
    ("tfmod-security-group", "tfmod-security-group", "terraform"),
    ("tfmod-eks", "tfmod-eks", "terraform"),
    ("tfmod-rds", "tfmod-rds", "terraform"),
    ("tfmod-lambda", "tfmod-lambda", "terraform"),
    ("tfmod-kms", "tfmod-kms", "terraform"),
    ("cfngoat", "cfngoat", "cloudformation"),
    ("sra", "sra", None),
    ("config", "config", None),
]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    resources: int | None
    ok: bool
    cpu: float = 0.0  # user + system seconds of the process and the workers it waited for


@dataclass
class Measured:
    runs: list[Run] = field(default_factory=list)

    def median_seconds(self) -> float | None:
        good = [r.seconds for r in self.runs if r.ok]
        return statistics.median(good) if good else None

    def median_cpu(self) -> float | None:
        good = [r.cpu for r in self.runs if r.ok]
        return statistics.median(good) if good else None

    def peak_mb(self) -> float | None:
        good = [r.peak_mb for r in self.runs if r.ok]
        return max(good) if good else None

    def resources(self) -> int | None:
        found = [r.resources for r in self.runs if r.ok and r.resources is not None]
        return found[-1] if found else None


# Linux carries a process's peak RSS across exec, and a child started by vfork inherits the
# peak of the process it was forked from: measured directly, every command would report at least
# this script's own peak (which grows while it writes the synthetic inputs). So a small launcher
# starts the command and reports the command's own usage, wall time included.
_LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps([time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
                  usage.ru_utime + usage.ru_stime]))
"""


def timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, int, float]:
    """Wall seconds, the command's peak RSS in MB (the largest of it and the workers it waited
    for), its exit code, and its CPU seconds (user + system, workers included)."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        check=False,
    )
    elapsed, peak_kb, code, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return float(elapsed), peak_kb / 1024, int(code), float(cpu)


def csmm_command(target: Path, output: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "csmm_static",
        "scan",
        str(target),
        "--format",
        "json",
        "--output",
        str(output),
        *extra,
    ]


def compile_bytecode() -> None:
    """Compile CSMM's modules and controls once, as `pip install` does: a checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run, which no
    installed copy (nor Checkov's virtual environment) does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "csmm_static"), str(ROOT / "rules")],
        stdout=subprocess.DEVNULL,
        check=False,
    )


def csmm_flags(cold: bool) -> list[str]:
    help_text = subprocess.run(
        [sys.executable, "-m", "csmm_static", "scan", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return ["--no-cache"] if cold and "--no-cache" in help_text else []


def run_csmm(target: Path, extra: list[str]) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        seconds, peak, code, cpu = timed(csmm_command(target, output, extra))
        resources = None
        if output.exists():
            report = json.loads(output.read_text(encoding="utf-8"))
            resources = sum(report.get("inventory", {}).values())
        return Run(seconds, peak, resources, code in (0, 1) and output.exists(), cpu)


def run_checkov(checkov: str, target: Path, framework: str) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        output_dir = Path(tmp)
        command = [
            checkov,
            "-d",
            str(target),
            "--framework",
            framework,
            "--quiet",
            "--compact",
            "--skip-download",
            "-o",
            "json",
            "--output-file-path",
            str(output_dir),
        ]
        env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
        seconds, peak, code, cpu = timed(command, env=env)
        resources = None
        result_file = output_dir / "results_json.json"
        if result_file.exists():
            data = json.loads(result_file.read_text(encoding="utf-8"))
            blocks = data if isinstance(data, list) else [data]
            resources = sum(int(b.get("summary", {}).get("resource_count", 0)) for b in blocks)
        return Run(seconds, peak, resources, code in (0, 1), cpu)


def checkov_version(checkov: str) -> str:
    result = subprocess.run([checkov, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def machine() -> list[str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {memory}",
        f"- OS: {platform.system()} {platform.release()}; Python {platform.python_version()}",
    ]


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def bench_corpora(args: argparse.Namespace, checkov: str | None) -> list[str]:
    lines = [
        "| Corpus | CSMM s | Checkov s | CSMM / Checkov | CSMM CPU s | Checkov CPU s | CSMM MB"
        " | Checkov MB | CSMM resources | Checkov resources | Load |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    cold = csmm_flags(cold=True)
    for name, folder, framework in CORPORA:
        if args.only and name not in args.only:
            continue
        target = args.corpora / folder
        if not target.is_dir():
            print(f"skip {name}: {target} not found", file=sys.stderr)
            continue
        ours, theirs = Measured(), Measured()
        load_before = os.getloadavg()[0]
        for _ in range(args.reps):
            ours.runs.append(run_csmm(target, cold))
            if checkov and framework:
                theirs.runs.append(run_checkov(checkov, target, framework))
        ratio = None
        if ours.median_seconds() and theirs.median_seconds():
            ratio = ours.median_seconds() / theirs.median_seconds()  # type: ignore[operator]
        row = (
            f"| {name} | {fmt(ours.median_seconds())} | {fmt(theirs.median_seconds())} | "
            f"{fmt(ratio, 3)} | {fmt(ours.median_cpu())} | {fmt(theirs.median_cpu())} | "
            f"{fmt(ours.peak_mb(), 0)} | {fmt(theirs.peak_mb(), 0)} | "
            f"{ours.resources() if ours.resources() is not None else '—'} | "
            f"{theirs.resources() if theirs.resources() is not None else '—'} | "
            f"{load_before:.1f}–{os.getloadavg()[0]:.1f} |"
        )
        print(row, flush=True)
        lines.append(row)
    return lines


def bench_warm(args: argparse.Namespace) -> list[str]:
    """Re-scan after editing one file of the largest Terraform corpus, with a warm cache."""
    source = args.corpora / "tfmod-security-group"
    if not source.is_dir() or "--no-cache" not in " ".join(csmm_flags(cold=True)):
        return ["(skipped: corpus or cache not available)"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "corpus"
        shutil.copytree(source, work)
        cache = Path(tmp) / "cache"
        extra = ["--cache-dir", str(cache)]
        run_csmm(work, extra)  # fill the cache
        unchanged = [run_csmm(work, extra) for _ in range(args.reps)]
        edited = sorted(work.rglob("*.tf"))[0]
        runs = []
        for i in range(args.reps):
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"\n# edit {i}\n")
            runs.append(run_csmm(work, extra))
        return [
            f"- After editing `{edited.relative_to(work)}`: median"
            f" {statistics.median(r.seconds for r in runs):.2f} s"
            f" (CPU {statistics.median(r.cpu for r in runs):.2f} s) over {len(runs)} runs.",
            f"- Nothing changed: median {statistics.median(r.seconds for r in unchanged):.2f} s"
            f" (CPU {statistics.median(r.cpu for r in unchanged):.2f} s)"
            f" over {len(unchanged)} runs.",
        ]


def bench_startup(args: argparse.Namespace) -> list[str]:
    """`csmm --help`: interpreter start, imports and argument parsing, nothing scanned."""
    runs = [
        timed([sys.executable, "-m", "csmm_static", "--help"]) for _ in range(max(5, args.reps))
    ]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[3] for r in runs)
    return [f"`csmm --help`: median {wall:.3f} s (CPU {cpu:.3f} s) over {len(runs)} runs."]


def bench_scale(args: argparse.Namespace) -> list[str]:
    lines = [
        "| Input | Resources | CSMM s | CPU s | CPU s per 1k resources | Peak MB | Load |",
        "|---|---|---|---|---|---|---|",
    ]
    cold = csmm_flags(cold=True)
    for kind in ("terraform", "config"):
        for size in args.scale:
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / "input"
                if kind == "terraform":
                    write_terraform(target, size)
                else:
                    write_config_snapshot(target, size)
                load = os.getloadavg()[0]
                run = run_csmm(target, cold)
                per_k = run.cpu / (size / 1000)
                row = (
                    f"| {kind} | {size} | {fmt(run.seconds)} | {fmt(run.cpu)} | {fmt(per_k, 3)}"
                    f" | {fmt(run.peak_mb, 0)} | {load:.1f}–{os.getloadavg()[0]:.1f} |"
                )
                print(row, flush=True)
                lines.append(row)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument(
        "--checkov",
        default=os.environ.get("CHECKOV")
        or (str(DEFAULT_CHECKOV) if DEFAULT_CHECKOV.exists() else None),
    )
    parser.add_argument("--no-checkov", action="store_true")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument(
        "--scale", type=lambda s: [int(x) for x in s.split(",") if x], default=[1000, 10000, 100000]
    )
    parser.add_argument(
        "--sections",
        type=lambda s: [x for x in s.split(",") if x],
        default=["startup", "corpora", "warm", "scale"],
        help="Which parts to run: startup, corpora, warm, scale (comma-separated).",
    )
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    checkov = None if args.no_checkov else args.checkov
    if checkov and not shutil.which(checkov):
        print(f"checkov not found at {checkov}; measuring CSMM only", file=sys.stderr)
        checkov = None
    from csmm_static import __version__

    compile_bytecode()

    out = [
        "# Benchmark results",
        "",
        f"Command: `python bench/run.py {' '.join(sys.argv[1:])}`".rstrip(),
        "",
    ]
    out += ["## Machine", "", *machine(), f"- CSMM {__version__}"]
    out.append(f"- Checkov {checkov_version(checkov)}" if checkov else "- Checkov: not measured")
    out.append(f"- Load average (1 min) at the start: {os.getloadavg()[0]:.1f}")
    if "startup" in args.sections:
        out += ["", "## Start-up", "", *bench_startup(args)]
    if "corpora" in args.sections:
        out += ["", f"## Corpora (median of {args.reps} cold runs, alternating)", ""]
        out += bench_corpora(args, checkov)
    if "warm" in args.sections:
        out += ["", "## Warm re-scan of tfmod-security-group (cache filled first)", ""]
        out += bench_warm(args)
    if "scale" in args.sections:
        out += [
            "",
            "## Scale series (synthetic, generated by bench/synthetic.py)",
            "",
            *bench_scale(args),
        ]
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
