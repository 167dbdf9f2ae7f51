"""Write stage: a generated Markdown tree to disk, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.render import GeneratedPage

MARKER = ".newsgen-generated"
"""Present in every tree this tool writes; a folder without it is never replaced."""


class WriteError(Exception):
    """The output folder cannot be (re)written; the message says why and what to do."""


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
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
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as error:
        raise WriteError(f"cannot create a folder beside {out_dir}: {error.strerror}") from None
    retired: Path | None = None
    try:
        for path, page in pages.items():
            target = staging / _safe_relative(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8", newline="\n")
        (staging / MARKER).write_text(
            "Written by newsgen generate; replaced on every run.\n", encoding="utf-8"
        )
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=parent))
            os.replace(out_dir, retired / "tree")
        os.replace(staging, out_dir)
    except BaseException as error:  # Ctrl-C too: never leave a half-written tree or a temporary folder
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None and (retired / "tree").exists() and not out_dir.exists():
            os.replace(retired / "tree", out_dir)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {out_dir}: {error.strerror or error}") from None
        raise
    finally:
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
