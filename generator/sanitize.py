"""Sanitize rendered HTML: only inert markup, and links to http, https, mailto or this site, survive."""

from __future__ import annotations

import nh3

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link or image may use; URLs without a scheme (relative ones) are kept too."""

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
timeline filter script reads two `data-` attributes and Material's search skips sections marked
`data-search-exclude` (inert data, never URLs or code)."""

_SVG_TAGS = {"svg", "title", "desc", "g", "line", "circle", "rect", "text"}
"""The inert SVG the generator draws (generator/pictures.py): shapes and text, no links, scripts or styles."""

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
}


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes=_ALLOWED_ATTRIBUTES,
    url_schemes=set(SAFE_URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
)
"""Built once: every page of a build is cleaned with the same rules."""


def sanitize_html(html: str) -> str:
    """`html` with scripts, styles, frames, forms, event handlers and dangerous URLs removed.

    Schemes are checked the way a browser reads the URL (entities decoded, tabs and newlines dropped), so
    `&#106;avascript:` and `JAVA\\tSCRIPT:` do not pass. Inline `style` keeps only `text-align` (Markdown
    tables use it), so no style can load anything.
    """
    return _CLEANER.clean(html)
