"""Ending the process on `kill` or a closed terminal as on Ctrl-C, so that every clean-up runs."""

from __future__ import annotations

import signal
from types import FrameType

TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""`kill` and a closed terminal: by default they end Python on the spot, skipping `finally` and `atexit`."""


def exit_cleanly_on_termination() -> None:
    """Make `kill` and a closed terminal end the process through its `finally` blocks and `atexit` handlers.

    A build then removes its staging folder and `mkdocs serve` its temporary site, as on Ctrl-C. Handlers
    someone else installed are kept. SIGKILL cannot be caught: the next build removes what a build left.
    """
    for number in TERMINATING_SIGNALS:
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _exit_on_signal)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
