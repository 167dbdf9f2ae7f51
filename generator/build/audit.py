"""Audit a built site as a browser reads it: nothing may run but the theme's, or load from another host.

Every file the site serves is read the way a browser would read it: pages with the WHATWG HTML parsing
algorithm (lexbor, through selectolax, with scripting on, as in a browser), SVG, XHTML and other XML files
as XML with namespaces (expat), stylesheets as CSS; other files only if their type is one a browser never
renders as a document.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import xml.parsers.expat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.domain.web import (
    URL_ATTRIBUTES,
    describe_user_info,
    is_outside_reference,
    is_theme_id,
    url_scheme,
    url_user_info,
)
from generator.problems import Problem

DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
"""Script types browsers never execute: data blocks (Material's config, our JSON-LD); they must hold JSON."""

AUDITED_URL_ATTRIBUTES = URL_ATTRIBUTES | {"xml:base"}
"""URL attributes as the audit reads them: also the base URL an XML element sets for its descendants."""

HTML_SUFFIXES = frozenset({".html", ".htm"})
"""Files served as `text/html`: read with the HTML5 parsing algorithm."""

XML_SUFFIXES = frozenset({".xhtml", ".xht", ".svg", ".xml", ".xsl", ".xslt", ".rss", ".atom", ".rdf", ".mml"})
"""Files served as XML (`image/svg+xml`, `application/xhtml+xml`, `application/xml`...): opened by themselves,
a browser builds a document from them and runs a script element of the XHTML or SVG namespace in them."""

STYLESHEET_SUFFIXES = frozenset({".css"})

INERT_SUFFIXES = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp"),
        *(".woff", ".woff2", ".ttf", ".otf", ".eot"),
        *(".json", ".csv", ".txt", ".map", ".gz"),
        ".js",
    }
)
"""Files served with a type a browser neither renders as a document nor sniffs as HTML (images, fonts,
JSON, CSV, plain text, gzip, source maps); scripts run only when a page loads them, and the page audit
lets pages load only the theme's. Any other type is reported: the audit cannot vouch for it."""

SEARCH_DATA_SUFFIXES = frozenset({".pf_meta", ".pf_index", ".pf_fragment", ".pagefind"})
"""Pagefind's index, metadata, fragment and WebAssembly files (generator/build/search.py): gzip streams
that its script decompresses. Served as `application/octet-stream` or without a type, a browser sniffs
their bytes: a file that starts with gzip's magic bytes is binary, never a document."""

GZIP_MAGIC = b"\x1f\x8b"

ANIMATION_ELEMENTS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
"""SVG elements that change another element's attribute over time (`attributeName`)."""

SEARCH_INDEX = PurePosixPath("search/search_index.json")
"""Material's search index: the theme writes each entry's title and text into the page as HTML
(`innerHTML`), and its location into a link."""

UTF8_LABELS = frozenset(
    {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"}
)
"""The WHATWG Encoding labels of UTF-8."""

DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})

FETCHING_LINK_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "preload",
        "prefetch",
        "modulepreload",
        "prerender",
        "manifest",
        "dns-prefetch",
        "preconnect",
    }
)
"""`<link rel>` values that make the browser contact the URL (canonical or alternate links do not)."""

FETCHING_ELEMENTS = frozenset(
    {
        "script",
        "img",
        "iframe",
        "frame",
        "embed",
        "object",
        "audio",
        "video",
        "source",
        "track",
        "input",
        "image",
        "use",
        "picture",
        "feimage",
    }
)
"""Elements whose URL attributes load something; `<a href>` to another site is only a link."""

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.IGNORECASE)
_TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = r"[A-Za-z0-9./_\-]*"
"""What a template expression in a theme script may become: a relative URL (`.`, `../..`), nothing more."""
_CHARSET_DECLARATION = re.compile(rb"""<meta\s[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.-]+)""", re.IGNORECASE)
_CONTENT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([a-z0-9_:.-]+)", re.IGNORECASE)
_PSEUDO_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(["'])(.*?)\2""", re.DOTALL)
_XML_ATTRIBUTE_PREFIXES = {
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
}


@dataclass(frozen=True)
class ThemeScripts:
    """The scripts a theme may put on pages: its inline scripts, as patterns, and its script files.

    The ids the theme owns are not read from its files (Material writes some from expressions, `__nav_1`):
    they are a rule on names, `web.is_theme_id`, which `tests/test_audit.py` checks against the theme.
    """

    patterns: tuple[re.Pattern[str], ...]
    files: dict[str, str] = field(default_factory=dict)
    """Script files by path below the site root (`assets/javascripts/bundle.js`), with their SHA-256."""

    @classmethod
    def from_template_folders(cls, folders: Iterable[Path]) -> ThemeScripts:
        """Every `<script>...</script>` and `.js` file of the templates; a template expression in an inline
        script may become a relative URL."""
        patterns: set[str] = set()
        files: dict[str, str] = {}
        for folder in folders:
            for template in sorted(folder.rglob("*.html")):
                text = template.read_text(encoding="utf-8", errors="replace")
                for body in _TEMPLATE_SCRIPT.findall(text):
                    parts = _TEMPLATE_EXPRESSION.split(body.strip())
                    patterns.add(_TEMPLATE_VALUE.join(re.escape(part) for part in parts))
            for script in sorted(folder.rglob("*.js")):
                files[script.relative_to(folder).as_posix()] = _sha256(script)
        return cls(tuple(re.compile(pattern, re.DOTALL) for pattern in sorted(patterns)), files)

    def allows(self, script: str) -> bool:
        """True if `script` is one of the theme's inline scripts."""
        return any(pattern.fullmatch(script.strip()) for pattern in self.patterns)

    def ships(self, site: Path, relative: PurePosixPath) -> bool:
        """True if the site's file at `relative` is the theme's script file of that path, byte for byte."""
        expected = self.files.get(relative.as_posix())
        file = site / relative
        return expected is not None and file.is_file() and _sha256(file) == expected


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_theme_folders(project_root: Path | None = None) -> list[Path]:
    """Material's templates (if installed) and the project's `theme_overrides/`."""
    folders = []
    try:
        import material  # the theme; only its templates are read

        folders.append(Path(material.__file__).parent / "templates")
    except ImportError:  # pragma: no cover - the theme is a dependency
        pass
    overrides = (project_root or Path.cwd()) / "theme_overrides"
    if overrides.is_dir():
        folders.append(overrides)
    return folders


@dataclass
class Element:
    """One element as the browser builds it, with what the audit judges it by."""

    name: str
    """Local name in lower case (`script`, `animatemotion`), whatever its namespace."""
    attributes: dict[str, str]
    """Attributes as the document has them: `onclick`, `xlink:href`, `xml:base`."""
    text: str = ""
    """For a script or style element: the text inside it."""
    line: int = 1
    column: int = 1
    ordinal: int = 0
    """How many elements of the same name come before it in the file (to find it in HTML source)."""
    in_content: bool = False
    """Inside the page's `<article>`: what contributors write."""


Locator = Callable[[Element, "str | None"], tuple[int, int]]
"""Where an element (and, if named, one of its attributes) starts in its file: (line, column)."""


class _FileAuditor:
    """Judges the elements of one file and collects what is not allowed, with line and column."""

    def __init__(
        self, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts, locate: Locator
    ) -> None:
        self.path = path
        self.page = page
        self.site = site
        self.theme = theme
        self.locate = locate
        self.problems: list[Problem] = []
        self.first_with_id: dict[str, Element] = {}
        self.context = ""
        """Said before each message: where in the file the markup is (`search entry 'about/' title: `)."""

    def report(self, element: Element, message: str, attribute: str | None = None) -> None:
        line, column = self.locate(element, attribute)
        self.problems.append(_error(self.path, line, column, f"{self.context}{message}"))

    def audit_element(self, element: Element) -> None:
        tag, values = element.name, element.attributes
        for name, value in values.items():
            if name.lower().startswith("on"):
                self.report(element, f"<{tag}> has an event-handler attribute {name}=: remove it", name)
            elif name.lower() in AUDITED_URL_ATTRIBUTES:
                self._check_url(element, name, value)
            elif name == "style":
                self._check_css(element, f"<{tag} style>", value, name)
            elif name == "srcdoc":
                self.report(element, f"<{tag}> has a srcdoc= document: remove it", name)
        if tag == "script":
            self._check_script(element)
        elif tag == "style":
            self._check_css(element, "<style>", element.text)
        elif tag == "meta":
            self._check_meta(element)
        elif tag in ANIMATION_ELEMENTS:
            self._check_animation(element)
        if values.get("id"):
            self._check_id(element, values["id"])
        if element.in_content:
            for name in values:
                if name.startswith("data-md-"):
                    self.report(
                        element,
                        f"<{tag}> in the page's content has the theme's attribute {name}=: its scripts find "
                        "their elements by it; remove it",
                        name,
                    )

    def _check_url(self, element: Element, name: str, value: str) -> None:
        candidates = (
            [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        )
        for candidate in candidates:
            scheme = url_scheme(candidate)
            if scheme in DANGEROUS_SCHEMES:
                self.report(
                    element,
                    f"<{element.name} {name}> uses a {scheme}: URL: only http, https, mailto and "
                    "relative URLs are allowed",
                    name,
                )
            elif (user_info := url_user_info(candidate)) is not None:
                self.report(
                    element, f"<{element.name} {name}> {candidate!r}: {describe_user_info(*user_info)}", name
                )
            elif is_outside_reference(candidate) and _fetches(element, name):
                self.report(
                    element,
                    f"<{element.name} {name}> loads {candidate!r} from another host: the site must "
                    "load nothing from other hosts; ship the file under assets/ instead",
                    name,
                )

    def _check_script(self, element: Element) -> None:
        # An SVG script names its file with href (or xlink:href); an HTML script with src.
        sources = {
            name: element.attributes[name]
            for name in ("src", "href", "xlink:href")
            if name in element.attributes
        }
        script_type = element.attributes.get("type", "").strip().lower()
        for name, source in sources.items():
            self._check_script_source(element, name, source)
        if sources and element.text.strip():
            self.report(element, "<script src> must be empty: remove its inline code")
        elif not sources:
            self._check_inline_script(element, script_type)

    def _check_script_source(self, element: Element, name: str, source: str) -> None:
        if url_scheme(source) is not None or is_outside_reference(source):
            return  # reported by the URL check: a dangerous scheme or another host
        path = urlsplit(source).path
        if path.startswith("/"):
            # Root-relative (the 404 page): the site may be served below a path (`site_url: .../repo/`),
            # so the leading folders that are not part of the site are skipped.
            parts = PurePosixPath(path.lstrip("/")).parts
            candidates = [_normalize(PurePosixPath(*parts[skip:])) for skip in range(len(parts))]
        else:
            candidates = [_normalize(self.page.parent / path)]
        if not any(found is not None and self.theme.ships(self.site, found) for found in candidates):
            self.report(
                element,
                f"<script {name}={source!r}> is not one of the theme's script files (a page, or a file under "
                "content/, may not bring its own scripts)",
                name,
            )

    def _check_inline_script(self, element: Element, script_type: str) -> None:
        if script_type in DATA_SCRIPT_TYPES:
            try:
                json.loads(element.text)
            except ValueError:
                self.report(element, f"<script type={script_type!r}> does not hold valid JSON")
            return
        if script_type not in ("", "text/javascript", "application/javascript", "module"):
            self.report(element, f"<script type={script_type!r}> is not allowed: use JSON data blocks only")
            return
        if not self.theme.allows(element.text):
            excerpt = " ".join(element.text.split())[:60]
            self.report(element, f"inline <script> is not one of the theme's: {excerpt!r}")

    def _check_meta(self, element: Element) -> None:
        values = element.attributes
        http_equiv = values.get("http-equiv", "").strip().lower()
        if http_equiv == "refresh":
            self._check_url(element, "content", values.get("content", "").partition("=")[2])
        declared = values.get("charset")
        if declared is None and http_equiv == "content-type":
            match = _CONTENT_CHARSET.search(values.get("content", ""))
            declared = match.group(1) if match else None
        if declared is not None and declared.strip().lower() not in UTF8_LABELS:
            self.report(
                element,
                f"<meta> declares the encoding {declared.strip()!r}: a browser would read the page's bytes "
                "as other characters than the audit does; declare utf-8",
            )

    def _check_animation(self, element: Element) -> None:
        target = element.attributes.get("attributeName", element.attributes.get("attributename", ""))
        local = target.strip().rpartition(":")[2].lower()
        if local in AUDITED_URL_ATTRIBUTES or local.startswith("on") or local in ("style", "srcdoc"):
            self.report(
                element,
                f"<{element.name} attributeName={target!r}> animates a URL, event handler or style: "
                "an animation may set a link to script or another host; remove it",
                "attributeName",
            )

    def _check_id(self, element: Element, identifier: str) -> None:
        first = self.first_with_id.setdefault(identifier, element)
        if first is not element:
            first_line, _ = self.locate(first, "id")
            fix = (
                "; it is the theme's, and its scripts take the first element with it: rename the one that "
                "is not the theme's"
                if is_theme_id(identifier)
                else ": ids must be unique on a page; rename one"
            )
            self.report(
                element,
                f"id {identifier!r} appears again on this page (first at line {first_line}){fix}",
                "id",
            )
        elif element.in_content and is_theme_id(identifier):
            self.report(
                element,
                f"id {identifier!r} in the page's content is the theme's: its scripts look it up, and this "
                "element would take the theme's place; rename it",
                "id",
            )

    def _check_css(self, element: Element, where: str, css: str, attribute: str | None = None) -> None:
        for match in _CSS_URL.finditer(css):
            url = match.group(2) or match.group(4) or ""
            scheme = url_scheme(url)
            if scheme in DANGEROUS_SCHEMES - {"data"}:
                self.report(element, f"{where} uses a {scheme}: URL", attribute)
            elif is_outside_reference(url):
                self.report(element, f"{where} loads {url!r} from another host", attribute)


def _fetches(element: Element, name: str) -> bool:
    """True if the URL in attribute `name` loads or navigates by itself; a link to another site waits."""
    values = element.attributes
    if element.name == "link":
        return bool(set(values.get("rel", "").lower().split()) & FETCHING_LINK_RELS)
    if element.name in ("meta", "base") or name == "xml:base":
        return True  # a refresh navigates, a base re-points every relative URL of the page
    return element.name in FETCHING_ELEMENTS or name in ("background", "poster", "srcset", "data")


def _normalize(path: PurePosixPath) -> PurePosixPath | None:
    parts: list[str] = []
    for part in path.parts:
        if part == ".":
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


class _HtmlSource:
    """Finds an element of an HTML file in its source, for the error's line and column.

    The parse tree keeps no positions: the element is taken to be its name's n-th start tag (`<img`) in the
    source, or the nearest one that holds the attribute at fault; a tag written inside a comment or an
    attribute can shift the guess, never the verdict."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = {}

    def locate(self, element: Element, attribute: str | None = None) -> tuple[int, int]:
        starts = self.starts.get(element.name)
        if starts is None:
            tag = re.compile(rf"<{re.escape(element.name)}(?=[\s/>])", re.IGNORECASE)
            starts = self.starts[element.name] = [match.start() for match in tag.finditer(self.text)]
        if not starts:
            return 1, 1  # an element the parser implied (<html>, <tbody>)
        guess = min(element.ordinal, len(starts) - 1)
        if attribute is not None:
            named = re.compile(rf"[\s\"'/]{re.escape(attribute)}\s*(?:=|[\s/>])", re.IGNORECASE)
            holding = [index for index, start in enumerate(starts) if named.search(self._tag_at(start))]
            if holding:
                guess = min(holding, key=lambda index: (abs(index - guess), index))
        offset = starts[guess]
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1

    def _tag_at(self, start: int) -> str:
        end = self.text.find("<", start + 1)
        return self.text[start : end if end != -1 else len(self.text)]


def read_html_elements(text: str) -> Iterator[Element]:
    """The elements of an HTML page as a browser builds them (WHATWG parsing, scripting on), in document
    order, then those inside `<template>` contents; except elements without attributes that are neither
    scripts nor styles (nothing to judge in them)."""
    tree = LexborHTMLParser(text, scripting=True)
    if tree.root is None:
        return
    ordinals: Counter[str] = Counter()
    roots = [tree.root]
    while roots:
        root = roots.pop(0)
        for node in root.traverse(include_text=False):
            if not node.is_element_node:
                continue
            name = node.tag.lower()
            ordinal = ordinals[name]
            ordinals[name] = ordinal + 1
            attributes = node.attributes
            if not attributes and name not in ("script", "style"):
                continue  # every rule but those of scripts and styles is about attributes
            attributes = {key: value or "" for key, value in attributes.items()}
            text = node.text(deep=True) if name in ("script", "style") else ""
            in_content = any(key == "id" or key.startswith("data-md-") for key in attributes) and any(
                ancestor.tag == "article" for ancestor in _ancestors(node)
            )
            yield Element(name, attributes, text, ordinal=ordinal, in_content=in_content)
        roots.extend(root.template_fragments())


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def audit_page(text: str, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts) -> list[Problem]:
    """Every problem in one HTML page; `page` is its path below the site root, `path` how it is shown."""
    source = _HtmlSource(text)
    auditor = _FileAuditor(path, page, site, theme, source.locate)
    for element in read_html_elements(text):
        auditor.audit_element(element)
    return auditor.problems


@dataclass
class XmlDocument:
    """What an XML file holds for the audit: its elements, processing instructions, and first error."""

    elements: list[Element] = field(default_factory=list)
    instructions: list[tuple[int, int, str, str]] = field(default_factory=list)
    """`<?target data?>` as (line, column, target, data)."""
    error: tuple[int, int, str] | None = None
    """Where the XML stops being well-formed, and why."""


def read_xml(data: bytes) -> XmlDocument:
    """Read XML bytes as a browser does: namespaces resolved, internal entities expanded, no outside DTD."""
    document = XmlDocument()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    open_elements: list[tuple[Element, list[str] | None]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2].lower()
        element = Element(
            local,
            {_xml_attribute_name(key): value for key, value in attributes.items()},
            line=parser.CurrentLineNumber,
            column=parser.CurrentColumnNumber + 1,
        )
        document.elements.append(element)
        open_elements.append((element, [] if local in ("script", "style") else None))

    def end(name: str) -> None:
        element, text = open_elements.pop()
        if text is not None:
            element.text = "".join(text)

    def character_data(data: str) -> None:
        for _, text in open_elements:
            if text is not None:
                text.append(data)

    def instruction(target: str, data: str) -> None:
        document.instructions.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, target, data))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = character_data
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        document.error = (error.lineno, error.offset + 1, xml.parsers.expat.ErrorString(error.code))
    return document


def _xml_attribute_name(name: str) -> str:
    """`xlink:href` and `xml:base` whatever prefix the file binds; another namespace's attribute keeps it."""
    namespace, _, local = name.rpartition(" ")
    if not namespace:
        return local
    prefix = _XML_ATTRIBUTE_PREFIXES.get(namespace)
    return f"{prefix}:{local}" if prefix else f"{{{namespace}}}{local}"


def audit_xml(data: bytes, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts) -> list[Problem]:
    """Every problem in one XML file (SVG, XHTML, a feed): the same rules as pages, in any namespace."""
    document = read_xml(data)
    auditor = _FileAuditor(
        path, page, site, theme, lambda element, _attribute: (element.line, element.column)
    )
    for element in document.elements:
        auditor.audit_element(element)
    problems = auditor.problems
    for line, column, target, content in document.instructions:
        if target.lower() != "xml-stylesheet":
            continue
        pseudo = {
            match.group(1).lower(): html.unescape(match.group(3))
            for match in _PSEUDO_ATTRIBUTE.finditer(content)
        }
        kind, href = pseudo.get("type", "").strip().lower(), pseudo.get("href", "")
        if kind != "text/css":
            message = (
                f"<?xml-stylesheet type={kind!r}?> transforms the file (XSLT), which can write scripts: "
                'only type="text/css" stylesheets are allowed'
            )
        elif url_scheme(href) in DANGEROUS_SCHEMES or is_outside_reference(href):
            message = f"<?xml-stylesheet?> loads {href!r}: only files of this site may be loaded"
        else:
            continue
        problems.append(_error(path, line, column, message))
    if document.error is not None:
        line, column, reason = document.error
        problems.append(
            _error(
                path,
                line,
                column,
                f"not well-formed XML ({reason}): a browser shows what comes before this point; "
                "fix the markup",
            )
        )
    return problems


def _error(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, "error", message)


def audit_stylesheet(text: str, path: str) -> list[Problem]:
    """Problems in one CSS file: `url()` or `@import` of another host, or a script URL."""
    problems = []
    for line_number, line in enumerate(text.splitlines(), 1):
        for match in _CSS_URL.finditer(line):
            url = match.group(2) or match.group(4) or ""
            if url_scheme(url) in DANGEROUS_SCHEMES - {"data"} or is_outside_reference(url):
                problems.append(
                    _error(
                        path,
                        line_number,
                        match.start() + 1,
                        f"stylesheet loads {url!r}: only files of this site may be loaded",
                    )
                )
    return problems


def decode_page(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """A page's text, as UTF-8, and a problem if a browser could read its bytes as another encoding."""
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            _error(
                path,
                line,
                column,
                "not valid UTF-8 here: a browser may read the page in another encoding and find other "
                "markup in it; save it as UTF-8",
            )
        )
        text = data.decode("utf-8", errors="replace")
    # Browsers look for the encoding in the first 1024 bytes; without one, they guess.
    declared = _CHARSET_DECLARATION.search(data[:1024])
    if not data.startswith(b"\xef\xbb\xbf") and declared is None:
        problems.append(
            _error(
                path,
                1,
                1,
                "declares no encoding in its first 1024 bytes, so a browser may guess another one and find "
                'other markup: put <meta charset="utf-8"> first in <head>',
            )
        )
    return text.removeprefix("\ufeff"), problems


def audit_search_index(
    data: bytes, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts
) -> list[Problem]:
    """Every problem in the search index: its titles and texts are read as the HTML the theme makes of them,
    its locations as the links it makes of them."""
    try:
        index = json.loads(data)
    except ValueError as error:
        return [_error(path, 1, 1, f"the search index is not valid JSON ({error}): rebuild the site")]
    entries = index.get("docs") if isinstance(index, dict) else None
    problems: list[Problem] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        location = str(entry.get("location", ""))
        for key in ("location", "title", "text"):
            value = entry.get(key)
            if not isinstance(value, str) or (key != "location" and "<" not in value):
                continue
            auditor = _FileAuditor(path, page, site, theme, lambda _element, _attribute: (1, 1))
            auditor.context = f"search entry {location!r} {key}: "
            markup = f'<a href="{html.escape(value)}"></a>' if key == "location" else value
            for element in read_html_elements(markup):
                auditor.audit_element(element)
            problems.extend(auditor.problems)
    return problems


def audit_file(site: Path, relative: PurePosixPath, path: str, theme: ThemeScripts) -> list[Problem]:
    """Every problem in one file the site serves, read as a browser reads its type."""
    suffix = relative.suffix.lower()
    if relative == SEARCH_INDEX:
        return audit_search_index((site / relative).read_bytes(), path, relative, site, theme)
    if suffix in INERT_SUFFIXES:
        return []
    data = (site / relative).read_bytes()
    if suffix in SEARCH_DATA_SUFFIXES:
        if data.startswith(GZIP_MAGIC):
            return []
        return [
            _error(
                path,
                1,
                1,
                f"this '{suffix}' search file is not gzip data, as Pagefind writes it (a browser may sniff "
                "it as HTML and run it): rebuild the site",
            )
        ]
    if suffix in HTML_SUFFIXES:
        text, problems = decode_page(data, path)
        return problems + audit_page(text, path, relative, site, theme)
    if suffix in XML_SUFFIXES:
        return audit_xml(data, path, relative, site, theme)
    if suffix in STYLESHEET_SUFFIXES:
        return audit_stylesheet(data.decode("utf-8", errors="replace"), path)
    served = f"'{suffix}' files" if suffix else "a file without an extension"
    return [
        _error(
            path,
            1,
            1,
            f"the site serves {served}, a type the audit cannot vouch for (a browser may sniff it as HTML "
            "and run it): ship only pages, SVG, stylesheets, images, fonts and data files",
        )
    ]


def audit_site(site: Path, theme: ThemeScripts, display: str | None = None) -> list[Problem]:
    """Every problem in the built site at `site`, sorted; `display` is how the folder is named in messages."""
    shown = display if display is not None else site.as_posix()
    problems: list[Problem] = []
    for file in _site_files(site):
        relative = PurePosixPath(file.relative_to(site).as_posix())
        problems.extend(audit_file(site, relative, f"{shown.rstrip('/')}/{relative}", theme))
    return sorted(problems)


def _site_files(site: Path) -> Iterator[Path]:
    for file in sorted(site.rglob("*")):
        if file.is_file():
            yield file


def count_audited_files(site: Path) -> int:
    """How many files `audit_site` reads or vouches for in `site`: every file it serves."""
    return sum(1 for _ in _site_files(site))


def summarize_audit(problems: Sequence[Problem], files: int) -> str:
    """One summary line: `audit: 3 problems in 2 files`."""
    if not problems:
        return f"audit: {files} files checked; nothing executes or loads from another host"
    pages = len({problem.path for problem in problems})
    return (
        f"audit: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {pages} "
        f"file{'s' if pages != 1 else ''}"
    )
