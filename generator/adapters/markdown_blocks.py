"""Python-Markdown extension: the generated HTML blocks of a page (`generator.render.html_blocks`) go
through unparsed.

Python-Markdown finds raw HTML by parsing the whole page with an HTML parser (and MkDocs parses it once more
for anchors): on generated pages that is most of the conversion's time, for HTML that is final already. This
preprocessor runs first, after line endings are normalized, and stores each marked block in Python-Markdown's
own stash of raw HTML, exactly where its raw HTML block processor would have: the page comes out the same,
without the parsing. Ids inside the blocks are not seen by MkDocs' anchor finder; the plugin adds them.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from generator.render.html_blocks import HTML_BLOCK_MARK, split_html_blocks

PRIORITY = 25
"""After `normalize_whitespace` (30), before MkDocs' `mkdocs_raw_html` (21) and `html_block` (20)."""


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


class GeneratedHtmlExtension(Extension):
    """Registers the preprocessor; the plugin adds one instance to MkDocs' Markdown extensions."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor to `md`."""
        md.preprocessors.register(_StashHtmlBlocks(md), "newsgen_html_blocks", PRIORITY)
