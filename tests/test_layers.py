"""Import direction: a pipeline stage never imports a later stage (docs/architecture.md).

Every top-level module or package of ``gdcc_audit`` has a rank; a module may import modules of
its own rank or below. Imports inside ``if TYPE_CHECKING:`` blocks are annotations only and are
ignored. A new package fails this test until it is given a rank here and a line in
docs/architecture.md.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "gdcc_audit"

#: Rank of each top-level module or package: lower ranks come earlier in the pipeline.
LAYERS: dict[str, int] = {
    # shared by every stage: models, settings, errors, data files, plugin hook specifications
    "__about__": 0,
    "errors": 0,
    "settings": 0,
    "models": 0,
    "resources": 0,
    "hookspecs": 0,
    "atomic": 0,
    "diskcache": 0,
    "lazy": 0,
    "entrypoints": 0,
    "gcpause": 0,
    "classcode": 0,
    "patterncode": 0,
    "startup_table": 0,
    "bytecode": 0,
    "dates": 0,  # Thai / English dates as reports write them (datetime only)
    # the secret detector: read by loaders (custom resources) and mappers alike
    "secrets": 0,
    # the pipeline, in data-flow order
    "load": 1,
    "normalize": 2,
    "graph": 3,
    "evaluate": 4,
    "bridges": 4,  # the checkov bridge: checkov's results become findings beside the rules'
    "govern": 5,
    "frameworks": 6,
    "score": 7,
    "report": 8,
    # after the pipeline: stores results and renders reports over the recorded runs
    "history": 9,
    "signing": 9,  # signed evidence packages: the PDF report, signed; and its verification
    # assembly: the plugin manager with the built-ins, the audit() orchestration, front ends
    "plugins": 10,
    "api": 11,
    "portfolio": 11,
    "cli": 12,
    "testing": 12,
    "__init__": 12,
    "__main__": 12,
}

#: Upward imports that are allowed, each with its reason. Keep this list short.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    ("report/html.py", "plugins"): (
        "a reporter used on its own (no plugin manager passed) builds the default one lazily, "
        "inside a function, to call the prepare_report_environment hooks"
    ),
}


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_modules(path: Path) -> set[str]:
    """Modules of gdcc_audit imported by ``path`` (relative imports resolved), outside
    ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(SRC).parent.parts)
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gdcc_audit."):
                    found.add(alias.name.removeprefix("gdcc_audit."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                parts = [*base, *(node.module.split(".") if node.module else [])]
                if parts:
                    found.add(".".join(parts))
                else:  # ``from . import x`` at the package root
                    found.update(alias.name for alias in node.names)
            elif node.module == "gdcc_audit":
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("gdcc_audit."):
                found.add(node.module.removeprefix("gdcc_audit."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_top_level_module_has_a_rank() -> None:
    names = {p.name.removesuffix(".py") for p in SRC.iterdir() if p.suffix == ".py"}
    names |= {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    unranked = sorted(names - LAYERS.keys())
    assert not unranked, (
        f"give {unranked} a rank in tests/test_layers.py LAYERS and a line in docs/architecture.md"
    )


def _violations() -> list[str]:
    found = []
    for path in _sources():
        rel = path.relative_to(SRC)
        own = rel.parts[0].removesuffix(".py")
        for module in _imported_modules(path):
            target = _top(module)
            if target == own or target not in LAYERS:
                continue
            if LAYERS[target] > LAYERS[own] and (rel.as_posix(), target) not in ALLOWED_UPWARD:
                found.append(
                    f"{rel.as_posix()} ({own}, rank {LAYERS[own]}) imports "
                    f"{module} ({target}, rank {LAYERS[target]})"
                )
    return found


def test_no_stage_imports_a_later_stage() -> None:
    assert _violations() == []


def test_allowed_exceptions_are_still_needed() -> None:
    for (file, target), _reason in ALLOWED_UPWARD.items():
        assert any(_top(m) == target for m in _imported_modules(SRC / file)), (
            f"{file} no longer imports {target}: drop it from ALLOWED_UPWARD"
        )


def test_the_check_catches_an_upward_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "gdcc_audit"
    (fake / "load").mkdir(parents=True)
    (fake / "load" / "bad.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from gdcc_audit.api import audit\n"
        "def f():\n    from ..report import json\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    assert _imported_modules(fake / "load" / "bad.py") == {"report"}
    assert _violations() == ["load/bad.py (load, rank 1) imports report (report, rank 8)"]
