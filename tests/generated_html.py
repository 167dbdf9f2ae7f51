"""Test helpers: a generated page read as the site shows it, converted and parsed as a browser parses HTML.

Tests then assert on what a reader sees and where links lead, not on how the templates spell them."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import markdown
from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.adapters.markdown_blocks import GeneratedHtmlExtension
from generator.check.safety import MARKDOWN_EXTENSIONS
from generator.domain.paths import served_path
from generator.render.html_blocks import plain_markdown

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

SITE_ROOT = "https://site.invalid/"
"""Where the site is pretended to be served, to resolve links as a browser does."""


def body_markdown(page_markdown: str) -> str:
    """A generated page's Markdown without its front matter."""
    return page_markdown.split("---\n", 2)[2].removeprefix("\n")


def site_html(text: str) -> str:
    """A generated page's Markdown (without front matter) as the site converts it: the site's extensions and
    the plugin's, which passes the marked HTML blocks through unparsed; headings get their anchors (`toc`)."""
    extensions = [*MARKDOWN_EXTENSIONS, "md_in_html", "toc", GeneratedHtmlExtension()]
    return markdown.markdown(text, extensions=extensions)


def plain_html(text: str) -> str:
    """The same Markdown as `newsgen generate` writes it (`plain_markdown`), converted by any Python-Markdown
    with the site's extensions: the blocks parsed as ordinary raw HTML."""
    return markdown.markdown(plain_markdown(text), extensions=[*MARKDOWN_EXTENSIONS, "md_in_html", "toc"])


def parse(html: str) -> LexborNode:
    """HTML parsed as a browser parses it; the `<body>` it ends up in."""
    body = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>").body
    assert body is not None
    return body


def page_tree(page_markdown: str) -> LexborNode:
    """A generated page's body as the site shows it, parsed."""
    return parse(site_html(body_markdown(page_markdown)))


def next_element(node: LexborNode) -> LexborNode | None:
    """The element after `node` among its siblings, past any text between them."""
    following = node.next
    while following is not None and following.tag in ("-text", "-comment"):
        following = following.next
    return following


def element_with_text(body: LexborNode, selector: str, text: str) -> LexborNode:
    """The one element matching `selector` whose text (`text_of`) is `text`."""
    (found,) = [node for node in body.css(selector) if text_of(node) == text]
    return found


def section(body: LexborNode, heading: str) -> LexborNode:
    """What follows the heading whose text is `heading`, up to the next heading of its level or higher, as a
    parsed fragment of its own."""
    (start,) = [node for node in body.css("h1, h2, h3, h4, h5, h6") if text_of(node) == heading]
    parts, node = [], start.next
    while node is not None and not (node.tag in HEADINGS and node.tag <= start.tag):
        parts.append(node.html or "")
        node = node.next
    return parse("".join(parts))


ATTACK_TAGS = frozenset({"script", "img", "iframe", "object", "embed", "b"})
"""Elements the attack strings of the tests would make if they were read as HTML (`<b>` too: a harmless tag
that shows markup got through)."""


def hostile_markup(node: LexborNode) -> list[str]:
    """What in `node` an attack string made: attack elements, event-handler attributes, links or sources
    with a scheme other than http(s) or mailto. Empty if every contributor value stayed text."""
    found = []
    for element in node.traverse():
        if element.tag in ATTACK_TAGS:
            found.append(f"<{element.tag}> element")
        for name, value in element.attributes.items():
            if name.lower().startswith("on"):
                found.append(f"{name} attribute on <{element.tag}>")
            if name in ("href", "src") and urlsplit((value or "").strip()).scheme not in (
                "",
                "http",
                "https",
                "mailto",
            ):
                found.append(f"{name}={value!r} on <{element.tag}>")
    return found


def tags_in(node: LexborNode) -> list[str]:
    """The tags of every element inside `node`, at any depth, in document order."""
    return [element.tag for element in node.traverse()][1:]


def text_of(node: LexborNode) -> str:
    """What a reader sees of `node`: its text, runs of white space made one space."""
    return " ".join(node.text(separator="").split())


def target(page_path: str, href: str) -> str:
    """Where a link on the page at `page_path` (`actors/x.md`, served at `actors/x/`) leads: a path from the
    site root (`articles/y/#claim-z`, `` for the home page), or an absolute URL elsewhere."""
    resolved = urljoin(SITE_ROOT + served_path(page_path), href)
    return resolved.removeprefix(SITE_ROOT) if resolved.startswith(SITE_ROOT) else resolved


def links_of(node: LexborNode, page_path: str) -> list[tuple[str, str]]:
    """Each link inside `node`, in order: its text and where it leads (`target`)."""
    return [(text_of(link), target(page_path, link.attributes.get("href") or "")) for link in node.css("a")]
