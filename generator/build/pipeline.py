"""The whole flow in one call: load → validate → index → render, with problems collected, nothing written."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.check.content_files import check_content_files
from generator.check.pages import shown_folder
from generator.check.validate import (
    ArticleFindings,
    CheckArticles,
    Content,
    Validated,
    validate_in_parts,
    validate_stream,
)
from generator.index import Index, build_index
from generator.load.loader import MAX_CONTENT_BYTES, ContentStream, stream_content
from generator.outputs.feeds import Site, iter_feeds
from generator.outputs.open_data import iter_open_data
from generator.outputs.redirects import checked_redirects, redirect_pages
from generator.problems import ContentError, Problem, count_errors
from generator.render.render import GeneratedPage, RenderMemo, render_site
from generator.workers import forked_map, worker_count


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

    def validate(stream: ContentStream) -> tuple[Content | None, list[Problem]]:
        return validate_stream(stream.registries, stream.articles, stream.problems, stream.story)

    return _checked(content_dir, display_root, validate, cache_parsed=cache_parsed)


MINIMUM_ARTICLES = 1_000
"""Below this many articles, forking workers to check them costs more than it saves."""
PARTS_PER_WORKER = 4
"""Each worker checks about this many parts of the articles, one after another: a worker slowed by other
work on its core holds up less."""


def check_problems(content_dir: Path, display_root: Path | None = None, *, workers: int = 0) -> list[Problem]:
    """`check_content`'s problems, the same and in the same order (`newsgen check`, which needs no content).

    The articles are read, parsed and checked each on its own in `workers` forked processes (0: one per CPU,
    from `MINIMUM_ARTICLES` on), a part of them in file order each, which send back only the problems and
    what the rules across articles need; the rest runs here as in `check_content`.
    """
    count = worker_count(workers)

    def validate(stream: ContentStream) -> tuple[Content | Validated | None, list[Problem]]:
        articles = len(stream.article_paths)
        if count < 2 or not articles or (workers == 0 and articles < MINIMUM_ARTICLES):
            return validate_stream(stream.registries, stream.articles, stream.problems, stream.story)
        check_parts = functools.partial(_check_in_parts, stream, count)
        return validate_in_parts(stream.registries, check_parts, stream.problems, stream.story)

    try:
        return _checked(content_dir, display_root, validate, cache_parsed=False)[1]
    except _PastSizeLimit:  # which file crossed the limit depends on the order the files are read in
        return check_content(content_dir, display_root)[1]


def _checked(
    content_dir: Path,
    display_root: Path | None,
    validate: Callable[[ContentStream], tuple[Checked, list[Problem]]],
    *,
    cache_parsed: bool,
) -> tuple[Checked, list[Problem]]:
    with paused_garbage_collection():
        stream = stream_content(content_dir, display_root, cache=cache_parsed)
        stream.problems.extend(
            check_content_files(content_dir, shown_folder(content_dir, display_root or Path.cwd()))
        )
        content, problems = validate(stream)
        redirect_problems = checked_redirects(content_dir, content, display_root)[1]
        if redirect_problems:
            problems = sorted([*problems, *redirect_problems])
            content = None if count_errors(problems) else content
        return content, problems


Checked = TypeVar("Checked", bound=Content | Validated | None)
"""What validating content returns: the content, or what it holds short of its articles."""


class _PastSizeLimit(Exception):
    """The workers together read more than `MAX_CONTENT_BYTES`."""


_stream: ContentStream | None = None
_parts: list[Sequence[Path]] = []
_check: CheckArticles | None = None


def _check_in_parts(stream: ContentStream, workers: int, check: CheckArticles) -> Iterator[ArticleFindings]:
    """`check` each part of the articles in a forked worker; yield what each found, in file order.

    What a worker could not read or parse joins `stream.problems`, as if this process had read it.
    """
    global _stream, _parts, _check
    paths = stream.article_paths
    size = -(-len(paths) // (workers * PARTS_PER_WORKER))
    _stream, _parts, _check = stream, [paths[start : start + size] for start in range(0, len(paths), size)], check
    bytes_read = stream.bytes_read
    try:
        for found, load_problems, part_bytes in forked_map(_check_part, len(_parts), workers):
            stream.problems.extend(load_problems)
            bytes_read += part_bytes
            yield found
    finally:
        _stream, _parts, _check = None, [], None
    if bytes_read > MAX_CONTENT_BYTES:
        raise _PastSizeLimit


def _check_part(number: int) -> tuple[ArticleFindings, list[Problem], int]:
    """In a worker: check part `number`; what it found, the files it could not read or parse, bytes read."""
    stream, check = _stream, _check
    assert stream is not None and check is not None
    problems_before, bytes_before = len(stream.problems), stream.bytes_read
    found = check(stream.read_articles(_parts[number]))
    return found, stream.problems[problems_before:], stream.bytes_read - bytes_before


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
