"""Load controls from directories of control files, in sorted order and without side effects."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path

from csmm_static.diagnostics import Diagnostic, line_in
from csmm_static.model import Control
from csmm_static.paths import rules_dir


def load_controls(
    extra_dirs: Iterable[Path] = (), *, builtin: bool = True
) -> tuple[list[Control], list[Diagnostic]]:
    """Every control in the built-in `rules/` and in `extra_dirs`, sorted by id.

    Each `*.py` file below a directory (files and folders starting with `_` are skipped) must
    hold exactly one `Control`. A file that fails to import, holds no control or repeats an id
    becomes a diagnostic; loading goes on.
    """
    dirs = ([rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    found: dict[str, Control] = {}
    labels: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    for directory in dirs:
        if not directory.is_dir():
            diagnostics.append(
                Diagnostic(
                    str(directory),
                    0,
                    "control directory not found; check the path given to --rules",
                    code="rules-dir",
                )
            )
            continue
        for path in _control_files(directory):
            # Built-in controls are named as in the source tree, never by where they are
            # installed; the others as the --rules path given.
            relative = path.relative_to(directory).as_posix()
            label = f"rules/{relative}" if builtin and directory == dirs[0] else path.as_posix()
            controls, problem = _load_file(path, directory)
            if problem:
                diagnostics.append(Diagnostic(label, problem[0], problem[1], code="control-load"))
                continue
            for item in controls:
                if item.id in found:
                    diagnostics.append(
                        Diagnostic(
                            label,
                            0,
                            f"control id {item.id!r} is already defined in {labels[item.id]};"
                            " this one is ignored. Rename one of them (ids must be unique)",
                            code="control-duplicate",
                        )
                    )
                    continue
                found[item.id] = item
                labels[item.id] = label
    return [found[k] for k in sorted(found)], diagnostics


def _control_files(directory: Path) -> list[Path]:
    files = []
    for path in directory.rglob("*.py"):
        relative = path.relative_to(directory)
        if any(part.startswith(("_", ".")) for part in relative.parts):
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.relative_to(directory).as_posix())


def _load_file(path: Path, root: Path) -> tuple[list[Control], tuple[int, str] | None]:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    stem = ".".join(path.relative_to(root).with_suffix("").parts)
    module_name = f"_csmm_controls_{digest}.{stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        return [], (0, "not a loadable Python file; give it a .py name or move it away")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        return [], (exc.lineno or 0, f"syntax error in control file: {exc.msg}; fix it")
    except Exception as exc:  # a broken user control must not stop the scan
        return [], (
            line_in(exc, path),
            f"control file failed to load: {type(exc).__name__}: {exc}; fix the error (the file"
            " is imported as a module)",
        )
    controls = [v for v in vars(module).values() if isinstance(v, Control)]
    if not controls:
        return [], (
            0,
            "no @control-decorated function in this file; decorate one, or move the file out"
            " of the controls folder",
        )
    if len(controls) > 1:
        names = ", ".join(sorted(c.id for c in controls))
        return [], (
            0,
            f"one control per file, found {len(controls)}: {names}; move each into a file of"
            " its own",
        )
    return [dataclasses.replace(controls[0], path=path.as_posix())], None
