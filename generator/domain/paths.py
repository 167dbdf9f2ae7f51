"""Where every generated page and feed lives, and how one page links to another: all site paths in one place.

Paths are below the docs root, POSIX form. Ids, slugs and anchors are validated words (lowercase letters,
digits, single hyphens), so a path needs no escaping. Templates get these functions as globals.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import re
from typing import TYPE_CHECKING

from generator.domain.kinds import ENTITY_KINDS

if TYPE_CHECKING:
    from generator.index import ClaimRecord, EventRecord

ENTITY_SECTIONS: dict[str, str] = {kind.name: kind.registry for kind in ENTITY_KINDS}
"""Entity kind to the folder of its pages (and of its feeds below `feeds/`): its registry's name."""

SITE_FEED_PATH = "feed.xml"
"""The whole site's Atom feed."""

ARTICLES_FOLDER = "articles"
"""The articles' folder inside the content folder: `content/articles/<year>/<yyyy-mm-dd>-<name>.md`."""

ARTICLE_EXTENSION = ".md"

PAGES_FOLDER = "pages"
"""The hand-written pages' folder inside the content folder (mkdocs.yml's `docs_dir: content/pages`)."""
REDIRECTS_FILE = "redirects.yml"
"""Where `newsgen rename` keeps the old addresses that redirect to new pages (`content/redirects.yml`)."""

STORY_FILE = "story.yml"
"""The story as a whole, under content/: its summary sections, `updated` date and the grid's issues."""


SYSTEM_FILE_NAMES = frozenset({"thumbs.db", "desktop.ini"})
"""Files Windows writes into folders it shows (compared in lower case); see also `is_system_file`."""


def is_system_file(name: str) -> bool:
    """Whether systems or editors write such a file unasked (hidden, a backup, a thumbnail cache)."""
    return name.startswith(".") or name.endswith("~") or name.lower() in SYSTEM_FILE_NAMES


_NAME_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:-|$)")


def parse_date(text: str) -> datetime.date | None:
    """`YYYY-MM-DD` as a date, or None if it is no real date."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def split_name_date(stem: str) -> tuple[datetime.date | None, str]:
    """An article file name's leading date and the rest: `2025-05-19-call` gives (2025-05-19, `call`); a name
    that does not start like a date gives (None, the name); an impossible date gives (None, the rest)."""
    found = _NAME_DATE.match(stem)
    if found is None:
        return None, stem
    return parse_date(found.group(1)), stem[found.end() :]


def article_source_path(date: datetime.date, name: str) -> str:
    """Where an article's file belongs below the content folder: `articles/<year>/<yyyy-mm-dd>-<name>.md`."""
    return f"{ARTICLES_FOLDER}/{date.year}/{date.isoformat()}-{name}{ARTICLE_EXTENSION}"


def entity_page_path(kind: str, entity_id: str) -> str:
    """Where an entity's page lives: `actors/<id>.md`."""
    return f"{ENTITY_SECTIONS[kind]}/{entity_id}.md"


def article_page_path(slug: str) -> str:
    """Where an article's page lives: `articles/<slug>.md`."""
    return f"articles/{slug}.md"


def entity_page_url(kind: str, entity_id: str) -> str:
    """An entity's page as MkDocs serves it, from the site root: `actors/<id>/`."""
    return f"{ENTITY_SECTIONS[kind]}/{entity_id}/"


def article_page_url(slug: str) -> str:
    """An article's page as MkDocs serves it, from the site root: `articles/<slug>/`."""
    return f"articles/{slug}/"


def record_url(record: ClaimRecord | EventRecord) -> str:
    """Where a claim is shown (its card on the page of the report that first carries it), or an event's
    own page, as served from the site root: `articles/<slug>/#claim-<id>`, `events/<id>/`."""
    if hasattr(record, "anchor"):
        return f"{article_page_url(record.article.slug)}#{record.anchor}"
    return entity_page_url("event", record.event.id)


def entity_feed_path(kind: str, entity_id: str) -> str:
    """Where an entity's feed lives: `feeds/actors/<id>.xml`."""
    return f"feeds/{ENTITY_SECTIONS[kind]}/{entity_id}.xml"


def paginated_path(first_path: str, number: int) -> str:
    """Page `number` of the list whose first page is `first_path`; URLs stay stable as content grows."""
    if number == 1:
        return first_path
    folder = posixpath.dirname(first_path) if first_path.endswith("/index.md") else first_path[: -len(".md")]
    return f"{folder}/page-{number}.md"


def served_path(page_path: str) -> str:
    """A page as MkDocs serves it, from the site root: `actors/x.md` at `actors/x/`, `venues/index.md` at
    `venues/`, `index.md` at `` (the root itself); any other file (`feed.xml`) at its path."""
    if not page_path.endswith(".md"):
        return page_path
    served = page_path.removesuffix(".md")
    return "" if served == "index" else served.removesuffix("/index") + "/"


@functools.lru_cache(maxsize=1024)
def served_root_prefix(page_path: str) -> str:
    """What leads from the page as MkDocs serves it (`actors/x.md` at `actors/x/`) back to the site root:
    `` for `index.md`, `../` for `venues/index.md` and `timeline.md`, `../../` for `actors/x.md`.

    Generated pages write their links as HTML, which MkDocs does not rewrite as it does Markdown links:
    each climbs to the site root with this prefix, then down (`entity_page_url` ...).
    """
    return "../" * served_path(page_path).count("/")
