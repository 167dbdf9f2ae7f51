"""The Python-Markdown extension that passes generated HTML blocks through unparsed
(generator/adapters/markdown_blocks.py): a page comes out as if its blocks were plain raw HTML (byte for byte
outside `md_in_html` containers), as MkDocs renders it with mkdocs.yml's extensions."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.adapters.markdown_blocks import GeneratedHtmlExtension, generated_html_extension
from generator.render.html_blocks import HTML_BLOCK_MARK, HTML_BLOCK_SEPARATOR, plain_markdown

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_config(*, blocks: bool) -> MkDocsConfig:
    """mkdocs.yml's configuration, with the extension added as the plugin adds it (if `blocks`)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    if blocks:
        config.markdown_extensions.append(GeneratedHtmlExtension())
    return config


@pytest.fixture(scope="module")
def configs() -> dict[bool, MkDocsConfig]:
    return {blocks: mkdocs_config(blocks=blocks) for blocks in (True, False)}


def rendered(text: str, config: MkDocsConfig, *others: str) -> Page:
    """The page `actors/x.md` holding `text`, converted as MkDocs' page loop converts it, in a site that also
    has the pages `others`."""
    files = [
        File(path, None, config.site_dir, config.use_directory_urls) for path in ("actors/x.md", *others)
    ]
    for file in files:
        file.content_string = text
    page = Page(None, files[0], config)
    page.read_source(config)
    page.render(config, Files(files))
    return page


def marked(*parts: str) -> str:
    """A generated page: Markdown, HTML block, Markdown, ... as the renderer writes it."""
    return "".join(
        part if number % 2 == 0 else f"{HTML_BLOCK_SEPARATOR}{part}{HTML_BLOCK_SEPARATOR}"
        for number, part in enumerate(parts)
    )


CLAIMS = (
    '<ul class="claims"><li id="claim-a"><a href="../../actors/y/">Bo &amp; Ada</a> said <em>x</em> '
    '<span class="badge" title="a &gt; b">held</span></li>\n<li id="claim-b">*not emphasis* [not](a-link.md) '
    "&lt;script&gt;</li></ul>"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(marked("# Ada\n\nSome *prose*.\n", CLAIMS, "More **prose**.\n"), id="one-block"),
        pytest.param(
            marked(
                "# Ada\n\n## Claims\n",
                CLAIMS,
                "Between the blocks, [a link](y.md) and a list:\n\n- one\n- two\n",
                '<table class="grid"><tr><th scope="row">A</th><td>1</td></tr></table>',
                "",
                '<p id="third">Right after another block.</p>',
                "\n!!! note\n    An admonition after the blocks.\n",
            ),
            id="several-blocks",
        ),
        pytest.param(
            marked(
                "# Ada\n",
                '<figure tabindex="0">\n<svg viewBox="0 0 10 10"></svg>\n\n<figcaption>x</figcaption>'
                "\n</figure>",
                "",
            ),
            id="blank-line-in-a-block",
        ),
    ],
)
def test_a_marked_block_comes_out_as_the_same_plain_raw_html_block(
    text: str, configs: dict[bool, MkDocsConfig]
) -> None:
    with_blocks = rendered(text, configs[True])
    plain = rendered(plain_markdown(text), configs[False])

    assert with_blocks.content == plain.content
    assert with_blocks.title == plain.title == "Ada"
    assert HTML_BLOCK_MARK not in (with_blocks.content or "")
    assert "<em>not emphasis</em>" not in (with_blocks.content or "")


def test_a_block_in_an_md_in_html_container_comes_out_as_the_same_html() -> None:
    # md_in_html parses a plain raw block inside `<div markdown>` and writes it again, line breaks added
    # between its elements; a marked block goes through as it is. Either way, the same elements.
    text = marked(
        '# Ada\n\n<div class="body" data-search-exclude markdown>\n\n## Inside\n\nProse.\n',
        CLAIMS,
        "\nMore prose.\n\n</div>\n\nAfter the container.\n",
    )
    with_blocks = rendered(text, mkdocs_config(blocks=True)).content or ""
    plain = rendered(plain_markdown(text), mkdocs_config(blocks=False)).content or ""

    assert between_tags(with_blocks) == between_tags(plain)
    assert (
        with_blocks.index("<p>Prose.</p>")
        < with_blocks.index('<ul class="claims">')
        < with_blocks.index("<p>More prose.</p>")
        < with_blocks.index("</div>")
    )


def between_tags(html: str) -> str:
    """`html` without the white space between its tags, which shows nothing between block elements."""
    return re.sub(r">\s+<", "><", html)


def test_the_blocks_ids_are_not_anchors_mkdocs_sees() -> None:
    # Which is why the plugin adds the ids it reads in the page's HTML (generator/build/links.py).
    page = rendered(marked("# Ada\n", CLAIMS, ""), mkdocs_config(blocks=True))

    assert page.present_anchor_ids is not None
    assert "claim-a" not in page.present_anchor_ids
    assert 'id="claim-a"' in (page.content or "")


def test_an_unclosed_block_is_an_error_that_says_so() -> None:
    converter = markdown.Markdown(extensions=[GeneratedHtmlExtension()])

    with pytest.raises(ValueError, match="a generated page has an HTML block that is not closed"):
        converter.convert(f"# Ada{HTML_BLOCK_SEPARATOR}<p>never closed</p>\n")


def test_a_page_without_marks_is_left_as_it_is() -> None:
    converter = markdown.Markdown(extensions=["md_in_html", GeneratedHtmlExtension()])
    lines = ["# About", "", "<div markdown>", "", "*x*", "", "</div>", "Text with a \x1f control."]

    assert converter.preprocessors["newsgen_html_blocks"].run(lines) is lines
    text = "# About\n\nSome *prose* and <b>raw HTML</b>.\n\n<div markdown>\n\n*x*\n\n</div>\n"
    assert converter.convert(text) == markdown.Markdown(extensions=["md_in_html"]).convert(text)


def test_a_mark_inside_a_line_is_no_mark() -> None:
    # Only a line holding the mark alone opens or closes a block (content may hold no mark at all).
    converter = markdown.Markdown(extensions=[GeneratedHtmlExtension()])

    assert converter.convert(f"a{HTML_BLOCK_MARK}b *c*") == f"<p>a{HTML_BLOCK_MARK}b <em>c</em></p>"


def test_the_pages_markdown_links_are_recorded_as_mkdocs_rewrote_them() -> None:
    config = mkdocs_config(blocks=True)
    extension = generated_html_extension(config.markdown_extensions)
    assert extension is not None
    text = marked(
        "# Ada\n\nSee [Bo](bo.md#offer), [a site](https://example.org/) and ![a map](map.png).\n",
        '<p><a href="../../actors/y/">raw</a> <img src="../../x.png" alt=""></p>',
        "",
    )

    rendered(text, config, "actors/bo.md")

    # A link MkDocs cannot resolve (no `map.png` here) stays as written, and MkDocs warns of it.
    assert extension.markdown_links == {"#ada", "../bo/#offer", "https://example.org/", "map.png"}
