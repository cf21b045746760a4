"""Running a per-file function in worker processes when there are many files.

A few small files (a pre-commit hook) are parsed in this process: starting workers would
cost more than it saves. A small repository (tens of files, from ``SHARE_MIN_BYTES`` to parse)
is shared between this process and one forked child per other CPU (:func:`map_shares`: no
pool, nothing more imported). Many files are spread over a pool of worker processes (forked on
Linux, so they start in milliseconds with the parser already imported); results come back in
input order. Anything that stops the workers (no ``fork``, no shared memory, a killed worker)
falls back to the plain loop, so parallelism never changes a result.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many files, or this many bytes in all, one process parses everything.
MIN_FILES = 24
MIN_BYTES = 512 * 1024
#: Files per worker below which another worker is not worth starting.
FILES_PER_WORKER = 8
MAX_WORKERS = 8
#: Below MIN_FILES/MIN_BYTES, from this many bytes to parse (in two files or more), this
#: process shares the files with forked children: one process per this many bytes, at most
#: one per CPU. Parsing HCL (and caching the parse) runs at about 1 MB/s, so 32 KB is about
#: 30 ms of work, ten times what a fork costs.
SHARE_MIN_BYTES = 32 * 1024


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def may_start_processes() -> bool:
    """Whether this process may start worker processes: not when it is itself a daemonic
    ``multiprocessing`` process (a Dask worker of ``portfolio scan`` is one), where starting
    a child raises ``AssertionError``. A process where ``multiprocessing`` was never imported
    is none of those (and is not made to import it: ~5 ms of a small scan's start)."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return True
    return not multiprocessing.current_process().daemon


def worker_count(requested: int, sizes: Sequence[int]) -> int:
    """Processes to use for files of these sizes: ``requested`` when not 0, else one for a
    few or small files and up to the CPU count (at most 8) for many."""
    if requested > 0:
        return requested
    if len(sizes) < MIN_FILES or sum(sizes) < MIN_BYTES:
        return 1
    return max(1, min(available_cpus(), MAX_WORKERS, len(sizes) // FILES_PER_WORKER))


def share_count(requested: int, sizes: Sequence[int]) -> int:
    """Processes (this one included) to share files too few for a pool (see
    :func:`worker_count`): one per ``SHARE_MIN_BYTES`` to parse, at most one per CPU; 1
    (no sharing) when ``requested`` is set or there is too little to do."""
    if requested > 0 or len(sizes) < 2:
        return 1
    return max(1, min(available_cpus(), MAX_WORKERS, len(sizes), sum(sizes) // SHARE_MIN_BYTES))


def balanced_shares(weights: Sequence[int], count: int) -> list[list[int]]:
    """Indexes of ``weights`` cut into ``count`` shares of about equal weight (the heaviest
    first, each to the lightest share so far); empty shares left out."""
    shares: list[list[int]] = [[] for _ in range(max(1, count))]
    loads = [0] * len(shares)
    for index in sorted(range(len(weights)), key=lambda i: -weights[i]):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += weights[index]
    return [sorted(share) for share in shares if share]


def contiguous_shares(weights: Sequence[int], count: int, first: float = 1.0) -> list[range]:
    """``range(len(weights))`` cut into at most ``count`` contiguous, non-empty ranges of
    about equal weight, the first ``first`` times as heavy as each other one (with
    :func:`map_shares`, the first share is this process's: a child also pickles what it
    sends back, which this process then reads)."""
    total = sum(weights)
    shares: list[range] = []
    start = done = 0
    parts = first + count - 1
    for index, item in enumerate(weights):
        done += item
        if done * parts >= total * (first + len(shares)) and index + 1 < len(weights):
            shares.append(range(start, index + 1))
            start = index + 1
    shares.append(range(start, len(weights)))
    return [share for share in shares if share]


def map_shares(function: Callable[[T], R], shares: Sequence[T]) -> list[R]:
    """``[function(share) for share in shares]``: the first share in this process while each
    other one runs in a child forked for it, its result sent back pickled through a pipe.

    No process pool and nothing more imported: a fork of this process costs about a
    millisecond, so sharing pays from a few tens of milliseconds of work. ``function`` may
    be any callable (the children are copies of this process); results must be picklable.
    Where ``fork`` is missing, other threads are running (a fork copies only this one, and
    a lock another holds would never be released in the child), this is a daemonic process,
    or a child fails, that share is done here: sharing never changes a result.
    """
    if len(shares) < 2 or not _may_fork():
        return [function(share) for share in shares]
    children: list[tuple[int, int] | None] = []
    try:
        for share in shares[1:]:
            children.append(_fork_child(function, share))
        results = [function(shares[0])]
        for position, share in enumerate(shares[1:]):
            received = _receive(children, position)
            results.append(function(share) if received is _NOTHING else received)  # type: ignore[arg-type]
        return results
    finally:
        for child in children:  # only after an exception here: stop and reap what is left
            if child is not None:
                _abandon(child)


def call_beside(function: Callable[..., object], *args: object) -> int | None:
    """Start ``function(*args)`` in a child forked for it and return the child's pid (reap
    it with :func:`reap`), or None when this process may not fork (see :func:`map_shares`):
    then nothing was started and the caller calls ``function`` itself. The child sends
    nothing back; a failure there only loses what it was to do (a cache entry)."""
    if not _may_fork():
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            function(*args)
            status = 0
        except BaseException:  # nothing escapes the child
            pass
        finally:
            os._exit(status)
    return pid


def reap(pid: int) -> None:
    """Wait for a child started by :func:`call_beside`."""
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


#: What :func:`_receive` gives for a child that sent no result.
_NOTHING = object()


def may_fork() -> bool:
    """Whether this process may fork a child now (see :func:`map_shares`)."""
    return _may_fork()


def _may_fork() -> bool:
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1 and may_start_processes()


def _fork_child(function: Callable[[T], R], share: T) -> tuple[int, int] | None:
    """``(pid, read end)`` of a child computing ``function(share)``; None if none started."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        _child_main(function, share, read_end, write_end)
    os.close(write_end)
    return pid, read_end


def _child_main(  # pragma: no cover - runs in the child
    function: Callable[[T], R], share: T, read_end: int, write_end: int
) -> NoReturn:
    """Compute, send, and leave without running the parent's exit handlers or flushing its
    buffers (``os._exit``)."""
    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps(function(share), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as stream:
            stream.write(data)
        status = 0
    except BaseException:  # the parent redoes the share; nothing escapes the child
        pass
    finally:
        os._exit(status)


def _receive(children: list[tuple[int, int] | None], position: int) -> object:
    """The result sent by ``children[position]`` (reaped and set to None), or ``_NOTHING``
    when there is no child or it sent none (it failed, was killed, or its result is cut
    short)."""
    child = children[position]
    if child is None:
        return _NOTHING
    pid, read_end = child
    with os.fdopen(read_end, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    children[position] = None
    if status != 0 or not data:
        return _NOTHING
    try:
        return pickle.loads(data)
    except Exception:  # a truncated result: the share is redone here
        return _NOTHING


def _abandon(child: tuple[int, int]) -> None:
    import signal

    pid, read_end = child
    with contextlib.suppress(OSError):
        os.close(read_end)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass


def map_files(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[function(item) for item in items]``, in ``workers`` processes when above one.

    ``function`` must be a module-level function and items and results picklable.
    """
    if workers <= 1 or len(items) < 2 or not may_start_processes():
        return [function(item) for item in items]
    import multiprocessing  # with its process pool: only when one is used
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(items) // (workers * 4))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(function, items, chunksize=chunk))
    except (BrokenProcessPool, OSError, PermissionError, NotImplementedError):
        return [function(item) for item in items]
