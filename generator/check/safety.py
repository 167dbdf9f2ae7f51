"""Safety check of contributor Markdown: no raw HTML, event handlers, styles, unsafe or deceptive links.

The site sanitizes every page's HTML anyway (generator/build/sanitize.py); this check turns what is clearly
hostile, or would silently disappear, into a located error the contributor can fix.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser

import markdown
from markdown.extensions.toc import slugify

from generator.check.markdown_limits import find_excesses
from generator.domain.characters import find_hidden_characters, hidden_character_message, reorders_text
from generator.domain.kinds import ENTITY_KINDS
from generator.domain.web import (
    SAFE_URL_SCHEMES,
    THEME_NAME_PREFIXES,
    THEME_NAMES,
    URL_ATTRIBUTES,
    describe_user_info,
    is_outside_reference,
    url_scheme,
    url_user_info,
)
from generator.load.loader import LoadedArticle, LoadedContent, LoadedDocument, locate
from generator.problems import Problem

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
_SAFE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""The ids and classes a contributor may set: lowercase words joined by hyphens (`lead`, `key-figures`)."""
_MARKDOWN_CLASSES = frozenset(
    {"footnote", "footnote-ref", "footnote-backref", "admonition", "admonition-title"}
)
_MARKDOWN_ID = re.compile(r"fn(?:ref\d*)?:")
"""Ids and classes the footnotes, admonition and fenced_code extensions write themselves (`language-...`)."""
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_FIX_REORDERING = (
    ". Prose in a right-to-left script needs no such control; a mark such as U+200F RIGHT-TO-LEFT MARK "
    "is allowed"
)


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
    """Safety problems in the registries' Markdown fields (an issue's explainer)."""
    problems: list[Problem] = []
    for kind in ENTITY_KINDS:
        document = registries.get(kind.registry)
        if document is None or not isinstance(document.data, list) or not kind.markdown_fields:
            continue
        source = document.source
        for position, raw in enumerate(document.data):
            for field_name in kind.markdown_fields:
                if isinstance(raw, dict) and isinstance(raw.get(field_name), str):
                    first_line = _first_text_line(document, (position, field_name))
                    # A Markdown field is YAML text: the stricter rule for every text of a registry
                    # (validate.py) already refuses every hidden character in it, so it is not searched twice.
                    problems.extend(
                        check_markdown(
                            raw[field_name], source.path, source.text, first_line, hidden_characters=False
                        )
                    )
    return problems


def check_story_safety(document: LoadedDocument) -> list[Problem]:
    """Safety problems in the story file's Markdown: each section's `text`."""
    problems: list[Problem] = []
    sections = document.data.get("sections") if isinstance(document.data, dict) else None
    for position, raw in enumerate(sections if isinstance(sections, list) else ()):
        if isinstance(raw, dict) and isinstance(raw.get("text"), str):
            first_line = _first_text_line(document, ("sections", position, "text"))
            problems.extend(
                check_markdown(
                    raw["text"],
                    document.source.path,
                    document.source.text,
                    first_line,
                    hidden_characters=False,
                )
            )
    return problems


def _first_text_line(document: LoadedDocument, path: tuple[str | int, ...]) -> int:
    # A block scalar (`explainer: |`) starts on the line after its indicator.
    line, column = locate(document, path)
    lines = document.source.text.split("\n")
    indicator = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    return line + 1 if indicator in ("|", ">") else line


UNDERSCORES = ("_", "\ufe33", "\ufe34", "\ufe4d", "\ufe4e", "\ufe4f", "\uff3f")
"""`_` and the characters a heading's id makes `_` of (its compatibility forms, such as U+FF3F FULLWIDTH LOW
LINE)."""
MARKUP_MARKERS = ("<", "](", "]:", "{", "!!!", *UNDERSCORES)
"""Markdown makes HTML tags only from `<`, URLs only from `](` (inline) or `]:` (a reference definition),
attributes only from `{` (attribute lists, fenced-code options), classes from `!!!` (an admonition's type) and
an id starting with `__` only from a heading with `_` (or a form of it) in it. Text with none of them cannot
be unsafe."""

_INLINE_LINK = "]("
_PLAIN_LINK = re.compile(r"\]\(([^\s()<>\[\]\"'`\\&|]*)\)")
"""An inline link's `](`, a destination Markdown takes as written (no space, title, angle brackets, quote,
parenthesis, bracket, escape, entity or table cell border in it) and its `)`."""


def may_find_anything(text: str) -> bool:
    """Whether rendering `text` can find anything; False only when it surely cannot.

    A text without `MARKUP_MARKERS` cannot; nor can one whose only markup is inline links (not images) each
    written `[...](destination)` with a plain destination that the URL checks pass: their `href` is that
    destination as written, and nothing else makes a tag, an attribute or a URL. Most reports have a link or
    two and no other markup, and rendering 2,000 words costs about 10 ms.
    """
    present = [marker for marker in MARKUP_MARKERS if marker in text]
    if present != [_INLINE_LINK]:
        return bool(present)
    destinations = _PLAIN_LINK.findall(text)
    return (
        "![" in text
        or len(destinations) != text.count(_INLINE_LINK)
        or any(url_findings("a", "href", destination) for destination in destinations)
    )


def check_markdown(
    text: str, path: str, file_text: str, first_line: int, *, hidden_characters: bool = True
) -> list[Problem]:
    """Problems in Markdown `text`, which starts on `first_line` of the file `path` (text `file_text`).

    Control characters other than the tab and line breaks, and bidirectional embeddings, overrides and
    isolates are refused (unless `hidden_characters` is False, for a text that a stricter rule checks). The
    limits (generator/check/markdown_limits.py) come next: Markdown past them is not rendered at all.
    """
    locator = _Locator(text, file_text, first_line)
    problems = _find_hidden_characters(text, path, locator) if hidden_characters else []
    for message, where in _text_findings(text):
        if isinstance(where, int):
            line, column = locator.at(where)
        else:
            line, column = locator.find(*where, ignore_case=True)
        problems.append(Problem(path, line, column, "error", message))
    return sorted(set(problems))


Finding = tuple[str, int | tuple[str, ...]]
"""What is wrong, and where: an offset in the text, or snippets of it that show the place."""

FINDINGS_BY_TEXT: dict[bytes, tuple[Finding, ...]] = {}
"""What checking a Markdown text found, by a digest of the text: `mkdocs serve` checks every body again on
each save, and rendering a body is most of its check (10 ms for 2,000 words with a link); the findings
depend on the text alone, their lines and columns on where it is."""
FINDINGS_KEPT = 100_000
"""Past this many texts the findings are forgotten and found again: a bound on the memory they hold."""


def _text_findings(text: str) -> tuple[Finding, ...]:
    """The limits, then (within them) raw HTML, unsafe attributes and URLs, unreferenced footnotes: once
    per text in a process."""
    key = hashlib.blake2b(text.encode(), digest_size=16).digest()
    found = FINDINGS_BY_TEXT.get(key)
    if found is None:
        if len(FINDINGS_BY_TEXT) >= FINDINGS_KEPT:
            FINDINGS_BY_TEXT.clear()
        excesses = find_excesses(text)
        if excesses:  # Markdown past the limits is not rendered at all
            found = tuple((excess.message, excess.offset) for excess in excesses)
        elif not may_find_anything(text):
            found = ()  # most bodies are prose with [[mentions]] and plain links: nothing to render them for
        else:
            found = tuple(render_findings(text))
        FINDINGS_BY_TEXT[key] = found
    return found


def render_findings(text: str) -> Iterator[Finding]:
    """What rendering `text` as the site renders it finds (`_text_findings` keeps it per text)."""
    renderer = _renderer()
    renderer.reset()
    try:
        rendered = renderer.convert(text)
    except RecursionError:
        renderer.reset()
        yield "this Markdown is nested too deeply to render: flatten its quotes, lists or emphasis", 0
        return
    for block in renderer.htmlStash.rawHtmlBlocks:
        if isinstance(block, str) and not _FENCED_CODE.fullmatch(block):
            tag = _first_tag(block)
            if tag is not None:
                yield f"raw HTML <{tag}> is not allowed in Markdown: {_FIX_RAW_HTML}", (f"<{tag}",)
    finder = _AttributeFinder()
    finder.feed(rendered)
    finder.close()
    yield from [*finder.findings, *_unreferenced_footnotes(finder)]


def _find_hidden_characters(text: str, path: str, locator: _Locator) -> list[Problem]:
    # Bidirectional controls reorder everything after them up to the end of the paragraph, so the page would
    # read differently from the file a reviewer approved; control characters are no text (and one marks the
    # generator's own HTML). Every one is reported where it is.
    return [
        Problem(
            path,
            *locator.at(index),
            "error",
            hidden_character_message(text, index, "the line")
            + (_FIX_REORDERING if reorders_text(text[index]) else ""),
        )
        for index in find_hidden_characters(text, markdown=True)
    ]


def _unreferenced_footnotes(finder: _AttributeFinder) -> Iterator[tuple[str, tuple[str, ...]]]:
    # Python-Markdown lists a footnote nobody cites with a link back to a citation that does not exist, which
    # fails the strict build; say so here, where the contributor can fix it.
    for label in finder.footnotes:
        if label not in finder.citations:
            message = (
                f"footnote [^{label}] is defined but never cited: cite it in the text with [^{label}], "
                "or remove its definition"
            )
            yield message, (f"[^{label}]:",)


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
        self.footnotes: list[str] = []
        """Labels of the footnotes defined (`[^label]: ...`), in order."""
        self.citations: set[str] = set()
        """Labels of the footnotes cited in the text."""
        self.heading: list[str] | None = None
        """The text of the heading being read, if it has no id of its own (the site's toc will make one)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw_tag = self.get_starttag_text() or ""
        if tag in _HEADINGS and not any(name == "id" for name, _ in attrs):
            self.heading = []
        for name, value in attrs:
            value = value or ""
            if name in ("id", "class"):
                self._check_names(tag, name, value)
            elif name == "name" or name.startswith("data-"):
                message = f"the attribute {name}= is not allowed in Markdown: remove it (ids and classes are)"
                self.findings.append((message, (f"{name}=", name)))
            elif name.startswith("on"):
                message = f"event-handler attribute {name}= is not allowed in Markdown: remove it"
                self.findings.append((message, (f"{name}=", name)))
            elif name == "style" and not _TABLE_ALIGNMENT.fullmatch(value):
                message = "style attributes are not allowed in Markdown: remove it (classes are fine)"
                self.findings.append((message, ("style=", "style")))
            elif name in URL_ATTRIBUTES:
                self.findings.extend(url_findings(tag, name, value, raw_tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS and self.heading is not None:
            text = "".join(self.heading).strip()
            self.heading = None
            anchor = slugify(text, "-")
            if anchor.startswith("__"):
                message = (
                    f"the heading '{text}' would get the id '{anchor}', and ids starting with '__' belong to "
                    "the theme: reword it, or give it an id of your own: ## Heading {#my-heading}"
                )
                self.findings.append((message, (text,)))

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)

    def _check_names(self, tag: str, attribute: str, value: str) -> None:
        for name in value.split() if attribute == "class" else [value]:
            if attribute == "id" and _MARKDOWN_ID.match(name):
                label = name.partition(":")[2]
                (self.citations.add(label) if name.startswith("fnref") else self.footnotes.append(label))
            elif attribute == "class" and (name in _MARKDOWN_CLASSES or name.startswith("language-")):
                continue
            elif not is_safe_name(name):
                what = "an id" if attribute == "id" else "a class"
                message = (
                    f"{what} {name!r} is not allowed in Markdown: ids and classes must be lowercase words "
                    "joined by hyphens, and none that the theme or the site uses (such as '__config', "
                    f"'md-...', 'timeline'); choose another, such as 'my-{_suggest(name)}'"
                )
                marker = "#" if attribute == "id" else "."
                self.findings.append((message, (f"{marker}{name}", name)))


def url_findings(tag: str, name: str, value: str, raw_tag: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """What is wrong with the URL `value` of the attribute `name` of `tag` (`raw_tag`: the tag as rendered,
    to quote the URL as written): a scheme other than http, https or mailto, a user name before the host, an
    image from another host."""
    scheme = url_scheme(value)
    what = "image" if tag == "img" else "link"
    if scheme is not None and scheme not in SAFE_URL_SCHEMES:
        written = _written_value(raw_tag, name) or value
        return [(f"{what} to {written!r} is not allowed: {_FIX_URL}", (written, value, f"{scheme}:"))]
    if (user_info := url_user_info(value)) is not None:
        written = _written_value(raw_tag, name) or value
        user, host = user_info
        return [(f"{what} '{written}': {describe_user_info(*user_info)}", (written, value, f"{user}@{host}"))]
    if tag == "img" and name == "src" and is_outside_reference(value):
        written = _written_value(raw_tag, name) or value
        message = (
            f"image '{written}' would load from another host, and the site loads nothing from other hosts: "
            f"put the image on this site and use a relative path, or link to it: [description]({written})"
        )
        return [(message, (f"({written}", written, value))]
    return []


def is_safe_name(name: str) -> bool:
    """Whether contributor Markdown may use `name` as an id or a class: a lowercase slug, not the theme's."""
    if name in THEME_NAMES or name.startswith(THEME_NAME_PREFIXES):
        return False
    return _SAFE_NAME.fullmatch(name) is not None


def _suggest(name: str) -> str:
    return slugify(name, "-").strip("_-").replace("_", "-") or "name"


def _written_value(raw_tag: str, name: str) -> str | None:
    match = re.search(rf"\s{re.escape(name)}{_ATTRIBUTE_VALUE}", raw_tag, re.IGNORECASE)
    if match is None:
        return None
    value = next(group for group in match.groups() if group is not None)
    # Markdown wrote `&` as `&amp;`; the contributor wrote `&`.
    return value.replace("&amp;", "&")


class _Locator:
    """Maps a snippet of the Markdown text to a line and column of the file it came from."""

    def __init__(self, text: str, file_text: str, first_line: int) -> None:
        self.text = text
        self.file_text = file_text
        self.first_line = max(first_line, 1)

    @functools.cached_property
    def file_lines(self) -> list[str]:
        """The file's lines, split only once something is to be located (nearly no text has a problem)."""
        return self.file_text.split("\n")

    def find(self, *snippets: str, ignore_case: bool = False) -> tuple[int, int]:
        """Where the first of `snippets` that occurs is; the text's start if none does."""
        haystack = self.text.lower() if ignore_case else self.text
        for snippet in snippets:
            if not snippet:
                continue
            offset = haystack.find(snippet.lower() if ignore_case else snippet)
            if offset >= 0:
                return self.at(offset)
        return self.first_line, 1

    def at(self, offset: int) -> tuple[int, int]:
        """The file's line and column of the text's character at `offset`."""
        relative_line = self.text.count("\n", 0, offset)
        line = self.first_line + relative_line
        line_start = self.text.rfind("\n", 0, offset) + 1
        line_end = self.text.find("\n", offset)
        written = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        column = offset - line_start + 1
        if 0 < line <= len(self.file_lines):
            # In a YAML block the file line is indented: find the same text there.
            file_line = self.file_lines[line - 1]
            shift = file_line.find(written) if written else -1
            column += max(shift, 0)
        return line, column
