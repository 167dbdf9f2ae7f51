"""Converting MkDocs pages from Markdown to HTML on every core: MkDocs converts them one after another.

Before MkDocs' page loop (the plugin's `on_nav`), forked worker processes run, for each page, what MkDocs
itself runs: `read_source`, the plugins' `on_page_markdown`, then `Page.render` (Python-Markdown with
MkDocs' link, anchor and title processors). Each sends back what `render` sets — the HTML, table of
contents, title, anchors present, links to other pages' anchors — and every log record it made (MkDocs'
warnings about broken links). The page loop then runs as always, except that each page's `render` installs
its result and re-emits its records in the parent, in page order, so MkDocs' `--strict` counts them and its
anchor validation sees every page, exactly as in a serial build. A page whose worker failed is converted
again in the loop, where MkDocs reports the error as it always does.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import MethodType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.adapters.markdown_blocks import generated_html_extension
from generator.build.workers import start_worker, worker_count

MINIMUM_PAGES = 200
"""Below this many pages forking workers costs more than it saves: the pages are converted serially."""
CHUNK_PAGES = 8
"""Pages a worker converts per message: few enough to balance the load, enough to keep messages few."""


@dataclass(frozen=True)
class Converted:
    """What `Page.render` set on one page in a worker, with the log records it made there."""

    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """Links to other pages' anchors, keyed by the linked page's `src_uri` (files do not cross processes)."""
    records: tuple[tuple[str, int, str], ...]
    """(logger name, level, message) of every record logged while converting, in order."""
    markdown_links: frozenset[str]
    """The URLs of the page's Markdown links, which the plugin's link check leaves to MkDocs
    (`adapters/markdown_blocks.py`)."""


class _Recorder(logging.Handler):
    """Keeps every record a worker logs (MkDocs' handlers, which print and count, are removed there)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_pages: Sequence[Page] = ()
_config: MkDocsConfig | None = None
_files: Files | None = None
_recorder: _Recorder | None = None


def _start_worker() -> None:
    """In a fresh worker: record MkDocs' log records instead of printing or counting them; leave Ctrl-C to
    the build (it ends the pool) and let the pool end a worker at once (no clean-up of the build's)."""
    global _recorder
    start_worker()
    _recorder = _Recorder()
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(_recorder)


def _convert(number: int) -> tuple[int, Converted | None]:
    """Convert page `number` as MkDocs would (None if that raised: the page loop converts it again)."""
    page, config, files, recorder = _pages[number], _config, _files, _recorder
    assert config is not None and files is not None and recorder is not None
    recorder.records.clear()
    try:
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
    except Exception:  # the serial conversion in the page loop reports it, with MkDocs' own message
        return number, None
    links = page.links_to_anchors
    extension = generated_html_extension(config.markdown_extensions)
    converted = Converted(
        content=page.content or "",
        toc=page.toc,
        title=page._title_from_render,
        present_anchor_ids=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {file.src_uri: dict(to) for file, to in links.items()},
        records=tuple(recorder.records),
        markdown_links=extension.markdown_links if extension is not None else frozenset(),
    )
    page.markdown = page.content = None  # this worker's copy is done with
    return number, converted


def convert_pages(
    pages: Sequence[Page], config: MkDocsConfig, files: Files, workers: int
) -> Iterator[tuple[Page, Converted | None]]:
    """Convert `pages` in `workers` forked processes; yield each page with its result as it arrives."""
    global _pages, _config, _files
    _pages, _config, _files = pages, config, files
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker) as pool:
            for number, converted in pool.imap_unordered(_convert, range(len(pages)), CHUNK_PAGES):
                yield pages[number], converted
    finally:
        _pages, _config, _files = (), None, None


def install(page: Page, converted: Converted, files: Files) -> None:
    """Make MkDocs' next `page.render` set what the worker computed instead of converting the page again."""

    def render(self: Page, config: MkDocsConfig, files_now: Files) -> None:
        del self.render  # the class's own method again, for any later build of this page
        for name, level, message in converted.records:
            logging.getLogger(name).log(level, message)
        self.content = converted.content
        self.toc = converted.toc
        self._title_from_render = converted.title
        self.present_anchor_ids = set(converted.present_anchor_ids)
        extension = generated_html_extension(config.markdown_extensions)
        if extension is not None:  # as if this process had converted the page just now
            extension.markdown_links = converted.markdown_links
        if converted.links_to_anchors is not None:
            self.links_to_anchors = {
                target: dict(links)
                for uri, links in converted.links_to_anchors.items()
                if (target := files_now.get_file_from_path(uri)) is not None
            }

    page.render = MethodType(render, page)  # type: ignore[method-assign]


def pages_to_convert(files: Files, config: MkDocsConfig, *, dirty: bool) -> list[Page]:
    """The pages MkDocs' page loop of `mkdocs build` will convert, in its order (creating pages that are in
    no nav, as the loop itself would)."""
    pages = []
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
        assert file.page is not None
        if dirty and not file.is_modified():
            continue
        pages.append(file.page)
    return pages


def convert_in_parallel(
    files: Files,
    config: MkDocsConfig,
    *,
    workers: int,
    dirty: bool,
    converted_one: Callable[[], Any] | None = None,
) -> int:
    """Convert the build's pages on `workers` processes ahead of MkDocs' page loop; how many were.

    Does nothing (0) with one worker or fewer than `MINIMUM_PAGES` pages when the count was not requested.
    `converted_one` is called as each page arrives (progress).
    """
    pages = pages_to_convert(files, config, dirty=dirty)
    count = worker_count(workers)
    if count < 2 or (workers == 0 and len(pages) < MINIMUM_PAGES) or not pages:
        return 0
    done = 0
    for page, converted in convert_pages(pages, config, files, count):
        if converted is not None:
            install(page, converted, files)
            done += 1
        if converted_one is not None:
            converted_one()
    return done
