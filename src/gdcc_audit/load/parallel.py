"""Running a per-file function in worker processes when there are many files.

A few files (a pre-commit hook, a small repository) are parsed in this process: starting
workers would cost more than it saves. Many files are spread over worker processes (forked
on Linux, so they start in milliseconds with the parser already imported); results come back
in input order. Anything that stops the pool from working (no ``fork``, no shared memory, a
killed worker) falls back to the plain loop, so parallelism never changes a result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many files, or this many bytes in all, one process parses everything.
MIN_FILES = 24
MIN_BYTES = 512 * 1024
#: Files per worker below which another worker is not worth starting.
FILES_PER_WORKER = 8
MAX_WORKERS = 8


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def may_start_processes() -> bool:
    """Whether this process may start worker processes: not when it is itself a daemonic
    ``multiprocessing`` process (a Dask worker of ``portfolio scan`` is one), where starting
    a child raises ``AssertionError``."""
    import multiprocessing

    return not multiprocessing.current_process().daemon


def worker_count(requested: int, sizes: Sequence[int]) -> int:
    """Processes to use for files of these sizes: ``requested`` when not 0, else one for a
    few or small files and up to the CPU count (at most 8) for many."""
    if requested > 0:
        return requested
    if len(sizes) < MIN_FILES or sum(sizes) < MIN_BYTES:
        return 1
    return max(1, min(available_cpus(), MAX_WORKERS, len(sizes) // FILES_PER_WORKER))


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


def map_beside(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``: the first item in this process while the
    others run in one worker process each (started first); the plain loop when no worker
    can be started or one dies.

    For work already cut into one share per CPU (the pieces of one large file): this process
    does its share instead of waiting. ``function`` must be a module-level function and items
    and results picklable.
    """
    if len(items) < 2 or not may_start_processes():
        return [function(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        with ProcessPoolExecutor(max_workers=len(items) - 1, mp_context=context) as pool:
            futures = [pool.submit(function, item) for item in items[1:]]
            first = function(items[0])
            return [first, *(future.result() for future in futures)]
    except (BrokenProcessPool, OSError, PermissionError, NotImplementedError):
        return [function(item) for item in items]
