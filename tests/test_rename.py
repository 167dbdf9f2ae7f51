"""`newsgen rename`: references and mentions rewritten in place, all or nothing; old addresses redirect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.build.pipeline import check_content, generate_pages
from generator.outputs.redirects import SourceFile, parse_redirects, redirect_html
from generator.tools.rename import RenameError, plan_rename

SHIPPED = Path(__file__).resolve().parent.parent / "content"
ARTICLE = "articles/2025/2025-05-20-trump-putin-call.md"
SHIPPED_REDIRECTS = [("article", "2025-05-19-trump-putin-call", "2025-05-20-trump-putin-call")]
"""Redirects the shipped story has already: the seed report's file was renamed for its publication date."""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped story."""
    return Path(shutil.copytree(SHIPPED, tmp_path / "content"))


def errors(content: Path) -> list[str]:
    _, found = check_content(content, display_root=content.parent)
    return [problem.format() for problem in found if problem.severity == "error"]


def texts(content: Path) -> dict[str, str]:
    return {path.relative_to(content).as_posix(): path.read_text() for path in sorted(content.rglob("*.*"))}


def test_renaming_an_actor_rewrites_every_reference_and_mention_and_nothing_else(content: Path) -> None:
    before = texts(content)

    assert (
        main(["rename", "actor", "volodymyr-zelenskyy", "volodymyr-zelensky", "--content", str(content)]) == 0
    )

    after = texts(content)
    assert "volodymyr-zelenskyy" not in after["actors.yml"] + after[ARTICLE]
    assert "[[volodymyr-zelensky]]" in after[ARTICLE]
    # Surgical: the same text with the id replaced (comments, quotes, layout unchanged).
    for name in ("actors.yml", ARTICLE):
        assert after[name] == before[name].replace("volodymyr-zelenskyy", "volodymyr-zelensky")
    assert errors(content) == []
    redirects, problems = parse_redirects(SourceFile("redirects.yml", after["redirects.yml"]))
    assert problems == [] and [(r.kind, r.old, r.new) for r in redirects] == [
        *SHIPPED_REDIRECTS,
        ("actor", "volodymyr-zelenskyy", "volodymyr-zelensky"),
    ]


def test_the_old_address_of_a_renamed_issue_and_article_gets_a_script_free_redirect_page(
    content: Path,
) -> None:
    assert main(["rename", "issue", "ceasefire", "ceasefire-proposals", "--content", str(content)]) == 0
    assert (
        main(["rename", "article", "trump-putin-call", "trump-putin-phone-call", "--content", str(content)])
        == 0
    )

    assert not (content / ARTICLE).exists()
    assert (content / "articles/2025/2025-05-20-trump-putin-phone-call.md").is_file()
    files: dict[str, bytes] = {}
    generate_pages(content, content.parent, write_file=files.__setitem__)
    assert files["issues/ceasefire/index.html"] == redirect_html("../ceasefire-proposals/").encode()
    page = files["articles/2025-05-20-trump-putin-call/index.html"].decode()
    assert '<meta http-equiv="refresh" content="0; url=../2025-05-20-trump-putin-phone-call/">' in page
    assert "<script" not in page


def test_renaming_back_drops_the_redirect_and_a_chain_leads_to_the_last_name(content: Path) -> None:
    for old, new in (("ceasefire", "truce"), ("truce", "armistice"), ("armistice", "ceasefire")):
        assert main(["rename", "issue", old, new, "--content", str(content)]) == 0

    redirects, _ = parse_redirects(SourceFile("redirects.yml", (content / "redirects.yml").read_text()))
    assert [(r.old, r.new) for r in redirects] == [
        *((old, new) for _, old, new in SHIPPED_REDIRECTS),
        ("truce", "ceasefire"),
        ("armistice", "ceasefire"),
    ]
    assert errors(content) == []


def test_an_event_is_renamed_with_the_claims_that_name_it(content: Path) -> None:
    first_round = "istanbul-talks-2025-05-16"
    assert main(["rename", "event", first_round, "istanbul-talks-may", "--content", str(content)]) == 0

    text = (content / ARTICLE).read_text()
    assert first_round not in text and "event: istanbul-talks-may" in text
    assert errors(content) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["actor", "volodymyr-zelensky", "x"],
            "no actor 'volodymyr-zelensky' in content/actors.yml. Did you mean",
        ),
        (["actor", "volodymyr-zelenskyy", "donald-trump"], "id 'donald-trump' exists already"),
        (["actor", "volodymyr-zelenskyy", "Zelensky"], "'Zelensky' is not a valid id"),
        (["issue", "volodymyr-zelenskyy", "x"], "no issue 'volodymyr-zelenskyy'"),
        (["article", "trump-putin", "x"], "no article 'trump-putin'. Did you mean"),
        (
            ["event", "istanbul-talk", "x"],
            "no event 'istanbul-talk' in content/events.yml. Did you mean 'istanbul-talks-2025-",
        ),
    ],
)
def test_a_rename_that_cannot_be_done_says_why_and_changes_nothing(
    content: Path, arguments: list[str], message: str
) -> None:
    before = texts(content)

    with pytest.raises(RenameError, match=message.replace(".", r"\.")):
        plan_rename(content, *arguments)

    assert main(["rename", *arguments, "--content", str(content)]) == 2
    assert texts(content) == before


def test_a_redirect_to_a_page_that_is_gone_is_a_located_error(content: Path) -> None:
    (content / "redirects.yml").write_text("- kind: actor\n  from: old-name\n  to: nobody\n")

    assert errors(content) == [
        "content/redirects.yml:1:3: error: there is no actor 'nobody' to lead to; remove this entry"
    ]
