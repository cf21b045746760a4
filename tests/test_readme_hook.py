"""The README's air-gapped pre-commit hook, as a new user follows it: outside any activated
environment (``env -i PATH=/usr/bin:/bin``), the config from the README in a fresh git
repository failed with ``Executable `gdcc-audit` not found`` (``language: system`` runs the
``gdcc-audit`` on PATH; the quick start installs it in ``.venv``), and the README did not say
how to run pre-commit at all. It now shows the commands; run as written (the ``.venv`` path
replaced by this interpreter's), they report the open SSH port and exit 1."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent
OPEN_SSH = """resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit", path=str(BIN)) is None or shutil.which("git") is None,
    reason="pre-commit (a dev dependency) and git are needed",
)


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def _run(script: str, repo: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo.parent),
        "LANG": "C.UTF-8",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_NO_INDEX": "1",  # offline: nothing may be downloaded
    }
    return subprocess.run(
        ["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True,
        check=False, timeout=300,
    )  # fmt: skip


def test_the_readme_s_air_gapped_hook_runs_as_written(tmp_path: Path) -> None:
    (config,) = [b for b in _blocks("yaml") if "repo: local" in b]
    (commands,) = [b for b in _blocks("bash") if "pre-commit install" in b]
    assert "/path/to/gdcc-audit/.venv/bin" in commands
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "main.tf").write_text(OPEN_SSH, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    # without the README's PATH line: what a new user saw
    pre_commit = BIN / "pre-commit"
    bare = _run(f"{pre_commit} run --all-files --color never", repo)
    assert bare.returncode == 1
    assert "Executable `gdcc-audit` not found" in bare.stdout

    done = _run(commands.replace("/path/to/gdcc-audit/.venv/bin", str(BIN)), repo)
    assert done.returncode == 1, done.stdout + done.stderr  # the finding fails the hook
    assert "not found" not in done.stdout
    assert (
        "main.tf:1 aws_security_group.web GDCC-NET-001 port 22 is open to the whole internet "
        "(0.0.0.0/0)" in done.stdout
    )
    assert (repo / ".git" / "hooks" / "pre-commit").is_file()  # pre-commit install
