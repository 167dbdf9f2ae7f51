"""Swap: a folder is replaced all at once, and only our own marked leftovers are ever removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import read_tree as tree

from generator.build.swap import STAGING_MARKER, StagedBuild, discard, make_staging, remove_stale, swap_in


def siblings(target: Path) -> list[str]:
    return sorted(path.name for path in target.parent.iterdir())


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(process.stdout)


def test_staging_is_marked_beside_the_target_and_swapping_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")

    staging = make_staging(target)
    assert staging.parent == tmp_path and staging.name.startswith(".site.newsgen-")
    assert (staging / STAGING_MARKER).read_text(encoding="utf-8") == f"{os.getpid()}\n"
    (staging / "new.html").write_text("new", encoding="utf-8")
    swap_in(staging, target)

    assert tree(target) == {"new.html": b"new"}
    assert siblings(target) == ["site"]


def test_swap_into_a_missing_target(tmp_path: Path) -> None:
    target = tmp_path / "out" / "site"
    staging = make_staging(target)
    (staging / "a").write_text("a", encoding="utf-8")

    swap_in(staging, target)

    assert tree(target) == {"a": b"a"}


def previous_site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    (target / "page").mkdir(parents=True)
    (target / "page" / "index.html").write_text("previous", encoding="utf-8")
    return target


def test_a_staged_build_replaces_the_target_only_when_complete_and_successful(tmp_path: Path) -> None:
    target = previous_site(tmp_path)
    staged = StagedBuild.start(target)
    (staged.staging / "index.html").write_text("new", encoding="utf-8")
    staged.complete = True

    assert staged.conclude(succeeded=True)

    assert tree(target) == {"index.html": b"new"}
    assert siblings(target) == ["site"]


@pytest.mark.parametrize(("complete", "succeeded"), [(True, False), (False, True), (False, False)])
def test_a_staged_build_that_failed_or_never_finished_leaves_the_target_as_it_was(
    tmp_path: Path, complete: bool, succeeded: bool
) -> None:
    # MkDocs writes everything, then aborts a `--strict` build: complete, yet not successful.
    target = previous_site(tmp_path)
    staged = StagedBuild.start(target)
    (staged.staging / "index.html").write_text("new", encoding="utf-8")
    staged.complete = complete

    assert not staged.conclude(succeeded=succeeded)

    assert tree(target) == {"page/index.html": b"previous"}
    assert siblings(target) == ["site"]


def test_a_staged_build_can_start_from_the_previous_target(tmp_path: Path) -> None:
    target = previous_site(tmp_path)

    staged = StagedBuild.start(target, from_previous=True)

    assert tree(staged.staging) == {
        STAGING_MARKER: f"{os.getpid()}\n".encode(),
        "page/index.html": b"previous",
    }
    staged.conclude(succeeded=False)
    assert siblings(target) == ["site"]


def test_a_staged_build_whose_swap_fails_keeps_the_target(tmp_path: Path) -> None:
    target = previous_site(tmp_path)
    staged = StagedBuild.start(target)
    staged.complete = True
    shutil.rmtree(staged.staging)  # removed by someone else: nothing to swap in

    with pytest.raises(OSError):
        staged.conclude(succeeded=True)

    assert tree(target) == {"page/index.html": b"previous"}
    assert siblings(target) == ["site"]


def test_discard_removes_only_a_marked_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    staging = make_staging(target)
    unmarked = tmp_path / "mine"
    unmarked.mkdir()

    discard(staging)
    discard(unmarked)
    discard(None)

    assert siblings(target) == ["mine"]


def test_stale_leftovers_of_a_killed_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    stale = tmp_path / ".site.newsgen-abc"
    stale.mkdir()
    (stale / STAGING_MARKER).write_text(f"{dead_pid()}\n", encoding="utf-8")
    (stale / "half.html").write_text("half", encoding="utf-8")
    unmarked = tmp_path / ".site.newsgen-not-ours"
    unmarked.mkdir()
    (unmarked / "keep").write_text("keep", encoding="utf-8")
    running = tmp_path / ".site.newsgen-running"
    running.mkdir()
    (running / STAGING_MARKER).write_text(f"{os.getppid()}\n", encoding="utf-8")  # a live process

    remove_stale(target)

    assert siblings(target) == [".site.newsgen-not-ours", ".site.newsgen-running", "site"]


def test_a_previous_tree_retired_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    retired = tmp_path / ".site.newsgen-old"
    (retired / "retired").mkdir(parents=True)
    (retired / STAGING_MARKER).write_text(f"{dead_pid()}\n", encoding="utf-8")
    (retired / "retired" / "index.html").write_text("previous", encoding="utf-8")

    remove_stale(target)

    assert tree(target) == {"index.html": b"previous"}
    assert siblings(target) == ["site"]


def test_a_read_only_parent_is_an_os_error(tmp_path: Path) -> None:
    # Root ignores permissions, so under root (as in CI) the check runs as the unprivileged user `nobody`.
    if os.geteuid() != 0:
        parent = tmp_path / "ro"
        parent.mkdir()
        parent.chmod(0o555)
        try:
            with pytest.raises(OSError):
                make_staging(parent / "site")
        finally:
            parent.chmod(0o755)
        return
    if shutil.which("setpriv") is None:
        pytest.fail("running as root without setpriv: cannot test a read-only folder")
    base = Path(tempfile.mkdtemp(prefix="newsgen-ro-"))
    try:
        base.chmod(0o755)
        parent = base / "ro"
        parent.mkdir(mode=0o555)
        parent.chmod(0o555)
        program = (
            "import sys\n"
            "from pathlib import Path\n"
            "from generator.build.swap import make_staging\n"
            "try:\n"
            f"    make_staging(Path({str(parent / 'site')!r}))\n"
            "except OSError as error:\n"
            "    print('refused', error.errno)\n"
            "else:\n"
            "    print('written')\n"
        )
        result = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
        unreadable = "PermissionError" in result.stderr or "ModuleNotFoundError" in result.stderr
        if not result.stdout and unreadable:
            pytest.skip("the checkout is not readable by the user nobody")
        assert result.stdout.startswith("refused"), result.stdout + result.stderr
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o755)
        shutil.rmtree(base)
