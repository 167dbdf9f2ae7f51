"""Sanitize rendered HTML: only inert markup, and links to http, https, mailto or this site, survive."""

from __future__ import annotations

import re
from typing import Any

import nh3

from generator.domain.web import SAFE_URL_SCHEMES, is_theme_id

_EVERYWHERE = {
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "role",
    "aria-label",
    "aria-hidden",
    "data-issues",
    "data-issue-filter",
    "data-search-exclude",
}
"""Attributes any element may keep: attribute lists, anchors, footnotes and Material's styling use them; the
timeline filter script reads two `data-` attributes and search (Pagefind) skips what is marked
`data-search-exclude` (inert data, never URLs or code)."""

_SVG_TAGS = {"svg", "title", "desc", "g", "line", "circle", "rect", "text", "path"}
"""The inert SVG the generator draws (generator/render/pictures.py, venue_map.py): shapes, text and links
(`a`, kept as in HTML, its `href` checked alike), no scripts, styles or references to other elements."""

_ALLOWED_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | {"figure", "figcaption"} | _SVG_TAGS

_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "style", "colspan", "rowspan"},
    "th": {"align", "style", "colspan", "rowspan", "scope"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
    "abbr": {"title"},
    "time": {"datetime"},
    "details": {"open"},
    "figure": {"tabindex"},  # a wide figure scrolls sideways; the keyboard must reach it
    "svg": {"viewBox", "width", "height", "role", "aria-labelledby", "xmlns"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height"},
    "text": {"x", "y", "text-anchor"},
    "path": {"d"},
}


_NEUTRALISED_CLASSES = frozenset({"mermaid", "annotate"})
"""Classes no page of ours uses, but a theme script would act on: removed from every page's HTML."""


def _drop_theme_names(tag: str, attribute: str, value: str) -> str | None:
    # Behind the check (which refuses such names in contributor Markdown with a located error), whatever
    # reaches a page by another way, such as a heading `# __config` whose anchor would be `__config`.
    if attribute == "id":
        return None if is_theme_id(value) else value
    if attribute == "class":
        kept = [name for name in value.split() if not _is_neutralised_class(name)]
        if len(kept) == len(value.split()):
            return value
        return " ".join(kept) or None
    return value


def _is_neutralised_class(name: str) -> bool:
    return is_theme_id(name) or name in _NEUTRALISED_CLASSES


_RULES: dict[str, Any] = {
    "tags": _ALLOWED_TAGS,
    "attributes": _ALLOWED_ATTRIBUTES,
    "url_schemes": set(SAFE_URL_SCHEMES),
    "link_rel": None,
    "strip_comments": True,
    "filter_style_properties": {"text-align"},
}
_CLEANER = nh3.Cleaner(**_RULES)
"""Built once: every page of a build is cleaned with the same rules."""
_THEME_NAME_CLEANER = nh3.Cleaner(**_RULES, attribute_filter=_drop_theme_names)
"""The same rules, and theme names removed: a Python call for every attribute makes it 40 % slower, so it
cleans only the pages whose cleaned HTML shows such a name."""
_THEME_NAME_SHOWN = re.compile(r' (?:id="(?:__|md-)|class="[^"]*(?:__|md-|mermaid|annotate))')
"""nh3 writes every attribute as ` name="value"` with entities decoded: a theme name cannot hide there."""


def sanitize_html(html: str) -> str:
    """`html` with scripts, styles, frames, forms, event handlers and dangerous URLs removed.

    Schemes are checked the way a browser reads the URL (entities decoded, tabs and newlines dropped), so
    `&#106;avascript:` and `JAVA\\tSCRIPT:` do not pass. Inline `style` keeps only `text-align` (Markdown
    tables use it), so no style can load anything. Ids and classes that belong to the theme (`__config`,
    `md-...`, `mermaid`) are removed: a page may not clobber the elements the theme's script looks up.
    """
    cleaned = _CLEANER.clean(html)
    if _THEME_NAME_SHOWN.search(cleaned) is None:
        return cleaned
    return _THEME_NAME_CLEANER.clean(html)
