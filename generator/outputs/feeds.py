"""Atom feeds: one for the whole site and one per actor, venue and issue, as deterministic bytes.

Ids are `urn:uuid:` values derived from the site and the article or entity, so they never change between
builds; dates come from the articles, never from the clock.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.check.validate import Article
from generator.domain.model import Entity
from generator.domain.paths import SITE_FEED_PATH, article_page_url, entity_feed_path, entity_page_url
from generator.index import Index

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Site:
    """What feeds need to know about the site: its name and, if configured, its public address."""

    name: str
    url: str | None = None
    """Absolute base URL ending in `/` (MkDocs `site_url`); without it, links are relative to the feed."""


def stable_id(site: Site, key: str) -> str:
    """A `urn:uuid:` that depends only on the site and `key` (an article or feed path)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site.url or site.name}#{key}"))


def _timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _href(site: Site, feed_path: str, page_url: str) -> str:
    """A site page (`articles/x/`, `` for home) seen from the feed: absolute if the site URL is known."""
    if site.url:
        return site.url + page_url
    # Feeds live at the root or two folders down: climb to the root, then go down to the page.
    return ("../" * feed_path.count("/") + page_url) or "./"


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    text = _escape_text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _text(tag: str, text: str, indent: str) -> str:
    """One element with text on a line of its own, as ElementTree would write it."""
    return f"{indent}<{tag}>{_escape_text(text)}</{tag}>\n" if text else f"{indent}<{tag} />\n"


def _link(href: str, indent: str, rel: str = "alternate", media_type: str = "text/html") -> str:
    return f'{indent}<link rel="{rel}" type="{media_type}" href="{_escape_attribute(href)}" />\n'


FEED_ENTRY_LIMIT = 50
"""Entries per feed, newest first: readers poll feeds for what is new, and a feed's size must not grow with
the story (a leader in most of 10,000 reports would otherwise have a feed of thousands of entries)."""


class _Entries:
    """Each article's `<entry>`, written once per feed depth: an article is in many feeds."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._written: dict[tuple[str, str], str] = {}

    def __call__(self, article: Article, feed_path: str) -> str:
        key = (article.slug, "../" * feed_path.count("/"))
        found = self._written.get(key)
        if found is None:
            found = self._written[key] = self._entry(article, feed_path)
        return found

    def _entry(self, article: Article, feed_path: str) -> str:
        stamp = _timestamp(article.front.date)
        href = _href(self.site, feed_path, article_page_url(article.slug))
        return "".join(
            [
                "  <entry>\n",
                _text("id", stable_id(self.site, f"articles/{article.slug}"), "    "),
                _text("title", article.title, "    "),
                _text("updated", stamp, "    "),
                _text("published", stamp, "    "),
                "    <author>\n",
                _text("name", article.front.source.publisher, "      "),
                "    </author>\n",
                _link(href, "    "),
                _text("summary", " ".join(article.front.summary.split()), "    "),
                "  </entry>\n",
            ]
        )


def build_feed(
    site: Site,
    feed_path: str,
    title: str,
    page_url: str,
    articles: Sequence[Article],
    entries: _Entries | None = None,
) -> bytes:
    """An Atom feed of the newest `FEED_ENTRY_LIMIT` of `articles` (given newest first); `page_url` is the
    site page the feed follows. Written as text, laid out exactly as ElementTree's indent would."""
    entries = entries or _Entries(site)
    newest = max((article.front.date for article in articles), default=datetime.date(1970, 1, 1))
    self_link = _link(site.url + feed_path, "  ", "self", "application/atom+xml") if site.url else ""
    parts = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<feed xmlns="{ATOM_NAMESPACE}">\n',
        _text("id", stable_id(site, feed_path), "  "),
        _text("title", title, "  "),
        _text("updated", _timestamp(newest), "  "),
        "  <author>\n",
        _text("name", site.name, "    "),
        "  </author>\n",
        _link(_href(site, feed_path, page_url), "  "),
        self_link,
        *(entries(article, feed_path) for article in articles[:FEED_ENTRY_LIMIT]),
        "</feed>\n",
    ]
    return "".join(parts).encode()


def iter_feeds(index: Index, site: Site) -> Iterator[tuple[str, bytes]]:
    """The site feed, then one feed per actor, venue and issue, as (path, bytes), one at a time."""
    newest = sorted(
        index.content.articles, key=lambda article: (article.front.date, article.slug), reverse=True
    )
    entries = _Entries(site)
    yield SITE_FEED_PATH, build_feed(site, SITE_FEED_PATH, site.name, "", newest, entries)
    for entity_id, kind in index.kind_of.items():
        entity: Entity = index.entities[entity_id]
        path = entity_feed_path(kind, entity_id)
        title = f"{entity.label} · {site.name}"
        yield (
            path,
            build_feed(
                site, path, title, entity_page_url(kind, entity_id), index.articles_of(entity_id), entries
            ),
        )


def build_feeds(index: Index, site: Site) -> dict[str, bytes]:
    """The site feed and one feed per actor, venue and issue, keyed by path, in sorted order."""
    return dict(sorted(iter_feeds(index, site)))
