"""MkDocs plugin `newsgen`: runs the generator before the build and hands its pages and files to MkDocs.

Enabled in mkdocs.yml:

    plugins:
      - newsgen:
          content_dir: content

It only translates between MkDocs' events and the generator, which never imports MkDocs: staging and swapping
the site (`build/swap.py`), sanitizing HTML (`build/sanitize.py`), checking hand-written pages
(`check/pages.py`), checking generated pages' links and anchors (`build/links.py`), the page that shows
content errors under `mkdocs serve` (`render/error_page.py`) and removing a deleted page's old output
(`build/preview.py`) and the search index (`build/search.py`) live in their own modules.
"""

from __future__ import annotations

import atexit
import logging
import os
import posixpath
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.adapters.markdown_blocks import GeneratedHtmlExtension, generated_html_extension
from generator.adapters.page_pool import RenderedAhead, convert_in_parallel, pages_to_convert, sanitized_ahead
from generator.build.compact import compact_html
from generator.build.interrupt import exit_cleanly_on_termination
from generator.build.links import LinkCheck
from generator.build.pipeline import Generation, generate_pages
from generator.build.preview import nav_page_paths, remove_stale_outputs
from generator.build.progress import ClearsStatusLine, Progress, Stage
from generator.build.sanitize import sanitize_html
from generator.build.search import SEARCH_FOLDER, SearchIndexError, build_search_index
from generator.build.swap import StagedBuild
from generator.build.write import WriteError, WrittenFiles, check_relative_path
from generator.check.pages import check_pages_folder, shown_folder
from generator.outputs.feeds import Site
from generator.problems import (
    ContentError,
    Problem,
    count_errors,
    escape_printed_lines,
    format_report,
    summarize,
)
from generator.render.error_page import error_page_body, render_error_page
from generator.render.incremental import PageDigests
from generator.render.render import GeneratedPage, RenderMemo, escape_html
from generator.workers import worker_count

log = logging.getLogger("mkdocs.plugins.newsgen")

GENERATED_BY = "newsgen"
"""What MkDocs is told made the generated pages, feeds and open-data files (`File.generated_by`)."""

SWAPPING_COMMANDS = frozenset({"build", "gh-deploy"})
"""Commands that build into a staging folder and swap it in; `serve` builds into its own temporary folder."""


class NewsgenConfig(base.Config):
    """The plugin's options in mkdocs.yml. Edit buttons use MkDocs' own `edit_uri` (and `repo_url`)."""

    content_dir = options.Dir(exists=True, default="content")
    """The content folder (registries and `articles/`), relative to mkdocs.yml."""
    search = options.Type(bool, default=True)
    """Whether to index the built site for search (Pagefind, into `pagefind/`)."""
    workers = options.Type(int, default=0)
    """Processes generating, converting and rendering pages under `mkdocs build`: 0 is one per CPU (from 200
    pages on), 1 is none."""


class GeneratedFile(File):
    """A generated page, which `mkdocs serve --dirty` does not render again while its Markdown is the same."""

    unchanged: bool = False
    """Whether the page's Markdown is the same as in the previous build of this process."""

    def is_modified(self) -> bool:
        """Whether a `--dirty` build must render this page again (a plain build renders every page)."""
        return not self.unchanged and super().is_modified()


def generated_file(page: GeneratedPage, config: MkDocsConfig, *, unchanged: bool = False) -> GeneratedFile:
    """The MkDocs file of a generated page, whose edit button opens the file it is generated from.

    Raises `PluginError` if the page's path would leave the site folder.
    """
    try:
        check_relative_path(page.path)
    except WriteError as error:
        raise PluginError(f"newsgen: {error}") from None
    file = GeneratedFile.generated(config, page.path, content=page.utf8)
    file.generated_by = GENERATED_BY
    # Reached from the indexes, not the nav: MkDocs would list every one as "not included in the nav".
    file.inclusion = InclusionLevel.NOT_IN_NAV
    file.unchanged = unchanged
    file.edit_uri = page.source
    return file


def served_by_mkdocs(command: str) -> bool:
    """Whether this run serves the site: `mkdocs serve --clean` reports itself to plugins as `build`.

    MkDocs serves it from a temporary folder of its own, which nothing needs kept from a failed build; and
    without live reload no event follows the first build that could swap a staged build in.
    """
    context = click.get_current_context(silent=True)
    return command == "serve" or (context is not None and context.info_name == "serve")


class NewsgenPlugin(BasePlugin[NewsgenConfig]):
    """Generates the pages, feeds and open data from the content folder and gives them to MkDocs.

    `mkdocs build` and `gh-deploy` write into a staging folder that replaces site/ only once MkDocs has given
    its verdict; `mkdocs serve` keeps what the next rebuild can reuse (parsed files, rendered pages), shows
    content errors in every page instead of stopping, and removes the old output of pages that are gone.
    One instance lives as long as the MkDocs process (it has `on_startup`), across `mkdocs serve` rebuilds.
    """

    def __init__(self) -> None:
        self._staging = False
        """Whether builds of this run go into a staging folder (`build`, `gh-deploy`, `--dirty` or not)."""
        self._serving = False
        """Whether this run serves the site (`mkdocs serve`): content errors are shown in the pages."""
        self._problems: tuple[Problem, ...] | None = None
        """Under `mkdocs serve`, the problems of content with errors: this build shows them as every page."""
        self._showed_problems = False
        """Whether the previous build showed problems: every hand-written page must be written again."""
        self._page_paths: frozenset[str] = frozenset()
        """The generated pages the previous build served: where an error page must replace them."""
        self._outputs: frozenset[str] = frozenset()
        """Every file the previous build wrote (absolute paths), under `mkdocs serve`."""
        self._outputs_now: frozenset[str] = frozenset()
        """Every file this build writes, from `on_files` to `on_post_build`."""
        self._dirty = False
        self._memo: RenderMemo | None = None
        """Rendered pages kept for the next rebuild, under `mkdocs serve` only."""
        self._digests: PageDigests | None = None
        """The previous build's pages, under `mkdocs serve` only: which pages `--dirty` must render again."""
        self._staged: StagedBuild | None = None
        """The build writing into a staging folder instead of site/, until MkDocs' verdict."""
        self._staged_config: MkDocsConfig | None = None
        """The configuration whose `site_dir` points at the staging folder."""
        self._generation: Generation | None = None
        """The generator's result, from `on_pre_build` to `on_files`."""
        self._written: WrittenFiles | None = None
        """This build's feeds and open data, for MkDocs to copy (discarded after the build)."""
        self._progress: Progress | None = None
        """Under `mkdocs build`: pages done and time left on a terminal, a line per stage in logs."""
        self._stage: Stage | None = None
        """The stage of the build running now (converting pages, then writing them)."""
        self._converted_ahead = False
        """Whether this build's pages were converted by worker processes before MkDocs' page loop."""
        self._markdown_blocks = GeneratedHtmlExtension()
        """The Markdown extension this run's pages are converted with: it knows each page's Markdown links."""
        self._link_check: LinkCheck | None = None
        """The check of generated pages' links, from `on_nav` to `on_env` (none while showing problems)."""
        self._nav: Navigation | None = None
        """This build's navigation, from `on_nav` to `on_env`, for the pages' templates rendered ahead."""
        self._sanitized_ahead = 0
        """How many of this build's pages came sanitized from the workers that converted them."""
        self._rendered_ahead: RenderedAhead | None = None
        """The pages' templates being rendered on worker processes, from `on_env` to the end of the build."""
        # On Ctrl-C, `kill` or an exception: whatever was not swapped in goes.
        atexit.register(self._abandon_staged)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember how this run builds; make `kill` clean up as Ctrl-C does; escape what MkDocs prints."""
        serving = served_by_mkdocs(command)
        self._serving = serving
        self._staging = command in SWAPPING_COMMANDS and not serving
        self._dirty = dirty
        self._memo = RenderMemo() if serving else None
        self._digests = PageDigests() if serving else None
        exit_cleanly_on_termination()
        escape_printed_lines(logging.getLogger("mkdocs"))
        if not serving:  # `serve` rebuilds only what changed, in seconds: no stages to follow
            self._progress = Progress(log)
            for handler in logging.getLogger("mkdocs").handlers:
                handler.addFilter(ClearsStatusLine(self._progress))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build into a fresh staging folder beside site/, so site/ changes only when the build succeeds; pass
        generated pages' HTML blocks through Python-Markdown unparsed (`adapters/markdown_blocks.py`)."""
        if not config.use_directory_urls:
            raise PluginError(
                "newsgen writes its pages' links as the site serves them with use_directory_urls: true "
                "(MkDocs' default, actors/x/): remove 'use_directory_urls: false' from mkdocs.yml"
            )
        extension = generated_html_extension(config.markdown_extensions)
        if extension is None:
            extension = GeneratedHtmlExtension()
            config.markdown_extensions.append(extension)
        self._markdown_blocks = extension
        self._abandon_staged()  # one this process started and never concluded
        if not self._staging:
            return config
        site_dir = Path(config.site_dir)
        try:
            # --dirty rebuilds only changed pages: start from the old site.
            staged = StagedBuild.start(site_dir, from_previous=self._dirty)
        except OSError as error:
            raise PluginError(
                f"cannot build beside {site_dir.absolute()}: {error.strerror or error}; make its folder "
                "writable and free some disk space, then build again (the previous site is unchanged)"
            ) from None
        self._staged, self._staged_config = staged, config
        config.site_dir = str(staged.staging)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Load, validate, index and render the content; stop the build on errors, site/ untouched."""
        root = project_root(config)
        self._generation = self._problems = None
        self._discard_written()  # a previous rebuild's, under `mkdocs serve`
        site_dir = self._staged.target if self._staged is not None else Path(config.site_dir).absolute()
        try:
            # Feeds and open data go to disk as they are built, not into memory beside every page's Markdown.
            written = WrittenFiles.beside(site_dir)
        except OSError as error:
            raise PluginError(
                f"cannot write beside {site_dir}: {error.strerror or error}; make its folder writable and "
                "free some disk space, then build again"
            ) from None
        self._written = written
        # Hand-written pages first, so their problems are reported with the content's, all at once.
        docs_dir = Path(config.docs_dir)
        page_problems = check_pages_folder(docs_dir, shown_folder(docs_dir, root))
        started = time.perf_counter()
        try:
            site_url = config.site_url
            generation = generate_pages(
                Path(self.config.content_dir),
                display_root=root,
                site=Site(name=config.site_name, url=(site_url.rstrip("/") + "/") if site_url else None),
                memo=self._memo,
                write_file=written.write,
                workers=worker_count(self.config.workers),
            )
        except ContentError as error:
            self._discard_written()
            self._stop_on_problems([*error.problems, *page_problems])
            return
        except WriteError as error:
            self._discard_written()
            raise PluginError(f"newsgen: {error}") from None
        except OSError as error:
            self._discard_written()
            raise PluginError(
                f"newsgen: cannot write the generated files ({error.strerror or error}); free some disk "
                "space and build again (the previous site is unchanged)"
            ) from None
        if count_errors(page_problems):
            self._discard_written()
            self._stop_on_problems([*generation.warnings, *page_problems])
            return
        for problem in generation.warnings:
            # Content warnings are shown but are not MkDocs warnings: `--strict` is about links and anchors.
            log.info(problem.format())
        self._generation = generation
        if self._progress is not None:
            seconds = time.perf_counter() - started
            log.info(f"newsgen: generated {len(generation.pages):,} pages in {seconds:.1f} s")

    def _stop_on_problems(self, problems: list[Problem]) -> None:
        """Stop the build with every problem (nothing written); under `mkdocs serve`, show them instead."""
        if not self._serving:
            raise PluginError(format_report(problems))
        # Raising would leave the browser waiting for a build that never comes: serve the problems instead.
        self._problems = tuple(sorted(problems))
        summary = f"{summarize(self._problems)}; every page shows them until they are fixed"
        log.error("\n".join([*(problem.format() for problem in self._problems), summary]))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages and files; point every page's edit button at the file it is edited in."""
        generation, written = self._generation, self._written
        if self._problems is None and (generation is None or written is None):  # pragma: no cover
            raise PluginError("newsgen: the generator did not run before on_files")
        root = project_root(config)
        docs_dir = Path(config.docs_dir).resolve()
        docs_prefix = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else None
        for file in files:
            if docs_prefix is not None and not file.generated_by:
                file.edit_uri = posixpath.join(docs_prefix, file.src_uri)
        if self._problems is not None or self._showed_problems:
            for file in files.documentation_pages():
                # `--dirty` writes a page again only if it is newer than its output: remove the output.
                Path(file.abs_dest_path).unlink(missing_ok=True)
        if generation is None or written is None:
            return self._error_files(files, config)
        changed = self._digests.changed(generation.pages) if self._digests is not None else generation.pages
        for page in generation.pages.values():
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(
                    f"{docs_prefix}/{page.path}: this hand-written page has the path of a generated page; "
                    "rename it"
                )
            files.append(generated_file(page, config, unchanged=page.path not in changed))
        for path in sorted(written.paths):
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{docs_prefix}/{path}: this hand-written file has the path of a generated file"
                )
            # MkDocs copies it from where the generator wrote it.
            file = File(path, str(written.folder), config.site_dir, config.use_directory_urls)
            file.generated_by = GENERATED_BY
            files.append(file)
        check_destinations(files, Path(config.site_dir))
        if self._progress is not None:
            # MkDocs converts every page to HTML, then renders and writes every page.
            pages = len(files.documentation_pages())
            self._stage = self._progress.stage("converted", "converting", pages)
        self._generation = None  # the files hold the pages; the rest of the model can be freed now
        self._page_paths = frozenset(generation.pages)
        self._outputs_now = frozenset(file.abs_dest_path for file in files)
        return files

    def _error_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Under `mkdocs serve` with content errors: the error page at the path of every page the previous
        build generated and every page the nav names, so the page being viewed shows the problems."""
        problems = self._problems or ()
        markdown = render_error_page(problems)
        source = problems[0].path if problems else ""
        paths = {*self._page_paths, *nav_page_paths(config.nav)}
        for path in sorted(paths):
            if files.get_file_from_path(path) is None:
                files.append(generated_file(GeneratedPage(path, markdown, source), config))
        if self._digests is not None:
            self._digests.forget()  # every page is an error page now: the next build writes each again
        self._outputs_now = frozenset(file.abs_dest_path for file in files)
        return files

    @event_priority(-100)  # after every plugin has changed the nav: MkDocs' page loop comes next
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under `mkdocs build`, convert every page on all CPUs before MkDocs' page loop, which then only
        installs each result (`adapters/page_pool.py`); `mkdocs serve` converts the few changed pages
        itself."""
        stage = self._stage
        self._converted_ahead = False
        self._sanitized_ahead = 0
        self._nav = nav
        self._link_check = None if self._problems is not None else start_link_check(files, config)
        if self._serving or self._problems is not None or self.config.workers == 1:
            return nav
        converted = convert_in_parallel(
            files,
            config,
            workers=self.config.workers,
            dirty=self._dirty,
            converted_one=stage.advance if stage is not None else None,
        )
        self._converted_ahead = converted > 0
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: Any) -> str:
        """A hand-written page's title and description reach <title>, the nav and a meta tag: escape them.

        Generated pages arrive escaped already (the renderer does it).
        """
        if not page.file.generated_by:
            for key in ("title", "description"):
                if key in page.meta:
                    page.meta[key] = escape_html(page.meta[key])
            if self._problems is not None:
                return error_page_body(self._problems)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, **_: Any) -> str:
        """Every page's HTML goes through the sanitizer: whatever the Markdown let through, nothing executes.
        Then the link check reads it (`on_env` reports what is broken).

        The page's Markdown is not needed once it is HTML: MkDocs converts every page before it writes any,
        so keeping each page's Markdown until the end would hold the whole site's Markdown and HTML at once.
        """
        if self._stage is not None and not self._converted_ahead:
            self._stage.advance()
        # Not None: MkDocs reads None as "not yet read". The title comes from meta or the H1.
        page.markdown = ""
        if isinstance(page.file, GeneratedFile):
            page.file.content_string = ""
        if sanitized_ahead(page, html):  # a worker sanitized exactly this HTML (`adapters/page_pool.py`)
            self._sanitized_ahead += 1
        else:
            html = sanitize_html(html)
        if self._link_check is not None:
            file = page.file
            generated = bool(file.generated_by)
            ids = self._link_check.read_page(
                html,
                file=file.dest_uri,
                page=file.src_uri,
                source=file.edit_uri or file.src_uri,
                generated=generated,
                checked_by_mkdocs=self._markdown_blocks.markdown_links,
            )
            if generated and page.present_anchor_ids is not None:
                # Ids inside generated HTML blocks, which MkDocs' anchor finder does not see, for its check
                # of Markdown links to them (`[x](../articles/slug.md#claim-id)` in a hand-written page).
                page.present_anchor_ids.update(ids)
        return compact_html(html)

    @event_priority(-100)  # after every plugin has changed the environment: the page loop comes next
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page is converted, none written: stop the build if a generated page has a broken link, then
        render the pages' templates on all CPUs ahead of MkDocs' page loop (`adapters/page_pool.py`).

        The theme's templates do not change during a build: Jinja need not look at their files again for
        every page (and every partial of it) it renders.
        """
        env.auto_reload = False
        self._check_links()
        nav, self._nav = self._nav, None
        if self._converted_ahead and nav is not None:
            self._rendered_ahead = RenderedAhead(
                pages_to_convert(files, config, dirty=self._dirty),  # the pages the loop writes, in order
                config,
                files.documentation_pages(),
                nav,
                env,
                workers=worker_count(self.config.workers),
            )
        return env

    def _check_links(self) -> None:
        check, self._link_check = self._link_check, None
        if check is None:
            return
        broken = check.broken_links()
        if self._progress is not None:
            log.info(f"newsgen: checked {check.links:,} links of generated pages in {check.seconds:.2f} s")
        if not broken:
            return
        lines = [link.format() for link in broken]
        summary = (
            f"newsgen: {len(broken):,} broken links in generated pages: a bug in the generator's templates, "
            "not in the content"
        )
        if self._serving:
            log.error("\n".join([*lines, summary]))
            return
        raise PluginError("\n".join([*lines, f"{summary}; the previous site is unchanged"]))

    @event_priority(-100)  # after every plugin has read the page (the search index reads its HTML)
    def on_post_page(self, output: str, /, *, page: Page, **_: Any) -> str:
        """Free the page's HTML once its file is rendered: only its anchors are needed later (link checks)."""
        page.content = ""
        stage = self._stage
        if stage is not None and self._progress is not None:
            if stage.verb == "converted":  # the first page written: every page is converted
                stage.finish()
                stage = self._stage = self._progress.stage("wrote", "writing", stage.total)
            stage.advance()
        return output

    @event_priority(-100)  # after every plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the written site for search, then mark the staging folder complete; it is swapped in only
        once MkDocs has given its verdict."""
        self._discard_written()  # copied into the site by now
        self._stop_rendering_ahead()
        if self._stage is not None:
            self._stage.finish()
            self._stage = None
        if self.config.search and self._problems is None:
            self._index_search(Path(config.site_dir))
        if self._staged is not None:
            self._staged.complete = True
        if self._serving:
            removed = remove_stale_outputs(self._outputs, self._outputs_now, Path(config.site_dir))
            if removed:
                log.info(f"newsgen: removed {len(removed)} files this build no longer makes")
            self._outputs, self._showed_problems = self._outputs_now, self._problems is not None

    def _stop_rendering_ahead(self) -> None:
        rendered_ahead, self._rendered_ahead = self._rendered_ahead, None
        if rendered_ahead is not None:
            rendered_ahead.close()
            log.debug(
                f"newsgen: {self._sanitized_ahead:,} pages converted and sanitized, {rendered_ahead.taken:,} "
                f"rendered with the theme, on {rendered_ahead.workers} processes"
            )

    def _index_search(self, site_dir: Path) -> None:
        """Build the search index into the site being built (the staging folder, under `mkdocs build`).

        Under `mkdocs serve --dirty` the index of the first build is kept: rebuilding it on every save would
        cost seconds per edit at a thousand articles; results then show the first build's text.
        """
        if self._serving and self._dirty and (site_dir / SEARCH_FOLDER).is_dir():
            return
        progress = self._progress
        if progress is not None and progress.interactive:
            progress.draw(f"newsgen: indexing the site for search ({SEARCH_FOLDER}/) ...")
        started = time.perf_counter()
        try:
            index = build_search_index(site_dir)
        except SearchIndexError as error:
            raise PluginError(f"newsgen: search index: {error}") from None
        finally:
            if progress is not None:
                progress.clear()
        seconds = time.perf_counter() - started
        log.info(f"newsgen: indexed {index.pages:,} pages for search in {seconds:.1f} s ({SEARCH_FOLDER}/)")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves the previous site as it was and no staging folder behind.

        MkDocs calls this for every failure, including its own `--strict` abort after `on_post_build`.
        """
        staged = self._staged
        self._link_check = None
        self._stop_rendering_ahead()
        if self._progress is not None:
            self._progress.clear()
            self._stage = None
        if isinstance(error, OSError) and staged is not None:
            # MkDocs prints the traceback after this; say first, plainly, what happened to the output.
            log.error(
                f"newsgen: cannot write the new site ({error.strerror or error}: {error.filename}); "
                f"the previous {staged.target.name}/ is unchanged: free disk space or make the folder "
                "writable"
            )
        elif staged is not None:
            log.info(f"newsgen: the build failed; the previous {staged.target.name}/ is unchanged")
        self._abandon_staged()
        if self._digests is not None:
            self._digests.forget()  # pages may not have been written: the next `--dirty` rebuild renders all

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        """Serving starts only after a successful first build: swap it in (`serve --clean` run from Python,
        where `served_by_mkdocs` cannot tell); later rebuilds write into the served folder directly."""
        self._staging = False
        self._conclude_staged(succeeded=True)
        return server

    def on_shutdown(self) -> None:
        """MkDocs' verdict is in: swap a complete, successful build in as site/, before `gh-deploy` reads it.

        MkDocs calls this after `build()`, in a `finally`: an exception on its way out (Ctrl-C, `kill`, or an
        error) means the build did not succeed; a build error (`--strict` warnings too) discarded it already.
        """
        self._conclude_staged(succeeded=sys.exc_info()[1] is None)

    def _conclude_staged(self, *, succeeded: bool) -> None:
        staged, config = self._staged, self._staged_config
        self._staged = self._staged_config = None
        if staged is None:
            return
        try:
            swapped = staged.conclude(succeeded=succeeded)
        except OSError as error:
            raise PluginError(f"cannot replace {staged.target}: {error.strerror or error}") from None
        if swapped and config is not None:
            config.site_dir = str(staged.target)  # gh-deploy publishes config.site_dir after the build
            log.info(f"newsgen: the new site replaced {staged.target}")

    def _abandon_staged(self) -> None:
        staged, self._staged, self._staged_config = self._staged, None, None
        if staged is not None:
            staged.conclude(succeeded=False)
        self._discard_written()

    def _discard_written(self) -> None:
        written, self._written = self._written, None
        if written is not None:
            written.discard()


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: messages and edit buttons give paths relative to it."""
    return Path(config.config_file_path).resolve().parent


def start_link_check(files: Files, config: MkDocsConfig) -> LinkCheck:
    """The check of this build's generated links: every file MkDocs writes, the theme's pages such as
    `404.html`, and the search index, written after the pages."""
    written = [file.dest_uri for file in files]
    return LinkCheck([*written, *config.theme.static_templates], always_present=[SEARCH_FOLDER])


def check_destinations(files: Files, site_dir: Path) -> None:
    """Refuse a build in which a file, generated or hand-written, would be written outside `site_dir`."""
    root = site_dir.resolve()
    for file in files:
        destination = Path(os.path.normpath(Path(file.abs_dest_path).absolute()))
        if not destination.is_relative_to(root) and not destination.is_relative_to(site_dir.absolute()):
            raise PluginError(f"newsgen: {file.src_uri} would be written outside {site_dir}: {destination}")
