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

HTML_BLOCK_MARK = "\x1e"
"""RECORD SEPARATOR: a control character content may not hold (`newsgen check` refuses every one in text and
Markdown), so only the renderer writes it."""

HTML_BLOCK_SEPARATOR = f"\n{HTML_BLOCK_MARK}\n"
"""What opens or closes a block in a page's text: the mark on a line of its own."""


def plain_markdown(text: str) -> str:
    """A generated page as Markdown any Python-Markdown reads alike: the marks made blank lines."""
    return text.replace(HTML_BLOCK_SEPARATOR, "\n\n")


def split_html_blocks(text: str) -> list[str]:
    """A page's text cut at its marks: Markdown, HTML, Markdown, HTML, ... (always an odd number of parts)."""
    parts = text.split(HTML_BLOCK_SEPARATOR)
    if len(parts) % 2 == 0:
        raise ValueError("a generated page has an HTML block that is not closed")
    return parts
