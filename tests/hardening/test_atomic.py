"""Report files are written atomically: a run killed mid-write leaves the previous file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gdcc_audit.atomic import atomic_write

# A reporter that writes half a report, says so, then hangs: the test kills it there.
_SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from gdcc_audit.cli.common import write_file

    class Slow:
        binary = False
        def render(self, result, stream, options):
            stream.write("NEW PARTIAL " * 1000)
            stream.flush()
            print("half", flush=True)
            time.sleep(60)
            stream.write("NEW END")

    write_file(None, Slow(), Path(sys.argv[1]), "en")
    """
)


def test_kill_during_a_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "gdcc-audit.json"
    target.parent.mkdir()
    target.write_text('{"previous": true}\n')
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "half\n"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text() == '{"previous": true}\n'
    leftovers = [p.name for p in target.parent.iterdir() if p != target]
    assert len(leftovers) == 1
    assert leftovers[0].startswith(".gdcc-audit.json.")
    assert leftovers[0].endswith(".tmp")


def test_a_failing_render_leaves_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("previous\n")
    def interrupted() -> None:
        with atomic_write(target) as stream:
            stream.write("half")
            raise RuntimeError("render failed")

    with pytest.raises(RuntimeError, match="render failed"):
        interrupted()
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_complete_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target, binary=True) as stream:
        stream.write(b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
    fresh = tmp_path / "sub" / "new.txt"
    with atomic_write(fresh) as text:
        text.write("a\nb\n")
    assert fresh.read_bytes() == b"a\nb\n"
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_fifo_target_is_written_through_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/null` used to rename a temporary file over /dev/null itself (as root: the
    # machine's /dev/null became a regular file). A FIFO stands in for the device here.
    import os
    import stat
    import threading

    from gdcc_audit.atomic import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with atomic_write(fifo) as stream:
        stream.write("through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_a_device_or_a_link_is_never_replaced(tmp_path: Path) -> None:
    with atomic_write(Path(os.devnull)) as stream:  # --output /dev/null
        stream.write("discarded")
    assert Path(os.devnull).is_char_device()
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with atomic_write(link) as stream:
        stream.write("new")
    assert link.is_symlink()
    assert real.read_text() == "new"
