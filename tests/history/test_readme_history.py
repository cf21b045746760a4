"""The README's audit-history commands, as a new user runs them from a fresh clone outside
any activated environment (``env -i PATH=/usr/bin:/bin``): the first block called a bare
``gdcc-audit`` (``command not found``: the quick start installs it in ``.venv``), where the
quick start's and the next block's commands call ``.venv/bin/gdcc-audit``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## Audit history", 1)[1].split("\n## ", 1)[0]


def test_every_history_command_of_the_readme_names_the_quick_start_s_venv() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", _section(), re.S)
    assert len(blocks) == 2
    commands = [line for b in blocks for line in b.splitlines() if line and line[0] != " "]
    assert len(commands) == 6
    assert all(line.startswith(".venv/bin/") for line in commands), commands


def test_the_readme_s_history_block_runs_as_written(tmp_path: Path) -> None:
    (block,) = [b for b in re.findall(r"```bash\n(.*?)```", _section(), re.S) if "h.sqlite3" in b]
    (tmp_path / ".venv").symlink_to(BIN.parent)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}  # fmt: skip
    done = [
        subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
            check=False, timeout=600,
        )
        for line in block.splitlines()
        if line
    ]
    assert [d.returncode for d in done] == [1, 0, 0], [d.stderr for d in done]
    assert "recorded run 1 (moph-health-platform, 2570Q1," in done[0].stderr
    assert re.search(r"\n1 +moph-health-platform +2570Q1 +2026-11-23 +F +\d+% +26 +1 +all ",
                     done[1].stdout)  # fmt: skip
    assert "new: 26 + 1 waived" in done[2].stdout
