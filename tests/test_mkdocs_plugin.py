"""The MkDocs plugin: configured in mkdocs.yml, driven through MkDocs' events as `mkdocs` runs them."""

from __future__ import annotations

import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from test_build import FIXTURE, html_pages, run_mkdocs

from benchmarks.project import write_config
from generator.build.interrupt import TERMINATING_SIGNALS

EDIT_URI = "https://example.org/fork/edit/trunk/"

ARTICLE = "stories/articles/2024/2024-03-10-south-accepts.md"


@pytest.fixture(autouse=True, scope="module")
def keep_signal_handlers() -> Iterator[None]:
    """The plugin installs its own handlers for `kill` when MkDocs starts: put back pytest's."""
    handlers = {number: signal.getsignal(number) for number in TERMINATING_SIGNALS}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def configured_project(tmp_path: Path, content_dir: str = "stories") -> Path:
    """A project that keeps its content in `stories/` and edits it in a fork, as its mkdocs.yml says."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE / "content", project / "stories")
    config_file = write_config(project)
    text = config_file.read_text(encoding="utf-8")
    for old, new in [
        ("docs_dir: content/pages", "docs_dir: stories/pages"),
        ("content_dir: content", f"content_dir: {content_dir}"),
        ("  - content\n", "  - stories\n"),  # watched by `mkdocs serve`
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(r"^edit_uri: .*$", f"edit_uri: {EDIT_URI}", text, count=1, flags=re.MULTILINE)
    config_file.write_text(text, encoding="utf-8")
    return project


def project_config(project: Path) -> MkDocsConfig:
    return load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))


class RecordPages(BasePlugin):
    """Records what every page holds once MkDocs has converted them all and written none (`on_env`)."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.markdown: dict[str, str | None] = {}
        self.sources: dict[str, str] = {}
        self.has_html: dict[str, bool] = {}

    def on_env(self, env: object, /, *, config: MkDocsConfig, files: Files) -> object:
        self.pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.markdown = {page.file.src_uri: page.markdown for page in self.pages}
        self.sources = {file.src_uri: file.content_string for file in files if file.generated_by}
        self.has_html = {page.file.src_uri: bool(page.content) for page in self.pages}
        return env


@pytest.fixture(scope="module")
def recorded_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RecordPages]:
    """`mkdocs build` of a `configured_project`, run in this process with a plugin that records the pages."""
    project = configured_project(tmp_path_factory.mktemp("recorded"))
    config = project_config(project)
    recorder = RecordPages()
    config.plugins["record-pages"] = recorder
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project, recorder


def test_the_content_folder_and_the_edit_links_come_from_mkdocs_yml(
    recorded_build: tuple[Path, RecordPages],
) -> None:
    project, _ = recorded_build
    pages = html_pages(project / "site")

    def edit_link(page: str) -> str:
        anchor = pages[page].select_one("a.md-content__button[href]")
        assert anchor is not None, page
        return str(anchor["href"])

    assert edit_link("actors/ada-north/index.html") == f"{EDIT_URI}stories/actors.yml"
    assert edit_link("articles/2024-03-10-south-accepts/index.html") == f"{EDIT_URI}{ARTICLE}"
    assert edit_link("about/index.html") == f"{EDIT_URI}stories/pages/about.md"
    assert sorted(path.name for path in project.iterdir()) == ["mkdocs.yml", "site", "stories"]


def test_a_missing_content_folder_is_a_configuration_error(tmp_path: Path) -> None:
    project = configured_project(tmp_path, content_dir="storys")

    result = run_mkdocs(project, "build")

    assert result.returncode == 1
    expected = r"Plugin 'newsgen' option 'content_dir': The path '.*storys' isn't an existing directory"
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_build_frees_each_pages_markdown_and_html_once_used(
    recorded_build: tuple[Path, RecordPages],
) -> None:
    # MkDocs converts every page before it writes any: holding every page's Markdown and HTML until the end
    # would make the build's memory the whole site's Markdown plus its HTML.
    project, recorded = recorded_build
    assert set(recorded.markdown.values()) == {""}
    assert {uri for uri, text in recorded.sources.items() if uri.endswith(".md") and text} == set()
    assert all(recorded.has_html.values())  # still there for the theme to render
    assert {page.content for page in recorded.pages} == {""}  # freed once written
    article = (project / "site/articles/2024-03-10-south-accepts/index.html").read_text()
    assert "<title>" in article and "South accepts" in article.split("<title>", 1)[1].split("</title>")[0]


def built_html_times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def test_a_dirty_rebuild_under_serve_rewrites_only_changed_pages(tmp_path: Path) -> None:
    project = configured_project(tmp_path)
    config = project_config(project)
    config.plugins.on_startup(command="serve", dirty=True)  # as `mkdocs serve --dirty`: once, then builds
    try:
        build(config, dirty=True)
        # Make any rewrite visible in the modification time, however coarse the file system's clock.
        for path in (project / "site").rglob("*.html"):
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**9))
        before = built_html_times(project / "site")

        article = project / ARTICLE
        article.write_text(article.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
        build(project_config(project), dirty=True)  # a rebuild reads mkdocs.yml again; the plugin stays
    finally:
        config.plugins.on_shutdown()
    after = built_html_times(project / "site")

    rewritten = {path for path in before if after[path] != before[path]}
    assert "articles/2024-03-10-south-accepts/index.html" in rewritten
    assert "Edited " in (project / "site/articles/2024-03-10-south-accepts/index.html").read_text()
    # The edited report carries Ada North's offer, so her page shows it; the Wire Service it never involves.
    assert "actors/ada-north/index.html" in rewritten
    assert "actors/wire-service/index.html" not in rewritten
    assert "venues/hill-palace/index.html" not in rewritten
    # Every page rewritten shows the edited title (the 404 page is written on every build), and not all are.
    unchanged_text = {
        path for path in rewritten if "Edited " not in (project / "site" / path).read_text(encoding="utf-8")
    }
    assert unchanged_text <= {"404.html"}
    assert len(rewritten) < len(before) - 5


HOSTILE_ACTOR = "<img src=x onerror=alert(1)>"


def test_a_content_error_under_serve_shows_in_every_page_escaped_and_clears_when_fixed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = configured_project(tmp_path)
    site = project / "site"
    article = project / ARTICLE
    original = article.read_text()
    config = project_config(project)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        article.write_text(original.replace("by: bo-south", f'by: "{HOSTILE_ACTOR}"', 1))
        with caplog.at_level("INFO", logger="mkdocs"):
            build(project_config(project), dirty=True)  # no exception: the browser is not left waiting
        broken = html_pages(site)
        article.write_text(original)
        build(project_config(project), dirty=True)
    finally:
        config.plugins.on_shutdown()
    fixed = html_pages(site)

    for path in ("actors/ada-north/index.html", "index.html", "about/index.html", "issues/index.html"):
        text = broken[path].select_one("article").get_text()
        assert "The content has errors" in text, path
        assert f"{ARTICLE}:13:9: error: claims[0].by: '{HOSTILE_ACTOR}' is not a valid id" in text, path
        assert not broken[path].select("article img"), path  # shown as text, never read as HTML
        assert "The content has errors" not in fixed[path].get_text(), path
    assert fixed["actors/ada-north/index.html"].select_one("h1").get_text().rstrip("¶") == "Ada North"
    printed = [record.getMessage() for record in caplog.records]
    assert any("is not a valid id" in message and "every page shows them" in message for message in printed)
    assert not any("not included in the" in message for message in printed)


def test_a_deleted_actors_page_is_gone_after_a_serve_rebuild(tmp_path: Path) -> None:
    project = configured_project(tmp_path)
    registry = project / "stories/actors.yml"
    original = registry.read_text()
    registry.write_text(original + "- id: cy-west\n  name: Cy West\n  kind: person\n")
    config = project_config(project)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        added = (project / "site/actors/cy-west/index.html").is_file()
        registry.write_text(original)
        build(project_config(project), dirty=True)
    finally:
        config.plugins.on_shutdown()
    assert added
    assert not (project / "site/actors/cy-west").exists()
    assert (project / "site/actors/ada-north/index.html").is_file()
