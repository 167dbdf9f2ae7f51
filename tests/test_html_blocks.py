"""HTML blocks: generated HTML marked inside a page's Markdown, and pages read back with and without marks."""

from __future__ import annotations

import re

import pytest
from generated_html import body_markdown, parse, plain_html, site_html, tags_in
from markupsafe import Markup
from test_build import FIXTURE

from generator.build.pipeline import generate_pages
from generator.render.html_blocks import HTML_BLOCK_MARK, html_block, plain_markdown, split_html_blocks

LIST = "<ul>\n<li>one</li>\n\n  \n<li>*two*</li>\n</ul>\n\n"
"""A drawn list with blank and white-space-only lines, as templates leave them, and Markdown characters that
must stay text."""


def test_a_block_is_its_html_between_marks_without_blank_lines() -> None:
    block = html_block(LIST)
    assert isinstance(block, Markup)  # final HTML: a template inserts it as it is
    assert block == f"\n{HTML_BLOCK_MARK}\n<ul>\n<li>one</li>\n<li>*two*</li>\n</ul>\n{HTML_BLOCK_MARK}\n"


def test_a_block_with_nothing_in_it_is_left_out() -> None:
    assert html_block("") == html_block("\n  \n\t\n") == ""
    page = f"# Title\n{html_block(' ')}\nText.\n"
    assert tags_in(parse(site_html(page))) == ["h1", "p"]  # no empty paragraph where the block was


def test_a_page_is_cut_into_markdown_and_html_parts() -> None:
    page = f"# Title\n{html_block(LIST)}\nText *here*.\n{html_block('<p>two</p>')}"
    parts = split_html_blocks(page)
    assert parts == [
        "# Title\n",
        "<ul>\n<li>one</li>\n<li>*two*</li>\n</ul>",
        "\nText *here*.\n",
        "<p>two</p>",
        "",
    ]
    # Nothing is lost: the marks put back between the parts give the page again.
    assert f"\n{HTML_BLOCK_MARK}\n".join(parts) == page
    assert split_html_blocks("# No blocks\n\nText.\n") == ["# No blocks\n\nText.\n"]


def test_a_page_may_end_with_a_block_with_or_without_a_last_line_break() -> None:
    ending = f"Text.\n{html_block('<p>last</p>')}"
    assert ending.endswith(f"{HTML_BLOCK_MARK}\n")
    assert split_html_blocks(ending) == ["Text.\n", "<p>last</p>", ""]
    assert split_html_blocks(ending.removesuffix("\n")) == ["Text.\n", "<p>last</p>", ""]
    assert plain_markdown(ending) == "Text.\n\n\n<p>last</p>\n\n"
    assert plain_markdown(ending.removesuffix("\n")) == "Text.\n\n\n<p>last</p>\n"


def test_an_unclosed_block_is_refused_with_a_clear_message() -> None:
    unclosed = f"Text.\n{HTML_BLOCK_MARK}\n<p>open</p>\n"
    with pytest.raises(ValueError, match=r"^a generated page has an HTML block that is not closed$"):
        split_html_blocks(unclosed)


def test_plain_markdown_makes_the_marks_blank_lines_and_leaves_other_text_alone() -> None:
    page = f"# Title\n{html_block(LIST)}\nText with a {HTML_BLOCK_MARK} inside a line.\n"
    plain = plain_markdown(page)
    assert plain == (
        "# Title\n\n\n<ul>\n<li>one</li>\n<li>*two*</li>\n</ul>\n\n\n"
        f"Text with a {HTML_BLOCK_MARK} inside a line.\n"
    )
    assert plain_markdown("No blocks.\n") == "No blocks.\n"


def test_a_block_reads_the_same_passed_through_by_the_plugin_and_parsed_as_plain_markdown() -> None:
    page = (
        f"# Title\n{html_block(LIST)}\nText *here*.\n{html_block('<table><tr><td>*cell*</td></tr></table>')}"
    )
    site, plain = site_html(page), plain_html(page)
    assert re.sub(r">\s+<", "><", site) == re.sub(r">\s+<", "><", plain)  # the same, but for line breaks
    shown = parse(site)
    # Only the Markdown outside the blocks is read: `*two*` and `*cell*` stay as written.
    assert tags_in(shown) == ["h1", "ul", "li", "li", "p", "em", "table", "tbody", "tr", "td"]
    assert [item.text() for item in shown.css("li")] == ["one", "*two*"]
    assert shown.css_first("td").text() == "*cell*"


def test_every_page_of_the_fixture_story_reads_the_same_either_way() -> None:
    pages = generate_pages(FIXTURE / "content").pages
    assert sum(HTML_BLOCK_MARK in page.markdown for page in pages.values()) > len(pages) // 2
    for path, page in pages.items():
        body = body_markdown(page.markdown)
        site, plain = site_html(body), plain_html(body)
        assert re.sub(r">\s+<", "><", site) == re.sub(r">\s+<", "><", plain), path
