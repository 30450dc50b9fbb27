"""A whole scan never opens a socket and never runs another program.

The scan runs in a child interpreter with an audit hook that aborts on any network event or any
start of a program, so the guard cannot leak into other tests. Forking is allowed: large inputs
are parsed by forked copies of the scan itself (csmm_static/readers/pool.py), which run no other
program and are held to the same guard, inherited across the fork.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import CORPORA, ROOT

CHILD = textwrap.dedent(
    """
    import sys

    FORBIDDEN = (
        "socket.", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
        "os.forkpty", "urllib.Request", "http.client.connect",
    )

    def guard(event, args):
        if event.startswith(FORBIDDEN) and event != "socket.gethostname":
            sys.stderr.write(f"FORBIDDEN {event} {args!r}\\n")
            sys.stderr.flush()
            import os
            os._exit(97)

    sys.addaudithook(guard)

    from csmm_static.pipeline import scan
    from csmm_static.render import render

    outcome = scan(sys.argv[1:])
    render(outcome.report, "json")
    render(outcome.report, "terminal")
    print(len(outcome.parsed.graph))
    """
)


def _scan_guarded(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_scan_of_examples_makes_no_network_or_process_call() -> None:
    result = _scan_guarded("fixtures/examples", "fixtures/controls")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) > 0


def test_scan_of_corpora_makes_no_network_or_process_call() -> None:
    if not CORPORA.is_dir():
        import pytest

        pytest.skip("corpora not present")
    result = _scan_guarded(str(CORPORA))
    assert result.returncode == 0, result.stderr


def test_the_guard_itself_catches_a_socket() -> None:
    probe = CHILD.replace(
        "from csmm_static.pipeline import scan",
        "import socket; socket.socket()\nfrom csmm_static.pipeline import scan",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "fixtures/examples"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 97 and "FORBIDDEN socket" in result.stderr
