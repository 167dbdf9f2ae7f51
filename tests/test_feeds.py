"""Feeds: valid Atom with stable ids and dates from the content, one for the site and one per entity."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from generator.build.pipeline import generate_pages
from generator.outputs.feeds import SITE_FEED_PATH, Site, build_feeds, entity_feed_path, stable_id

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "story" / "content"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Site(name="Fixture story")


def feeds(site: Site = SITE) -> dict[str, bytes]:
    return build_feeds(generate_pages(FIXTURE_CONTENT, display_root=ROOT).index, site)


def check_atom(data: bytes) -> ElementTree.Element:
    """The RFC 4287 requirements this generator must meet, checked on the parsed document."""
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    feed = ElementTree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{tag}")) == 1, tag
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "author", "summary"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
    return feed


def test_the_site_feed_lists_every_article_newest_first_dated_from_the_content() -> None:
    feed = check_atom(feeds()[SITE_FEED_PATH])
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "South accepts a truce",
        "North offers a truce & talks at the lake",
    ]
    assert feed.find(f"{ATOM}updated").text == "2024-03-10T00:00:00Z"
    assert entries[1].find(f"{ATOM}updated").text == "2024-03-01T00:00:00Z"


def test_every_entity_has_a_valid_feed_of_its_own_articles() -> None:
    produced = feeds()
    lakeside = check_atom(produced[entity_feed_path("venue", "lakeside")])
    assert lakeside.find(f"{ATOM}title").text == "Lakeside · Fixture story"
    assert len(lakeside.findall(f"{ATOM}entry")) == 2
    palace = check_atom(produced[entity_feed_path("venue", "hill-palace")])
    assert len(palace.findall(f"{ATOM}entry")) == 1
    talks = check_atom(produced[entity_feed_path("event", "lakeside-talks")])
    assert len(talks.findall(f"{ATOM}entry")) == 2  # both reports of the talks
    assert len([path for path in produced if path.startswith("feeds/")]) == 11  # 5 actors, 2 each of the rest


def test_ids_are_stable_and_an_article_keeps_its_id_in_every_feed() -> None:
    produced = feeds()
    assert produced == feeds()
    article_id = stable_id(SITE, "articles/2024-03-10-south-accepts")
    for path in (SITE_FEED_PATH, entity_feed_path("actor", "bo-south")):
        ids = [element.text for element in ElementTree.fromstring(produced[path]).iter(f"{ATOM}id")]
        assert article_id in ids


def test_links_are_relative_to_the_feed_without_a_site_url_and_absolute_with_one() -> None:
    path = entity_feed_path("actor", "bo-south")
    relative = ElementTree.fromstring(feeds()[path])
    href = relative.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert (
        posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
        == "articles/2024-03-10-south-accepts"
    )
    assert relative.find(f"{ATOM}link[@rel='alternate']").get("href") == "../../actors/bo-south/"
    absolute = ElementTree.fromstring(feeds(Site("Fixture story", "https://example.org/"))[path])
    assert absolute.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/" + path
    assert absolute.find(f"{ATOM}entry/{ATOM}link").get("href") == (
        "https://example.org/articles/2024-03-10-south-accepts/"
    )


def test_every_feed_parses_as_atom_1_0_with_an_independent_parser() -> None:
    import feedparser

    for path, data in sorted(feeds().items()):
        parsed = feedparser.parse(data)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", path
        assert all(entry.get("id") and entry.get("updated") for entry in parsed.entries), path


def test_a_feed_keeps_only_the_newest_entries(monkeypatch) -> None:
    import generator.outputs.feeds as feeds_module

    monkeypatch.setattr(feeds_module, "FEED_ENTRY_LIMIT", 1)
    feed = check_atom(feeds()[SITE_FEED_PATH])
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["South accepts a truce"]
    assert feed.find(f"{ATOM}updated").text.startswith("2024-03-10")
