"""Every file under content/: one saved in the wrong place gets one located message on where it belongs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_PATH, VALID, write_texts
from test_build import FIXTURE, make_project, newsgen, run_mkdocs

from generator.build.pipeline import check_content
from generator.check.pages import check_pages_folder

Texts = dict[str, str]

A = ARTICLE_PATH
BELONGS = "content/articles/2025/2025-05-19-harbour-talks.md"


def moved(new: str) -> Texts:
    """The valid tree with the article saved at `new` instead."""
    texts = {path: text for path, text in VALID.items() if path != A}
    return {**texts, new: ARTICLE}


def check_tree(root: Path, texts: Texts) -> list[str]:
    """What `newsgen check` prints for the tree (without its summary line)."""
    content = write_texts(root, texts)
    problems = check_content(content, root)[1]
    problems += check_pages_folder(content / "pages", "content/pages")
    return [problem.format() for problem in sorted(problems)]


CASES = [
    pytest.param(
        moved("content/harbour-talks.md"),
        "content/harbour-talks.md:1:1: error: this looks like an article but is not read: articles are read "
        f"only from content/articles/<year>/; move it to {BELONGS}",
        id="article-in-content-itself",
    ),
    pytest.param(
        moved("content/article/2025/2025-05-19-harbour-talks.md"),
        "content/article/2025/2025-05-19-harbour-talks.md:1:1: error: this looks like an article but is not "
        f"read: articles are read only from content/articles/<year>/; move it to {BELONGS}",
        id="article-in-a-misspelt-folder",
    ),
    pytest.param(
        moved("content/articles/2025-05-19-harbour-talks.md"),
        "content/articles/2025-05-19-harbour-talks.md:1:1: error: this article is not in a year folder: "
        f"articles are read from content/articles/<year>/ (4 digits); move it to {BELONGS}",
        id="article-without-a-year-folder",
    ),
    pytest.param(
        moved("content/articles/25/2025-05-19-harbour-talks.md"),
        "content/articles/25/2025-05-19-harbour-talks.md:1:1: error: '25' is not a year folder: articles "
        f"are read from content/articles/<year>/ (4 digits); move it to {BELONGS}",
        id="year-folder-not-four-digits",
    ),
    pytest.param(
        moved("content/articles/2025/05/2025-05-19-harbour-talks.md"),
        "content/articles/2025/05/2025-05-19-harbour-talks.md:1:1: error: '2025/05' is not a year folder: "
        f"articles are read from content/articles/<year>/ (4 digits); move it to {BELONGS}",
        id="article-in-a-month-folder",
    ),
    pytest.param(
        moved("content/articles/2025/2025-05-19-harbour-talks.markdown"),
        "content/articles/2025/2025-05-19-harbour-talks.markdown:1:1: error: this looks like an article but "
        "is not read: articles are '.md' files; rename it to '2025-05-19-harbour-talks.md'",
        id="markdown-extension",
    ),
    pytest.param(
        moved("content/articles/2025/2025-05-19-harbour-talks.MD"),
        "content/articles/2025/2025-05-19-harbour-talks.MD:1:1: error: this looks like an article but is not "
        "read: articles are '.md' files; rename it to '2025-05-19-harbour-talks.md'",
        id="upper-case-extension",
    ),
    pytest.param(
        moved("content/articles/2025/harbour-talks.txt"),
        "content/articles/2025/harbour-talks.txt:1:1: error: this looks like an article but is not read: "
        "articles are '.md' files; rename it to '2025-05-19-harbour-talks.md'",
        id="text-extension",
    ),
    pytest.param(
        {**VALID, "content/actor.yml": "- id: carol\n"},
        "content/actor.yml:1:1: error: 'actor.yml' is not a registry, so it is not read. Did you mean "
        "'actors.yml'? Move its entries into content/actors.yml and remove this file",
        id="registry-misspelt-beside-the-registry",
    ),
    pytest.param(
        {**VALID, "content/people.yaml": "- id: carol\n"},
        "content/people.yaml:1:1: error: 'people.yaml' is not a registry, so it is not read: the registries "
        "are actors.yml, venues.yml, issues.yml and events.yml in content/; move its entries into one of "
        "them and remove it",
        id="unknown-registry",
    ),
    pytest.param(
        {**VALID, "content/notes.pdf": "%PDF-1.4\n"},
        "content/notes.pdf:1:1: error: 'notes.pdf' is not read or published: content/ holds actors.yml, "
        "venues.yml, issues.yml and events.yml, articles in articles/<year>/ and hand-written pages and "
        "pictures in pages/; move it there or remove it",
        id="stray-file",
    ),
    pytest.param(
        {**VALID, "content/notes.md": "# Notes\n\nTo do.\n"},
        "content/notes.md:1:1: error: 'notes.md' is not read: an article goes in content/articles/<year>/ "
        "with front matter (start one with `newsgen new article` or `newsgen import`), a hand-written page "
        "in content/pages/; move it there or remove it",
        id="markdown-that-is-no-article",
    ),
    pytest.param(
        {**VALID, "content/pages/harbour-talks.md": ARTICLE},
        "content/pages/harbour-talks.md:1:1: error: this looks like an article (its front matter has claims, "
        "date, events, issues, source, summary), not a hand-written page: move it to "
        f"{BELONGS}",
        id="article-among-the-pages",
    ),
    pytest.param(
        moved("content/articles/2024/2025-05-19-harbour-talks.md"),
        "content/articles/2024/2025-05-19-harbour-talks.md:3:7: error: date: 2025-05-19 disagrees with its "
        f"year folder 2024: move the file to {BELONGS}, or correct the date",
        id="year-folder-disagrees-with-the-date",
    ),
    pytest.param(
        moved("content/articles/2025/2025-05-18-harbour-talks.md"),
        "content/articles/2025/2025-05-18-harbour-talks.md:3:7: error: date: 2025-05-19 disagrees with the "
        f"date in its file name 2025-05-18: move the file to {BELONGS} (its address changes with its name), "
        "or correct the date",
        id="file-name-date-disagrees-with-the-date",
    ),
    pytest.param(
        moved("content/articles/2024/2024-05-19-harbour-talks.md"),
        "content/articles/2024/2024-05-19-harbour-talks.md:3:7: error: date: 2025-05-19 disagrees with its "
        "year folder 2024 and the date in its file name 2024-05-19: move the file to "
        f"{BELONGS} (its address changes with its name), or correct the date",
        id="folder-and-file-name-disagree-with-the-date",
    ),
]


@pytest.mark.parametrize(("texts", "expected"), CASES)
def test_a_file_in_the_wrong_place_gets_one_message(tmp_path: Path, texts: Texts, expected: str) -> None:
    assert check_tree(tmp_path, texts) == [expected]


def test_a_registry_with_another_extension_is_named_beside_the_missing_one(tmp_path: Path) -> None:
    texts = {path: text for path, text in VALID.items() if path != "content/issues.yml"}
    texts["content/issues.yaml"] = VALID["content/issues.yml"]
    assert check_tree(tmp_path, texts) == [
        "content/issues.yaml:1:1: error: 'issues.yaml' is not a registry, so it is not read. Did you mean "
        "'issues.yml'? Rename it to 'issues.yml'",
        "content/issues.yml:1:1: error: missing registry: create issues.yml",
    ]


def test_files_systems_and_editors_write_are_left_alone(tmp_path: Path) -> None:
    # macOS's .DS_Store and AppleDouble files, Windows' thumbnail cache, an editor's swap file and backup,
    # git's placeholder: nothing reads or publishes them, and a contributor often cannot see them.
    texts = dict(VALID)
    for name in (".DS_Store", "._2025-05-19-harbour-talks.md", "Thumbs.db", "desktop.ini", ".gitkeep"):
        texts[f"content/articles/2025/{name}"] = "x"
    texts["content/.2025-05-19-harbour-talks.md.swp"] = "x"
    texts["content/articles/2025/2025-05-19-harbour-talks.md~"] = ARTICLE
    texts["content/.git-notes/anything.txt"] = "x"
    assert [line for line in check_tree(tmp_path, texts) if ": error: " in line] == []


def test_a_stray_article_hides_the_advice_to_remove_what_it_mentions(tmp_path: Path) -> None:
    # Before, the only hint was "actor 'alice-example' is not mentioned by any article: mention it or remove
    # it": the wrong fix. Now the misplaced file is the one message.
    lines = check_tree(tmp_path, moved("content/harbour-talks.md"))
    assert len(lines) == 1 and "not mentioned" not in lines[0]


def test_a_symbolic_link_to_a_folder_is_refused(tmp_path: Path) -> None:
    content = write_texts(tmp_path, VALID)
    (content / "drafts").symlink_to(tmp_path, target_is_directory=True)
    assert check_tree(tmp_path, {}) == [
        "content/drafts:1:1: error: symbolic links are not allowed under content/",
    ]


def test_check_and_the_build_report_misplaced_files_alike(tmp_path: Path) -> None:
    # Before, an article among the pages got one error per front matter key, and an article in content/
    # itself passed both, silently left out.
    project = make_project(tmp_path, FIXTURE / "content")
    content = project / "content"
    article = content / "articles" / "2024" / "2024-03-10-south-accepts.md"
    (content / "pages" / "south-accepts.md").write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    article.rename(content / "2024-03-10-south-accepts.md")

    check = newsgen(project, "check")
    build = run_mkdocs(project, "build", "--strict")

    errors = [line for line in check.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "content/2024-03-10-south-accepts.md:1:1: error: this looks like an article but is not read: "
        "articles are read only from content/articles/<year>/; move it to "
        "content/articles/2024/2024-03-10-south-accepts.md",
        "content/pages/south-accepts.md:1:1: error: this looks like an article (its front matter has "
        "carries, claims, date, events, issues, source, summary), not a hand-written page: move it to "
        "content/articles/2024/2024-03-10-south-accepts.md",
    ]
    assert check.returncode == build.returncode == 1
    assert all(line in build.stderr for line in errors)
    assert "check: 2 errors in 2 files; nothing written" in build.stderr
