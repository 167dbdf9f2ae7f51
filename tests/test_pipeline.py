"""The pipeline's check on several cores: the same problems, in the same order, as on one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import article_path, write_corpus
from generator.build import pipeline
from generator.build.pipeline import check_content, check_problems
from generator.load import loader


def corpus_with_errors(root: Path, *, unreadable: bool) -> Path:
    """A 40-article story with errors in single articles and across them, in every part of the articles;
    with `unreadable`, files that cannot be read too (the rules across articles then check less)."""
    content = root / "content"
    write_corpus(content, 40)

    def edit(number: int, old: str, new: str) -> None:
        path = content / article_path(number)
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(3, "by: actor-", "by: actr-")  # unknown id, with a did-you-mean
    edit(30, "id: claim-00030-0", "id: claim-00004-0")  # a claim id another part's article uses
    edit(10, "claims:", "carries: [claim-0003-0, claim-00039-0]\nclaims:")  # no such claim; a later one
    edit(15, "\n---\n", "\n---\nSee [this](javascript:alert(1)).\n\n")  # a hostile link in a body
    edit(12, "\n---\n", "\n---\nTODO: finish.\n\n")  # a warning
    copy = content / "articles" / "2021" / Path(article_path(2)).name  # the same slug in another year
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(content / article_path(2), copy)
    if unreadable:
        edit(20, "title: ", "title: [unclosed ")  # YAML that cannot be read
        (content / article_path(25)).write_bytes(b"---\ntitle: \xff\n---\n")  # not UTF-8
    return content


@pytest.fixture(scope="module", params=[False, True], ids=["readable", "unreadable"])
def broken_story(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus_with_errors(tmp_path_factory.mktemp("broken"), unreadable=request.param)


def formatted(problems: list[pipeline.Problem]) -> list[str]:
    return [problem.format() for problem in problems]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_checking_on_several_cores_finds_the_same_problems_in_the_same_order(
    broken_story: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[int] = []
    forked_map = pipeline.forked_map
    monkeypatch.setattr(
        pipeline, "forked_map", lambda *arguments: forks.append(arguments[2]) or forked_map(*arguments)
    )
    serial = formatted(check_content(broken_story, broken_story.parent)[1])

    problems = formatted(check_problems(broken_story, broken_story.parent, workers=workers))

    assert problems == serial
    assert forks == ([] if workers == 1 else [workers])
    messages = "\n".join(serial)
    for expected in (
        "unknown actor 'actr-",  # each article's own problems, from several parts
        "claim id 'claim-00004-0' is already used at content/articles/2020/2020-01-01-report-00004.md",
        "'claim-00039-0' is written in a later report",
        "duplicate article slug '2020-01-01-report-00002'",
        "link to 'javascript:alert(1)' is not allowed",
        "unfinished draft",
    ):
        assert expected in messages
    readable = "not valid UTF-8" not in messages
    assert ("no report has a claim 'claim-0003-0'. Did you mean 'claim-00039-0'?" in messages) == readable


def test_redirects_are_checked_against_the_articles_checked_on_several_cores(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_corpus(content, 30, shape="block")
    (content / "redirects.yml").write_text(
        "- {kind: actor, from: old-name, to: actor-00001}\n- {kind: article, from: old-report, to: nowhere}\n"
        "- {kind: article, from: first-report, to: 2020-01-01-report-00001}\n",
        encoding="utf-8",
    )
    serial = formatted(check_content(content, tmp_path)[1])

    assert formatted(check_problems(content, tmp_path, workers=2)) == serial
    assert serial == [
        "content/redirects.yml:2:3: error: there is no article 'nowhere' to lead to; remove this entry"
    ]


def test_content_past_the_size_limit_is_reported_as_a_serial_check_reports_it(
    broken_story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each worker counts only the bytes it read: past the limit together, the check runs again on one core,
    # which names the file that crossed it.
    limit = sum(path.stat().st_size for path in broken_story.rglob("*") if path.is_file()) * 2 // 3
    monkeypatch.setattr(loader, "MAX_CONTENT_BYTES", limit)
    monkeypatch.setattr(pipeline, "MAX_CONTENT_BYTES", limit)
    serial = formatted(check_content(broken_story, broken_story.parent)[1])

    assert formatted(check_problems(broken_story, broken_story.parent, workers=2)) == serial
    assert any("the files after it were not read" in line for line in serial)


def test_a_story_without_articles_is_checked_in_one_process(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_corpus(content, 0)
    serial = formatted(check_content(content, tmp_path)[1])

    assert formatted(check_problems(content, tmp_path, workers=2)) == serial
