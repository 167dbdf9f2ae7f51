"""MkDocs adapter: runs the generator before the build and hands its pages to MkDocs as generated files.

Enabled in mkdocs.yml with `hooks: [generator/mkdocs_hook.py]`. Everything else lives in the generator,
which never imports MkDocs; this file only translates.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.incremental import SESSION
from generator.loader import forget_parsed_yaml
from generator.pipeline import Generation, generate_pages
from generator.problems import ContentError, summarize

log = logging.getLogger("mkdocs.hooks.newsgen")

CONTENT_DIR_VARIABLE = "NEWSGEN_CONTENT_DIR"
"""Environment variable naming another content folder (default: `content/` beside mkdocs.yml)."""


class _BuildState:
    """What on_pre_build found, for on_files of the same build."""

    generation: Generation | None = None


_state = _BuildState()


class _GeneratedFile(File):
    """A generated page that `mkdocs serve --dirty` does not rebuild when its Markdown is unchanged."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        """Whether a `--dirty` build must render this page again (a plain build renders every page)."""
        return not self.unchanged and super().is_modified()


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, keep what the next rebuild can reuse (parsed files, rendered pages)."""
    SESSION.serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate, index and render the content; stop the build, before site/ is touched, on errors."""
    root = _project_root(config)
    content_dir = Path(os.environ.get(CONTENT_DIR_VARIABLE) or root / "content")
    _state.generation = None
    try:
        generation = generate_pages(
            content_dir, display_root=root, memo=SESSION.memo if SESSION.serving else None
        )
    except ContentError as error:
        lines = [problem.format() for problem in error.problems]
        raise PluginError("\n".join([*lines, summarize(error.problems, nothing_written=True)])) from None
    for problem in generation.warnings:
        # Content warnings are shown but are not MkDocs warnings: `--strict` is about links and anchors.
        log.info(problem.format())
    _state.generation = generation
    if not SESSION.serving:
        forget_parsed_yaml()  # a one-off build: free the parsed files before MkDocs fills memory with HTML


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
    _state.generation = None  # the files hold the pages; the rest of the model can be freed now
    return files


def on_build_error(error: Exception) -> None:
    """A failed build may not have written its pages: the next `--dirty` rebuild renders all of them."""
    SESSION.digests.forget()
