"""The `csmm` command: argument parsing and wiring, nothing else.

Heavy modules are imported inside the commands so that `csmm --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from csmm_static.readers import ParseOptions

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Offline Cloud Security Maturity Model analyzer for AWS estates.",
    pretty_exceptions_enable=False,
)

EXIT_OK = 0
EXIT_THRESHOLD = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # a bug: never a verdict about the input


class ScanFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    html = "html"
    badge = "badge"


class DiffFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


class CatalogFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ScopeChoice(str, Enum):
    workload = "workload"
    account = "account"


def _use_color(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"csmm: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _read_report(path: Path) -> dict[str, Any]:
    """A JSON report given on the command line; exit 2 when it is not one."""
    from csmm_static.diff import ReportError, read_report

    try:
        return read_report(path)
    except ReportError as exc:
        typer.echo(f"csmm: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _write_json(report: dict[str, Any], output: Path | None) -> None:
    """The JSON report streamed to its destination (a large one never sits whole in memory)."""
    from csmm_static.render import write

    if output is None:
        write(report, "json", sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8") as stream:
            write(report, "json", stream)
    except OSError as exc:
        typer.echo(f"csmm: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _render(report: dict[str, Any], fmt: ScanFormat, output: Path | None) -> str:
    from csmm_static.render import render

    if fmt is ScanFormat.terminal:
        return render(report, "terminal", color=_use_color(output))
    return render(report, fmt.value)


def _fail_on_regression(comparison: dict[str, Any]) -> None:
    if comparison["regression"]:
        typer.echo("csmm: regression: " + "; ".join(comparison["reasons"]), err=True)
        raise typer.Exit(EXIT_THRESHOLD)


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to scan.")],
    fmt: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScanFormat.terminal,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.")
    ] = None,
    scope: Annotated[
        ScopeChoice | None,
        typer.Option(help="workload: IaC of one workload; account: the scan covers an account."),
    ] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Also load controls from this folder.")
    ] = None,
    fail_under_score: Annotated[
        float | None, typer.Option(help="Exit 1 when the overall score is below N.", min=0, max=100)
    ] = None,
    fail_under_level: Annotated[
        int | None, typer.Option(help="Exit 1 when the current level is below N.", min=1, max=5)
    ] = None,
    max_file_size: Annotated[
        int,
        typer.Option(help="Skip (with a diagnostic) input files larger than N megabytes.", min=1),
    ] = 20,
    parse_timeout: Annotated[
        float | None,
        typer.Option(
            help="Stop reading a file after N seconds and report it as not read (default 30;"
            " 0: no limit).",
            min=0,
        ),
    ] = None,
    max_depth: Annotated[
        int | None,
        typer.Option(
            help="Report files nested deeper than N levels as not read (default 100).",
            min=1,
            max=200,  # readers recurse: deeper would meet Python's stack limit
        ),
    ] = None,
    fail_on_unreadable: Annotated[
        bool,
        typer.Option(
            "--fail-on-unreadable",
            help="Exit 1 when an input file could not be read (a file a pull request made"
            " unreadable is not scored).",
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Read this file instead of .csmm.yaml at a scan root."),
    ] = None,
    no_attestations: Annotated[
        bool, typer.Option("--no-attestations", help="Ignore every attestation.")
    ] = False,
    no_inline_suppressions: Annotated[
        bool,
        typer.Option(
            "--no-inline-suppressions",
            help="Ignore csmm:ignore comments and Metadata.csmm.ignore (for CI).",
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Compare with this earlier JSON report."),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when the score or level drops or a new failure appears (needs"
            " --baseline).",
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Cache parsed files here (default: $XDG_CACHE_HOME/csmm or ~/.cache/csmm).",
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh.")] = False,
    var: Annotated[
        list[str] | None,
        typer.Option(
            "--var",
            metavar="NAME=VALUE",
            help="Set a Terraform input variable of the root modules (repeatable; lists and"
            " maps in HCL syntax).",
        ),
    ] = None,
    var_file: Annotated[
        list[Path] | None,
        typer.Option(
            "--var-file",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="Read Terraform variable values from a .tfvars or .tfvars.json file"
            " (repeatable; later files win, --var wins over files).",
        ),
    ] = None,
) -> None:
    """Score the AWS estate described by Terraform, CloudFormation or AWS Config files."""
    import datetime

    from csmm_static.pipeline import ScanOptions
    from csmm_static.pipeline import scan as run_scan
    from csmm_static.readers.cache import default_cache_dir

    variables = []
    for item in var or ():
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            typer.echo(f"csmm: --var expects NAME=VALUE, got {item!r}", err=True)
            raise typer.Exit(EXIT_USAGE)
        variables.append((name.strip(), value))
    if fail_on_regression and baseline is None:
        typer.echo("csmm: --fail-on-regression needs --baseline BASE.json", err=True)
        raise typer.Exit(EXIT_USAGE)
    base_report = _read_report(baseline) if baseline is not None else None
    outcome = run_scan(
        paths,
        ScanOptions(
            scope=scope.value if scope else None,
            rules_dirs=tuple(rules or ()),
            parse=_parse_options(
                max_file_size, parse_timeout, max_depth, tuple(variables), tuple(var_file or ())
            ),
            config_file=config,
            today=datetime.date.today(),
            attestations=not no_attestations,
            inline_suppressions=not no_inline_suppressions,
            cache_dir=None if no_cache else cache_dir or default_cache_dir(),
            baseline=base_report,
        ),
    )
    report = outcome.report
    if fmt is ScanFormat.json:
        _write_json(report, output)
    else:
        _write(_render(report, fmt, output), output)
    if outcome.inputs_read == 0:
        typer.echo("csmm: no input could be read (see the diagnostics above)", err=True)
        raise typer.Exit(EXIT_USAGE)
    unread = report["coverage"]["files"].get("unread", [])
    if fail_on_unreadable and unread:
        typer.echo(
            f"csmm: {len(unread)} input file(s) could not be read: {', '.join(unread)}", err=True
        )
        raise typer.Exit(EXIT_THRESHOLD)
    score = report["score"]
    if fail_under_score is not None and score["overall"] < fail_under_score:
        typer.echo(f"csmm: score {score['overall']} is below {fail_under_score}", err=True)
        raise typer.Exit(EXIT_THRESHOLD)
    if fail_under_level is not None and score["level"] < fail_under_level:
        typer.echo(f"csmm: level L{score['level']} is below L{fail_under_level}", err=True)
        raise typer.Exit(EXIT_THRESHOLD)
    if fail_on_regression:
        _fail_on_regression(report["comparison"])


def _parse_options(
    max_file_size: int,
    parse_timeout: float | None,
    max_depth: int | None,
    variables: tuple[tuple[str, str], ...] = (),
    var_files: tuple[Path, ...] = (),
) -> ParseOptions:
    """The reader options given on the command line; the others keep ParseOptions' defaults."""
    from dataclasses import replace

    from csmm_static.readers import ParseOptions

    options = ParseOptions(
        max_file_bytes=max_file_size * 1024 * 1024, variables=variables, var_files=var_files
    )
    if parse_timeout is not None:
        options = replace(options, parse_timeout=parse_timeout)
    if max_depth is not None:
        options = replace(options, max_depth=max_depth)
    return options


@app.command()
def diff(
    base: Annotated[
        Path, typer.Argument(help="The earlier JSON report (e.g. of the base branch).")
    ],
    head: Annotated[Path, typer.Argument(help="The later JSON report (e.g. of the head).")],
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when the score or level drops or a new failure appears.",
        ),
    ] = False,
) -> None:
    """Compare two JSON reports: score and level deltas, new failures, fixes."""
    from csmm_static.diff import compare
    from csmm_static.render import render_comparison

    comparison = compare(_read_report(base), _read_report(head))
    if fmt is DiffFormat.terminal:
        text = render_comparison(comparison, "terminal", color=_use_color(output))
    else:
        text = render_comparison(comparison, fmt.value)
    _write(text, output)
    if fail_on_regression:
        _fail_on_regression(comparison)


@app.command(name="render")
def render_report(
    report: Annotated[Path, typer.Argument(help="A JSON report from csmm scan --format json.")],
    fmt: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScanFormat.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """Render a saved JSON report in another format (one scan, many outputs)."""
    _write(_render(_read_report(report), fmt, output), output)


@app.command()
def controls(
    fmt: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CatalogFormat.table,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Also load controls from this folder.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """List the controls with their metadata (markdown: the catalog in docs/controls.md)."""
    from csmm_static import catalog
    from csmm_static.loader import load_controls

    items, problems = load_controls(tuple(rules or ()))
    for problem in problems:
        typer.echo(f"csmm: {problem.file}: {problem.message}", err=True)
    if fmt is CatalogFormat.json:
        text = catalog.render_json(items)
    elif fmt is CatalogFormat.markdown:
        text = catalog.render_markdown(items)
    else:
        text = catalog.render_table(items, color=_use_color(output))
    _write(text, output)


def main(application: typer.Typer = app, args: list[str] | None = None) -> None:
    """The console script: exit codes as README.md documents them, 3 for a crash."""
    try:
        application(args=args)
    except Exception:  # a bug: show it, and do not let it pass for a verdict (exit 1)
        import traceback

        traceback.print_exc()
        typer.echo(
            "csmm: internal error; please report it with the command line and the input",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
