"""Pages converted on several processes: the same site, byte for byte, and MkDocs' own link checks intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.adapters.page_pool import MINIMUM_PAGES, convert_pages
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


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(serial_and_parallel: tuple[Path, Path]):
    serial, parallel = serial_and_parallel
    for project in (serial, parallel):
        result = run_mkdocs(project, "build", "--strict")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
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
