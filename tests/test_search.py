"""The search index: Pagefind run on a built site, the same bytes each time, clear errors when it cannot."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from test_build import FIXTURE, built_site, make_project, run_mkdocs

from generator.build.search import (
    SEARCH_FOLDER,
    UNUSED_BUNDLES,
    SearchIndexError,
    build_search_index,
    read_fragments,
)
from generator.domain.identifiers import reserved_reason


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("search"), FIXTURE / "content")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_index_is_the_same_bytes_on_every_build(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    index = build_search_index(copy)
    assert index.pages == len(read_fragments(copy)) > 0
    assert tree(copy / SEARCH_FOLDER) == tree(site / SEARCH_FOLDER)


def test_an_old_index_is_replaced_and_pagefinds_own_interfaces_are_left_out(
    site: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    stale = copy / SEARCH_FOLDER / "fragment" / "en_stale.pf_fragment"
    stale.write_bytes(b"old")
    build_search_index(copy)
    assert not stale.exists()
    assert not [name for name in UNUSED_BUNDLES if (copy / SEARCH_FOLDER / name).exists()]
    assert (copy / SEARCH_FOLDER / "pagefind.js").is_file()


def test_a_site_with_no_searchable_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html lang="en"><body><div data-pagefind-body></div></body></html>', encoding="utf-8"
    )
    with pytest.raises(SearchIndexError, match=r"not able to build an index(.|\n)*data-pagefind-body"):
        build_search_index(tmp_path)


def test_a_failing_pagefind_is_reported_with_its_last_lines(tmp_path: Path) -> None:
    program = tmp_path / "failing-pagefind"
    program.write_text("#!/bin/sh\necho 'Error: cannot read the site' >&2\nexit 3\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(
        SearchIndexError, match=r"Pagefind failed \(exit code 3\):\nError: cannot read the site"
    ):
        build_search_index(tmp_path, executable=program)


def test_a_missing_pagefind_is_reported_plainly(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="cannot run Pagefind"):
        build_search_index(tmp_path, executable=tmp_path / "no-such-program")


def test_no_id_or_slug_can_take_the_index_folders_name() -> None:
    assert reserved_reason(SEARCH_FOLDER) == "'pagefind' is reserved for the site's own pages"


def test_the_plugin_can_leave_search_out(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    option = "      content_dir: content\n"
    config.write_text(text.replace(option, f"{option}      search: false\n"), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / SEARCH_FOLDER).exists()
    assert "for search" not in result.stderr
