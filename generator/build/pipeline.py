"""The whole flow in one call: load → validate → index → render, with problems collected, nothing written."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.check.content_files import check_content_files
from generator.check.pages import shown_folder
from generator.check.validate import Content, validate_stream
from generator.index import Index, build_index
from generator.load.loader import stream_content
from generator.outputs.feeds import Site, iter_feeds
from generator.outputs.open_data import iter_open_data
from generator.outputs.redirects import checked_redirects, redirect_pages
from generator.problems import ContentError, Problem, count_errors
from generator.render.render import GeneratedPage, RenderMemo, render_site


@dataclass(frozen=True)
class Generation:
    """The result of a successful run: the pages, other generated files and any warnings."""

    pages: dict[str, GeneratedPage]
    warnings: tuple[Problem, ...]
    index: Index
    files: dict[str, bytes]
    """Non-Markdown files by path (feeds, open data), sorted."""


@contextlib.contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Run a block without Python's cyclic garbage collector.

    The stages allocate millions of small objects that live until the end of the run. The collector would
    scan them again and again, and each scan costs more the larger the story: builds would grow faster than
    the content. Reference counting still frees what is dropped; cycles wait until the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_content(
    content_dir: Path, display_root: Path | None = None, *, cache_parsed: bool = False
) -> tuple[Content | None, list[Problem]]:
    """Load and validate `content_dir`; return the content (None on errors) and every problem.

    Articles are read, parsed and validated one at a time: of each, only the validated article stays in
    memory. With `cache_parsed`, the parsed files are also kept for the next run in this process (`mkdocs
    serve`), which then parses only what changed.
    """
    with paused_garbage_collection():
        stream = stream_content(content_dir, display_root, cache=cache_parsed)
        stream.problems.extend(
            check_content_files(content_dir, shown_folder(content_dir, display_root or Path.cwd()))
        )
        content, problems = validate_stream(
            stream.registries, stream.articles, stream.problems, stream.story
        )
        redirect_problems = checked_redirects(content_dir, content, display_root)[1]
        if redirect_problems:
            problems = sorted([*problems, *redirect_problems])
            content = None if count_errors(problems) else content
        return content, problems


FileWriter = Callable[[str, bytes], None]
"""Takes a generated file (feed, open data) by path as soon as it is built."""


def generate_pages(
    content_dir: Path,
    display_root: Path | None = None,
    site: Site | None = None,
    memo: RenderMemo | None = None,
    write_file: FileWriter | None = None,
    workers: int = 1,
) -> Generation:
    """Run every stage on `content_dir`; raise `ContentError` carrying all problems if any is an error.

    Pass the same `memo` to successive runs in one process to render only the pages whose inputs changed.
    With `write_file`, feeds and open data go to it one file at a time, before the pages are rendered, and
    are not kept (`Generation.files` is then empty): at 10,000 articles they are 200 MB, which would
    otherwise stay in memory beside every page's Markdown. Without a memo, `workers` processes render the
    pages of a large site.
    """
    with paused_garbage_collection():
        content, problems = check_content(content_dir, display_root, cache_parsed=memo is not None)
        if content is None:
            raise ContentError(problems)
        index = build_index(content)
        files: dict[str, bytes] = {}
        keep = write_file or files.__setitem__
        for path, data in generated_files(index, site or Site(name="Explained news")):
            keep(path, data)
        for path, data in redirect_pages(checked_redirects(content_dir, content, display_root)[0]):
            keep(path, data)
        return Generation(
            pages=render_site(index, memo, workers),
            warnings=tuple(problems),
            index=index,
            files={path: files[path] for path in sorted(files)},
        )


def generated_files(index: Index, site: Site) -> Iterator[tuple[str, bytes]]:
    """The non-page files (feeds, then open data), built one at a time."""
    yield from iter_feeds(index, site)
    yield from iter_open_data(index)
