"""Load + validate stream: each article is read, parsed and validated before the next file is read."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from conftest import ARTICLE, VALID, another_report, write_texts

from generator.build.pipeline import check_content
from generator.check.validate import validate_content
from generator.load import loader
from generator.load.loader import LoadedArticle, SourceFile, load_content, stream_content

SECOND_PATH = "content/articles/2025/2025-05-20-harbour-talks-resume.md"
SECOND = another_report("2025-05-20").replace("Harbour talks begin", "Harbour talks resume")
THIRD_PATH = "content/articles/2025/2025-05-21-harbour-talks-end.md"
THIRD = another_report("2025-05-21").replace("Harbour talks begin", "Harbour talks end")


def test_stream_reads_each_article_only_when_asked_for(tmp_path: Path) -> None:
    content = write_texts(tmp_path, {**VALID, SECOND_PATH: SECOND})
    stream = stream_content(content, display_root=tmp_path)

    first = next(stream.articles)
    # Changed after the first article was handed out: what comes next must be read only now.
    (tmp_path / SECOND_PATH).write_text(SECOND.replace("resume", "resume again"), encoding="utf-8")
    second = next(stream.articles)

    assert first.document.data["title"] == "Harbour talks begin"
    assert second.document.data["title"] == "Harbour talks resume again"
    assert next(stream.articles, None) is None


def test_stream_keeps_no_article_once_the_next_is_asked_for(tmp_path: Path) -> None:
    content = write_texts(tmp_path, {**VALID, SECOND_PATH: SECOND})
    stream = stream_content(content, display_root=tmp_path)

    first = weakref.ref(next(stream.articles))
    next(stream.articles)

    assert first() is None


def test_check_drops_each_article_before_the_next_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_texts(tmp_path, {**VALID, SECOND_PATH: SECOND, THIRD_PATH: THIRD})
    handed_out: list[weakref.ref[LoadedArticle]] = []
    load_article = loader.load_article

    def watched_load_article(source: SourceFile, *, cache: bool = True) -> LoadedArticle:
        # All articles parsed at once, or one kept past its validation, would still be alive here.
        assert all(earlier() is None for earlier in handed_out), f"an article is alive at {source.path}"
        article = load_article(source, cache=cache)
        handed_out.append(weakref.ref(article))
        return article

    monkeypatch.setattr(loader, "load_article", watched_load_article)
    result, problems = check_content(content, display_root=tmp_path)

    assert len(handed_out) == 3
    assert result is not None
    assert [article.title for article in result.articles] == [
        "Harbour talks begin",
        "Harbour talks resume",
        "Harbour talks end",
    ]
    assert problems == []


def test_streamed_check_reports_what_loading_everything_at_once_reports(tmp_path: Path) -> None:
    # Folders whose names sort differently as text ('2025-b/' < '2025/') and part by part ('2025' < '2025-b'):
    # which of two duplicates is "first" must not depend on the order the files are read in.
    texts = {
        **VALID,
        "content/articles/2025/same.md": ARTICLE,
        "content/articles/2025-b/same.md": ARTICLE.replace("exampleton", "exampletown"),
        "content/articles/2025-b/Same.md": ARTICLE,
        "content/articles/2025/broken.md": "---\ntitle: [unclosed\n---\n",
        "content/articles/2025/todo.md": ARTICLE.replace("Talks on the harbour began.", "TODO"),
        "content/articles/2025/unsafe.md": ARTICLE + "\n<script>alert(1)</script>\n",
    }
    content = write_texts(tmp_path, texts)

    streamed = check_content(content, display_root=tmp_path)
    at_once = validate_content(load_content(content, display_root=tmp_path))

    assert streamed == at_once
    assert streamed[0] is None
    assert any("duplicate article slug 'same'" in problem.message for problem in streamed[1])
