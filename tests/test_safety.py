"""Safety check of contributor Markdown: hostile input is a located error; normal Markdown passes."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_PATH, ISSUES, VALID, load_texts
from test_audit import ids_material_uses

from generator.check import safety
from generator.check.markdown_limits import find_excesses
from generator.check.safety import check_markdown
from generator.check.validate import validate_content

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

    from generator.check.safety import MARKDOWN_EXTENSIONS

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
    from generator.check.safety import MARKUP_MARKERS

    assert any(marker in body for marker in MARKUP_MARKERS)
    assert problems_for_body(body) != []


def _name_refused(kind: str, name: str, suggestion: str) -> str:
    return (
        f"error: {kind} '{name}' is not allowed in Markdown: ids and classes must be lowercase words joined "
        "by hyphens, and none that the theme or the site uses (such as '__config', 'md-...', 'timeline'); "
        f"choose another, such as 'my-{suggestion}'"
    )


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        # Material reads its configuration from #__config: a contributor's element written first would win.
        ("Para.\n{: #__config }\n", (1, 4), _name_refused("an id", "__config", "config")),
        ("# Title {#__config}\n", (0, 10), _name_refused("an id", "__config", "config")),
        ("[x](https://example.org){#__drawer}\n", (0, 26), _name_refused("an id", "__drawer", "drawer")),
        ("![x](map.png){: #__search }\n", (0, 17), _name_refused("an id", "__search", "search")),
        ("```{ .python #__consent }\nx\n```\n", (0, 14), _name_refused("an id", "__consent", "consent")),
        ("Para.\n{: .md-dialog }\n", (1, 4), _name_refused("a class", "md-dialog", "md-dialog")),
        ('!!! md-header "Title"\n    Body.\n', (0, 5), _name_refused("a class", "md-header", "md-header")),
        # `pre.mermaid` makes Material load a script from unpkg.com; other pages link to #timeline.
        ("Para.\n{: .mermaid }\n", (1, 4), _name_refused("a class", "mermaid", "mermaid")),
        ("Para.\n{: #timeline }\n", (1, 4), _name_refused("an id", "timeline", "timeline")),
        ("Para.\n{: #Intro }\n", (1, 4), _name_refused("an id", "Intro", "intro")),
        (
            'Para.\n{: data-md-component="skip" }\n',
            (1, 4),
            "error: the attribute data-md-component= is not allowed in Markdown: remove it "
            "(ids and classes are)",
        ),
        (
            'Para.\n{: name="getElementById" }\n',
            (1, 4),
            "error: the attribute name= is not allowed in Markdown: remove it (ids and classes are)",
        ),
        (
            "## __config\n",
            (0, 4),
            "error: the heading '__config' would get the id '__config', and ids starting with '__' belong to "
            "the theme: reword it, or give it an id of your own: ## Heading {#my-heading}",
        ),
    ],
)
def test_ids_and_classes_of_the_theme_are_refused(body: str, where: tuple[int, int], message: str) -> None:
    line, column = where
    assert problems_for_body(body) == [f"{ARTICLE_PATH}:{BODY_LINE + line}:{column}: {message}"]


def test_safe_ids_and_classes_pass() -> None:
    body = "Lead.\n{: .key-figures #in-short }\n\n# Heading {#background}\n\n"
    body += '!!! warning "Unverified"\n    Text.\n'
    body += "\n## Our __init__ method\n\nA snake_case_name.\n"
    assert problems_for_body(body) == []


def _image_refused(url: str) -> str:
    return (
        f"error: image '{url}' would load from another host, and the site loads nothing from other hosts: "
        f"put the image on this site and use a relative path, or link to it: [description]({url})"
    )


@pytest.mark.parametrize(
    ("body", "where", "url"),
    [
        ("![x](//evil.example/x.png)\n", (0, 5), "//evil.example/x.png"),
        ("![x](https://evil.example/x.png)\n", (0, 5), "https://evil.example/x.png"),
        ("![x][r]\n\n[r]: //evil.example/x.png\n", (2, 6), "//evil.example/x.png"),
        ("![x](\\\\\\\\evil.example/x.png)\n", (0, 8), "\\\\evil.example/x.png"),
    ],
)
def test_an_image_from_another_host_is_refused(body: str, where: tuple[int, int], url: str) -> None:
    line, column = where
    assert problems_for_body(body) == [f"{ARTICLE_PATH}:{BODY_LINE + line}:{column}: {_image_refused(url)}"]


def user_name_refused(what: str, url: str, user: str = "bbc.co.uk", host: str = "evil.example") -> str:
    return (
        f"error: {what} '{url}': a user name before '@' disguises where a link leads (to '{host}', not to "
        f"'{user}'); write the page's own address, with nothing between '//' and its host"
    )


@pytest.mark.parametrize(
    ("body", "where", "what", "url"),
    [
        (
            "See [the BBC](https://bbc.co.uk@evil.example/news).\n",
            (0, 15),
            "link",
            "https://bbc.co.uk@evil.example/news",
        ),
        ("See <https://bbc.co.uk@evil.example/x>.\n", (0, 6), "link", "https://bbc.co.uk@evil.example/x"),
        (
            "See [r][ref].\n\n[ref]: https://bbc.co.uk@evil.example/r\n",
            (2, 8),
            "link",
            "https://bbc.co.uk@evil.example/r",
        ),
        ("[x](//bbc.co.uk@evil.example/)\n", (0, 5), "link", "//bbc.co.uk@evil.example/"),
        ("[x](http:bbc.co.uk@evil.example)\n", (0, 5), "link", "http:bbc.co.uk@evil.example"),
        ("[x](https:\\\\bbc.co.uk@evil.example)\n", (0, 13), "link", "https:\\bbc.co.uk@evil.example"),
        ("[x](https://bbc.co.uk&#64;evil.example/)\n", (0, 5), "link", "https://bbc.co.uk&#64;evil.example/"),
        (
            "![x](https://bbc.co.uk@evil.example/x.png)\n",
            (0, 6),
            "image",
            "https://bbc.co.uk@evil.example/x.png",
        ),
    ],
)
def test_a_url_with_a_user_name_is_refused_in_markdown(
    body: str, where: tuple[int, int], what: str, url: str
) -> None:
    # `https://bbc.co.uk@evil.example/` opens evil.example: what precedes `@` is only a user name.
    line, column = where
    assert problems_for_body(body) == [
        f"{ARTICLE_PATH}:{BODY_LINE + line}:{column}: {user_name_refused(what, url)}"
    ]


def test_a_url_with_a_user_name_is_refused_in_an_explainer() -> None:
    issues = ISSUES + "  explainer: |\n    Background.\n\n    See [BBC](https://bbc.co.uk@evil.example/).\n"
    _, problems = validate_content(load_texts({**VALID, "content/issues.yml": issues}))

    line = ISSUES.count("\n") + 4
    assert [problem.format() for problem in problems] == [
        f"content/issues.yml:{line}:15: {user_name_refused('link', 'https://bbc.co.uk@evil.example/')}"
    ]


def test_an_at_sign_that_names_no_user_is_fine() -> None:
    body = (
        "[a](https://example.org/@someone) [b](https://example.org/x?to=a@b) <someone@example.org>\n"
        "[c](mailto:someone@example.org) [d](people/@me.md) [e](#a@b)\n"
    )
    assert problems_for_body(body) == []


def test_links_to_other_hosts_are_fine() -> None:
    assert problems_for_body("[a](//example.org/x) <https://example.org/y> ![map](images/map.png)\n") == []


def test_a_footnote_defined_but_never_cited_is_refused() -> None:
    assert problems_for_body("Text.[^cited]\n\n[^cited]: Cited.\n\n[^note]: Never cited.\n") == [
        f"{ARTICLE_PATH}:{BODY_LINE + 4}:1: error: footnote [^note] is defined but never cited: cite it in "
        "the text with [^note], or remove its definition"
    ]


_BRACKETS = (
    "error: more than 16 brackets '[' or '](' are open here (an unclosed one stays open to the end of its "
    "paragraph): close them, or write \\[ for a literal bracket"
)
_NESTING = "error: quotes, lists and indented blocks are nested more than 32 levels deep here: flatten them"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\n" + "[" * 17 + "\n", [f"1:17: {_BRACKETS}"]),
        ("\n" + "[a](" * 17 + "\n", [f"1:65: {_BRACKETS}"]),
        (
            "\n" + "[" * 20_000 + "\n",
            [
                "1:1: error: this paragraph of 20,001 characters has more than 499 links, emphases, code "
                "spans or other marks, more than Markdown renders quickly: split it with blank lines",
                f"1:17: {_BRACKETS}",
            ],
        ),
        ("\n" + "> " * 33 + "deep\n", [f"1:65: {_NESTING}"]),
        ("\n" + "- " * 33 + "deep\n", [f"1:65: {_NESTING}"]),
        ("\n" + "".join("    " * depth + "!!! note\n\n" for depth in range(34)), [f"67:129: {_NESTING}"]),
        (
            "\n" + "*a " * 33 + "b" + "*" * 33 + "\n",
            [
                "1:97: error: emphasis ('*' or '_') is nested more than 32 levels deep here: close it "
                "sooner, or write \\* for a literal asterisk"
            ],
        ),
        (
            "\n" + "<a:" * 17 + "\n",
            [
                "1:49: error: more than 16 raw HTML tags: raw HTML is not allowed in Markdown; write it in "
                "Markdown instead, or '&lt;' for a literal '<'"
            ],
        ),
        ("\n" + "# h\n" * 501, ["501:1: error: more than 500 headings in one text: split it into several"]),
        (
            "\nText" + "[^1]" * 501 + "\n\n[^1]: x\n",
            ["1:2005: error: more than 500 footnote references in one text: cite fewer, or split the text"],
        ),
    ],
)
def test_markdown_past_a_limit_is_a_located_error(body: str, expected: list[str]) -> None:
    # The body starts with a blank line, so line 1 of `expected` is the body's second line.
    assert problems_for_body(body) == [
        f"{ARTICLE_PATH}:{BODY_LINE + int(line)}:{rest}"
        for line, rest in (problem.split(":", 1) for problem in expected)
    ]


def test_a_text_past_the_size_limit_is_refused_where_the_excess_starts() -> None:
    problems = check_markdown("word " * 200_000, "p.md", "word " * 200_000, 1)

    assert [problem.format() for problem in problems] == [
        "p.md:1:200001: error: this text is 1,000,000 characters long, more than the 200,000 allowed: split "
        "it into several articles or pages"
    ]


@pytest.mark.parametrize(
    "attack",
    [
        "[" * 199_000,
        "[\n" * 99_000,
        "[a](" * 49_000,
        "![" * 99_000,
        "- " * 99_000,
        "*a\n" * 66_000,
        "` a " * 49_000,
        "<a:\n\n" * 39_000,
        "# h\n" * 49_000,
        "[^1]\n\n" * 33_000,
        "[" * 1_000_000,
    ],
)
def test_hostile_markdown_is_refused_fast_and_never_rendered(attack: str) -> None:
    # Rendered, the first of these takes Python-Markdown hours; the check must answer within a second or so.
    start = time.perf_counter()
    problems = check_markdown(attack, "p.md", attack, 1)
    elapsed = time.perf_counter() - start

    assert problems and all(problem.severity == "error" for problem in problems)
    assert elapsed < 3, elapsed


def test_real_prose_is_far_from_the_limits() -> None:
    paragraph = (
        "Some *emphasis*, **strong**, a [link](https://example.org/a_b), `code`, a footnote[^1] and more "
        "prose. " * 20
    )
    table = "| Who | Stance |\n|---|---|\n" + "| [Actor](../actors/a/) | *supports* |\n" * 300
    lists = "".join("    " * depth + "- item\n" for depth in range(8))
    body = "\n".join(
        ["\n## Section\n", paragraph, table, lists, "> > > A quote in a quote.", "[^1]: A note.\n"]
    )
    assert problems_for_body(body) == []


def test_no_name_the_theme_or_the_site_uses_is_safe_for_contributors() -> None:
    # If Material or our templates start using a new id or class, this names it: reserve it in domain/web.py.
    from markdown.extensions.toc import slugify

    from generator.check.safety import is_safe_name

    root = Path(__file__).resolve().parent.parent
    templates = (root / "theme_overrides").rglob("*.html")
    used = {name for page in templates for name in re.findall(r'\bid="([^"{$]+)"', page.read_text("utf-8"))}
    used |= ids_material_uses()
    used |= {"mermaid", "annotate", "highlight", "hll", "__nav_1", "__palette_0", "md-typeset"}
    ours = (root / "theme_overrides" / "assets" / "javascripts" / "timeline-filter.js").read_text("utf-8")
    used |= set(re.findall(r'(?:querySelector(?:All)?\("[.#]|className = "|\.id = ")([a-z-]+)', ours))
    for template in (root / "generator" / "render" / "templates").glob("*.j2"):
        text = template.read_text("utf-8")
        used |= set(re.findall(r"\{:[^}]*#([a-z-]+)", text))
        # Headings with a fixed text (not `## Claims made at {{ venue.name }}`) have fixed anchors.
        used |= {
            slugify(heading, "-") for heading in re.findall(r"^#+ ([^{}\n]+?)(?: \{:?\s.*)?$", text, re.M)
        }

    assert {"__config", "__drawer", "timeline", "sources", "whos-who", "timeline-item", "mermaid"} <= used
    assert sorted(name for name in used if is_safe_name(name)) == []


def test_counting_characters_never_lets_an_excess_through() -> None:
    # Prose without tags or footnotes is proved within the limits by counting characters; any paragraph that
    # counting cannot clear is walked mark by mark, as before.
    thirty_two_deep = "*" * 32 + "a" + "*" * 32  # 64 asterisks: walked, and within the limit
    assert find_excesses(thirty_two_deep) == []
    emphases = " ".join(f"*word{number}*" for number in range(16))  # 32 asterisks: cleared by counting
    assert find_excesses(emphases) == []
    thirty_three_open = "*a " * 33 + "b"  # 33 asterisks, all opening: walked, and refused
    assert [excess.message.split(" here")[0] for excess in find_excesses(thirty_three_open)] == [
        "emphasis ('*' or '_') is nested more than 32 levels deep"
    ]
    thirty_two_open = "*a " * 16 + "_b " * 16 + "c"  # 32 open at once: counting proves it within the limit
    assert find_excesses(thirty_two_open) == []
    sixteen_open = "See " + "[a " * 16 + "end."
    assert find_excesses(sixteen_open) == []
    seventeen_open = "See " + "[a " * 17 + "end."
    assert [excess.message.split(" (")[0] for excess in find_excesses(seventeen_open)] == [
        "more than 16 brackets '[' or '](' are open here"
    ]
    open_links = "See " + "[a](b " * 17 + "end."  # 17 link targets left open: walked, and refused
    assert find_excesses(open_links) != []
    few_open_links = "See " + "[a](b " * 8 + "end."  # 8 '[' and 8 '(' counted: cleared by counting
    assert find_excesses(few_open_links) == []
    mentions = " ".join(f"[[actor-{number}]]" for number in range(60))  # 120 '[', all closed: walked, fine
    assert find_excesses(mentions) == []


def test_a_text_checked_again_is_rendered_once_and_located_where_it_is_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `mkdocs serve` checks every body again on each save: a body is rendered once per process, and each
    # check still says where its own problem is.
    body = "Intro.\n\nSee <b>this</b> and [a link](javascript:alert(1)).\n"
    renders = []
    original = safety.render_findings
    monkeypatch.setattr(safety, "render_findings", lambda text: renders.append(text) or original(text))
    monkeypatch.setattr(safety, "FINDINGS_BY_TEXT", {})

    first = check_markdown(body, "a.md", "---\n---\n" + body, 3)
    second = check_markdown(body, "b.md", "---\ntitle: x\n---\n\n" + body, 5)

    assert renders == [body]
    assert [problem.format() for problem in first] == [
        "a.md:5:5: error: raw HTML <b> is not allowed in Markdown: write it in Markdown instead, or '&lt;' "
        "for a literal '<'",
        "a.md:5:30: error: link to 'javascript:alert(1)' is not allowed: links and images may use http, "
        "https, mailto or a relative path",
    ]
    assert [problem.format() for problem in second] == [
        line.replace("a.md:5:", "b.md:7:") for line in (problem.format() for problem in first)
    ]


LINK_PIECES = [
    "[a report](2024-05-01-talks.md)",
    "[the page](https://example.org/a/b?c=1#d)",
    "[mail](mailto:desk@example.org)",
    "[a](//example.org/x)",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert)",
    "[a](java&#115;cript:alert)",
    "[a](https://bbc.co.uk@evil.example/)",
    "[a](https://bbc.co.uk&#64;evil.example/)",
    "![a](https://example.org/x.png)",
    "![a](x.png)",
    '[a](b.md "title")',
    "[a](<javascript:alert(1)>)",
    "[a]( javascript:alert)",
    "[a](b.md)](javascript:x)",
    "[a `](javascript:x)` b](c.md)",
    "[a](x\\:y)",
    "[a [b](c.md)](vbscript:x)",
    "[a](x|javascript:y)",
    "[[actor-1]](data:text/html,x)",
]
PROSE_PIECES = [
    "Plain words",
    "*emphasis*",
    "**strong**",
    "`code](x)`",
    "[[actor-1]]",
    "[[label|actor-2]]",
    "|",
]
BLOCK_PREFIXES = ["", "- ", "> ", "1. ", "## ", "    ", "| x | "]


def test_a_body_is_only_left_unrendered_when_rendering_it_would_find_nothing() -> None:
    # Bodies whose only markup is plain links are not rendered: on thousands of combinations of links, prose
    # and blocks, whenever the shortcut says nothing can be found, rendering finds nothing.
    generator = random.Random(15)
    shortcut_taken = 0
    for _ in range(3000):
        lines = []
        for _ in range(generator.randint(1, 4)):
            pieces = generator.sample(PROSE_PIECES + LINK_PIECES, generator.randint(1, 4))
            lines.append(generator.choice(BLOCK_PREFIXES) + " ".join(pieces))
        text = generator.choice(["\n", "\n\n"]).join(lines)
        if not safety.may_find_anything(text):
            shortcut_taken += 1
            assert list(safety.render_findings(text)) == [], text
    assert shortcut_taken > 100


@pytest.mark.parametrize(
    "body",
    [
        "A [report](2024-05-01-talks.md) and [[actor-1]].\n\n## Background\n\n- a *list* [[actor-2]]\n",
        "See [the page](https://example.org/a?b=1#c) or [write](mailto:desk@example.org).",
    ],
)
def test_a_body_with_only_plain_links_is_not_rendered(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    renders = []
    monkeypatch.setattr(safety, "render_findings", lambda text: renders.append(text) or iter(()))
    monkeypatch.setattr(safety, "FINDINGS_BY_TEXT", {})
    assert check_markdown(body, "a.md", body, 1) == []
    assert renders == []


@pytest.mark.parametrize(
    "link",
    [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert)",
        "[a](java&#115;cript:alert)",
        "[a](<javascript:alert(1)>)",
        "[a](https://bbc.co.uk@evil.example/)",
        "[a](https://bbc.co.uk&#64;evil.example/)",
        "![a](https://example.org/x.png)",
    ],
)
def test_a_hostile_link_among_plain_ones_is_still_found(link: str) -> None:
    body = f"A [report](2024-05-01-talks.md), then {link}, then [another](https://example.org)."
    assert safety.may_find_anything(body)
    assert problems_for_body(body) != []


def test_a_heading_written_with_wide_underscores_still_gets_the_theme_id_refused() -> None:
    # The heading's id folds U+FF3F FULLWIDTH LOW LINE to `_`: the shortcut for text without markup must
    # not skip it.
    assert problems_for_body("## \uff3f\uff3fconfig\n\nText.\n") != []


def test_every_character_an_id_makes_an_underscore_of_is_a_marker() -> None:
    import unicodedata

    folded = {chr(code) for code in range(0x110000) if "_" in unicodedata.normalize("NFKD", chr(code))}
    assert folded == set(safety.UNDERSCORES)
