"""The pre-commit hooks and the GitHub Action, run the way their hosts run them.

pre-commit installs a hook repository into its own environment and runs `entry + args` from the
root of the repository being committed. Installing that environment needs the package index,
so here the hooks' entries run from a fresh clone of this project (its code on PYTHONPATH) in a
scratch repository; README.md ("pre-commit") gives the manual check with pre-commit itself.
The action's scan step is run as bash with the variables a runner sets.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from csmm_static.cli import app
from tests.conftest import FIXTURES, ROOT

BEFORE = FIXTURES / "regression" / "before" / "network.yaml"
AFTER = FIXTURES / "regression" / "after" / "network.yaml"


def _hooks(root: Path = ROOT) -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_hook_definitions_are_what_pre_commit_expects() -> None:
    hooks = _hooks()
    assert set(hooks) == {"csmm", "csmm-regression"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"  # installs this repository with pip
        assert hook["pass_filenames"] is False  # the whole graph, not the changed files
        assert shlex.split(hook["entry"])[:2] == ["csmm", "scan"]
    assert "--fail-on-regression" in hooks["csmm-regression"]["entry"]
    assert "--baseline" in hooks["csmm-regression"]["args"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this project with the working tree's changes on top (as
    `pre-commit try-repo` does), so uncommitted hook definitions are what is tested."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    target = tmp_path_factory.mktemp("clone") / "csmm"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--modified", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
    return target


def _run_hook(
    clone: Path, hook_id: str, repo: Path, cache: Path
) -> subprocess.CompletedProcess[str]:
    hook = _hooks(clone)[hook_id]
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert command[0] == "csmm"
    env = {**os.environ, "PYTHONPATH": str(clone), "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "csmm_static", *command[1:]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_hooks_run_from_a_fresh_clone(clone: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "infra").mkdir(parents=True)
    shutil.copyfile(BEFORE, repo / "infra" / "network.yaml")
    cache = tmp_path / "cache"
    where = subprocess.run(
        [sys.executable, "-c", "import csmm_static; print(csmm_static.__file__)"],
        env={**os.environ, "PYTHONPATH": str(clone)},
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(clone))  # the clone's code, not this tree's

    scanned = _run_hook(clone, "csmm", repo, cache)
    assert scanned.returncode == 0, scanned.stderr
    assert re.search(r"Overall \d+\.\d / 100  ·  L\d \w+", scanned.stdout), scanned.stdout

    baseline = subprocess.run(
        [
            sys.executable,
            "-m",
            "csmm_static",
            "scan",
            ".",
            "--format",
            "json",
            "--output",
            ".csmm-baseline.json",
        ],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(clone)},
        check=True,
        timeout=300,
    )
    assert baseline.returncode == 0
    same = _run_hook(clone, "csmm-regression", repo, cache)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "No regression." in same.stdout

    shutil.copyfile(AFTER, repo / "infra" / "network.yaml")
    worse = _run_hook(clone, "csmm-regression", repo, cache)
    assert worse.returncode == 1
    assert "infra/network.yaml:19" in worse.stdout
    assert re.search(r"regression: score dropped by \d+\.\d", worse.stderr), worse.stderr


def _action() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _command_options() -> dict[str, set[str]]:
    group: Any = typer.main.get_command(app)
    return {
        name: {opt for param in command.params for opt in getattr(param, "opts", [])}
        for name, command in group.commands.items()
    }


def test_action_is_a_composite_that_scans_uploads_summarises_and_gates() -> None:
    action = _action()
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in scripts and "GITHUB_STEP_SUMMARY" in scripts
    assert steps[-1]["run"].startswith("exit")
    assert "${{" not in scripts  # inputs reach scripts through env, never pasted into code
    options = _command_options()
    for line in scripts.splitlines():
        words = line.split()
        if "csmm" not in words:
            continue
        command = words[words.index("csmm") + 1]
        used = {w.split("=")[0] for w in words if w.startswith("--")}
        assert used <= options[command], f"{command}: {sorted(used - options[command])}"
    for flag in ("--fail-on-regression", "--fail-under-score", "--fail-under-level"):
        assert flag in scripts and flag in options["scan"]


def test_action_scan_step_runs_like_on_a_runner(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "scan")
    work = tmp_path / "work"
    (work / "infra").mkdir(parents=True)
    shutil.copyfile(BEFORE, work / "infra" / "network.yaml")
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    base = runner_temp / "base.json"
    subprocess.run(
        [sys.executable, "-m", "csmm_static", "scan", "infra", "-f", "json", "-o", str(base)],
        cwd=work,
        check=True,
        timeout=300,
    )
    shutil.copyfile(AFTER, work / "infra" / "network.yaml")
    output, summary = runner_temp / "output", runner_temp / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATHS": "infra",
        "BASELINE": str(base),
        "FAIL_ON_REGRESSION": "true",
        "FAIL_UNDER_SCORE": "",
        "FAIL_UNDER_LEVEL": "",
        "NO_INLINE_SUPPRESSIONS": "true",
        "CONFIG": "",
        "SARIF_FILE": "csmm.sarif",
    }
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr  # the step records the code, the last step exits
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    baseline = json.loads(base.read_text(encoding="utf-8"))["score"]
    assert outputs["exit-code"] == "1"
    assert float(outputs["score"]) < baseline["overall"]
    assert int(outputs["level"]) <= baseline["level"]
    assert "### What changed" in summary.read_text(encoding="utf-8")
    sarif = json.loads((work / "csmm.sarif").read_text(encoding="utf-8"))
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "ec2_security_group_no_public_ssh" in rules


@pytest.mark.parametrize(("setting", "expected"), [("true", "1"), ("false", "0")])
def test_action_fails_on_an_unreadable_file_unless_told_not_to(
    tmp_path: Path, setting: str, expected: str
) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    assert _action()["inputs"]["fail-on-unreadable"]["default"] in (True, "true")
    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "scan")
    work = tmp_path / "work"
    (work / "infra").mkdir(parents=True)
    shutil.copyfile(BEFORE, work / "infra" / "network.yaml")
    (work / "infra" / "broken.yaml").write_text(
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A: x\n", encoding="utf-8"
    )
    output = tmp_path / "output"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PATHS": "infra",
        "BASELINE": "",
        "FAIL_ON_REGRESSION": "false",
        "FAIL_ON_UNREADABLE": setting,
        "FAIL_UNDER_SCORE": "",
        "FAIL_UNDER_LEVEL": "",
        "NO_INLINE_SUPPRESSIONS": "true",
        "CONFIG": "",
        "SARIF_FILE": "csmm.sarif",
    }
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs["exit-code"] == expected
