"""Generated HTML inside a generated page's Markdown, marked so that Python-Markdown need not parse it.

A generated page is Markdown (headings, contributor bodies and explainers) around blocks of HTML the
templates wrote: lists of claims and events, claim cards, tables, links. Those blocks hold only escaped text
and URLs the generator made, so nothing in them is Markdown. Each sits between two lines holding only
`HTML_BLOCK_MARK`. Under the newsgen plugin a Python-Markdown extension
(`generator.adapters.markdown_blocks`) hands each block through unparsed; anywhere else the marks become
blank lines and the blocks are ordinary raw HTML blocks (`plain_markdown`), which Python-Markdown also passes
through, after parsing them.
"""

from __future__ import annotations

from markupsafe import Markup

HTML_BLOCK_MARK = "\x1a"
"""SUBSTITUTE: a control character content may not hold (`newsgen check` refuses every one in text and
Markdown), so only the renderer writes it; neither white space nor a line break to `str.strip` and
`str.splitlines`, which would lose or split it."""

HTML_BLOCK_SEPARATOR = f"\n{HTML_BLOCK_MARK}\n"
"""What opens or closes a block in a page's text: the mark on a line of its own."""


def html_block(html: str) -> Markup:
    """`html` (drawn by a template: final, escaped) as a marked block of a page, without its blank lines;
    nothing if it is all blank (a block with nothing in it would show as an empty paragraph)."""
    lines = [line for line in html.split("\n") if line and not line.isspace()]
    if not lines:
        return Markup("")
    return Markup(f"\n{HTML_BLOCK_MARK}\n{chr(10).join(lines)}\n{HTML_BLOCK_MARK}\n")


def plain_markdown(text: str) -> str:
    """A generated page as Markdown any Python-Markdown reads alike: the marks made blank lines."""
    return f"{text}\n".replace(HTML_BLOCK_SEPARATOR, "\n\n")[:-1]


def split_html_blocks(text: str) -> list[str]:
    """A page's text cut at its marks: Markdown, HTML, Markdown, HTML, ... (always an odd number of parts)."""
    parts = f"{text}\n".split(HTML_BLOCK_SEPARATOR)  # the page may end with a block's closing mark
    parts[-1] = parts[-1][:-1]
    if len(parts) % 2 == 0:
        raise ValueError("a generated page has an HTML block that is not closed")
    return parts
