"""Page HTML in whichever form takes less memory while the site builder holds every page."""

from __future__ import annotations

import sys


def compact_html(html: str) -> str:
    """The same HTML in whichever form takes less memory until MkDocs writes it.

    A Python string takes two bytes per character for the whole page once it holds one character past
    U+00FF (a ✓, a curly quote), and the sanitizer writes character references such as `&#10003;` out as
    characters. Writing those few back as references keeps an English page one byte per character;
    a page mostly in another script (Cyrillic) stays as it is. Browsers and the search index read both
    forms as the same text.
    """
    if html.isascii():
        return html
    referenced = html.encode("latin-1", "xmlcharrefreplace").decode("latin-1")
    return referenced if sys.getsizeof(referenced) < sys.getsizeof(html) else html
