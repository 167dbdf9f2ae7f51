"""Pages a change adds, changes and removes, as the pull-request summary lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLE_PATH, VALID, write_texts

from generator.adapters.cli import main
from generator.tools.page_diff import PageDiff, compare_pages, page_url, read_pages, render_summary


def test_compare_pages_sorts_each_list() -> None:
    before = {"a.md": b"1", "b.md": b"2", "gone.md": b"x", "z.md": b"same"}
    after = {"b.md": b"2!", "a.md": b"1", "new.md": b"n", "another.md": b"n", "z.md": b"same"}

    assert compare_pages(before, after) == PageDiff(
        added=("another.md", "new.md"), changed=("b.md",), removed=("gone.md",)
    )


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.md", "/"),
        ("timeline.md", "timeline/"),
        ("actors/index.md", "actors/"),
        ("actors/vladimir-putin.md", "actors/vladimir-putin/"),
        ("articles/2025-05-19-call.md", "articles/2025-05-19-call/"),
    ],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


def test_summary_lists_each_kind_with_counts_and_keeps_paths_inert() -> None:
    summary = render_summary(PageDiff(added=("actors/a`b.md",), changed=(), removed=("index.md", "x.md")))

    assert summary == (
        "## Pages this change affects\n\n"
        "### Added (1)\n\n- `actors/a'b/` (from `actors/a'b.md`)\n\n"
        "### Removed (2)\n\n- `/` (from `index.md`)\n- `x/` (from `x.md`)\n"
    )


def test_summary_of_no_change() -> None:
    assert (
        render_summary(PageDiff((), (), ()))
        == "## Pages this change affects\n\nNo page is added, changed or removed.\n"
    )


def test_diff_command_on_two_generated_trees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_texts(tmp_path / "base", VALID)
    changed = dict(VALID)
    changed[ARTICLE_PATH] = changed[ARTICLE_PATH].replace("Alice offers to sell", "Alice offers to lease")
    head = write_texts(tmp_path / "head", changed)
    assert main(["generate", "--content", str(base), "--out", str(tmp_path / "pages-base")]) == 0
    assert main(["generate", "--content", str(head), "--out", str(tmp_path / "pages-head")]) == 0
    capsys.readouterr()

    assert main(["diff", str(tmp_path / "pages-base"), str(tmp_path / "pages-head")]) == 0

    summary = capsys.readouterr().out
    assert "### Changed" in summary
    assert "- `articles/2025-05-19-harbour-talks/` (from `articles/2025-05-19-harbour-talks.md`)" in summary
    assert "### Added" not in summary and "### Removed" not in summary
    assert ".newsgen-generated" not in summary


def test_a_base_that_could_not_be_built_lists_every_page_as_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = tmp_path / "pages"
    (head / "actors").mkdir(parents=True)
    (head / "actors" / "a.md").write_text("A")

    assert main(["diff", str(tmp_path / "missing"), str(head)]) == 0

    out = capsys.readouterr().out
    assert "The base branch could not be built" in out
    assert "- `actors/a/` (from `actors/a.md`)" in out
    assert read_pages(tmp_path / "missing") == {}
