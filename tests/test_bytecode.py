"""The command line's bytecode in the start-up cache folder (gdcc_audit.bytecode): an install
without bytecode, run with PYTHONDONTWRITEBYTECODE (uv installs none unless asked; container
images set the variable), compiled every module on every run (terragoat 1.05 -> 2.3 s CPU)."""

from __future__ import annotations

import os
import py_compile
import subprocess
import sys
from pathlib import Path

#: Keeps the bytecode of a package made in the test (``pkg/mod.py``, its sentinel) as the
#: command line does, imports its module and prints what Python was told and what it read.
SCRIPT = """
import sys
from pathlib import Path
from gdcc_audit.bytecode import keep_bytecode
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
folder = keep_bytecode(root / "pkg" / "mod.py")
import pkg.mod
print(folder is not None, sys.dont_write_bytecode, type(pkg.mod.__spec__.loader).__name__)
print(pkg.mod.__cached__.startswith(str(folder)) if folder else pkg.mod.__cached__)
"""


def _package(root: Path) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    module = root / "pkg" / "mod.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    return module


def _run(root: Path, cache: Path, **env: str) -> list[str]:
    environment = {**os.environ, "GDCC_AUDIT_CACHE_DIR": str(cache), **env}
    environment.pop("PYTHONPYCACHEPREFIX", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root)],
        env=environment, capture_output=True, text=True, check=True,
    )
    return done.stdout.splitlines()


def test_bytecode_python_may_not_write_beside_the_source_is_kept_in_the_cache(
    tmp_path: Path,
) -> None:
    module = _package(tmp_path / "src")
    cache = tmp_path / "cache"
    first = _run(tmp_path / "src", cache, PYTHONDONTWRITEBYTECODE="1")
    assert first == ["True False SourceFileLoader", "True"]
    folders = list((cache / "startup").glob("bytecode-*"))
    assert len(folders) == 1
    assert (folders[0].stat().st_mode & 0o777) == 0o700
    kept = list(folders[0].rglob("mod.*.pyc"))
    assert [p.parent.name for p in kept] == ["pkg"]  # the source's path, under the folder
    assert not (module.parent / "__pycache__").exists()  # nothing beside the source
    written = kept[0].stat().st_mtime_ns
    assert _run(tmp_path / "src", cache, PYTHONDONTWRITEBYTECODE="1") == first
    assert kept[0].stat().st_mtime_ns == written  # read back, not compiled again


def test_an_install_with_current_bytecode_or_that_python_writes_is_left_alone(
    tmp_path: Path,
) -> None:
    module = _package(tmp_path / "src")
    cache = tmp_path / "cache"
    # Python writes beside the source itself (no variable, a writable folder)
    second = _run(tmp_path / "src", cache, PYTHONDONTWRITEBYTECODE="")
    assert second[0] == "False False SourceFileLoader"
    assert Path(second[1]).parent == module.parent / "__pycache__"
    # the bytecode beside the source is current: read there, the variable or not
    third = _run(tmp_path / "src", cache, PYTHONDONTWRITEBYTECODE="1")
    assert third == ["False True SourceFileLoader", second[1]]
    assert not (cache / "startup").exists()
    # a source changed since: not current any more
    module.write_text("VALUE = 22\n", encoding="utf-8")
    assert _run(tmp_path / "src", cache, PYTHONDONTWRITEBYTECODE="1")[0].startswith("True")


def test_a_current_pyc_is_told_from_a_stale_or_missing_one(tmp_path: Path) -> None:
    from gdcc_audit.bytecode import current_bytecode

    module = _package(tmp_path)
    assert not current_bytecode(module)
    py_compile.compile(str(module), doraise=True)
    assert current_bytecode(module)
    module.write_text("VALUE = 333\n", encoding="utf-8")  # size changed
    assert not current_bytecode(module)
    py_compile.compile(
        str(module), doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH
    )
    assert current_bytecode(module)
