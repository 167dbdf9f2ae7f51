"""Write stage: a generated Markdown tree to disk, all or nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.render.html_blocks import plain_markdown
from generator.render.render import GeneratedPage
from generator.build.swap import discard, make_staging, swap_in

MARKER = ".newsgen-generated"
"""Present in every tree this tool writes; a folder without it is never replaced."""


class WriteError(Exception):
    """The output folder cannot be (re)written; the message says why and what to do."""


_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def check_relative_path(path: str) -> PurePosixPath:
    """`path` as a relative POSIX path that stays inside its output folder; `WriteError` otherwise.

    Refused: absolute paths, `..` parts, empty or `.` paths, backslashes and drive letters (which mean
    another folder on Windows) and control characters.
    """
    relative = PurePosixPath(path)
    if (
        relative.is_absolute()
        or ".." in relative.parts
        or not relative.parts
        or "\\" in path
        or _WINDOWS_DRIVE.match(path)
        or any(ord(character) < 32 for character in path)
    ):
        raise WriteError(f"refusing to write outside the output folder: {path!r}")
    return relative


def write_tree(pages: Mapping[str, GeneratedPage], out_dir: Path, protected: Path | None = None) -> None:
    """Replace `out_dir` with exactly `pages`, atomically: build beside it, then swap.

    A folder that exists, is not empty and was not written by this tool is left alone (`WriteError`), and so
    is anything inside `protected` (the content folder).
    """
    out_dir = out_dir.absolute()
    if protected is not None:
        protected = protected.resolve()
        if (
            out_dir.resolve() == protected
            or protected in out_dir.resolve().parents
            or (out_dir.resolve() in protected.parents)
        ):
            raise WriteError(f"refusing to write into or over the content folder: {out_dir}")
    if out_dir.exists() and (
        not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())
    ):
        raise WriteError(
            f"{out_dir} exists and was not written by newsgen (no {MARKER} file): "
            "choose an empty or new folder"
        )
    try:
        staging = make_staging(out_dir)
    except OSError as error:
        raise WriteError(f"cannot create a folder beside {out_dir}: {error.strerror or error}") from None
    try:
        for path, page in pages.items():
            target = staging / check_relative_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(plain_markdown(page.markdown), encoding="utf-8", newline="\n")
        (staging / MARKER).write_text(
            "Written by newsgen generate; replaced on every run.\n", encoding="utf-8"
        )
        swap_in(staging, out_dir)
    except BaseException as error:  # Ctrl-C too: never leave a half-written tree or a temporary folder
        discard(staging)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {out_dir}: {error.strerror or error}") from None
        raise


class WrittenFiles:
    """Generated files (feeds, open data) written to a marked folder as soon as each is built, not kept in
    memory, until the site builder has copied them into the site; then the folder is discarded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """The marked folder holding the files."""
        self.paths: list[str] = []
        """What was written, relative to `folder` (and to the site), in the order written."""

    @classmethod
    def beside(cls, site_dir: Path) -> WrittenFiles:
        """An empty folder beside `site_dir` (stale ones of killed runs removed first).

        Raises `OSError` if the folder cannot be made (read-only, full).
        """
        site_dir = site_dir.absolute()
        return cls(make_staging(site_dir.with_name(f"{site_dir.name}.files")))

    def write(self, path: str, data: bytes) -> None:
        """Write one file; `WriteError` if `path` would leave the folder."""
        target = self.folder / check_relative_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.paths.append(path)

    def discard(self) -> None:
        """Remove the folder and everything in it."""
        discard(self.folder)
