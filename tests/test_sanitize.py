"""Sanitizer: whatever Markdown let through, the page's HTML keeps only inert markup and safe URLs."""

from __future__ import annotations

import markdown
import pytest

from generator.build.sanitize import sanitize_html
from generator.check.safety import MARKDOWN_EXTENSIONS


def rendered(text: str) -> str:
    return sanitize_html(markdown.markdown(text, extensions=[*MARKDOWN_EXTENSIONS, "toc"]))


@pytest.mark.parametrize(
    ("attack", "gone"),
    [
        ("<script>alert(1)</script>", "alert"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        ('<iframe src="https://example.org"></iframe>', "iframe"),
        ("<style>body{background:url(https://example.org/x)}</style>", "example.org"),
        ('<form action="https://example.org"><button>go</button></form>', "form"),
        ("[x](javascript:alert(1))", "javascript"),
        ("[x](&#106;avascript:alert(1))", "avascript"),
        ("[x](JAVA&#9;SCRIPT:alert(1))", "SCRIPT"),
        ("[x](vbscript:msgbox)", "vbscript"),
        ("![x](data:image/svg+xml,abc)", "data:"),
        ('[x](https://example.org){: onclick="alert(1)" }', "onclick"),
        ('Text\n{: style="background:url(https://example.org/x)" }', "example.org"),
        ("<!-- <script>alert(1)</script> -->", "alert"),
        ('<a href="java\nscript:alert(1)">x</a>', "script:"),
        # Search markers belong to the theme: a contributor may not add a page to the index or change its
        # title or weight in the results.
        ('<div data-pagefind-body data-pagefind-weight="10">x</div>', "pagefind"),
        ('Text\n{: data-pagefind-meta="title:Fake" }', "pagefind"),
    ],
)
def test_attacks_are_removed(attack: str, gone: str) -> None:
    assert gone.lower() not in rendered(attack).lower()


def test_contributor_markdown_keeps_working() -> None:
    html = rendered(
        "## Heading\n\n*em* **strong** [link](https://example.org/a?b=1&c=2) [rel](../x/) "
        "[mail](mailto:a@example.org)\n\n"
        "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
        "Note.[^1]\n\n[^1]: Footnote.\n\n"
        '!!! note "Title"\n    Body.\n\n'
        "Lead.\n{: .lead #here }\n\n![alt](images/map.png)\n"
    )

    for kept in (
        '<h2 id="heading">Heading</h2>',
        "<em>em</em>",
        "<strong>strong</strong>",
        '<a href="https://example.org/a?b=1&amp;c=2">link</a>',
        '<a href="../x/">rel</a>',
        '<a href="mailto:a@example.org">mail</a>',
        '<th style="text-align:left">A</th>',
        '<td style="text-align:right">2</td>',
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<li id="fn:1">',
        '<div class="admonition note">',
        '<p class="admonition-title">Title</p>',
        '<p class="lead" id="here">Lead.</p>',
        '<img alt="alt" src="images/map.png">',
    ):
        assert kept in html, kept


def test_the_generators_svg_figures_survive_and_stay_inert() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" role="img" '
        'aria-labelledby="t"><title id="t">Graph</title><line class="link" x1="0" y1="0" x2="5" y2="5" '
        'stroke-width="2"></line><circle class="node" cx="1" cy="2" r="3"></circle>'
        '<rect x="0" y="0" width="4" height="4"></rect>'
        '<text x="1" y="2" text-anchor="middle">Putin</text></svg>'
    )
    # As the picture macros of generator/render/templates/_macros.md.j2 draw it.
    figure = '<figure class="explained-figure" tabindex="0">'
    html = f"{figure}{svg}<figcaption>Who met whom</figcaption></figure>"
    cleaned = sanitize_html(html)
    for kept in (
        '<line class="link" x1="0"',
        '<circle class="node" cx="1"',
        'text-anchor="middle">Putin</text>',
        'viewBox="0 0 10 10"',
        "<figcaption>Who met whom</figcaption>",
        'tabindex="0"',
    ):
        assert kept in cleaned


def test_hostile_svg_is_stripped() -> None:
    hostile = (
        '<svg onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><text>x</text></a>'
        '<circle style="fill:url(https://evil.example/x)" cx="1"></circle>'
        "<foreignObject><img src=x onerror=alert(4)>"
        "</foreignObject></svg>"
    )
    cleaned = sanitize_html(hostile)
    for gone in (
        "onload",
        "<script",
        "alert(2)",
        "javascript:",
        "style=",
        "evil.example",
        "onerror",
        "foreignObject",
    ):
        assert gone not in cleaned


@pytest.mark.parametrize(
    ("html", "cleaned"),
    [
        ('<p id="__config">{"base": "https://evil.example"}</p>', '<p>{"base": "https://evil.example"}</p>'),
        ('<p id="&#95;&lowbar;config">x</p>', "<p>x</p>"),
        ('<p/ID="__drawer">x</p>', "<p>x</p>"),
        ('<p id="md-header">x</p>', "<p>x</p>"),
        ('<div class="md-dialog md-dialog--active">x</div>', "<div>x</div>"),
        ('<pre class="mermaid"><code>graph</code></pre>', "<pre><code>graph</code></pre>"),
        ('<ol class="annotate lead"><li>x</li></ol>', '<ol class="lead"><li>x</li></ol>'),
        ('<img name="getElementById" src="map.png">', '<img src="map.png">'),
        ('<a name="cookie" href="#x">x</a>', '<a href="#x">x</a>'),
    ],
)
def test_ids_and_classes_of_the_theme_are_removed(html: str, cleaned: str) -> None:
    # Material reads its configuration from #__config: a page's own element with that id, earlier in the
    # document, would win. The check refuses these in contributor Markdown; the sanitizer removes the rest.
    assert sanitize_html(html) == cleaned


def test_a_heading_whose_anchor_would_be_a_theme_id_loses_only_its_id() -> None:
    assert rendered("## __config\n\nText.") == "<h2>__config</h2>\n<p>Text.</p>"


def test_the_sites_own_ids_and_classes_are_kept() -> None:
    html = (
        '<p class="issue-filter-links" id="issue-filter-links" data-issue-filter="timeline">x</p>'
        '<div class="timeline-item" data-issues="a b">y</div><p class="lead" id="fn:1">z</p>'
    )
    assert sanitize_html(html) == html
