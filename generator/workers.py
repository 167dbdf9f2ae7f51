"""Forked worker processes, for the stages that do the same work page after page on one core otherwise.

A worker is forked with the parent's state (the content's index, MkDocs' pages), so nothing but each job's
number goes to it and only the result comes back. Ctrl-C is the parent's to handle (it ends the pool); a
`kill` or a closed terminal ends a worker at once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Callable


def worker_count(requested: int) -> int:
    """How many processes to use: `requested`, or (0) the CPUs this process may run on."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def start_worker() -> None:
    """In a fresh worker: leave Ctrl-C to the parent, and end at once on SIGTERM or SIGHUP (no clean-up of
    the parent's, such as its staging folder, runs in a worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def fork_pool(workers: int, initializer: Callable[[], None] = start_worker) -> multiprocessing.pool.Pool:
    """A pool of `workers` processes forked from this one, each started with `initializer`."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=initializer)
