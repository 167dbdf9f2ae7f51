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
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from test_build import FIXTURE, ROOT, html_pages, make_project, run_mkdocs

from benchmarks.project import write_config
from generator.build.interrupt import TERMINATING_SIGNALS
from generator.render import render
from generator.render.html_blocks import HTML_BLOCK_SEPARATOR

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


def test_pages_served_as_files_are_refused_with_how_to_fix_it(tmp_path: Path) -> None:
    # Generated links are written as served with directory URLs (`../../actors/x/`); with
    # `use_directory_urls: false` every one of them would lead nowhere.
    project = configured_project(tmp_path)
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "use_directory_urls: false\n")

    result = run_mkdocs(project, "build")

    assert result.returncode == 1
    assert "remove 'use_directory_urls: false' from mkdocs.yml" in result.stderr, result.stderr
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


class AddHtmlBlock(BasePlugin):
    """Adds a block of final HTML, marked as the templates mark one, to the end of chosen generated pages:
    what a template with a bug in its links would write."""

    def __init__(self, blocks: dict[str, str]) -> None:
        self.blocks = blocks

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: object) -> str:
        block = self.blocks.get(page.file.src_uri)
        if block is None or not page.file.generated_by:
            return markdown
        return f"{markdown}{HTML_BLOCK_SEPARATOR}{block}{HTML_BLOCK_SEPARATOR}"


def build_with(project: Path, *plugins: BasePlugin, strict: bool = False, workers: int = 0) -> None:
    """`mkdocs build` of `project` in this process, with `plugins` after the project's own (converting pages
    on `workers` processes if not 0)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=strict)
    config.plugins["newsgen"].config.workers = workers
    for number, plugin in enumerate(plugins):
        config.plugins[f"test-{number}"] = plugin
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def previous_site(project: Path) -> Path:
    """A site/ from an earlier build, which a failed build must leave as it is."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    return site


BROKEN_LINKS = (
    '<p><a href="../../actors/nobody/">a page that does not exist</a> '
    '<a href="../../articles/2024-03-10-south-accepts/#claim-gone">an anchor that does not exist</a> '
    '<a href="../../actors/bo-south/">a page that exists</a> <a href="javascript:alert(1)">a script</a> '
    '<a href="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">an attack</a> '
    '<a href="../../../../etc/passwd">off the site</a> <a href="%2e%2e/%2E%2e/%2e%2e/x">encoded</a> '
    '<a href="https://example.org/">another host</a></p>'
)


def test_a_broken_link_in_a_generated_page_stops_the_build_and_names_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = configured_project(tmp_path)
    site = previous_site(project)

    with caplog.at_level("INFO", logger="mkdocs"), pytest.raises(Abort):
        build_with(project, AddHtmlBlock({"actors/ada-north.md": BROKEN_LINKS}))

    printed = "\n".join(record.getMessage() for record in caplog.records)
    page = "stories/actors.yml: error: the generated page actors/ada-north.md links to"
    bug = ": a bug in the generator's templates, not in the content: report it"
    for link, problem in [
        ("../../actors/nobody/", "the site has no file or page at 'actors/nobody/'"),
        (
            "../../articles/2024-03-10-south-accepts/#claim-gone",
            "'articles/2024-03-10-south-accepts/index.html' has no element with the id 'claim-gone'",
        ),
        ('"><img src=x onerror=alert(1)>', """the site has no file or page at 'actors/ada-north/"><img"""),
        ("../../../../etc/passwd", "it climbs above the site's root"),
        ("%2e%2e/%2E%2e/%2e%2e/x", "it climbs above the site's root"),
    ]:
        assert f"{page} '{link}', but {problem}" in printed
    assert printed.count(bug) == 5
    assert "newsgen: 5 broken links in generated pages" in printed
    assert "the previous site is unchanged" in printed
    assert "Traceback" not in printed
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(path.name for path in project.iterdir()) == ["mkdocs.yml", "site", "stories"]


def test_a_renderer_that_links_to_a_page_that_does_not_exist_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug in how the renderer spells an entity's page: `actor/x/` for `actors/x/`.
    monkeypatch.setattr(render, "entity_page_url", lambda kind, entity_id: f"{kind}/{entity_id}/")
    project = configured_project(tmp_path)
    site = previous_site(project)

    with caplog.at_level("INFO", logger="mkdocs"), pytest.raises(Abort):
        build_with(project)

    printed = "\n".join(record.getMessage() for record in caplog.records)
    assert "the site has no file or page at 'actor/ada-north/'" in printed
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


@pytest.mark.parametrize("workers", [0, 2])  # the page pool converts pages in workers: ids still count
def test_a_hand_written_page_may_link_to_an_anchor_inside_a_generated_html_block(
    tmp_path: Path, workers: int
) -> None:
    project = configured_project(tmp_path)
    (project / "stories/pages/context.md").write_text(
        "# Context\n\nSee [the offer](articles/2024-03-10-south-accepts.md#only-in-a-block).\n",
        encoding="utf-8",
    )
    block = '<p id="only-in-a-block">An anchor MkDocs does not see.</p>'

    build_with(
        project, AddHtmlBlock({"articles/2024-03-10-south-accepts.md": block}), strict=True, workers=workers
    )

    pages = html_pages(project / "site")
    assert pages["articles/2024-03-10-south-accepts/index.html"].select_one("#only-in-a-block") is not None
    link = pages["context/index.html"].select_one("article a[href*=only-in-a-block]")
    assert link is not None
    assert link["href"] == "../articles/2024-03-10-south-accepts/#only-in-a-block"


def test_the_shipped_content_passes_the_link_check(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path, ROOT / "content")

    with caplog.at_level("INFO", logger="mkdocs"):
        build_with(project, strict=True)

    printed = [record.getMessage() for record in caplog.records]
    checked = [message for message in printed if "links of generated pages" in message]
    assert len(checked) == 1
    count = int(re.search(r"checked ([\d,]+) links", checked[0]).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert count > 50  # the generator's raw HTML links: pictures, stance grid, venues map, HTML blocks


@pytest.mark.parametrize("workers", [0, 2])
def test_a_contributors_broken_markdown_link_is_left_to_mkdocs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, workers: int
) -> None:
    # MkDocs checks Markdown links itself and says which file holds one; the link check reads only the HTML
    # the generator wrote, whose bugs are not the contributor's.
    project = configured_project(tmp_path)
    article = project / ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nSee [nowhere](nowhere.md), [about](../about.md#nope) and ![a map](missing.png).\n",
        encoding="utf-8",
    )

    with caplog.at_level("INFO", logger="mkdocs"):
        build_with(project, workers=workers)

    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    slug = "articles/2024-03-10-south-accepts.md"
    assert sorted(warnings) == [
        f"Doc file '{slug}' contains a link '../about.md#nope', but the doc 'about.md' does not contain an "
        "anchor '#nope'.",
        f"Doc file '{slug}' contains a link 'missing.png', but the target 'articles/missing.png' is not "
        "found among documentation files.",
        f"Doc file '{slug}' contains a link 'nowhere.md', but the target 'articles/nowhere.md' is not "
        "found among documentation files.",
    ]
    assert "generator's templates" not in caplog.text


def test_a_broken_generated_link_under_serve_is_reported_and_the_site_still_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Raising would leave the browser waiting for a build that never comes, as with content errors.
    project = configured_project(tmp_path)
    config = project_config(project)
    config.plugins["test-0"] = AddHtmlBlock({"actors/ada-north.md": '<p><a href="../nobody/">x</a></p>'})
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        with caplog.at_level("INFO", logger="mkdocs"):
            build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()

    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1
    assert "links to '../nobody/', but the site has no file or page at 'actors/nobody/'" in errors[0]
    assert (project / "site/actors/ada-north/index.html").is_file()
