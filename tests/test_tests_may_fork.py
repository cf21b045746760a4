"""The test process keeps the forked stages reachable: no earlier test leaves a thread."""

from __future__ import annotations

import threading

from gdcc_audit.load.parallel import may_fork


def test_no_earlier_test_left_a_thread_so_stages_may_fork() -> None:
    alive = sorted(t.name for t in threading.enumerate() if t is not threading.main_thread())
    assert alive == []
    assert may_fork()
