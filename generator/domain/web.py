"""What the site allows of the web, read as a browser reads it: URL schemes, hosts and user names, the
attributes that hold URLs, and the ids and classes the theme owns.

One set of rules for the content model's URL fields, the check of contributor Markdown, the HTML sanitizer and
the built-site audit.
"""

from __future__ import annotations

import html
import re

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link or image may use; URLs without a scheme (relative ones) are kept too."""

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

_STRIPPED_FROM_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
"""Schemes whose URLs have a host (WHATWG's "special" schemes)."""
_AUTHORITY_END = re.compile(r"[/?#]")


def url_scheme(value: str) -> str | None:
    """The scheme of `value` as a browser reads it (entities decoded, whitespace and controls dropped)."""
    if ":" not in value and "&" not in value:
        return None  # no colon, and none that an entity could spell: most URLs of a site
    cleaned = _STRIPPED_FROM_URLS.sub("", html.unescape(value))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_outside_reference(value: str) -> bool:
    """True if `value` points outside the site (`https://x`, `//x`, `\\\\x`, which a browser reads as `//x`);
    relative and `#` URLs are inside. Used by the audit and by the check of contributor Markdown."""
    cleaned = _read_url(value)
    scheme = url_scheme(value)
    return cleaned.startswith("//") or (scheme is not None and scheme != "mailto")


def url_user_info(value: str) -> tuple[str, str] | None:
    """The user name and the host of `value` if it names a user before its host, as a browser reads it;
    else None. `https://bbc.co.uk@evil.example/` opens evil.example: `bbc.co.uk` is only a user name."""
    if "@" not in value and "&" not in value:
        return None  # no `@`, and no entity that could spell one: nearly every URL
    decoded = _STRIPPED_FROM_URLS.sub("", html.unescape(value))
    cleaned = decoded.replace("\\", "/")
    scheme = url_scheme(value)
    if scheme is None and not cleaned.startswith("//"):
        return None  # a path, a query or a fragment: an `@` there names no user
    if scheme is not None and scheme not in _SPECIAL_SCHEMES:
        return None  # `mailto:someone@example.org` has no host to disguise
    start = len(scheme) + 1 if scheme is not None else 0
    # A browser skips missing or extra slashes before the host of an http(s) URL (`http:user@host`) and reads
    # `\` as `/`; a program reading the open data (Python's urlsplit) keeps `\` in the host. Refuse either.
    for reading in (cleaned, decoded):
        authority = _AUTHORITY_END.split(reading[start:].lstrip("/\\"), maxsplit=1)[0]
        user, at, host = authority.rpartition("@")
        if at:
            return user, host
    return None


def describe_user_info(user: str, host: str) -> str:
    """Why a URL with a user name is refused, and how to fix it (for a message)."""
    return (
        f"a user name before '@' disguises where a link leads (to '{host}', not to '{user}'); "
        "write the page's own address, with nothing between '//' and its host"
    )


def _read_url(value: str) -> str:
    # Entities decoded, spaces and controls dropped (more than a browser drops: the safe side), `\` read as
    # `/` as in http(s) URLs.
    return _STRIPPED_FROM_URLS.sub("", html.unescape(value)).replace("\\", "/")


THEME_ID_PREFIXES = ("__", "md-")
"""How the theme's ids start: every id Material writes or its scripts look up starts with `__` (it reads its
configuration from `#__config`, and a second element with that id, written first, would win; `__nav_1`,
`__palette_0` and pymdownx's `__tabbed_1_1` are written from expressions), and `md-` is its own namespace. No
page content of ours uses either: the sanitizer removes them from every page, the audit refuses them in a
page's content, and `tests/test_audit.py` checks that Material uses no other."""

THEME_NAME_PREFIXES = (*THEME_ID_PREFIXES, "tabbed-", "timeline-", "site-search_", "site-search-")
"""Ids and classes the theme and the site's scripts own: the theme's ids, Material's classes (`md-`,
`tabbed-`), our timeline filter's (`timeline-`) and search dialog's (`site-search__...`). Contributor
Markdown may use none of them."""

THEME_NAMES = frozenset(
    {
        # Classes Material's script acts on: `pre.mermaid` loads a script from unpkg.com, `.annotate` turns a
        # list into annotations, `.highlight`/`.hll` are code blocks; classes it sets on the page itself.
        "mermaid",
        "annotate",
        "highlight",
        "hll",
        "select",
        "js",
        "no-js",
        "focus-visible",
        "js-focus-visible",
        "headerlink",
        # Ids and classes our templates and scripts look up, and the anchors of our pages' fixed headings
        # (a contributor's `{#timeline}` would take the `#timeline` that other pages link to).
        "issue-filter-links",
        "site-search",
        "appears-most-with",
        "all-actors",
        "articles",
        "claims-by-issue",
        "claims-first-reported-elsewhere",
        "claims-in-this-report",
        "claims-made-at-it",
        "events",
        "events-in-this-report",
        "how-it-went-report-by-report",
        "its-story-step-by-step",
        "latest-developments",
        "latest-reports",
        "map",
        "positions",
        "positions-at-a-glance",
        "positions-of-related-actors",
        "relations",
        "sides-and-who-said-what-about-whom",
        "sources",
        "the-content-has-errors",
        "timeline",
        "venues",
        "where-talks-happen",
        "where-they-stand",
        "where-each-side-stands",
        "where-each-side-stands-on-the-main-issues",
        "all-issues",
        # The home page's story and the stance grid (_stance_grid.md.j2, explained.css).
        "story-updated",
        "story-heading",
        "story-sources",
        "stance-grid",
        "stance-grid-figure",
        "grid-side",
        "grid-role",
        "grid-issue",
        "grid-words",
        "grid-claim",
        "grid-changed",
        "grid-none",
        "who-and-where",
        "whos-who",
    }
)
"""Names outside those prefixes that the theme, our templates or our scripts use as an id or a class."""


def is_theme_id(identifier: str) -> bool:
    """Whether `identifier` is the theme's (`__config`, `__nav_3`, `md-...`): no page content may use it."""
    return identifier.startswith(THEME_ID_PREFIXES)
