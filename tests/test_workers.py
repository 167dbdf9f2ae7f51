"""Forked workers: results in order, from other processes; Ctrl-C and `kill` end the workers with the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import default_stop_signals

from generator.workers import forked_map, worker_count


def square_and_process(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_results_come_in_order_from_other_processes() -> None:
    results = list(forked_map(square_and_process, 20, 2))

    assert [square for square, _ in results] == [number * number for number in range(20)]
    assert os.getpid() not in {process for _, process in results}


def test_the_worker_count_is_the_one_asked_for_or_the_cpus() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) == len(os.sched_getaffinity(0))


HELD_RUN = """
import os, sys, time
from pathlib import Path
from generator.build.interrupt import exit_cleanly_on_termination
from generator.workers import forked_map

def hold(number):
    Path(sys.argv[1], str(os.getpid())).touch()
    time.sleep(600)

exit_cleanly_on_termination()
list(forked_map(hold, 4, 2))
"""


def alive(process: int) -> bool:
    try:
        os.kill(process, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("interrupt", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_ctrl_c_or_kill_ends_the_run_and_its_workers(tmp_path: Path, interrupt: signal.Signals) -> None:
    run = subprocess.Popen(
        [sys.executable, "-c", HELD_RUN, str(tmp_path)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_stop_signals,  # Ctrl-C acts even when the suite itself ignores it
    )
    for _ in range(600):  # a bound, not a timing assertion: the workers start within a second
        if len(list(tmp_path.iterdir())) == 2:
            break
        time.sleep(0.05)
    workers = [int(path.name) for path in tmp_path.iterdir()]
    assert len(workers) == 2

    run.send_signal(interrupt)
    run.communicate(timeout=60)

    assert run.returncode != 0
    for _ in range(200):
        if not any(alive(worker) for worker in workers):
            break
        time.sleep(0.05)
    left = [worker for worker in workers if alive(worker)]
    for worker in left:  # not to leave them sleeping when the test fails
        os.kill(worker, signal.SIGKILL)
    assert left == []
