"""Audit a built site: nothing may execute that is not the theme's or ours, or load from another host."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from generator.problems import Problem

DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
"""Script types browsers never execute: data blocks (Material's config, our JSON-LD); they must hold JSON."""

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "xlink:href",
        "longdesc",
        "manifest",
        "ping",
        "lowsrc",
        "dynsrc",
        "codebase",
        "archive",
        "classid",
        "usemap",
    }
)
"""Attributes whose value is a URL (or, for `srcset`, several)."""

MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")
"""Files audited as markup (an SVG opened by itself runs its scripts); `.css` files are audited as styles."""

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
    }
)
"""Elements whose URL attributes load something; `<a href>` to another site is only a link."""

_STRIPPED_FROM_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.IGNORECASE)
_TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = r"[A-Za-z0-9./_\-]*"
"""What a template expression in a theme script may become: a relative URL (`.`, `../..`), nothing more."""


def url_scheme(value: str) -> str | None:
    """The scheme of `value` as a browser reads it (entities decoded, whitespace and controls dropped)."""
    cleaned = _STRIPPED_FROM_URLS.sub("", html.unescape(value))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_outside_reference(value: str) -> bool:
    """True if `value` points outside the site (`https://x`, `//x`); relative and `#` URLs are inside."""
    cleaned = _STRIPPED_FROM_URLS.sub("", html.unescape(value)).replace("\\", "/")
    scheme = url_scheme(value)
    return cleaned.startswith("//") or (scheme is not None and scheme != "mailto")


@dataclass(frozen=True)
class ThemeScripts:
    """The scripts a theme may put on pages: its inline scripts, as patterns, and its script files."""

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


class _PageAuditor(HTMLParser):
    """Walks one HTML file and collects what is not allowed, with line and column."""

    def __init__(self, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.page = page
        self.site = site
        self.theme = theme
        self.problems: list[Problem] = []
        self._script: tuple[int, int, str | None, str] | None = None
        self._script_text: list[str] = []
        self._style: tuple[int, int] | None = None
        self._style_text: list[str] = []

    def report(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, "error", message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        column = offset + 1
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.report(line, column, f"<{tag}> has an event-handler attribute {name}=: remove it")
            elif name in URL_ATTRIBUTES:
                self._check_url(line, column, tag, name, value, values)
            elif name == "style":
                self._check_css(line, column, f"<{tag} style>", value)
            elif name == "srcdoc":
                self.report(line, column, f"<{tag}> has a srcdoc= document: remove it")
        if tag == "script":
            self._script = (line, column, values.get("src"), values.get("type", "").strip().lower())
            self._script_text = []
            if "src" in values:
                self._check_script_source(line, column, values["src"])
        elif tag == "style":
            self._style = (line, column)
            self._style_text = []
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._check_url(line, column, tag, "content", values.get("content", "").partition("=")[2], values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            line, column, source, script_type = self._script
            text = "".join(self._script_text)
            if source is None:
                self._check_inline_script(line, column, script_type, text)
            elif text.strip():
                self.report(line, column, "<script src> must be empty: remove its inline code")
            self._script = None
        elif tag == "style" and self._style is not None:
            self._check_css(*self._style, "<style>", "".join(self._style_text))
            self._style = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        elif self._style is not None:
            self._style_text.append(data)

    def _check_url(
        self, line: int, column: int, tag: str, name: str, value: str, values: dict[str, str]
    ) -> None:
        candidates = (
            [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        )
        for candidate in candidates:
            scheme = url_scheme(candidate)
            if scheme in DANGEROUS_SCHEMES:
                self.report(
                    line,
                    column,
                    f"<{tag} {name}> uses a {scheme}: URL: only http, https, mailto and "
                    "relative URLs are allowed",
                )
            elif is_outside_reference(candidate) and self._fetches(tag, name, values):
                self.report(
                    line,
                    column,
                    f"<{tag} {name}> loads {candidate!r} from another host: the site must "
                    "load nothing from other hosts; ship the file under assets/ instead",
                )

    @staticmethod
    def _fetches(tag: str, name: str, values: dict[str, str]) -> bool:
        # Links and citations to other sites wait for a click; these load or navigate by themselves.
        if tag == "link":
            return bool(set(values.get("rel", "").lower().split()) & FETCHING_LINK_RELS)
        if tag in ("meta", "base"):
            return True  # a refresh navigates, a base re-points every relative URL of the page
        return tag in FETCHING_ELEMENTS or name in ("background", "poster", "srcset", "data")

    def _check_script_source(self, line: int, column: int, source: str) -> None:
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
                line,
                column,
                f"<script src={source!r}> is not one of the theme's script files (a page, or a file under "
                "content/, may not bring its own scripts)",
            )

    def _check_inline_script(self, line: int, column: int, script_type: str, text: str) -> None:
        if script_type in DATA_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError:
                self.report(line, column, f"<script type={script_type!r}> does not hold valid JSON")
            return
        if script_type not in ("", "text/javascript", "application/javascript", "module"):
            self.report(
                line, column, f"<script type={script_type!r}> is not allowed: use JSON data blocks only"
            )
            return
        if not self.theme.allows(text):
            excerpt = " ".join(text.split())[:60]
            self.report(line, column, f"inline <script> is not one of the theme's: {excerpt!r}")

    def _check_css(self, line: int, column: int, where: str, css: str) -> None:
        for match in _CSS_URL.finditer(css):
            url = match.group(2) or match.group(4) or ""
            scheme = url_scheme(url)
            if scheme in DANGEROUS_SCHEMES - {"data"}:
                self.report(line, column, f"{where} uses a {scheme}: URL")
            elif is_outside_reference(url):
                self.report(line, column, f"{where} loads {url!r} from another host")


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


def audit_page(text: str, path: str, page: PurePosixPath, site: Path, theme: ThemeScripts) -> list[Problem]:
    """Every problem in one HTML page; `page` is its path below the site root, `path` how it is shown."""
    auditor = _PageAuditor(path, page, site, theme)
    auditor.feed(text)
    auditor.close()
    return auditor.problems


def audit_stylesheet(text: str, path: str) -> list[Problem]:
    """Problems in one CSS file: `url()` or `@import` of another host, or a script URL."""
    problems = []
    for line_number, line in enumerate(text.splitlines(), 1):
        for match in _CSS_URL.finditer(line):
            url = match.group(2) or match.group(4) or ""
            if url_scheme(url) in DANGEROUS_SCHEMES - {"data"} or is_outside_reference(url):
                problems.append(
                    Problem(
                        path,
                        line_number,
                        match.start() + 1,
                        "error",
                        f"stylesheet loads {url!r}: only files of this site may be loaded",
                    )
                )
    return problems


def audit_site(site: Path, theme: ThemeScripts, display: str | None = None) -> list[Problem]:
    """Every problem in the built site at `site`, sorted; `display` is how the folder is named in messages."""
    shown = display if display is not None else site.as_posix()
    problems: list[Problem] = []
    for file in _site_files(site):
        relative = file.relative_to(site)
        path = f"{shown.rstrip('/')}/{relative.as_posix()}"
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix in MARKUP_SUFFIXES:
            problems.extend(audit_page(text, path, PurePosixPath(relative.as_posix()), site, theme))
        else:
            problems.extend(audit_stylesheet(text, path))
    return sorted(problems)


def _site_files(site: Path) -> Iterator[Path]:
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.suffix in (*MARKUP_SUFFIXES, ".css"):
            yield file


def count_audited_files(site: Path) -> int:
    """How many files `audit_site` reads in `site`."""
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
