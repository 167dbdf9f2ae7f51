"""The MkDocs adapter: a `--dirty` rebuild in one process rewrites only the pages whose Markdown changed."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_build import FIXTURE, make_project

ARTICLE = "content/articles/2024/2024-03-10-south-accepts.md"


def built_html_times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


@pytest.fixture(autouse=True)
def keep_signal_handlers() -> Iterator[None]:
    """The hook installs its own handlers for `kill` when MkDocs starts: put back pytest's."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGHUP)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def dirty_build(project: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_dirty_rebuild_rewrites_only_changed_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    monkeypatch.chdir(project)
    monkeypatch.delenv("NEWSGEN_CONTENT_DIR", raising=False)
    dirty_build(project)
    # Make any rewrite visible in the modification time, however coarse the file system's clock.
    for path in (project / "site").rglob("*.html"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**9))
    before = built_html_times(project / "site")

    article = project / ARTICLE
    article.write_text(article.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    dirty_build(project)
    after = built_html_times(project / "site")

    rewritten = {path for path in before if after[path] != before[path]}
    assert "articles/2024-03-10-south-accepts/index.html" in rewritten
    assert "Edited " in (project / "site/articles/2024-03-10-south-accepts/index.html").read_text()
    assert "actors/ada-north/index.html" not in rewritten  # not involved in the edited article
    assert "venues/hill-palace/index.html" not in rewritten
    assert len(rewritten) < len(before) // 2


def test_a_build_frees_each_pages_markdown_and_html_once_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs converts every page before it writes any: holding every page's Markdown and HTML until the end
    # would make the build's memory the whole site's Markdown plus its HTML.
    project = make_project(tmp_path, FIXTURE / "content")
    monkeypatch.chdir(project)
    monkeypatch.delenv("NEWSGEN_CONTENT_DIR", raising=False)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    seen = {}

    def on_env(env, config, files):  # type: ignore[no-untyped-def]
        # Every page is converted by now and none is written yet.
        seen["pages"] = [file.page for file in files.documentation_pages()]
        seen["markdown"] = {page.file.src_uri: page.markdown for page in seen["pages"]}
        seen["sources"] = {file.src_uri: file.content_string for file in files if file.generated_by}
        seen["html"] = {page.file.src_uri: bool(page.content) for page in seen["pages"]}
        return env

    config.plugins._register_event("env", on_env)
    build(config)

    assert set(seen["markdown"].values()) == {""}
    assert {uri for uri, text in seen["sources"].items() if uri.endswith(".md") and text} == set()
    assert all(seen["html"].values())  # still there for the theme to render
    assert {page.content for page in seen["pages"]} == {""}  # freed once written
    article = (project / "site/articles/2024-03-10-south-accepts/index.html").read_text()
    assert "<title>" in article and "South accepts" in article.split("<title>", 1)[1].split("</title>")[0]


def test_page_html_is_kept_in_its_most_compact_form() -> None:
    from generator.adapters.mkdocs_hook import compact_html

    english = "<p>Ada North &#10003; supports the \u201ctruce\u201d \u2014 caf\u00e9</p>"
    decoded = "<p>Ada North \u2713 supports the \u201ctruce\u201d \u2014 caf\u00e9</p>"
    # One byte per character, and the same text: the references stand for the same characters.
    assert (
        compact_html(decoded)
        == "<p>Ada North &#10003; supports the &#8220;truce&#8221; &#8212; caf\u00e9</p>"
    )
    assert compact_html(decoded).encode("latin-1")
    assert compact_html(english) == english.replace("\u201c", "&#8220;").replace("\u201d", "&#8221;").replace(
        "\u2014", "&#8212;"
    )
    cyrillic = "<p>" + "\u041f\u0443\u0442\u0456\u043d " * 50 + "\u2713</p>"
    assert compact_html(cyrillic) == cyrillic  # references would take more memory than the characters
    assert compact_html("<p>plain</p>") == "<p>plain</p>"
