"""Pages converted on several processes: the same site, byte for byte, and MkDocs' own link checks intact."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from generator.adapters import page_pool
from generator.adapters.page_pool import MINIMUM_PAGES, convert_pages, install, sanitized_ahead
from tests.conftest import read_tree
from tests.test_build import FIXTURE, make_project, run_mkdocs

PLUGIN = "  - newsgen:\n      content_dir: content\n"


def project_with_workers(tmp_path: Path, workers: int, name: str) -> Path:
    """The fixture story as a project whose plugin converts pages on `workers` processes."""
    project = make_project(tmp_path / name, FIXTURE / "content")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN in text
    config.write_text(text.replace(PLUGIN, f"{PLUGIN}      workers: {workers}\n"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("pool")
    return project_with_workers(root, 1, "serial"), project_with_workers(root, 3, "parallel")


WORKERS_DID = re.compile(
    r"newsgen: (\d+) pages converted and sanitized, (\d+) rendered with the theme, on (\d+) processes"
)


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(serial_and_parallel: tuple[Path, Path]):
    serial, parallel = serial_and_parallel
    for project in (serial, parallel):
        result = run_mkdocs(project, "build", "--strict", "--verbose")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
        did = WORKERS_DID.search(result.stderr)
        if project is serial:
            assert did is None  # one process: MkDocs' own page loop does everything
        else:
            # Every page was converted, sanitized and rendered with the theme by the workers.
            assert did is not None, result.stderr[-2000:]
            pages = len(list((project / "site").rglob("index.html")))
            assert int(did.group(1)) == int(did.group(2)) == pages > 10
            assert did.group(3) == "3"
    serial_files, parallel_files = read_tree(serial / "site"), read_tree(parallel / "site")
    assert len(serial_files) > 50
    assert serial_files.keys() == parallel_files.keys()
    different = [path for path in serial_files if serial_files[path] != parallel_files[path]]
    assert different == []


BROKEN = (
    "# About\n\n[a missing page](no-such-page.md), [a missing anchor](articles/index.md#no-such-anchor) "
    "and [a missing anchor here](#nowhere).\n"
)


def strict_build_warnings(tmp_path: Path, workers: int) -> list[str]:
    """The warnings of a `--strict` build of the fixture story whose About page has broken links; the
    build must fail and leave the previous site as it was."""
    project = project_with_workers(tmp_path, workers, f"broken-{workers}")
    pages = project / "content" / "pages"
    (pages / "about.md").write_text(BROKEN, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("previous", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert (project / "site" / "old.html").read_text(encoding="utf-8") == "previous"
    shutil.rmtree(project)
    return [line for line in result.stderr.splitlines() if line.startswith("WARNING")]


def test_mkdocs_link_and_anchor_warnings_still_fail_a_strict_parallel_build(tmp_path: Path):
    warnings = strict_build_warnings(tmp_path, 2)
    assert any("'no-such-page.md'" in line and "not found" in line for line in warnings), warnings
    assert any("'articles/index.md#no-such-anchor'" in line for line in warnings), warnings
    assert any("'#nowhere'" in line and "no such anchor" in line for line in warnings), warnings
    assert warnings == strict_build_warnings(tmp_path, 1)


def test_an_unrequested_pool_waits_for_enough_pages():
    assert MINIMUM_PAGES >= 100


class UnreadablePage:
    """A page whose source cannot be read: its worker must report it unconverted, not stop the pool."""

    def read_source(self, config: object) -> None:
        raise OSError("the disk is gone")


def test_a_page_that_fails_in_a_worker_is_left_to_mkdocs_page_loop():
    pages = [UnreadablePage(), UnreadablePage()]
    results = list(convert_pages(pages, object(), object(), 2))  # type: ignore[arg-type]
    assert sorted(id(page) for page, _ in results) == sorted(id(page) for page in pages)
    assert all(converted is None for _, converted in results)
    assert not hasattr(pages[0], "render")  # nothing installed: MkDocs converts it and reports the error


HOSTILE_HTML = (
    '<p>Hi</p><script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
)


class HostilePage:
    """A page whose Markdown converts to hostile HTML (as if a hole in the Markdown checks let it through)."""

    links_to_anchors = None
    toc = ()
    _title_from_render = None
    present_anchor_ids = frozenset()

    def read_source(self, config: object) -> None:
        self.markdown = "anything"

    def render(self, config: object, files: object) -> None:
        self.content = HOSTILE_HTML


class PassThroughPlugins:
    def on_page_markdown(self, markdown: str, **_: object) -> str:
        return markdown


class BareConfig:
    plugins = PassThroughPlugins()
    markdown_extensions = ()


def test_a_page_converted_in_a_worker_comes_back_sanitized_and_is_not_sanitized_twice():
    pages = [HostilePage(), HostilePage()]
    results = list(convert_pages(pages, BareConfig(), object(), 2))  # type: ignore[arg-type]
    assert len(results) == 2
    for page, converted in results:
        assert converted is not None
        assert "<script" not in converted.content and "onerror" not in converted.content
        assert "javascript:" not in converted.content
        assert "<p>Hi</p>" in converted.content
        install(page, converted, object())  # type: ignore[arg-type]
        page.render(BareConfig(), object())  # as MkDocs' page loop does: the worker's HTML is installed
    (first, _), (second, _) = results
    assert sanitized_ahead(first, first.content)  # exactly the HTML the worker sanitized
    assert not sanitized_ahead(first, first.content)  # once: a later build's HTML is sanitized again
    # An equal text that is not that object was made by someone else (another plugin): sanitize it.
    assert not sanitized_ahead(second, second.content[:1] + second.content[1:])


def test_a_page_no_worker_could_render_is_rendered_by_mkdocs_page_loop(
    serial_and_parallel: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    serial = serial_and_parallel[0]
    if not (serial / "site").is_dir():
        assert run_mkdocs(serial, "build", "--strict").returncode == 0
    project = project_with_workers(tmp_path, 2, "fallback")
    render_in_worker = page_pool.render_page

    def fails_on_about(page: Page, *arguments: Any) -> str:
        if page.file.src_uri == "about.md":
            raise RuntimeError("this worker cannot render the About page")
        return render_in_worker(page, *arguments)

    # Set before the workers fork, so only they fail; the page loop renders with the theme's template itself.
    monkeypatch.setattr(page_pool, "render_page", fails_on_about)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        build(config)
    config.plugins.on_shutdown()
    did = WORKERS_DID.search(caplog.text)
    assert did is not None
    assert int(did.group(2)) == int(did.group(1)) - 1  # all but the About page
    assert read_tree(project / "site") == read_tree(serial / "site")
