"""Forked worker processes, for the stages that do the same work page after page on one core otherwise
(the check, rendering the pages, the page pool).

A worker is forked with the parent's state (the content's index, MkDocs' pages), so nothing but each job's
number goes to it and only the result comes back. Ctrl-C and `kill` stay with the process that forks.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Callable, Iterator
from typing import TypeVar

Result = TypeVar("Result")


def worker_count(requested: int) -> int:
    """How many processes to work on: `requested`, or (0) the CPUs this process may run on; 1 where this
    system cannot fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - not on Linux or macOS
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def start_worker() -> None:
    """In a fresh worker: leave Ctrl-C to the process that forked it (which ends the pool), end at once when
    the pool ends it (no clean-up of the parent's, such as the `exit_cleanly_on_termination` handlers, runs
    in a worker), and end with the parent however it ends, even killed (or the worker would finish its work
    for nobody)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - not on Linux
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it ended before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1
"""Linux's `prctl` option: the signal this process gets when the one that forked it ends."""


def forked_map(
    function: Callable[[int], Result],
    count: int,
    workers: int,
    initializer: Callable[[], None] = start_worker,
) -> Iterator[Result]:
    """`function(0)`, `function(1)` ... `function(count - 1)`, each run in one of `workers` forked processes,
    yielded in that order as they arrive. The workers see this process's memory as it was when they were
    forked (module globals included); their results must pickle. Ctrl-C or an exception in the caller ends
    them."""
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=initializer) as pool:
        yield from pool.imap(function, range(count))


def fork_pool(workers: int, initializer: Callable[[], None] = start_worker) -> multiprocessing.pool.Pool:
    """A pool of `workers` processes forked from this one, each started with `initializer`, for work handed
    out as it goes (the page pool's templates, rendered ahead of MkDocs' page loop); the caller ends it."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=initializer)
