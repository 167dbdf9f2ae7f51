"""Converting and rendering MkDocs pages on every core: MkDocs does both one page after another.

Converting: before MkDocs' page loop (the plugin's `on_nav`), forked worker processes run, for each page,
what MkDocs itself runs: `read_source`, the plugins' `on_page_markdown`, then `Page.render` (Python-Markdown
with MkDocs' link, anchor and title processors), and sanitize the HTML. Each sends back what `render` sets —
the HTML, table of contents, title, anchors present, links to other pages' anchors — and every log record
it made (MkDocs' warnings about broken links). The page loop then runs as always, except that each page's
`render` installs its result and re-emits its records in the parent, in page order, so MkDocs' `--strict`
counts them and its anchor validation sees every page, exactly as in a serial build. A page whose worker
failed is converted again in the loop, where MkDocs reports the error as it always does.

Rendering: once every page is converted (`on_env`), workers forked then render each page's theme template
as MkDocs' `_build_page` would (`RenderedAhead`), while the page loop, in the parent, runs the plugins'
`on_post_page` and writes each page as its HTML arrives; a page no worker rendered is rendered there.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import MethodType
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.adapters.markdown_blocks import generated_html_extension
from generator.build.sanitize import sanitize_html
from generator.workers import fork_pool, start_worker, worker_count

MINIMUM_PAGES = 200
"""Below this many pages forking workers costs more than it saves: the pages are converted serially."""
CHUNK_PAGES = 8
"""Pages a worker converts per message: few enough to balance the load, enough to keep messages few."""


@dataclass(frozen=True)
class Converted:
    """What `Page.render` set on one page in a worker, with the log records it made there."""

    content: str
    """The page's HTML, sanitized (`generator/build/sanitize.py`)."""
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
        content=sanitize_html(page.content or ""),
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
        with fork_pool(workers, _start_worker) as pool:
            for number, converted in pool.imap_unordered(_convert, range(len(pages)), CHUNK_PAGES):
                yield pages[number], converted
    finally:
        _pages, _config, _files = (), None, None


_sanitized: dict[int, str] = {}
"""The HTML a worker sanitized, by page (`id`), from the page's `render` in the page loop to the plugins'
`on_page_content` right after it."""


def sanitized_ahead(page: Page, html: str) -> bool:
    """Whether `html` is exactly the HTML a worker converted and sanitized for `page` (no plugin changed it
    since): the page loop need not sanitize it again."""
    return _sanitized.pop(id(page), None) is html


def install(page: Page, converted: Converted, files: Files) -> None:
    """Make MkDocs' next `page.render` set what the worker computed instead of converting the page again."""

    def render(self: Page, config: MkDocsConfig, files_now: Files) -> None:
        del self.render  # the class's own method again, for any later build of this page
        for name, level, message in converted.records:
            logging.getLogger(name).log(level, message)
        self.content = converted.content
        _sanitized[id(self)] = converted.content
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
    _sanitized.clear()  # a failed build's
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


def render_page(
    page: Page, config: MkDocsConfig, pages: Sequence[File], nav: Navigation, env: Environment
) -> str:
    """The page's HTML as MkDocs' page loop renders it (`_build_page`): the theme's template with the page's
    context, before the plugins' `on_post_page`."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False
        config._current_page = None


_rendering: tuple[Sequence[Page], MkDocsConfig, Sequence[File], Navigation, Environment] | None = None


def _render_chunk(numbers: range) -> list[tuple[int, str | None]]:
    """Render pages `numbers` in a worker (None for a page that raised: the page loop renders it again)."""
    assert _rendering is not None
    pages, config, files, nav, env = _rendering
    rendered: list[tuple[int, str | None]] = []
    for number in numbers:
        try:
            rendered.append((number, render_page(pages[number], config, files, nav, env)))
        except Exception:  # MkDocs' page loop renders it again and reports the error its own way
            rendered.append((number, None))
    return rendered


class RenderedAhead:
    """The theme's templates of a build's pages, rendered on worker processes while MkDocs' page loop writes
    the pages rendered so far.

    MkDocs renders each page's template in its page loop, after every page is converted (the plugins'
    `on_env`); this starts workers there, forked with every page converted, and makes the environment's
    templates hand each page its HTML rendered ahead. A page the workers did not render (or failed on) is
    rendered in the loop as always. At most `WINDOW_CHUNKS` chunks of pages wait rendered beyond the one the
    loop writes, so the site's HTML is never all in memory at once.
    """

    WINDOW_CHUNKS = 8

    def __init__(
        self,
        pages: Sequence[Page],
        config: MkDocsConfig,
        files: Sequence[File],
        nav: Navigation,
        env: Environment,
        workers: int,
    ) -> None:
        global _rendering
        self._numbers = {id(page): number for number, page in enumerate(pages)}
        self._chunks = [
            range(start, min(start + CHUNK_PAGES, len(pages))) for start in range(0, len(pages), CHUNK_PAGES)
        ]
        self._submitted = 0
        self._pending: dict[int, Any] = {}
        self._ready: dict[int, str | None] = {}
        self._env = env
        self.workers = workers
        self.taken = 0
        """How many pages the page loop was handed rendered."""
        _rendering = (pages, config, files, nav, env)
        try:
            self._pool = fork_pool(workers, _start_worker)
        finally:
            _rendering = None
        self._submit_through(self.WINDOW_CHUNKS)
        real_get_template = env.get_template

        def get_template(*arguments: Any, **keywords: Any) -> Any:
            return _AheadTemplate(real_get_template(*arguments, **keywords), self)

        env.get_template = get_template  # type: ignore[method-assign]

    def _submit_through(self, last: int) -> None:
        while self._submitted <= min(last, len(self._chunks) - 1):
            self._pending[self._submitted] = self._pool.apply_async(
                _render_chunk, (self._chunks[self._submitted],)
            )
            self._submitted += 1

    def take(self, page: Page) -> str | None:
        """The page's HTML if a worker rendered it, else None."""
        number = self._numbers.get(id(page))
        if number is None:
            return None
        chunk = number // CHUNK_PAGES
        self._submit_through(chunk + self.WINDOW_CHUNKS)
        result = self._pending.pop(chunk, None)
        if result is not None:
            with contextlib.suppress(Exception):  # a result that cannot arrive: the loop renders these pages
                self._ready.update(result.get())
        output = self._ready.pop(number, None)
        self.taken += output is not None
        return output

    def close(self) -> None:
        """End the workers and give the environment its own templates back."""
        self._pool.terminate()
        self._pool.join()
        self._pending.clear()
        self._ready.clear()
        self._env.__dict__.pop("get_template", None)


class _AheadTemplate:
    """A theme template whose `render` hands a page its HTML rendered ahead; otherwise the template itself."""

    def __init__(self, template: Any, ahead: RenderedAhead) -> None:
        self._template = template
        self._ahead = ahead

    def render(self, context: Any) -> str:
        page = context.get("page") if hasattr(context, "get") else None
        output = self._ahead.take(page) if isinstance(page, Page) else None
        return output if output is not None else self._template.render(context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)
