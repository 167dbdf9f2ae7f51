"""Python-Markdown extension: the generated HTML blocks of a page (`generator.render.html_blocks`) go
through unparsed.

Python-Markdown finds raw HTML by parsing the whole page with an HTML parser (and MkDocs parses it once more
for anchors): on generated pages that is most of the conversion's time, for HTML that is final already. This
preprocessor runs first, after line endings are normalized, and stores each marked block in Python-Markdown's
own stash of raw HTML, exactly where its raw HTML block processor would have: the page comes out the same,
without the parsing. Ids inside the blocks are not seen by MkDocs' anchor finder; the plugin adds them.

It also records the URLs of the page's Markdown links and images, as MkDocs has rewritten them: MkDocs checks
those itself (and a broken one in an article's body is the contributor's to fix), so the plugin's check of
generated links (`generator/build/links.py`) leaves them out and checks the raw HTML the generator wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from generator.render.html_blocks import HTML_BLOCK_MARK, split_html_blocks

PRIORITY = 25
"""After `normalize_whitespace` (30), before MkDocs' `mkdocs_raw_html` (21) and `html_block` (20)."""
LINKS_PRIORITY = -10
"""After MkDocs' `relpath` (0), which rewrites Markdown links to the URLs the site serves."""


class _StashHtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if HTML_BLOCK_MARK not in lines:  # a hand-written page, or a generated one without blocks
            return lines
        parts = split_html_blocks("\n".join(lines))
        store = self.md.htmlStash.store
        for number in range(1, len(parts), 2):
            # Stored as Python-Markdown's raw HTML block processor stores a block: with its final line break.
            placeholder = store(parts[number] + "\n")
            parts[number] = f"\n{placeholder}\n"
        return "\n".join(parts).split("\n")


class _RecordMarkdownLinks(Treeprocessor):
    def __init__(self, md: Markdown, extension: GeneratedHtmlExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        links = {element.get("href", "") for element in root.iter("a")}
        links.update(element.get("src", "") for element in root.iter("img"))
        self.extension.markdown_links = frozenset(links)


class GeneratedHtmlExtension(Extension):
    """Registers the preprocessor and the recorder of Markdown links; the plugin adds one instance to MkDocs'
    Markdown extensions."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.markdown_links: frozenset[str] = frozenset()
        """The URLs of the Markdown links and images (and headings' permalinks, footnotes' links) of the page
        this process converted last: MkDocs converts a page, then hands its HTML to the plugins."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor and the recorder to `md`."""
        md.preprocessors.register(_StashHtmlBlocks(md), "newsgen_html_blocks", PRIORITY)
        md.treeprocessors.register(_RecordMarkdownLinks(md, self), "newsgen_markdown_links", LINKS_PRIORITY)


def generated_html_extension(extensions: Iterable[object]) -> GeneratedHtmlExtension | None:
    """The instance among MkDocs' Markdown extensions (`config.markdown_extensions`), once the plugin added
    it."""
    return next(
        (extension for extension in extensions if isinstance(extension, GeneratedHtmlExtension)), None
    )
