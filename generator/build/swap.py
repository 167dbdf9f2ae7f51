"""Replace a folder all at once: fill a staging folder beside it, then swap; our leftovers carry a marker."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

STAGING_MARKER = ".newsgen-staging"
"""Present in every staging or retired folder this tool makes; only folders carrying it are ever removed."""

_RETIRED = "retired"
"""Name of the previous tree inside a retired folder, until the swap is finished."""


def _prefix(target: Path) -> str:
    return f".{target.name}.newsgen-"


def make_staging(target: Path) -> Path:
    """An empty, marked folder beside `target` to build into; stale ones of killed runs are removed first.

    Raises `OSError` if the parent folder cannot be written (read-only, full).
    """
    target = target.absolute()
    remove_stale(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))
    try:
        (staging / STAGING_MARKER).write_text(f"{os.getpid()}\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def swap_in(staging: Path, target: Path, *, keep_marker: str | None = None) -> None:
    """Make `staging` the new `target`; the previous `target` is removed only once the new one is in place.

    The staging marker is deleted from the result; `keep_marker` names a file that stays (if present).
    """
    target = target.absolute()
    retired: Path | None = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))
        (retired / STAGING_MARKER).write_text(f"{os.getpid()}\n", encoding="utf-8")
        os.replace(target, retired / _RETIRED)
    try:
        os.replace(staging, target)
    except BaseException:
        if retired is not None:
            os.replace(retired / _RETIRED, target)
            shutil.rmtree(retired, ignore_errors=True)
        raise
    if keep_marker != STAGING_MARKER:
        with contextlib.suppress(FileNotFoundError):
            (target / STAGING_MARKER).unlink()
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


@dataclass
class StagedBuild:
    """A build of `target` into a staging folder beside it, swapped in only once the build is known to have
    succeeded: until `conclude`, the previous `target` stays exactly as it was.

    A builder may finish writing before it gives its verdict (MkDocs aborts a `--strict` build on warnings
    only after its last plugin event), so completing and concluding are two steps.
    """

    target: Path
    """The folder to replace (absolute)."""
    staging: Path
    """The marked folder the build writes into."""
    complete: bool = False
    """Whether everything was written into `staging`."""

    @classmethod
    def start(cls, target: Path, *, from_previous: bool = False) -> StagedBuild:
        """An empty staging folder beside `target`, or a copy of `target` to rebuild only what changed.

        Raises `OSError` if the folder cannot be made or filled (read-only, full); nothing is left then.
        """
        target = target.absolute()
        staging = make_staging(target)
        try:
            if from_previous and target.is_dir():
                shutil.copytree(target, staging, dirs_exist_ok=True, symlinks=True)
        except BaseException:
            discard(staging)
            raise
        return cls(target, staging)

    def conclude(self, *, succeeded: bool) -> bool:
        """Swap a complete, successful build in as `target`; otherwise discard it. Whether it was swapped in.

        Raises `OSError` if the swap fails; the previous `target` is back in place and the staging removed.
        """
        if not (succeeded and self.complete):
            discard(self.staging)
            return False
        try:
            swap_in(self.staging, self.target)
        except BaseException:
            discard(self.staging)
            raise
        return True


def discard(staging: Path | None) -> None:
    """Remove a staging folder of this run, if it is still there and still ours."""
    if staging is not None and (staging / STAGING_MARKER).is_file():
        shutil.rmtree(staging, ignore_errors=True)


def remove_stale(target: Path) -> None:
    """Remove marked leftovers beside `target` of runs that were killed; never anything unmarked.

    A folder whose process is still running is left alone (two builds at once); a retired previous tree
    that never got replaced (killed mid-swap) is put back in place first.
    """
    target = target.absolute()
    if not target.parent.is_dir():
        return
    for entry in sorted(target.parent.glob(_prefix(target) + "*")):
        marker = entry / STAGING_MARKER
        if entry.is_symlink() or not entry.is_dir() or not marker.is_file():
            continue
        if _owner_alive(marker):
            continue
        previous = entry / _RETIRED
        if previous.is_dir() and not target.exists():
            os.replace(previous, target)
        shutil.rmtree(entry, ignore_errors=True)


def _owner_alive(marker: Path) -> bool:
    try:
        pid = int(marker.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
