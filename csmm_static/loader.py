"""Load controls from directories of control files, in sorted order and without side effects."""

from __future__ import annotations

import dataclasses
import hashlib
import types
from collections.abc import Iterable
from importlib.machinery import SourceFileLoader
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
        # Modules are named after their folder, so that two folders' controls never collide.
        digest = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:12]
        for path, relative in _control_files(directory):
            # Built-in controls are named as in the source tree, never by where they are
            # installed; the others as the --rules path given.
            label = f"rules/{relative}" if builtin and directory == dirs[0] else path.as_posix()
            module_name = (
                f"_csmm_controls_{digest}.{relative.removesuffix('.py').replace('/', '.')}"
            )
            controls, problem = _load_file(path, module_name)
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


def _control_files(directory: Path) -> list[tuple[Path, str]]:
    """The control files below `directory`, each with its path relative to it, in that order."""
    files = []
    for path in directory.rglob("*.py"):
        relative = path.relative_to(directory).as_posix()
        if any(part.startswith(("_", ".")) for part in relative.split("/")):
            continue
        files.append((path, relative))
    return sorted(files, key=lambda item: item[1])


def _load_file(path: Path, module_name: str) -> tuple[list[Control], tuple[int, str] | None]:
    # A bare module run from the file's (cached) code: no control needs what importlib's spec
    # machinery adds, which took ~10 µs a file (a tenth of the load, for 242 files).
    loader = SourceFileLoader(module_name, str(path))
    module = types.ModuleType(module_name)
    module.__file__ = loader.path
    module.__loader__ = loader
    try:
        code = loader.get_code(module_name)
        if code is None:  # the loader's contract allows it; a .py source always has code
            return [], (0, "not a loadable Python file; give it a .py name or move it away")
        exec(code, module.__dict__)
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
