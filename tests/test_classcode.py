"""The command line's table of dataclasses' compiled methods (gdcc_audit.classcode)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Defines dataclasses of every generated method kind and prints what they do; then whether
#: the table held every source (``hits``) and whether its code objects are what exec compiles.
SCRIPT = """
import dataclasses, sys, typing
from gdcc_audit import classcode
classcode.reuse_class_code()
held = set(classcode._TABLE)

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 2
    tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

@dataclasses.dataclass(eq=False)
class Box:
    items: list[int] = dataclasses.field(default_factory=list)

class Later:  # an annotation written as text: read through typing.ForwardRef
    when: "tuple[int, ...] | None"

p, q = Point(1), Point(1, 3, ("a",))
print(repr(p), p == Point(1), p < q, hash(p) == hash(Point(1)), repr(Box([1])), Box() == Box())
print(typing.get_type_hints(Later))
try:
    p.x = 5
except dataclasses.FrozenInstanceError:
    print("frozen")
used = classcode._USED
print("hits", bool(used) and used <= held)
print("forward", sum(s.startswith(classcode._EVAL) for s in used))

def compiled(s):
    if s.startswith(classcode._EVAL):
        return compile(s[len(classcode._EVAL):], "<string>", "eval", dont_inherit=True)
    return compile(s, "<string>", "exec", dont_inherit=True)

print("same code", all(classcode._TABLE[s] == compiled(s) for s in used))
"""


def _run(tmp_path: Path) -> list[str]:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_classes_get_the_same_methods_from_the_table(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first[0] == ("Point(x=1, y=2, tags=()) True True True Box(items=[1]) False")
    assert first[1] == "{'when': tuple[int, ...] | None}"
    # compiled, then written: the methods and the annotation's expression
    assert first[2:] == ["frozen", "hits False", "forward 1", "same code True"]
    assert len(list((tmp_path / "startup").glob("dataclass-code-*"))) == 1
    second = _run(tmp_path)
    # read, not compiled
    assert second == [*first[:2], "frozen", "hits True", "forward 1", "same code True"]


def test_a_damaged_table_is_ignored_and_rewritten(tmp_path: Path) -> None:
    _run(tmp_path)
    (table,) = (tmp_path / "startup").glob("dataclass-code-*")
    table.write_bytes(b"GDCCDC1\n" + b"\0" * 40)
    assert _run(tmp_path)[3] == "hits False"
    assert _run(tmp_path)[3] == "hits True"


def test_importing_the_package_changes_no_standard_module() -> None:
    code = (
        "import dataclasses, typing, gdcc_audit.api; "
        "print('exec' in vars(dataclasses), 'compile' in vars(typing))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False False"
