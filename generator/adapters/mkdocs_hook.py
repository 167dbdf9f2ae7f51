"""MkDocs adapter: runs the generator before the build and hands its pages to MkDocs as generated files.

Enabled in mkdocs.yml with `hooks: [generator/adapters/mkdocs_hook.py]`. Everything else lives in the
generator, which never imports MkDocs; this file only translates.
"""

from __future__ import annotations

import atexit
import logging
import os
import posixpath
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.build.pipeline import Generation, generate_pages
from generator.build.sanitize import sanitize_html
from generator.build.swap import StagedBuild, discard, make_staging
from generator.build.write import WriteError, check_relative_path
from generator.check.pages import check_pages_folder, shown_folder
from generator.outputs.feeds import Site
from generator.problems import ContentError, Problem, count_errors, escape_line, summarize
from generator.render.incremental import SESSION
from generator.render.render import escape_html

log = logging.getLogger("mkdocs.hooks.newsgen")

CONTENT_DIR_VARIABLE = "NEWSGEN_CONTENT_DIR"
"""Environment variable naming another content folder (default: `content/` beside mkdocs.yml)."""

GENERATED_BY = "newsgen"
"""What MkDocs is told made the feeds and open-data files (`File.generated_by`)."""

SWAPPING_COMMANDS = frozenset({"build", "gh-deploy"})
"""Commands that build into a staging folder and swap it in; `serve` builds into its own temporary folder."""


TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""`kill` and a closed terminal: they clean up as Ctrl-C does (by default they end Python on the spot)."""


class _BuildState:
    """What earlier events of this run found, for the later ones."""

    generation: Generation | None = None
    command: str | None = None
    dirty: bool = False
    serving: bool = False
    """Under `mkdocs serve`, also `serve --clean` (which reports its builds as `build`)."""
    staged: StagedBuild | None = None
    """The build writing into a staging folder instead of site/, until MkDocs' verdict."""
    config: MkDocsConfig | None = None
    """The configuration whose `site_dir` points at the staging folder."""
    files_dir: Path | None = None
    """Where this run wrote its feeds and open data, for MkDocs to copy (removed after the build)."""
    written: tuple[str, ...] = ()
    """Paths of those files, relative to `files_dir` and to the site."""


_state = _BuildState()


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: only `build` and `gh-deploy` swap a staging folder in; under `mkdocs serve`,
    keep what the next rebuild can reuse (parsed files, rendered pages)."""
    _state.command = command
    _state.dirty = dirty
    _state.serving = command == "serve"
    SESSION.serving = _state.serving
    for number in TERMINATING_SIGNALS:
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _exit_on_terminate)
    escape_printed_lines(logging.getLogger("mkdocs"))


def _exit_on_terminate(signum: int, frame: FrameType | None) -> None:
    # Ends MkDocs as Ctrl-C does, through its `finally` clean-ups and ours (atexit): a build removes its
    # staging folder, `mkdocs serve` its temporary site. SIGKILL cannot be caught: the next build removes
    # what a build left.
    raise SystemExit(128 + signum)


class _EscapedLines(logging.Filter):
    """Rewrites each line of a log message as `escape_line` shows it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = "\n".join(map(escape_line, message.split("\n")))
        if escaped != message:
            record.msg, record.args = escaped, None
        return True


def escape_printed_lines(logger: logging.Logger) -> None:
    """Make every line `logger`'s handlers print safe for a CI runner to read, as `newsgen check`'s are.

    MkDocs quotes file names and links from content in its own messages; under GitHub Actions a line break
    or `##[` in one would forge a workflow command. Our own messages are escaped already.
    """
    for handler in logger.handlers:
        if not any(isinstance(existing, _EscapedLines) for existing in handler.filters):
            handler.addFilter(_EscapedLines())


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build into a fresh staging folder beside site/, so site/ changes only when the build succeeds."""
    _abandon_staged()  # one this process started and never concluded
    if _state.command not in SWAPPING_COMMANDS or _state.serving:
        return config
    site_dir = Path(config.site_dir)
    try:
        # --dirty rebuilds only changed pages: start from the old site.
        staged = StagedBuild.start(site_dir, from_previous=_state.dirty)
    except OSError as error:
        raise PluginError(
            f"cannot build beside {site_dir.absolute()}: {error.strerror or error}; make its folder writable "
            "and free some disk space, then build again (the previous site is unchanged)"
        ) from None
    _state.staged, _state.config = staged, config
    config.site_dir = str(staged.staging)
    return config


def _abandon_staged() -> None:
    staged, _state.staged = _state.staged, None
    if staged is not None:
        staged.conclude(succeeded=False)
    _discard_written_files()


atexit.register(_abandon_staged)  # on Ctrl-C, `kill` or an exception: whatever was not swapped in goes


def _discard_written_files() -> None:
    discard(_state.files_dir)
    _state.files_dir = None
    _state.written = ()


def on_build_error(error: Exception) -> None:
    """A failed build leaves the previous site as it was and no staging folder behind.

    MkDocs calls this for every failure, including its own `--strict` abort after `on_post_build`.
    """
    staged = _state.staged
    if isinstance(error, OSError) and staged is not None:
        # MkDocs prints the traceback after this; say first, plainly, what happened to the output.
        log.error(
            f"newsgen: cannot write the new site ({error.strerror or error}: {error.filename}); "
            f"the previous {staged.target.name}/ is unchanged: free disk space or make the folder writable"
        )
    elif staged is not None:
        log.info(f"newsgen: the build failed; the previous {staged.target.name}/ is unchanged")
    _abandon_staged()
    SESSION.digests.forget()  # pages may not have been written: the next `--dirty` rebuild renders all


@event_priority(-100)  # after every plugin has written its files (the search index, ...)
def on_post_build(config: MkDocsConfig) -> None:
    """Mark the staging folder complete; it is swapped in only once MkDocs has given its verdict."""
    _discard_written_files()  # copied into the site by now
    if _state.staged is not None:
        _state.staged.complete = True


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    """Under `mkdocs serve --clean`, MkDocs reports its builds as `build`: the first one succeeded (serving
    starts only then), so swap it into the served folder; later rebuilds write there directly, as `serve`."""
    _state.serving = True
    _conclude_staged(succeeded=True)
    return server


def on_shutdown() -> None:
    """MkDocs' verdict is in: swap a complete, successful build in as site/, before `gh-deploy` publishes it.

    MkDocs calls this after `build()`, in a `finally`: an exception on its way out (Ctrl-C, `kill`, or an
    error) means the build did not succeed; a build error (`--strict` warnings too) discarded it already.
    """
    _conclude_staged(succeeded=sys.exc_info()[1] is None)


def _conclude_staged(*, succeeded: bool) -> None:
    staged, config = _state.staged, _state.config
    _state.staged = _state.config = None
    if staged is None:
        return
    try:
        swapped = staged.conclude(succeeded=succeeded)
    except OSError as error:
        raise PluginError(f"cannot replace {staged.target}: {error.strerror or error}") from None
    if swapped and config is not None:
        config.site_dir = str(staged.target)  # gh-deploy publishes config.site_dir after the build
        log.info(f"newsgen: the new site replaced {staged.target}")


class _GeneratedFile(File):
    """A generated page that `mkdocs serve --dirty` does not rebuild when its Markdown is unchanged."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        """Whether a `--dirty` build must render this page again (a plain build renders every page)."""
        return not self.unchanged and super().is_modified()


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate, index and render the content; stop the build, before site/ is touched, on errors."""
    root = _project_root(config)
    content_dir = Path(os.environ.get(CONTENT_DIR_VARIABLE) or root / "content")
    _state.generation = None
    _discard_written_files()  # a previous rebuild's, under `mkdocs serve`
    site_dir = _state.staged.target if _state.staged is not None else Path(config.site_dir).absolute()
    try:
        # Feeds and open data go to disk as they are built, not into memory beside every page's Markdown.
        files_dir = make_staging(site_dir.with_name(f"{site_dir.name}.files"))
    except OSError as error:
        raise PluginError(
            f"cannot write beside {site_dir}: {error.strerror or error}; make its folder writable and free "
            "some disk space, then build again"
        ) from None
    _state.files_dir = files_dir
    written: list[str] = []
    # Hand-written pages first, so their problems are reported with the content's, all at once.
    page_problems = check_pages_folder(Path(config.docs_dir), shown_folder(Path(config.docs_dir), root))

    def write_file(path: str, data: bytes) -> None:
        check_relative_path(path)
        target = files_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(path)

    try:
        site_url = config.site_url
        site = Site(name=config.site_name, url=(site_url.rstrip("/") + "/") if site_url else None)
        generation = generate_pages(
            content_dir,
            display_root=root,
            site=site,
            memo=SESSION.memo if SESSION.serving else None,
            write_file=write_file,
        )
    except ContentError as error:
        _discard_written_files()
        raise PluginError(_report([*error.problems, *page_problems])) from None
    except WriteError as error:
        _discard_written_files()
        raise PluginError(f"newsgen: {error}") from None
    except OSError as error:
        _discard_written_files()
        raise PluginError(
            f"newsgen: cannot write the generated files ({error.strerror or error}); free some disk space "
            "and build again (the previous site is unchanged)"
        ) from None
    if count_errors(page_problems):
        _discard_written_files()
        raise PluginError(_report([*generation.warnings, *page_problems]))
    _state.written = tuple(sorted(written))
    for problem in generation.warnings:
        # Content warnings are shown but are not MkDocs warnings: `--strict` is about links and anchors.
        log.info(problem.format())
    _state.generation = generation


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; point every page's edit button at the file it is edited in."""
    generation = _state.generation
    if generation is None:  # pragma: no cover - on_pre_build always runs first
        raise PluginError("newsgen: the generator did not run before on_files")
    root = _project_root(config)
    docs_dir = Path(config.docs_dir).resolve()
    docs_prefix = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else None
    for file in files:
        if docs_prefix is not None and not file.generated_by:
            file.edit_uri = posixpath.join(docs_prefix, file.src_uri)
    changed = SESSION.digests.changed(generation.pages) if SESSION.serving else set(generation.pages)
    for page in generation.pages.values():
        try:
            check_relative_path(page.path)
        except WriteError as error:
            raise PluginError(f"newsgen: {error}") from None
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            raise PluginError(
                f"{docs_prefix}/{page.path}: this hand-written page has the path of a generated page; "
                "rename it"
            )
        file = _GeneratedFile.generated(config, page.path, content=page.markdown)
        file.unchanged = page.path not in changed
        file.edit_uri = page.source
        files.append(file)
    files_dir = _state.files_dir
    for path in _state.written:
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"{docs_prefix}/{path}: this hand-written file has the path of a generated file"
            )
        # MkDocs copies it from where the generator wrote it.
        written = File(path, str(files_dir), config.site_dir, config.use_directory_urls)
        written.generated_by = GENERATED_BY
        files.append(written)
    _check_destinations(files, Path(config.site_dir))
    _state.generation = None  # the files hold the pages; the rest of the model can be freed now
    return files


def _report(problems: list[Problem]) -> str:
    lines = [problem.format() for problem in sorted(problems)]
    return "\n".join([*lines, summarize(problems, nothing_written=True)])


def _check_destinations(files: Files, site_dir: Path) -> None:
    # Every file MkDocs will write, generated or hand-written, must land inside the output folder.
    root = site_dir.resolve()
    for file in files:
        destination = Path(os.path.normpath(Path(file.abs_dest_path).absolute()))
        if not destination.is_relative_to(root) and not destination.is_relative_to(site_dir.absolute()):
            raise PluginError(f"newsgen: {file.src_uri} would be written outside {site_dir}: {destination}")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    """A hand-written page's title and description reach <title>, the nav and a meta tag: escape them.

    Generated pages arrive escaped already (the renderer does it).
    """
    if not page.file.generated_by:
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = escape_html(page.meta[key])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    """Every page's HTML goes through the sanitizer: whatever the Markdown let through, nothing executes.

    The page's Markdown is not needed once it is HTML: MkDocs converts every page before it writes any, so
    keeping each page's Markdown until the end would hold the whole site's Markdown and HTML at once.
    """
    page.markdown = ""  # not None: MkDocs reads None as "not yet read"; the title comes from meta or the H1
    if isinstance(page.file, _GeneratedFile):
        page.file.content_string = ""
    return compact_html(sanitize_html(html))


def compact_html(html: str) -> str:
    """The same HTML in whichever form takes less memory until MkDocs writes it.

    A Python string takes two bytes per character for the whole page once it holds one character past
    U+00FF (a ✓, a curly quote), and the sanitizer writes character references such as `&#10003;` out as
    characters. Writing those few back as references keeps an English page one byte per character;
    a page mostly in another script (Cyrillic) stays as it is. Browsers and the search index read both
    forms as the same text.
    """
    if html.isascii():
        return html
    referenced = html.encode("latin-1", "xmlcharrefreplace").decode("latin-1")
    return referenced if sys.getsizeof(referenced) < sys.getsizeof(html) else html


@event_priority(-100)  # after every plugin has read the page (the search index reads its HTML)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Free the page's HTML once its file is rendered: only its anchors are needed later (link checks)."""
    page.content = ""
    return output
