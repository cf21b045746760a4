"""The parse cache's key stamps the code of the parser: every module of the package the parser
modules import (at any depth, inside functions too) is in the stamp, or named as one that does
not shape a parse result. Stop 32: the .tf.json translation was missing, so a fix of it was not
seen where a cache had been written before; this test finds the next such omission."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gdcc_audit import diskcache
from gdcc_audit.load import cache

PACKAGE = Path(cache.__file__).resolve().parent.parent


def _imported(module: str) -> set[str]:
    """The package modules ``module`` (a path in the package) imports, as paths."""
    found: set[str] = set()
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ImportFrom) and node.module):
            continue
        parts = node.module.split(".")
        if parts[0] != "gdcc_audit":
            continue
        base = "/".join(parts[1:])
        for candidate in (f"{base}.py", f"{base}/__init__.py"):
            if (PACKAGE / candidate).is_file():
                found.add(candidate)
                break
        for alias in node.names:  # from gdcc_audit.models import unknown
            if (PACKAGE / f"{base}/{alias.name}.py").is_file():
                found.add(f"{base}/{alias.name}.py")
    return found


def test_every_module_the_parser_imports_is_stamped() -> None:
    stamped = set(cache._PARSER_MODULES)
    seen: set[str] = set()
    todo = list(stamped)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_imported(module) - seen)
    missing = seen - stamped - set(cache.PARSE_NEUTRAL_MODULES)
    assert not missing, f"parse cache stamp misses {sorted(missing)}"
    assert "load/terraform/json_syntax.py" in stamped


def test_a_change_to_an_imported_module_changes_the_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """masking.py (added in stop 32) shapes the text a parse keeps: editing it is a new key."""
    for module in cache._PARSER_MODULES:
        copy = tmp_path / module
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes((PACKAGE / module).read_bytes())
    monkeypatch.setattr(diskcache, "_PACKAGE", tmp_path)
    diskcache.code_stamp.cache_clear()  # once per process in use
    before = cache.parser_stamp()
    masking = tmp_path / "models/masking.py"
    masking.write_text(masking.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    diskcache.code_stamp.cache_clear()
    assert cache.parser_stamp() != before
    diskcache.code_stamp.cache_clear()
