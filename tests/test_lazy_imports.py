"""A scan imports only the readers its inputs need (csmm_static/readers/lazy.py).

Every scan pays for what `csmm_static.pipeline` imports; a reader's parser and mapping tables load
only when one of its files is claimed. Each check runs in a child interpreter so that what other
tests imported does not count.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

from csmm_static.readers import READERS
from csmm_static.readers.lazy import LazyReader

# Modules that only reading some input format needs.
READER_MODULES = {
    "terraform": "csmm_static.readers.terraform",
    "cloudformation": "csmm_static.readers.cloudformation",
    "aws-config": "csmm_static.readers.awsconfig.collect",
    "account-export": "csmm_static.readers.account_exports",
}


def _imported_after(code: str) -> set[str]:
    child = textwrap.dedent(code) + "\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_importing_the_pipeline_imports_no_reader() -> None:
    imported = _imported_after("import sys\nimport csmm_static.pipeline")
    assert not imported & set(READER_MODULES.values())
    assert "csmm_static.readers.awsconfig.mapping" not in imported
    assert "yaml" not in imported  # CloudFormation templates and .csmm.yaml only
    assert "multiprocessing" not in imported  # large Terraform inputs only


def test_a_terraform_scan_imports_only_the_terraform_reader(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" { bucket = "x" }\n')
    imported = _imported_after(
        f"""
        import sys
        from csmm_static.pipeline import scan
        assert scan([{str(tmp_path)!r}]).inputs_read == 1
        """
    )
    assert READER_MODULES["terraform"] in imported
    assert "yaml" not in imported  # no control, reader or function here needs it
    others = {m for f, m in READER_MODULES.items() if f != "terraform"}
    assert not imported & others


def test_a_lazy_reader_agrees_with_its_module() -> None:
    for reader in READERS:
        if not isinstance(reader, LazyReader):
            continue
        module = importlib.import_module(reader.module)
        assert (reader.FORMAT, reader.FIXTURE_FORMATS) == (module.FORMAT, module.FIXTURE_FORMATS)
        assert reader.claims is module.claims
        for hook in ("read_file", "read_cached", "STREAMING"):
            assert getattr(reader, hook, None) is getattr(module, hook, None)
        if reader.finish is None:
            assert not hasattr(module, "finish")
