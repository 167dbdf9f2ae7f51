"""Render stage: escaping, links and page kinds, on in-memory content."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import markdown
import pytest
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, EVENTS, VALID, VENUES, load_texts
from generated_html import (
    body_markdown,
    element_with_text,
    hostile_markup,
    links_of,
    next_element,
    page_tree,
    parse,
    plain_html,
    section,
    site_html,
    tags_in,
    text_of,
)
from selectolax.lexbor import LexborNode

from benchmarks.corpus import write_corpus
from generator.build.pipeline import generate_pages
from generator.check.validate import validate_content
from generator.domain.kinds import ENTITY_KINDS
from generator.domain.model import ClaimKind, EventStatus, Stance
from generator.domain.paths import paginated_path
from generator.index import build_index
from generator.load.mentions import Mention, replace_mentions
from generator.render import render as render_module
from generator.render.html_blocks import html_block
from generator.render.render import (
    ENTITY_LIST_LIMIT,
    LIST_PAGE_SIZE,
    PARALLEL_MINIMUM_PAGES,
    GeneratedPage,
    RenderMemo,
    escape_text,
    paginate,
    render_site,
    unsearchable_headings,
)
from generator.render.symbols import STANCE_SYMBOLS, STATUS_SYMBOLS
from generator.workers import forked_map

ARTICLE_PAGE = "articles/2025-05-19-harbour-talks.md"


def pages_of(texts: dict[str, str]) -> dict[str, GeneratedPage]:
    content, problems = validate_content(load_texts(texts))
    assert content is not None, [problem.format() for problem in problems]
    return render_site(build_index(content))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])


def body_of(page: GeneratedPage) -> str:
    """A page's Markdown without its front matter."""
    return body_markdown(page.markdown)


def tree_of(page: GeneratedPage) -> LexborNode:
    """A page's body as the site shows it, parsed."""
    return page_tree(page.markdown)


@pytest.mark.parametrize(
    "text",
    [
        "*bold* _it_ `code`",
        "[click](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><img src=x onerror=alert(1)>',
        "' onmouseover='alert(1)",
        "# not a heading",
        "1. not a list",
        "2) not a list",
        "- not a list",
        "+ not a list",
        "> not a quote",
        "a | b",
        "{: #forged .id }",
        "&#106;avascript: AT&T &amp;",
        "back\\slash",
        "<!-- not a comment -->",
    ],
)
def test_escaped_text_renders_as_exactly_its_characters(text: str) -> None:
    escaped = escape_text(text)
    # In Markdown: one paragraph holding exactly the text, no other element.
    paragraph = parse(to_html(escaped))
    assert tags_in(paragraph) == ["p"]
    assert paragraph.css_first("p").text() == text
    # In a generated HTML block, as element text and as a double-quoted attribute's value, both as the site
    # passes the block through and as any Markdown reads the page `newsgen generate` writes.
    element_html = f'<p title="{escaped}">{escaped}</p>'
    block = f"Before.\n{html_block(element_html)}\nAfter."
    for html in (site_html(block), plain_html(block)):
        shown = parse(html)
        assert tags_in(shown) == ["p", "p", "p"], html
        element = shown.css("p")[1]
        assert element.attributes == {"title": text}
        assert element.text() == text


def test_escaped_text_is_one_line_with_markup_characters_as_references() -> None:
    assert escape_text("two\nlines\n\n# not a heading") == "two lines # not a heading"
    assert escape_text("# heading?") == "&#35; heading?"
    assert escape_text("12. May") == "12&#46; May"
    assert escape_text('a "q" <b> & *x*') == "a &quot;q&quot; &lt;b&gt; &amp; &#42;x&#42;"
    assert escape_text("Plain words, 12 May.") == "Plain words, 12 May."


def test_a_contributor_url_is_percent_encoded_where_it_would_end_the_link() -> None:
    article = ARTICLE.replace("url: https://example.org/harbour", 'url: https://example.org/a b>c"d?q=1&r=2')
    page = tree_of(pages_of({**VALID, ARTICLE_PATH: article})[ARTICLE_PAGE])
    url = "https://example.org/a%20b%3Ec%22d?q=1&r=2"
    meta = page.css_first(".article-meta")
    assert text_of(meta).endswith("Example Gazette · the original report")
    assert links_of(meta, ARTICLE_PAGE) == [("the original report", url)]
    # ... and so is the same URL in each claim card's list of reports.
    reports = page.css_first("#claim-alice-offer .claim-reports")
    assert ("original", url) in links_of(reports, ARTICLE_PAGE)
    assert [len(element.attributes) for element in page.css("a")] == [1] * len(page.css("a"))  # href alone


def test_every_page_kind_is_rendered_at_its_path() -> None:
    assert sorted(pages_of(VALID)) == [
        "actors/alice-example.md",
        "actors/bob-sample.md",
        "actors/index.md",
        "articles/2025-05-19-harbour-talks.md",
        "articles/index.md",
        "events/harbour-meeting.md",
        "events/index.md",
        "index.md",
        "issues/harbour-deal.md",
        "issues/index.md",
        "timeline.md",
        "venues/exampleton.md",
        "venues/index.md",
    ]


def test_the_timeline_links_only_to_issue_timelines_that_exist() -> None:
    idle = "- id: idle-issue\n  title: Idle issue\n"
    pages = pages_of({**VALID, "content/issues.yml": VALID["content/issues.yml"] + idle})

    assert tree_of(pages["issues/harbour-deal.md"]).css_first("h2#timeline") is not None
    assert tree_of(pages["issues/idle-issue.md"]).css_first("#timeline") is None
    targets = [target for _, target in links_of(tree_of(pages["timeline.md"]), "timeline.md")]
    assert "issues/harbour-deal/#timeline" in targets
    assert not any(target.startswith("issues/idle-issue/") for target in targets)


def test_a_timeline_with_no_issue_to_follow_has_no_filter_links() -> None:
    no_issues = ARTICLE.replace("\nissues: [harbour-deal]\n", "\n")  # the article's
    no_issues = no_issues.replace("    issues: [harbour-deal]\n", "")  # the claim's
    pages = pages_of({**VALID, ARTICLE_PATH: no_issues})

    assert "Follow one issue" not in pages["timeline.md"].markdown


def test_pages_know_the_file_they_are_edited_in() -> None:
    pages = pages_of(VALID)
    assert pages["actors/alice-example.md"].source == "content/actors.yml"
    assert pages["venues/exampleton.md"].source == "content/venues.yml"
    assert pages["articles/2025-05-19-harbour-talks.md"].source == ARTICLE_PATH


def test_links_lead_to_the_served_pages_from_wherever_they_are_served() -> None:
    pages = pages_of(VALID)
    alice = ("Alice Example", "actors/alice-example/")
    assert alice in links_of(tree_of(pages["index.md"]), "index.md")
    assert alice in links_of(tree_of(pages["issues/harbour-deal.md"]), "issues/harbour-deal.md")
    claim = "articles/2025-05-19-harbour-talks/#claim-alice-offer"
    actor_targets = [
        target for _, target in links_of(tree_of(pages["actors/alice-example.md"]), "actors/x.md")
    ]
    assert claim in actor_targets
    # Written relative to the served page (`actors/alice-example/`), so the site can move below any path.
    assert (
        'href="../../articles/2025-05-19-harbour-talks/#claim-alice-offer"'
        in pages["actors/alice-example.md"].markdown
    )
    assert 'href="actors/alice-example/"' in pages["index.md"].markdown


def test_body_mentions_become_links_with_their_label() -> None:
    article = tree_of(pages_of(VALID)[ARTICLE_PAGE])
    body = article.css_first("div[data-search-exclude]")
    assert text_of(body) == "Alice met Bob Sample in Exampleton."
    assert links_of(body, ARTICLE_PAGE) == [
        ("Alice", "actors/alice-example/"),
        ("Bob Sample", "actors/bob-sample/"),
        ("Exampleton", "venues/exampleton/"),
    ]


def test_hostile_yaml_text_is_inert_in_headings_and_front_matter() -> None:
    actors = ACTORS.replace(
        "name: Alice Example", 'name: "Alice <script>alert(1)</script> *x* \\"quoted\\"\\n---"'
    )
    page = pages_of({**VALID, "content/actors.yml": actors})["actors/alice-example.md"].markdown
    # Themes insert the title into <title>, the header and the nav unescaped: it arrives escaped for HTML.
    title = "Alice &lt;script&gt;alert(1)&lt;/script&gt; *x* &quot;quoted&quot; ---"
    assert page.startswith(f'---\ntitle: "{title}"\n')
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert heading == "# Alice &lt;script&gt;alert(1)&lt;/script&gt; &#42;x&#42; &quot;quoted&quot; ---"
    shown = page_tree(page)
    assert "script" not in tags_in(shown) and tags_in(shown.css_first("h1")) == []
    assert shown.css_first("h1").text() == 'Alice <script>alert(1)</script> *x* "quoted" ---'


def test_claims_carry_anchors_and_stance_in_words_and_symbols() -> None:
    article = tree_of(pages_of(VALID)[ARTICLE_PAGE])
    assert article.css_first("#claim-alice-offer").attributes["class"] == "claim claim-supports"
    assert article.css_first("#event-harbour-meeting").attributes["class"] == "event"
    badges = article.css("#claim-alice-offer strong.stance")
    assert [(badge.attributes["class"], text_of(badge)) for badge in badges] == [
        ("stance stance-supports", "✓ supports")
    ]


def rows_of(table: LexborNode) -> list[list[str]]:
    """A table's rows (the header's too), each the text of its cells."""
    return [[text_of(cell) for cell in row.css("th, td")] for row in table.css("tr")]


def test_issue_page_has_a_positions_table_row_per_actor() -> None:
    issue = tree_of(pages_of(VALID)["issues/harbour-deal.md"])
    table = issue.css_first("table")
    assert rows_of(table) == [
        ["Actor", "Side", "Position", "Claims behind it"],
        [
            "Alice Example",
            "",
            "✓ supports · 2025-05-19",
            "2025-05-19 · offer: Alice offers to sell the harbour.",
        ],
    ]
    (row,) = table.css("tbody tr")
    assert links_of(row, "issues/harbour-deal.md") == [
        ("Alice Example", "actors/alice-example/"),
        ("offer: Alice offers to sell the harbour.", "articles/2025-05-19-harbour-talks/#claim-alice-offer"),
    ]
    assert text_of(row.css_first("strong.stance.stance-supports")) == "✓ supports"


def test_home_page_is_bounded_however_many_articles_exist() -> None:
    texts = dict(VALID)
    for day in range(1, 30):
        path = f"content/articles/2025/2025-04-{day:02d}-note.md"
        texts[path] = (
            f"---\ntitle: Note {day}\ndate: 2025-04-{day:02d}\nsource: {{publisher: P}}\nsummary: S.\n---\n"
            "Body.\n"
        )
    home = pages_of(texts)["index.md"].markdown
    assert ("All 30 reports", "articles/") in links_of(page_tree(home), "index.md")
    # 29 more reports change the counts the page states, nothing else: no list grows with them.
    alone = pages_of(VALID)["index.md"].markdown
    assert re.sub(r"[0-9]+ reports", "N reports", home) == re.sub(r"[0-9]+ reports?", "N reports", alone)


# -- bounded pages: pagination, capped entity lists, search exclusion, the render memo ---------------------


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic story large enough for every list to be paginated or cut."""
    content_dir = tmp_path_factory.mktemp("corpus") / "content"
    write_corpus(content_dir, 250)
    return content_dir


@pytest.fixture(scope="module")
def corpus_pages(corpus_dir: Path) -> dict[str, GeneratedPage]:
    return generate_pages(corpus_dir).pages


def test_pages_rendered_by_workers_are_the_pages_one_process_renders(
    corpus_dir: Path, corpus_pages: dict[str, GeneratedPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []

    def counted_map(function: Any, count: int, workers: int) -> Any:
        pools.append(workers)
        return forked_map(function, count, workers)

    monkeypatch.setattr(render_module, "forked_map", counted_map)
    assert len(corpus_pages) >= PARALLEL_MINIMUM_PAGES
    in_workers = generate_pages(corpus_dir, workers=2).pages
    assert pools == [2]
    assert list(in_workers) == list(corpus_pages)  # the same pages, in the same (sorted) order
    assert in_workers == corpus_pages


def test_paginated_paths_are_stable_and_sit_beside_the_first_page() -> None:
    assert paginated_path("actors/index.md", 1) == "actors/index.md"
    assert paginated_path("actors/index.md", 2) == "actors/page-2.md"
    assert paginated_path("timeline.md", 1) == "timeline.md"
    assert paginated_path("timeline.md", 3) == "timeline/page-3.md"


def test_paginate_cuts_in_order_and_an_empty_list_is_one_page() -> None:
    pages = paginate(list(range(LIST_PAGE_SIZE * 2 + 1)), "x/index.md")
    assert [len(chunk) for _, chunk in pages] == [LIST_PAGE_SIZE, LIST_PAGE_SIZE, 1]
    assert pages[1][1][0] == LIST_PAGE_SIZE
    assert [(p.number, p.count, p.previous, p.next) for p, _ in pages] == [
        (1, 3, None, "x/page-2.md"),
        (2, 3, "x/index.md", "x/page-3.md"),
        (3, 3, "x/page-2.md", None),
    ]
    assert [(p.number, list(chunk)) for p, chunk in paginate([], "x/index.md")] == [(1, [])]


def test_long_lists_continue_on_linked_pages(corpus_pages: dict[str, GeneratedPage]) -> None:
    # 250 articles: 3 pages of articles; thousands of events and claims: many timeline pages; 25 actors: one.
    assert "articles/page-3.md" in corpus_pages and "articles/page-4.md" not in corpus_pages
    last = max(
        int(path[len("timeline/page-") : -3]) for path in corpus_pages if path.startswith("timeline/page-")
    )
    assert last > 10 and all(f"timeline/page-{number}.md" in corpus_pages for number in range(2, last + 1))
    assert "actors/page-2.md" not in corpus_pages
    second = tree_of(corpus_pages["timeline/page-2.md"])
    pager = second.css_first(".pager")
    assert text_of(pager) == f"Page 2 of {last} · first · ← previous · next → · last"
    assert links_of(pager, "timeline/page-2.md") == [
        ("first", "timeline/"),
        ("← previous", "timeline/"),
        ("next →", "timeline/page-3/"),
        ("last", f"timeline/page-{last}/"),
    ]
    assert len(second.css(".timeline-item")) == LIST_PAGE_SIZE
    assert corpus_pages["timeline/page-2.md"].markdown.startswith('---\ntitle: "Timeline, page 2"\n')
    listed = tree_of(corpus_pages["articles/page-3.md"]).css("h2 > a")
    assert len(listed) == 250 - 2 * LIST_PAGE_SIZE
    assert all(target.startswith("articles/2020-") for _, target in links_of(listed[0], "articles/page-3.md"))


def test_entity_pages_show_the_newest_entries_and_say_how_many_more(
    corpus_pages: dict[str, GeneratedPage],
) -> None:
    page = "actors/actor-00000.md"  # the most frequent actor of the corpus
    actor = tree_of(corpus_pages[page])
    events, articles = section(actor, "Events"), section(actor, "Articles")
    items = events.css("li")
    assert tags_in(events)[0] == "ul" and len(items) == ENTITY_LIST_LIMIT + 1
    last = text_of(items[-1])
    assert last.startswith("… and ") and last.endswith("older events, all listed in the timeline")
    assert links_of(items[-1], page) == [("timeline", "timeline/")]
    last = articles.css("li")[-1]
    assert text_of(last).endswith("older articles, all listed in the list of articles")
    assert links_of(last, page) == [("list of articles", "articles/")]


def test_listing_pages_are_left_out_of_search_and_report_bodies_are_not_indexed(
    corpus_pages: dict[str, GeneratedPage],
) -> None:
    for path in ("index.md", "timeline.md", "timeline/page-2.md", "articles/index.md", "actors/index.md"):
        assert '\nsearch: {"exclude": true}\n' in corpus_pages[path].markdown.split("---\n", 2)[1], path
    article = corpus_pages["articles/2020-01-01-report-00000.md"].markdown
    assert "search" not in article.split("---\n", 2)[1]
    assert "<div data-search-exclude markdown>\n\n" in article
    assert "## Events in this report { data-search-exclude }" in article


def test_a_memo_reuses_unchanged_pages_and_renders_what_changed(tmp_path) -> None:
    content_dir = tmp_path / "content"
    write_corpus(content_dir, 120)
    memo = RenderMemo()
    first = generate_pages(content_dir, memo=memo).pages
    memoized = len(first) - 1 - len(ENTITY_KINDS)  # the home page and entity indexes are always rendered
    assert memo.rendered == memoized
    assert generate_pages(content_dir, memo=memo).pages == first
    assert memo.rendered == 0

    edited = content_dir / "articles/2020/2020-01-03-report-00010.md"
    edited.write_text(edited.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    again = generate_pages(content_dir, memo=memo).pages
    assert again == generate_pages(content_dir).pages  # the same pages as without a memo
    changed = {path for path in first if first[path] != again[path]}
    assert "articles/2020-01-03-report-00010.md" in changed
    assert 0 < memo.rendered < memoized // 4
    assert changed <= set(again)

    registry = content_dir / "venues.yml"
    registry.write_text(registry.read_text().replace("name: Venue 00000", "name: Renamed venue"))
    generate_pages(content_dir, memo=memo)
    assert memo.rendered == memoized  # a registry change renders everything again


def test_headings_of_a_report_body_are_kept_out_of_search_but_code_is_untouched() -> None:
    body = "## One ##\ntext # not a heading\n```\n# code\n```\n### Two {#two}\n#### Three {: .x }\n"
    assert unsearchable_headings(body) == (
        "## One { data-search-exclude }\ntext # not a heading\n```\n# code\n```\n"
        "### Two {: #two data-search-exclude }\n#### Three {: .x data-search-exclude }\n"
    )
    html = to_html(unsearchable_headings("## One ##\n\n### Two {#two}"))
    assert html == '<h2 data-search-exclude>One</h2>\n<h3 data-search-exclude id="two">Two</h3>'


def test_a_heading_shown_inside_a_longer_fence_is_code_and_left_alone() -> None:
    # A ```` block may show ``` lines; the heading scanner and the mention scanner read code the same way.
    body = "````\n```\n# code\n```\n````\n# Heading\n"
    assert unsearchable_headings(body) == "````\n```\n# code\n```\n````\n# Heading { data-search-exclude }\n"


def test_escaping_notices_every_kind_of_whitespace() -> None:
    # escape_text returns plain text untouched after a quick scan; that scan must see all of `\s`.
    for character in (chr(code) for code in range(0x110000) if chr(code).isspace()):
        assert escape_text(f"a{character}{character}b") == "a b"


@pytest.mark.parametrize(
    "body",
    [
        "[[alice-example]] met [[Bob|bob-sample]] and [[ Alice | alice-example ]].",
        "In code: `[[alice-example]]` and [[alice-example]].",
        "Text\n\n    [[alice-example]] indented\n\n[[bob-sample]]",
        "~~~\n[[alice-example]]\n~~~\n[[bob-sample]]",
        "- item\n\n        [[alice-example]]\n\tx [[bob-sample]]",
    ],
)
def test_mentions_are_linked_as_generator_mentions_finds_them(body: str) -> None:
    # The renderer skips the code-aware scan when a body has no code markers: both paths must agree.
    names = {"alice-example": ("Alice Example", "actors"), "bob-sample": ("Bob Sample", "actors")}

    def link(mention: Mention) -> str:
        name, section = names[mention.entity_id]
        return f'<a href="../../{section}/{mention.entity_id}/">{mention.label or name}</a>'

    without_code = body.replace("`", "").replace("~", "").replace("\t", " ").replace("    ", "   ")
    for text in (body, without_code):
        article = ARTICLE.replace("[[Alice|alice-example]] met [[bob-sample]] in [[exampleton]].", text)
        page = pages_of({**VALID, ARTICLE_PATH: article})[ARTICLE_PAGE].markdown
        assert f"<div data-search-exclude markdown>\n\n{replace_mentions(text, link)}\n" in page


HOSTILE_TEXT = "\"'><img src=x onerror=alert(1)> &amp; *x* [a](javascript:alert(3)) {{ 7 }} 1. # | \\ `c`"
"""Plain text that only stays inert if it is escaped as every other value is."""


def article_variants() -> tuple[dict[str, str], dict[str, str]]:
    """The test story with hostile text in every field an article page shows, and without the optional
    parts (no issues, events, claims, URL, mentions)."""
    quoted = json.dumps(HOSTILE_TEXT)
    hostile = dict(VALID)
    hostile[ARTICLE_PATH] = (
        ARTICLE.replace("title: Harbour talks begin", f"title: {quoted}")
        .replace("publisher: Example Gazette", f"publisher: {quoted}")
        .replace("summary: Talks on the harbour began.", f"summary: {quoted}")
        .replace("title: Alice meets Bob", f"title: {quoted}")
        .replace("text: Alice offers to sell the harbour.", f"text: {quoted}\n    quote: {quoted}")
        .replace("url: https://example.org/harbour", "url: 'https://example.org/x\"><b>a b'")
        .replace("in [[exampleton]].", "in [[exampleton]].\n\n# A heading {: .x }\n\n    [[alice-example]]\n")
    )
    hostile["content/actors.yml"] = ACTORS.replace("name: Alice Example", f"name: {quoted}")
    bare = dict(VALID)
    bare[ARTICLE_PATH] = (
        "---\ntitle: Bare\ndate: 2025-05-19\nsource:\n  publisher: P\nsummary: S.\n---\nBody.\n"
    )
    return hostile, bare


ATTACK_SHOWN = "<img src=x onerror=alert(1)>"
"""The part of HOSTILE_TEXT a reader must see as text wherever a value is shown."""


def test_hostile_text_is_inert_in_every_part_of_an_article_page() -> None:
    hostile, _ = article_variants()
    body = body_of(pages_of(hostile)[ARTICLE_PAGE])
    for html in (site_html(body), plain_html(body)):
        page = parse(html)
        assert hostile_markup(page) == []
        text = page.text()
        # Title, publisher, summary, event title, claim text and quote, and the actor's name in its links.
        assert text.count(ATTACK_SHOWN) >= 7
        assert HOSTILE_TEXT in text  # each character shown as written, no Markdown read in it
        assert "{{ 7 }}" in text  # template syntax in a value is text, never evaluated
        url = "https://example.org/x%22%3E%3Cb%3Ea%20b"
        assert ("the original report", url) in links_of(page, ARTICLE_PAGE)


def test_an_article_page_leaves_out_the_sections_it_has_nothing_for() -> None:
    _, bare = article_variants()
    page = tree_of(pages_of(bare)[ARTICLE_PAGE])
    assert tags_in(page) == ["h1", "p", "p", "div", "p"]
    assert [text_of(element) for element in page.iter()] == [
        "Bare",
        "Published 19 May 2025 · P",
        "S.",
        "Body.",
    ]
    assert page.css_first("p.article-meta[data-search-exclude]") is not None
    assert page.css_first("p.lead") is not None


def test_the_actors_index_draws_the_sides_picture_as_one_html_block_before_the_list() -> None:
    named = ARTICLE.replace("Alice offers to sell the harbour.", "Alice offers Bob Sample the harbour.")
    index_page = body_of(pages_of({**VALID, ARTICLE_PATH: named})["actors/index.md"])
    figure = next(line for line in index_page.splitlines() if line.startswith("<figure"))
    assert figure.startswith('<figure class="explained-figure actor-graph"><svg')
    assert figure.endswith("Each name links to the actor's page.</figcaption></figure>")
    order = [index_page.index(text) for text in ("<figure", "## All actors", "A fictional mayor")]
    assert order == sorted(order)


@pytest.mark.parametrize(
    "page",
    ["index.md", "timeline.md", "actors/alice-example.md", "issues/harbour-deal.md", "venues/exampleton.md"],
)
def test_pages_that_show_badges_carry_a_key_to_every_symbol_and_claim_kind(page: str) -> None:
    key = tree_of(pages_of(VALID)[page]).css_first("details.symbol-key")
    assert text_of(key.css_first("summary")) == "Key: what the symbols and claim kinds mean"
    stances = {text_of(badge): badge.attributes["class"] for badge in key.css("strong.stance")}
    assert stances == {
        f"{STANCE_SYMBOLS[stance]} {stance}": f"stance stance-{stance}" for stance in get_args(Stance)
    }
    statuses = {text_of(badge): badge.attributes["class"] for badge in key.css("em.status")}
    assert statuses == {
        f"{STATUS_SYMBOLS[status]} {status}": f"status status-{status}" for status in get_args(EventStatus)
    }
    for kind in get_args(ClaimKind):
        assert re.search(rf"(^| ){kind}: [a-z]", text_of(key)), f"claim kind {kind} is not explained"
    assert "✓ supports" in stances


def test_pages_without_badges_carry_no_key() -> None:
    pages = pages_of(VALID)
    assert not any("symbol-key" in pages[page].markdown for page in ("articles/index.md", "venues/index.md"))


# -- content model v2 ----------------------------------------------------------------------------------------

LATER_PATH = "content/articles/2025/2025-05-25-later.md"
LATER_PAGE = "articles/2025-05-25-later.md"


def two_reports(
    claims: str = "  []\n",
    more: str = "",
    first_status: str = "proposed",
    about: str = "[]",
    **registries: str,
) -> dict[str, str]:
    """VALID with the meeting first proposed, then reported held by a second report that carries Alice's
    offer; `about` is the second report's `issues` (those its own claims are on); `registries` replace
    registry texts (`actors=...`)."""
    later = f"""\
---
title: Later report
date: 2025-05-25
source: {{publisher: Other Paper, url: https://example.org/later}}
summary: The meeting took place.
issues: {about}
events:
  - {{id: harbour-meeting, status: held}}
{more}claims:
{claims}carries: [alice-offer]
---
Body.
"""
    texts = {
        **VALID,
        ARTICLE_PATH: ARTICLE.replace("status: held", f"status: {first_status}"),
        LATER_PATH: later,
    }
    for name, text in registries.items():
        texts[f"content/{name}.yml"] = text
    return texts


def test_an_event_page_shows_its_lifecycle_the_claims_made_at_it_and_its_reports() -> None:
    path = "events/harbour-meeting.md"
    page = tree_of(pages_of(two_reports())[path])
    assert [text_of(element) for element in page.iter()][:2] == [
        "Alice meets Bob",
        "meeting · 2025-05-19 · ● held · at Exampleton",
    ]
    assert page.css_first("p.entity-meta em.status.status-held") is not None
    lifecycle = section(page, "How it went, report by report")
    steps = lifecycle.css_first("p")
    assert text_of(steps) == (
        "○ proposed as of 19 May 2025 (Harbour talks begin) → ● held as of 25 May 2025 (Later report)"
    )
    assert [badge.attributes["class"] for badge in steps.css("em")] == [
        "status status-proposed",
        "status status-held",
    ]
    assert links_of(steps, path) == [
        ("Harbour talks begin", "articles/2025-05-19-harbour-talks/"),
        ("Later report", "articles/2025-05-25-later/"),
    ]
    reports = lifecycle.css("li")
    assert text_of(reports[0]) == "25 May 2025 · ● held · Later report · Other Paper"
    assert links_of(reports[0], path) == [
        ("Later report", "articles/2025-05-25-later/#event-harbour-meeting")
    ]
    # Claims said at it are listed as such, not sorted into who "backed" or "declined" the event.
    assert "Declined or opposed by" not in page.text()
    (claim,) = section(page, "Claims made at it").css("li")
    assert claim.text(deep=False) == "Alice offers to sell the harbour."  # its sentence first, then a line
    assert tags_in(claim)[:2] == ["br", "span"]
    assert text_of(claim.css_first(".claim-meta")).startswith("Alice Example · ")
    assert links_of(claim, path) == [
        ("Alice Example", "actors/alice-example/"),
        ("2 reports", "articles/2025-05-19-harbour-talks/#claim-alice-offer"),
    ]
    assert "table" not in tags_in(page) and "&rarr;" not in page.text()


def targets_of(page: GeneratedPage) -> list[str]:
    """Where each link of a page leads, from the site root."""
    return [target for _, target in links_of(tree_of(page), page.path)]


def test_an_event_told_by_two_reports_is_shown_once_on_every_page_that_lists_it() -> None:
    pages = pages_of(two_reports())
    for path in ("venues/exampleton.md", "actors/alice-example.md", "timeline.md", "events/index.md"):
        assert targets_of(pages[path]).count("events/harbour-meeting/") == 1, path
    assert tree_of(pages["timeline.md"]).text().count("Alice meets Bob") == 1
    headings = [text_of(heading) for heading in tree_of(pages["venues/exampleton.md"]).css("h3")]
    assert headings.count("2025-05-19 · Alice meets Bob") == 1
    # Each report says what it told of the event; the first also says what is known since.
    first = tree_of(pages[ARTICLE_PAGE]).css_first("#event-harbour-meeting")
    assert "○ proposed meeting as of this report (latest: ● held as of 2025-05-25)" in text_of(first)
    assert [badge.attributes["class"] for badge in first.css("em")] == [
        "status status-proposed",
        "status status-held",
    ]
    later = tree_of(pages[LATER_PAGE]).css_first("#event-harbour-meeting")
    assert later.attributes["class"] == "event" and "Alice meets Bob" in text_of(later)


def test_a_carried_claim_is_shown_once_in_its_first_report_and_linked_from_the_others() -> None:
    pages = pages_of(two_reports())
    first, later = tree_of(pages[ARTICLE_PAGE]), tree_of(pages[LATER_PAGE])
    card = first.css_first("#claim-alice-offer")
    assert card.attributes["class"] == "claim claim-supports"
    reports = card.css_first(".claim-reports")
    assert text_of(reports) == (
        "Carried by this report (Example Gazette, 19 May 2025, original); "
        "Later report (Other Paper, 25 May 2025, original)"
    )
    assert links_of(reports, ARTICLE_PAGE) == [
        ("original", "https://example.org/harbour"),
        ("Later report", "articles/2025-05-25-later/"),
        ("original", "https://example.org/later"),
    ]
    assert later.css_first("#claim-alice-offer") is None
    elsewhere = section(later, "Claims first reported elsewhere")
    assert ("2 reports", "articles/2025-05-19-harbour-talks/#claim-alice-offer") in links_of(
        elsewhere, LATER_PAGE
    )
    assert targets_of(pages["timeline.md"]).count("articles/2025-05-19-harbour-talks/#claim-alice-offer") == 1
    issue = tree_of(pages["issues/harbour-deal.md"])
    assert issue.text().count("Alice offers to sell the harbour.") == 2  # table, timeline


SIDED_ACTORS = (
    ACTORS.replace(
        "  summary: A fictional mayor.\n", "  summary: A fictional mayor.\n  side: Sellers\n"
    ).replace(
        "  summary: A fictional organisation.\n", "  summary: A fictional organisation.\n  side: Buyers\n"
    )
    + "- id: carol-clerk\n  name: Carol Clerk\n  kind: person\n  speaks_for: [alice-example]\n"
)


def test_positions_show_words_conditions_dates_sides_and_no_position_recorded() -> None:
    claim = (
        "  - {id: carol-vote, by: carol-clerk, kind: demand, text: Only after a vote., "
        "issues: [harbour-deal], stance: conditional, position: after a council vote, "
        "conditions: [the council votes, the price is fair], "
        "date: 2025-05}\n"
    )
    issues = "- id: harbour-deal\n  title: Harbour deal\n  question: Should the harbour be sold?\n"
    pages = pages_of(two_reports(claim, about="[harbour-deal]", actors=SIDED_ACTORS, issues=issues))
    path = "issues/harbour-deal.md"
    issue = tree_of(pages[path])
    assert text_of(issue.css_first("p.issue-question")) == "Should the harbour be sold?"
    assert issue.css_first("p.issue-question > strong") is not None
    (table,) = issue.css("table")
    assert rows_of(table) == [
        ["Actor", "Side", "Position", "Claims behind it"],
        [
            "Alice Example",
            "Sellers",
            "✓ supports · 2025-05-19",
            "2025-05-19 · offer: Alice offers to sell the harbour.",
        ],
        [
            "Carol Clerk",
            "Sellers",
            "◑ conditional “after a council vote” if the council votes; the price is fair · May 2025",
            "May 2025 · demand: Only after a vote.",
        ],
        ["Bob Sample", "Buyers", "no position recorded", ""],
    ]
    rows = table.css("tbody tr")
    assert [links_of(row.css_first("td"), path) for row in rows] == [
        [("Alice Example", "actors/alice-example/")],
        [("Carol Clerk", "actors/carol-clerk/")],
        [("Bob Sample", "actors/bob-sample/")],
    ]
    assert [badge.attributes["class"] for badge in table.css("strong")] == [
        "stance stance-supports",
        "stance stance-conditional",
    ]
    assert links_of(rows[1].css("td")[3], path) == [
        ("demand: Only after a vote.", "articles/2025-05-25-later/#claim-carol-vote")
    ]
    assert len(parse(plain_html(body_of(pages[path]))).css("tr")) == 4  # the header and three actors


def test_an_actor_page_shows_relations_both_ways_and_the_positions_of_related_actors() -> None:
    pages = pages_of(two_reports(actors=SIDED_ACTORS))
    carol_path, alice_path = "actors/carol-clerk.md", "actors/alice-example.md"
    carol, alice = tree_of(pages[carol_path]), tree_of(pages[alice_path])
    (relation,) = section(carol, "Relations").css("li")
    assert (text_of(relation), links_of(relation, carol_path)) == (
        "Speaks for Alice Example",
        [("Alice Example", "actors/alice-example/")],
    )
    (relation,) = section(alice, "Relations").css("li")
    assert (text_of(relation), links_of(relation, alice_path)) == (
        "Spoken for by Carol Clerk",
        [("Carol Clerk", "actors/carol-clerk/")],
    )
    related = section(carol, "Positions of Alice Example")
    introduction = related.css_first("p")
    assert text_of(introduction) == "Carol Clerk speaks for Alice Example."
    assert links_of(introduction, carol_path) == [("Alice Example", "actors/alice-example/")]
    (row,) = related.css("tbody tr")
    assert [text_of(cell) for cell in row.css("td")][:2] == ["Harbour deal", "✓ supports · 2025-05-19"]
    assert links_of(row.css_first("td"), carol_path) == [("Harbour deal", "issues/harbour-deal/")]
    assert text_of(carol.css_first("p.entity-meta")).endswith(" · side: Sellers")  # inherited from Alice


def test_a_summary_shows_as_of_its_latest_update_with_the_report_and_the_earlier_ones() -> None:
    venues = VENUES + (
        "  updates:\n"
        "    - {date: 2025-05-25, summary: Exampleton hosted the meeting., report: 2025-05-25-later}\n"
    )
    pages = pages_of(two_reports(venues=venues))
    path = "venues/exampleton.md"
    venue = tree_of(pages[path])
    lead = venue.css_first("p.lead")
    assert text_of(lead) == "Exampleton hosted the meeting."
    as_of = venue.css_first("p.lead + p.summary-as-of")  # right after the summary it dates
    assert text_of(as_of) == "As of 2025-05-25, according to Later report."
    assert as_of.css_first("em") is not None
    assert links_of(as_of, path) == [("Later report", "articles/2025-05-25-later/")]
    history = venue.css_first("details.summary-history")
    assert text_of(history.css_first("summary")) == "Earlier summaries"
    assert [text_of(item) for item in history.css("li")] == ["First summary: A fictional city."]
    assert pages[path].markdown.count('description: "Exampleton hosted the meeting."') == 1


def test_approximate_claim_dates_read_in_words_on_every_page() -> None:
    claim = "  - {id: bob-hint, by: bob-sample, kind: statement, text: A hint., date: before 2025-05-19}\n"
    pages = pages_of(two_reports(claim))
    assert "said on or before 19 May 2025" in text_of(tree_of(pages[LATER_PAGE]).css_first("#claim-bob-hint"))
    timeline = tree_of(pages["timeline.md"])
    assert "on or before 19 May 2025" in [text_of(heading) for heading in timeline.css("h2")]
    assert "A hint." in section(timeline, "on or before 19 May 2025").text()
    (item,) = section(tree_of(pages["actors/bob-sample.md"]), "Other claims").css("li")
    assert item.text(deep=False) == "A hint."
    assert text_of(item.css_first(".claim-meta")).startswith("on or before 19 May 2025 · statement")


def test_hostile_text_in_the_new_fields_is_inert_on_every_page() -> None:
    quoted = json.dumps(HOSTILE_TEXT)
    claim = (
        f"  - {{id: bob-hint, by: bob-sample, kind: demand, text: Hint., issues: [harbour-deal], "
        f"stance: conditional, position: {quoted}, conditions: [{quoted}], date: 2025-05-20}}\n"
    )
    actors = ACTORS.replace(
        "  summary: A fictional mayor.\n", f"  summary: A fictional mayor.\n  side: {quoted}\n"
    )
    issues = f"- id: harbour-deal\n  title: Harbour deal\n  question: {quoted}\n"
    venues = VENUES + f"  updates:\n    - {{date: 2025-05-25, summary: {quoted}, report: 2025-05-25-later}}\n"
    events = EVENTS.replace("summary: A fictional meeting.", f"summary: {quoted}").replace(
        "title: Alice meets Bob", f"title: {quoted}"
    )
    pages = pages_of(
        two_reports(claim, about="[harbour-deal]", actors=actors, issues=issues, venues=venues, events=events)
    )
    seen = 0
    for path, page in pages.items():
        for html in (site_html(body_of(page)), plain_html(body_of(page))):
            shown = parse(html)
            assert hostile_markup(shown) == [], path
            # Wherever the value shows, it shows whole, character for character: no Markdown read, no
            # template syntax evaluated.
            assert shown.text().count(ATTACK_SHOWN) == shown.text().count(HOSTILE_TEXT), path
        seen += shown.text().count(HOSTILE_TEXT)
    # position and conditions (issue, actor, article, timeline), side, question, update summary, event title
    assert seen >= 15
    for path in (
        "issues/harbour-deal.md",
        "venues/exampleton.md",
        "events/harbour-meeting.md",
        "actors/alice-example.md",
    ):
        assert HOSTILE_TEXT in tree_of(pages[path]).text(), path


# -- reader pages: the timeline, claim cards, event pages ---------------------------------------------------


def test_the_timeline_lists_claims_said_at_an_event_under_it_and_sets_key_events_apart() -> None:
    key_events = EVENTS.replace("  kind: meeting\n", "  kind: meeting\n  key: true\n")
    aside = (
        "  - {id: bob-aside, by: bob-sample, kind: statement, text: An aside., issues: [harbour-deal], "
        "date: 2025-05-18}\n"
    )
    timeline = tree_of(pages_of(two_reports(aside, about="[harbour-deal]", events=key_events))["timeline.md"])
    (event_entry,) = timeline.css("div.timeline-item")
    assert event_entry.attributes == {
        "class": "timeline-item timeline-event timeline-key",
        "data-issues": "harbour-deal",
    }
    heading = event_entry.css_first("p")
    assert text_of(heading.css_first("span.key-event")) == "Key event"
    assert text_of(heading).startswith("Key event Alice meets Bob")
    # The lifecycle in a few words, by the days of the reports that said so.
    assert text_of(heading.css_first(".claim-meta")).endswith("○ proposed 19 May → ● held 25 May")
    assert [badge.attributes["class"] for badge in heading.css("em.status")] == [
        "status status-proposed",
        "status status-held",
    ]
    # The claim said at it, under it: its sentence first, one link (to its card).
    (claim,) = event_entry.css("ul > li")
    assert claim.attributes == {"data-issues": "harbour-deal"}
    assert claim.text(deep=False) == "Alice offers to sell the harbour."
    assert links_of(event_entry, "timeline.md") == [
        ("Alice meets Bob", "events/harbour-meeting/"),
        ("2 reports", "articles/2025-05-19-harbour-talks/#claim-alice-offer"),
    ]
    # A claim said at no event stands alone on its day, with one link.
    (alone,) = section(timeline, "2025-05-18").css(".timeline-item")
    assert alone.tag == "p" and alone.attributes == {
        "class": "timeline-item timeline-claim",
        "data-issues": "harbour-deal",
    }
    assert alone.text(deep=False) == "An aside."
    assert links_of(alone, "timeline.md") == [("source", "articles/2025-05-25-later/#claim-bob-aside")]


def test_an_event_page_lists_claims_about_it_apart_from_those_said_at_it() -> None:
    proposal = (
        "  - {id: bob-proposes-meeting, by: bob-sample, kind: offer, text: Bob proposes the meeting., "
        "issues: [harbour-deal], stance: supports, about: harbour-meeting, date: 2025-05-21}\n"
    )
    pages = pages_of(two_reports(proposal, about="[harbour-deal]"))
    page = tree_of(pages["events/harbour-meeting.md"])
    story = next_element(element_with_text(page, "p", "Proposed, offered or answered before it:"))
    assert story.tag == "ul"
    assert [item.text(deep=False) for item in story.css("li")] == ["Bob proposes the meeting."]
    said_at = section(page, "Claims made at it")
    assert [item.text(deep=False) for item in said_at.css("li")] == ["Alice offers to sell the harbour."]
    # The claim's card names the event it is about.
    card = tree_of(pages[LATER_PAGE]).css_first("#claim-bob-proposes-meeting .claim-meta")
    assert "about Alice meets Bob" in text_of(card)
    assert ("Alice meets Bob", "events/harbour-meeting/") in links_of(card, LATER_PAGE)


def test_a_claim_card_leads_with_its_sentence_then_speaker_date_and_every_report() -> None:
    quoted = ARTICLE.replace(
        "text: Alice offers to sell the harbour.",
        "text: Alice offers to sell the harbour.\n    quote: We sell.",
    )
    page = tree_of(pages_of({**two_reports(), ARTICLE_PATH: quoted})[ARTICLE_PAGE])
    card = section(page, "Claims in this report").css_first("#claim-alice-offer")
    assert card.text(deep=False).strip() == "Alice offers to sell the harbour."  # its sentence first
    assert [child.tag for child in card.iter()] == ["br", "q", "br", "span", "br", "span"]
    assert text_of(card.css_first("q")) == "We sell."
    meta, reports = card.css("span.claim-meta"), card.css("span.claim-reports")
    assert len(meta) == len(reports) == 1
    assert text_of(meta[0]).startswith("Alice Example · said 19 May 2025 · offer · ✓ supports")
    assert links_of(meta[0].css_first("strong"), ARTICLE_PAGE) == [("Alice Example", "actors/alice-example/")]
    assert "Later report (Other Paper, 25 May 2025, original)" in text_of(reports[0])
    assert ("Later report", "articles/2025-05-25-later/") in links_of(reports[0], ARTICLE_PAGE)


def test_countries_show_by_name_and_an_alias_equal_to_the_name_is_left_out() -> None:
    actors = ACTORS.replace("  country: NO\n", "  country: NO\n  aliases: [Alice Example, Mayor Alice]\n")
    venues = VENUES.replace("  kind: city\n", "  kind: city\n  country: TR\n  aliases: [Exampleton]\n")
    pages = pages_of({**VALID, "content/actors.yml": actors, "content/venues.yml": venues})
    actor = text_of(tree_of(pages["actors/alice-example.md"]).css_first("p.entity-meta"))
    assert "· Norway ·" in actor and "“Mayor Alice”" in actor and "“Alice Example" not in actor
    venue = text_of(tree_of(pages["venues/exampleton.md"]).css_first("p.entity-meta"))
    assert venue.startswith("city · Türkiye ·") and "also written" not in venue


def test_a_venue_page_shows_a_claim_made_at_its_event_once() -> None:
    at_venue = ARTICLE.replace(
        "    event: harbour-meeting\n", "    event: harbour-meeting\n    venue: exampleton\n"
    )
    page = body_of(pages_of({**VALID, ARTICLE_PATH: at_venue})["venues/exampleton.md"])
    assert page.count("Alice offers to sell the harbour.") == 1
    assert "made at Exampleton" not in page


def test_hostile_text_on_the_timeline_and_in_claim_cards_is_inert() -> None:
    hostile, _ = article_variants()
    hostile["content/events.yml"] = EVENTS.replace(
        "title: Alice meets Bob", f"title: {json.dumps(HOSTILE_TEXT)}"
    )
    pages = pages_of(hostile)
    for path in ("timeline.md", ARTICLE_PAGE, "events/harbour-meeting.md"):
        for html in (site_html(body_of(pages[path])), plain_html(body_of(pages[path]))):
            shown = parse(html)
            assert hostile_markup(shown) == [], path
            assert HOSTILE_TEXT in shown.text(), path
            assert shown.text().count(ATTACK_SHOWN) == shown.text().count(HOSTILE_TEXT), path
    # Event title, speaker's name and claim text on the timeline; publisher and quote in the card.
    assert tree_of(pages["timeline.md"]).text().count(HOSTILE_TEXT) >= 3
    card = tree_of(pages[ARTICLE_PAGE]).css_first("#claim-alice-offer")
    assert card.text().count(HOSTILE_TEXT) >= 4


def test_an_actor_whose_claims_are_on_no_issue_has_no_empty_positions_table() -> None:
    # Bob's only claim is a statement on no issue: his page lists it under "Other claims" and shows no
    # positions table (it had one with a header and no rows).
    bob_claim = (
        "  - id: bob-statement\n"
        "    by: bob-sample\n"
        "    kind: statement\n"
        "    text: Bob says the weather was fine.\n"
        "    date: 2025-05-19\n"
    )
    end_of_claims = "    event: harbour-meeting\n---"
    article = ARTICLE.replace(end_of_claims, f"    event: harbour-meeting\n{bob_claim}---")
    pages = pages_of({**VALID, ARTICLE_PATH: article})
    bob = tree_of(pages["actors/bob-sample.md"])
    headings = [text_of(node) for node in bob.css("h2, h3")]

    assert "Positions at a glance" not in headings
    assert "Other claims" in headings
    assert "Bob says the weather was fine." in text_of(section(bob, "Other claims"))
    alice = tree_of(pages["actors/alice-example.md"])
    assert "Positions at a glance" in [text_of(node) for node in alice.css("h2")]
