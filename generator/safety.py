"""Safety check of contributor Markdown: no raw HTML, event handlers, styles or links with unsafe schemes.

The site sanitizes every page's HTML anyway (generator/sanitize.py); this check turns what is clearly hostile,
or would silently disappear, into a located error the contributor can fix.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser

import markdown

from generator.audit import URL_ATTRIBUTES, url_scheme
from generator.loader import LoadedArticle, LoadedContent, LoadedDocument, locate
from generator.problems import Problem
from generator.sanitize import SAFE_URL_SCHEMES

MARKDOWN_EXTENSIONS = ("tables", "fenced_code", "attr_list", "admonition", "footnotes", "def_list")
"""The extensions the site renders Markdown with (mkdocs.yml plus MkDocs' defaults), so the check sees what
the site will; except `toc` (anchors only) and `md_in_html`, which would parse a contributor's
`<div markdown>` instead of leaving it as the raw HTML it is (the site uses it for its own templates)."""

_FIX_RAW_HTML = "write it in Markdown instead, or '&lt;' for a literal '<'"
_FIX_URL = "links and images may use http, https, mailto or a relative path"
_TABLE_ALIGNMENT = re.compile(r"\s*text-align:\s*(left|right|center);?\s*")
"""The only style Markdown itself writes (aligned table columns)."""
_CODE_ATTRIBUTES = r'(?: (?:class|id)="[^"<>]*")*'
_FENCED_CODE = re.compile(rf"<pre{_CODE_ATTRIBUTES}><code{_CODE_ATTRIBUTES}>[^<]*</code></pre>\s*")
"""What fenced_code stashes for a code block: its text escaped, so no tag can hide in it."""
_ATTRIBUTE_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))"""


def check_content_safety(loaded: LoadedContent) -> list[Problem]:
    """Every safety problem in article bodies and issue explainers."""
    problems = [problem for article in loaded.articles for problem in check_article_safety(article)]
    problems.extend(check_registry_safety(loaded.registries))
    return problems


def check_article_safety(article: LoadedArticle) -> list[Problem]:
    """Safety problems in one article's body."""
    source = article.document.source
    return check_markdown(article.body, source.path, source.text, article.body_line)


def check_registry_safety(registries: Mapping[str, LoadedDocument]) -> list[Problem]:
    """Safety problems in the issues' explainers."""
    problems: list[Problem] = []
    issues = registries.get("issues")
    if issues is not None and isinstance(issues.data, list):
        for position, raw in enumerate(issues.data):
            if isinstance(raw, dict) and isinstance(raw.get("explainer"), str):
                first_line = _first_text_line(issues, (position, "explainer"))
                source = issues.source
                problems.extend(check_markdown(raw["explainer"], source.path, source.text, first_line))
    return problems


def _first_text_line(document: LoadedDocument, path: tuple[str | int, ...]) -> int:
    # A block scalar (`explainer: |`) starts on the line after its indicator.
    line, column = locate(document, path)
    lines = document.source.text.split("\n")
    indicator = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    return line + 1 if indicator in ("|", ">") else line


MARKUP_MARKERS = ("<", "](", "]:", "{")
"""Markdown makes HTML tags only from `<`, URLs only from `](` (inline) or `]:` (a reference definition), and
attributes only from `{` (attribute lists, fenced-code options). Text with none of them cannot be unsafe."""


def check_markdown(text: str, path: str, file_text: str, first_line: int) -> list[Problem]:
    """Problems in Markdown `text`, which starts on `first_line` of the file `path` (text `file_text`)."""
    if not any(marker in text for marker in MARKUP_MARKERS):
        return []  # most bodies are plain prose with [[mentions]]: skip rendering them (most of the cost)
    renderer = _renderer()
    renderer.reset()
    rendered = renderer.convert(text)
    locator = _Locator(text, file_text, first_line)
    problems = []
    for block in renderer.htmlStash.rawHtmlBlocks:
        if isinstance(block, str) and not _FENCED_CODE.fullmatch(block):
            tag = _first_tag(block)
            if tag is not None:
                line, column = locator.find(f"<{tag}", ignore_case=True)
                message = f"raw HTML <{tag}> is not allowed in Markdown: {_FIX_RAW_HTML}"
                problems.append(Problem(path, line, column, "error", message))
    for finding, snippets in _unsafe_attributes(rendered):
        line, column = locator.find(*snippets, ignore_case=True)
        problems.append(Problem(path, line, column, "error", finding))
    return sorted(set(problems))


@functools.cache
def _renderer() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a body; one is reset and reused.
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


def _first_tag(block: str) -> str | None:
    finder = _TagFinder()
    finder.feed(block)
    finder.close()
    # Only opening tags are reported: a closing tag belongs to one already reported.
    return next((tag for tag in finder.tags if not tag.startswith("/")), None)


class _TagFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"/{tag}")


class _AttributeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw_tag = self.get_starttag_text() or ""
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                message = f"event-handler attribute {name}= is not allowed in Markdown: remove it"
                self.findings.append((message, (f"{name}=", name)))
            elif name == "style" and not _TABLE_ALIGNMENT.fullmatch(value):
                message = "style attributes are not allowed in Markdown: remove it (classes are fine)"
                self.findings.append((message, ("style=", "style")))
            elif name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_URL_SCHEMES:
                    written = _written_value(raw_tag, name) or value
                    what = "image" if tag == "img" else "link"
                    message = f"{what} to {written!r} is not allowed: {_FIX_URL}"
                    self.findings.append((message, (written, value, f"{scheme}:")))


def _written_value(raw_tag: str, name: str) -> str | None:
    match = re.search(rf"\s{re.escape(name)}{_ATTRIBUTE_VALUE}", raw_tag, re.IGNORECASE)
    if match is None:
        return None
    value = next(group for group in match.groups() if group is not None)
    # Markdown wrote `&` as `&amp;`; the contributor wrote `&`.
    return value.replace("&amp;", "&")


def _unsafe_attributes(html: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    finder = _AttributeFinder()
    finder.feed(html)
    finder.close()
    yield from finder.findings


class _Locator:
    """Maps a snippet of the Markdown text to a line and column of the file it came from."""

    def __init__(self, text: str, file_text: str, first_line: int) -> None:
        self.text = text
        self.file_lines = file_text.split("\n")
        self.first_line = max(first_line, 1)

    def find(self, *snippets: str, ignore_case: bool = False) -> tuple[int, int]:
        """Where the first of `snippets` that occurs is; the text's start if none does."""
        haystack = self.text.lower() if ignore_case else self.text
        for snippet in snippets:
            if not snippet:
                continue
            offset = haystack.find(snippet.lower() if ignore_case else snippet)
            if offset < 0:
                continue
            relative_line = self.text.count("\n", 0, offset)
            line = self.first_line + relative_line
            written = self.text.split("\n")[relative_line]
            column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
            if 0 < line <= len(self.file_lines):
                # In a YAML block the file line is indented: find the same text there.
                file_line = self.file_lines[line - 1]
                shift = file_line.find(written) if written else -1
                column += max(shift, 0)
            return line, column
        return self.first_line, 1
