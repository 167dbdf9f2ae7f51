"""Safety check of contributor Markdown: hostile input is a located error; normal Markdown passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_PATH, ISSUES, VALID, load_texts

from generator.validate import validate_content

BODY_LINE = len(ARTICLE.splitlines()) + 1
"""The line of the first body line appended to the article below."""


def problems_for_body(body: str) -> list[str]:
    _, problems = validate_content(load_texts({**VALID, ARTICLE_PATH: ARTICLE + body}))
    return [problem.format() for problem in problems]


@pytest.mark.parametrize(
    ("body", "column", "message"),
    [
        ("Hello <script>alert(1)</script>\n", 7, "raw HTML <script> is not allowed in Markdown"),
        ('<img src="x" onerror="alert(1)">\n', 1, "raw HTML <img> is not allowed in Markdown"),
        ("<div>\n<b>bold</b>\n</div>\n", 1, "raw HTML <div> is not allowed in Markdown"),
        ("A [link](javascript:alert(1)) here.\n", 10, "link to 'javascript:alert(1)' is not allowed"),
        ("A [link](&#106;avascript:alert(1)).\n", 10, "link to '&#106;avascript:alert(1)' is not allowed"),
        ("A [link](JAVA&#9;SCRIPT:alert(1)).\n", 10, "link to 'JAVA&#9;SCRIPT:alert(1)' is not allowed"),
        ("An ![image](data:image/svg+xml,x).\n", 13, "image to 'data:image/svg+xml,x' is not allowed"),
        ("[x](vbscript:msgbox)\n", 5, "link to 'vbscript:msgbox' is not allowed"),
        ('A [link](https://example.org){: onclick="alert(1)" }\n', 33, "event-handler attribute onclick="),
        ('A paragraph.\n{: style="background: url(https://e.example)" }\n', 4, "style attributes"),
    ],
)
def test_hostile_markdown_in_a_body_is_a_located_error(body: str, column: int, message: str) -> None:
    found = [line for line in problems_for_body(body) if message in line]

    assert found, problems_for_body(body)
    line = BODY_LINE + (1 if body.startswith("A paragraph.") else 0)
    assert found[0].startswith(f"{ARTICLE_PATH}:{line}:{column}: error: {message}")


def test_messages_say_how_to_fix_it() -> None:
    assert problems_for_body("x <b>y</b>\n\n[a](javascript:x)\n") == [
        f"{ARTICLE_PATH}:{BODY_LINE}:3: error: raw HTML <b> is not allowed in Markdown: write it in Markdown "
        "instead, or '&lt;' for a literal '<'",
        f"{ARTICLE_PATH}:{BODY_LINE + 2}:5: error: link to 'javascript:x' is not allowed: links and images "
        "may use http, https, mailto or a relative path",
    ]


LEGITIMATE = """\

## A heading

Some *emphasis*, **strong**, `code <b>` and a [link](https://example.org/a?b=1&c=2), a
[relative one](../issues/harbour-deal.md), <https://example.org/auto> and [mail](mailto:desk@example.org).
Less-than signs in prose: 3 < 4 and a&b.

| Who | Stance |
|:----|-------:|
| A   | yes    |

A claim with a footnote.[^1]

[^1]: The footnote, citing [a report](https://example.org/r).

!!! note "Background"
    An admonition with *Markdown* inside.

Term
:   Definition.

Styled paragraph.
{: .lead #anchor }

An indented code block:

    <script>alert("in a code block: shown, not run")</script>
"""


def test_legitimate_markdown_passes() -> None:
    assert problems_for_body(LEGITIMATE) == []


def test_hostile_explainer_is_located_in_the_registry() -> None:
    issues = ISSUES + "  explainer: |\n    Background.\n\n    See [this](javascript:alert(1)).\n"
    content, problems = validate_content(load_texts({**VALID, "content/issues.yml": issues}))

    line = ISSUES.count("\n") + 4
    assert [problem.format() for problem in problems] == [
        f"content/issues.yml:{line}:16: error: link to 'javascript:alert(1)' is not allowed: "
        "links and images may use http, https, mailto or a relative path"
    ]
    assert content is None


def test_a_one_line_explainer_is_located_on_its_own_line() -> None:
    issues = ISSUES + '  explainer: "Plain <i>html</i>"\n'
    _, problems = validate_content(load_texts({**VALID, "content/issues.yml": issues}))

    assert [problem.format() for problem in problems] == [
        f"content/issues.yml:{ISSUES.count(chr(10)) + 1}:21: error: raw HTML <i> is not allowed in Markdown: "
        "write it in Markdown instead, or '&lt;' for a literal '<'"
    ]


def test_the_check_renders_with_the_sites_markdown_extensions() -> None:
    # safety.MARKDOWN_EXTENSIONS mirrors mkdocs.yml (toc only adds anchors); adding an extension to the site
    # without adding it here would let the check miss what the new extension renders.
    from mkdocs.config import load_config

    from generator.safety import MARKDOWN_EXTENSIONS

    root = Path(__file__).resolve().parent.parent
    configured = load_config(str(root / "mkdocs.yml"))["markdown_extensions"]
    site_extensions = [name for name in configured if name not in ("toc", "md_in_html")]
    assert tuple(site_extensions) == MARKDOWN_EXTENSIONS


def test_html_shown_as_code_in_a_fenced_block_is_not_an_error() -> None:
    body = "How an attack looks:\n\n```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```\n"
    assert problems_for_body(body) == []


def test_raw_pre_blocks_that_are_not_code_blocks_are_still_errors() -> None:
    assert problems_for_body("<pre><script>alert(1)</script></pre>\n") != []
    assert problems_for_body('<pre onclick="alert(1)"><code>x</code></pre>\n') != []


def test_raw_html_with_the_markdown_attribute_is_still_an_error() -> None:
    # md_in_html (enabled for the site's own templates) parses such blocks instead of stashing them.
    assert problems_for_body('<div markdown="1">\n\n*hi*\n\n</div>\n') != []


@pytest.mark.parametrize(
    "body",
    [
        "See <b>this</b>.",
        "A [link](javascript:alert(1)).",
        "A [link][x].\n\n[x]: javascript:alert(1)\n",
        'Text\n{: onclick="alert(1)" }\n',
        "<https://example.org> and <javascript:alert(1)>",
    ],
)
def test_each_kind_of_markup_is_still_rendered_and_checked(body: str) -> None:
    # The plain-prose shortcut must never skip a body that carries one of these constructs.
    from generator.safety import MARKUP_MARKERS

    assert any(marker in body for marker in MARKUP_MARKERS)
    assert problems_for_body(body) != []
