"""Text that reads as something else: deceptive URLs, hidden or reordering characters, odd file names."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, ARTICLE_PATH
from test_validate import ACTORS_PATH, Mutation, check, in_actors, in_article

from generator.scaffold import ScaffoldError, check_article_name, check_new_id

A = ARTICLE_PATH
EVIL = "https://bbc.co.uk@evil.example/harbour"


def disguised(place: str, field: str, host: str, user: str, written: str) -> str:
    return (
        f"{place}: error: {field}: a user name before '@' disguises where a link leads (to '{host}', not to "
        f"'{user}'); write the page's own address, with nothing between '//' and its host, got {written}"
    )


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        pytest.param(
            in_article("url: https://example.org/harbour", f"url: {EVIL}"),
            disguised(f"{A}:6:8", "source.url", "evil.example", "bbc.co.uk", repr(EVIL)),
            id="source-url",
        ),
        pytest.param(
            in_actors(
                "  role: Mayor",
                "  sources: ['https://example.org', 'http://a:b@evil.example']\n  role: Mayor",
            ),
            disguised(
                f"{ACTORS_PATH}:4:36", "sources[1]", "evil.example", "a:b", "'http://a:b@evil.example'"
            ),
            id="entity-sources",
        ),
        pytest.param(
            in_article(
                "    stance: supports\n", "    stance: supports\n    sources: [https://x.example\\@y]\n"
            ),
            disguised(f"{A}:24:15", "claims[0].sources[0]", "y", "x.example\\", "'https://x.example\\\\@y'"),
            id="claim-sources-backslash",
        ),
    ],
)
def test_urls_with_a_user_name_are_refused(mutation: Mutation, expected: str) -> None:
    content, lines = check(mutation)

    assert lines == [expected]
    assert content is None


def test_an_address_with_at_in_its_path_is_fine() -> None:
    content, lines = check(in_article("https://example.org/harbour", "https://example.org/@harbour?by=a@b"))

    assert lines == []
    assert content is not None


def test_a_file_name_with_a_trailing_line_break_is_not_a_valid_slug() -> None:
    _, lines = check(lambda tree: tree.update({"content/articles/2025/2025-05-19-x\n.md": ARTICLE}))

    assert lines == [
        "content/articles/2025/2025-05-19-x\\n.md:1:1: error: file name '2025-05-19-x\\n.md' is not a valid "
        "article slug: rename it to '2025-05-19-x.md' (lowercase letters, digits and single hyphens)",
    ]


def test_new_refuses_an_id_or_article_name_with_a_trailing_line_break() -> None:
    with pytest.raises(ScaffoldError, match="is not a valid article name"):
        check_article_name("harbour-talks\n")
    with pytest.raises(ScaffoldError, match="is not a valid id"):
        check_new_id("alice-example\n", set())
