"""Render stage: escaping, links and page kinds, on in-memory content."""

from __future__ import annotations

import markdown
import pytest
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID, load_texts

from generator.index import build_index
from generator.render import GeneratedPage, escape_markdown, href, render_site
from generator.validate import validate_content


def pages_of(texts: dict[str, str]) -> dict[str, GeneratedPage]:
    content, problems = validate_content(load_texts(texts))
    assert content is not None, [problem.format() for problem in problems]
    return render_site(build_index(content))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list"])


@pytest.mark.parametrize(
    "text",
    [
        "*bold* _it_ `code`",
        "[click](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "# not a heading",
        "1. not a list",
        "- not a list",
        "a | b",
        "{: #forged .id }",
        "&#106;avascript: AT&T",
        "back\\slash",
    ],
)
def test_escaped_text_renders_as_exactly_its_characters(text: str) -> None:
    html = to_html(escape_markdown(text))
    inner = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner.replace("&lt;", "")
    assert inner.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_escaped_text_is_one_line() -> None:
    assert escape_markdown("two\nlines\n\n# not a heading") == "two lines # not a heading"
    assert escape_markdown("# heading?") == "\\# heading?"
    assert escape_markdown("12. May") == "12\\. May"


def test_href_percent_encodes_what_would_end_the_link() -> None:
    assert href("https://example.org/a b>c?q=1&r=2") == "<https://example.org/a%20b%3Ec?q=1&r=2>"


def test_every_page_kind_is_rendered_at_its_path() -> None:
    assert sorted(pages_of(VALID)) == [
        "actors/alice-example.md",
        "actors/bob-sample.md",
        "actors/index.md",
        "articles/2025-05-19-harbour-talks.md",
        "articles/index.md",
        "index.md",
        "issues/harbour-deal.md",
        "issues/index.md",
        "timeline.md",
        "venues/exampleton.md",
        "venues/index.md",
    ]


def test_pages_know_the_file_they_are_edited_in() -> None:
    pages = pages_of(VALID)
    assert pages["actors/alice-example.md"].source == "content/actors.yml"
    assert pages["venues/exampleton.md"].source == "content/venues.yml"
    assert pages["articles/2025-05-19-harbour-talks.md"].source == ARTICLE_PATH


def test_links_are_relative_to_the_page() -> None:
    pages = pages_of(VALID)
    assert "[Alice Example](actors/alice-example.md)" in pages["index.md"].markdown
    assert "[Alice Example](../actors/alice-example.md)" in pages["issues/harbour-deal.md"].markdown
    assert (
        "(../articles/2025-05-19-harbour-talks.md#claim-alice-offer)"
        in pages["actors/alice-example.md"].markdown
    )


def test_body_mentions_become_links_with_their_label() -> None:
    article = pages_of(VALID)["articles/2025-05-19-harbour-talks.md"].markdown
    assert "[Alice](../actors/alice-example.md) met [Bob Sample](../actors/bob-sample.md)" in article


def test_hostile_yaml_text_is_inert_in_headings_and_front_matter() -> None:
    actors = ACTORS.replace(
        "name: Alice Example", 'name: "Alice <script>alert(1)</script> *x* \\"quoted\\"\\n---"'
    )
    page = pages_of({**VALID, "content/actors.yml": actors})["actors/alice-example.md"].markdown
    # Themes insert the title into <title>, the header and the nav unescaped: it arrives escaped for HTML.
    title = "Alice &lt;script&gt;alert(1)&lt;/script&gt; *x* &quot;quoted&quot; ---"
    assert page.startswith(f'---\ntitle: "{title}"\n')
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert heading == '# Alice &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* "quoted" ---'


def test_claims_carry_anchors_and_stance_in_words_and_symbols() -> None:
    article = pages_of(VALID)["articles/2025-05-19-harbour-talks.md"].markdown
    html = to_html(article.split("---\n", 2)[2])
    assert 'id="claim-alice-offer"' in html
    assert 'id="event-harbour-meeting"' in html
    assert '<strong class="stance stance-supports">✓ supports</strong>' in html


def test_issue_page_has_a_positions_table_row_per_actor() -> None:
    issue = pages_of(VALID)["issues/harbour-deal.md"].markdown
    assert "| Actor | Stance | Claims behind it |" in issue
    rows = [line for line in issue.splitlines() if line.startswith("| [")]
    assert len(rows) == 1 and rows[0].startswith(
        "| [Alice Example](../actors/alice-example.md) | **✓ supports**"
    )


def test_home_page_is_bounded_however_many_articles_exist() -> None:
    texts = dict(VALID)
    for day in range(1, 30):
        path = f"content/articles/2025/2025-04-{day:02d}-note.md"
        texts[path] = ARTICLE.replace("date: 2025-05-19", f"date: 2025-04-{day:02d}").replace(
            "id: harbour-meeting", "id: harbour-meeting"
        )
    home = pages_of(texts)["index.md"].markdown
    latest = [line for line in home.splitlines() if line.startswith("- **[")]
    assert len(latest) == 10
    assert "[All 30 reports](articles/index.md)" in home
