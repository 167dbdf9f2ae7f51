"""Atom feeds: one for the whole site and one per actor, venue and issue, as deterministic bytes.

Ids are `urn:uuid:` values derived from the site and the article or entity, so they never change between
builds; dates come from the articles, never from the clock.
"""

from __future__ import annotations

import datetime
import posixpath
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass

from generator.index import Index
from generator.model import Entity
from generator.validate import Article

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
SITE_FEED_PATH = "feed.xml"
_SECTIONS = {"actor": "actors", "venue": "venues", "issue": "issues"}


@dataclass(frozen=True)
class Site:
    """What feeds need to know about the site: its name and, if configured, its public address."""

    name: str
    url: str | None = None
    """Absolute base URL ending in `/` (MkDocs `site_url`); without it, links are relative to the feed."""


def entity_feed_path(kind: str, entity_id: str) -> str:
    """Where an entity's feed lives: `feeds/actors/<id>.xml`."""
    return f"feeds/{_SECTIONS[kind]}/{entity_id}.xml"


def stable_id(site: Site, key: str) -> str:
    """A `urn:uuid:` that depends only on the site and `key` (an article or feed path)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site.url or site.name}#{key}"))


def _timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _href(site: Site, feed_path: str, page_url: str) -> str:
    """A site page (`articles/x/`, `` for home) seen from the feed: absolute if the site URL is known."""
    if site.url:
        return site.url + page_url
    relative = posixpath.relpath(page_url or ".", posixpath.dirname(feed_path) or ".")
    return relative if relative.endswith("/") else relative + "/"


def _text(parent: ElementTree.Element, tag: str, text: str, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM_NAMESPACE}}}{tag}", attributes)
    element.text = text
    return element


FEED_ENTRY_LIMIT = 50
"""Entries per feed, newest first: readers poll feeds for what is new, and a feed's size must not grow with
the story (a leader in most of 10,000 reports would otherwise have a feed of thousands of entries)."""


def build_feed(site: Site, feed_path: str, title: str, page_url: str, articles: Sequence[Article]) -> bytes:
    """An Atom feed of the newest `FEED_ENTRY_LIMIT` of `articles` (given newest first); `page_url` is the
    site page the feed follows."""
    ElementTree.register_namespace("", ATOM_NAMESPACE)
    feed = ElementTree.Element(f"{{{ATOM_NAMESPACE}}}feed")
    _text(feed, "id", stable_id(site, feed_path))
    _text(feed, "title", title)
    newest = max((article.front.date for article in articles), default=datetime.date(1970, 1, 1))
    _text(feed, "updated", _timestamp(newest))
    author = ElementTree.SubElement(feed, f"{{{ATOM_NAMESPACE}}}author")
    _text(author, "name", site.name)
    _text(feed, "link", "", rel="alternate", type="text/html", href=_href(site, feed_path, page_url))
    if site.url:
        _text(feed, "link", "", rel="self", type="application/atom+xml", href=site.url + feed_path)
    for article in articles[:FEED_ENTRY_LIMIT]:
        entry = ElementTree.SubElement(feed, f"{{{ATOM_NAMESPACE}}}entry")
        _text(entry, "id", stable_id(site, f"articles/{article.slug}"))
        _text(entry, "title", article.title)
        _text(entry, "updated", _timestamp(article.front.date))
        _text(entry, "published", _timestamp(article.front.date))
        entry_author = ElementTree.SubElement(entry, f"{{{ATOM_NAMESPACE}}}author")
        _text(entry_author, "name", article.front.source.publisher)
        href = _href(site, feed_path, f"articles/{article.slug}/")
        _text(entry, "link", "", rel="alternate", type="text/html", href=href)
        _text(entry, "summary", " ".join(article.front.summary.split()))
    for element in feed.iter():
        if element.text == "":
            element.text = None
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def build_feeds(index: Index, site: Site) -> dict[str, bytes]:
    """The site feed and one feed per actor, venue and issue, keyed by path, in sorted order."""
    newest = sorted(
        index.content.articles, key=lambda article: (article.front.date, article.slug), reverse=True
    )
    feeds = {SITE_FEED_PATH: build_feed(site, SITE_FEED_PATH, site.name, "", newest)}
    for entity_id, kind in index.kind_of.items():
        entity: Entity = index.entities[entity_id]
        path = entity_feed_path(kind, entity_id)
        title = f"{entity.label} · {site.name}"
        feeds[path] = build_feed(
            site, path, title, f"{_SECTIONS[kind]}/{entity_id}/", index.articles_of(entity_id)
        )
    return {path: feeds[path] for path in sorted(feeds)}
