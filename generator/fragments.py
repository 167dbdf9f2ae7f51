"""Markdown snippets shown on many pages (links, claims, events), built in plain Python, once per run.

Page structure stays in the Jinja2 templates; the snippets they repeat hundreds of thousands of times are
built here with the same escaping the template environment applies to every `{{ value }}`.

Links are written from the docs root down, behind a prefix that climbs out of the page's folder (`../` on a
page one folder deep), so a snippet is the same on every page at one depth and is built once per depth.
MkDocs resolves `../actors/x.md` from `actors/y.md` like `x.md`.

Kinds, stances, statuses, ids and anchors are validated words (lowercase letters, digits, single hyphens):
nothing in them is special to Markdown or HTML, so they are written as they are. Everything else a
contributor wrote goes through `escape_markdown`.

Decorations that are not Latin-1 (stance and status symbols, quotation marks, dashes) are written as HTML
character references: they look the same to readers, and keep a page's Python string one byte per character.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import quote

from generator.index import ClaimRecord, EventRecord, Index

ENTITY_SECTIONS: dict[str, str] = {"actor": "actors", "venue": "venues", "issue": "issues"}
"""Entity kind to the folder of its pages."""

STANCE_SYMBOLS: dict[str, str] = {"supports": "&#10003;", "opposes": "&#10007;", "neutral": "&#9675;"}
"""✓ ✗ ○, shown beside the stance word, so stance never depends on colour alone."""

STATUS_SYMBOLS: dict[str, str] = {
    "held": "&#9679;",
    "scheduled": "&#9680;",
    "proposed": "&#9675;",
    "declined": "&#10007;",
    "cancelled": "&#10007;",
}
"""● ◐ ○ ✗ ✗."""

DASH = "&mdash;"
OPEN_QUOTE = "&ldquo;"
CLOSE_QUOTE = "&rdquo;"
ELLIPSIS = "&hellip;"

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_WHITESPACE = re.compile(r"\s+")
_ALWAYS_ESCAPED = re.compile(r"([\\`*_{}\[\]|])")
_ESCAPED_AT_START = re.compile(r"^([#+\-=>:]|\d+(?=[.)]))")


_WHITESPACE_OTHER_THAN_SPACE = (
    "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character `str.isspace()` accepts (what `\\s` matches) except the space itself."""
_SPECIAL = re.compile(f"[\\\\`*_{{}}\\[\\]|&<>{_WHITESPACE_OTHER_THAN_SPACE}]")
"""A character `escape_markdown` would change. One character class: far quicker to scan for than `\\s+`."""


def escape_markdown(text: str) -> str:
    """Make plain text inert in Markdown and HTML: it renders as exactly these characters, on one line."""
    # Most names, titles and claims need nothing: find that out with the quickest scans there are.
    if _SPECIAL.search(text) is None and "  " not in text and _ESCAPED_AT_START.match(text) is None:
        return text
    text = _WHITESPACE.sub(" ", text)
    text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
    text = _ESCAPED_AT_START.sub(_escape_start, text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_start(match: re.Match[str]) -> str:
    # "1." starts an ordered list: escape the dot, since a backslash before a digit is not an escape.
    found = match.group(0)
    return f"{found}\\" if found[0].isdigit() else f"\\{found}"


def entity_page_path(kind: str, entity_id: str) -> str:
    """Where an entity's page lives: `actors/<id>.md`."""
    return f"{ENTITY_SECTIONS[kind]}/{entity_id}.md"


def article_page_path(slug: str) -> str:
    """Where an article's page lives: `articles/<slug>.md`."""
    return f"articles/{slug}.md"


@functools.lru_cache(maxsize=1024)
def root_prefix(page_path: str) -> str:
    """What leads from the page's folder back to the docs root: `` for `index.md`, `../` for `actors/x.md`."""
    return "../" * page_path.count("/")


def stance_badge(stance: str) -> str:
    """`✓ supports` styled by class; the symbol and word carry the meaning, colour only helps."""
    return STANCE_BADGES[stance]


def status_badge(status: str) -> str:
    """`● held`, `○ proposed`, `✗ declined` ... styled by class."""
    return STATUS_BADGES[status]


STANCE_BADGES: dict[str, str] = {
    stance: f"**{sign} {stance}**{{ .stance .stance-{stance} }}" for stance, sign in STANCE_SYMBOLS.items()
}
"""Each stance's badge, written once."""
STATUS_BADGES: dict[str, str] = {
    status: f"*{symbol} {status}*{{ .status .status-{status} }}" for status, symbol in STATUS_SYMBOLS.items()
}
"""Each status's badge, written once."""


def href(url: str) -> str:
    """A link destination for Markdown: `<...>` with spaces and brackets percent-encoded."""
    return f"<{quote(url, safe=_URL_SAFE)}>"


def record_target(record: ClaimRecord | EventRecord, prefix: str) -> str:
    """Where a claim or event is reported: its anchor on its article's page."""
    return f"{prefix}articles/{record.article.slug}.md#{record.anchor}"


class Fragments:
    """The snippets of one run; each is built once per depth (and per variant) and then reused."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._links: dict[tuple[str, str | None, str], str] = {}
        self._named_links: dict[str, dict[str, str]] = {}
        """Prefix to entity id to its link labelled with the entity's name: the link nearly every call wants,
        found without building a key."""
        self._texts: dict[str, str] = {}
        self._claims: dict[tuple[int, str, int], str] = {}
        self._events: dict[tuple[int, str, int], str] = {}

    def link(self, entity_id: str, prefix: str, label: str | None = None) -> str:
        """`[Name](../actors/id.md)`, labelled with the entity's name (or `label`)."""
        if label is None:
            return self.named_links(prefix).get(entity_id) or self._named_link(entity_id, prefix)
        key = (entity_id, label, prefix)
        found = self._links.get(key)
        if found is None:
            text = escape_markdown(self.index.entities[entity_id].label if label is None else label)
            path = entity_page_path(self.index.kind_of[entity_id], entity_id)
            found = self._links[key] = f"[{text}]({prefix}{path})"
        return found

    def forget_list_items(self) -> None:
        """Drop the claim and event list items written so far: those of the entity pages (one folder deep,
        with dates) are not shown again on the pages rendered after them, so they need not stay in memory."""
        self._claims.clear()
        self._events.clear()

    def text(self, text: str) -> str:
        """`escape_markdown(text)`, remembered: a claim's text is shown on its article's page, on the
        timeline and on the pages of those involved."""
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = escape_markdown(text)
        return found

    def named_links(self, prefix: str) -> dict[str, str]:
        """The links labelled with the entity's name written so far for pages at `prefix`, by entity id (see
        `link` for one not written yet)."""
        found = self._named_links.get(prefix)
        if found is None:
            found = self._named_links[prefix] = {}
        return found

    def _named_link(self, entity_id: str, prefix: str) -> str:
        text = escape_markdown(self.index.entities[entity_id].label)
        path = entity_page_path(self.index.kind_of[entity_id], entity_id)
        found = self.named_links(prefix)[entity_id] = f"[{text}]({prefix}{path})"
        return found

    def links(self, entity_ids: Iterable[str], prefix: str, separator: str = ", ") -> str:
        """Links to several entities, in the given order."""
        get = self.named_links(prefix).get
        return separator.join(
            [get(entity_id) or self._named_link(entity_id, prefix) for entity_id in entity_ids]
        )

    def claim_item(
        self,
        record: ClaimRecord,
        prefix: str,
        *,
        speaker: bool = True,
        issues: bool = True,
        date: bool = True,
    ) -> str:
        """One claim in a list: date, speaker, kind, stance, text, issues, venue and a link to its report."""
        key = (id(record), prefix, speaker | issues << 1 | date << 2)
        found = self._claims.get(key)
        if found is None:
            found = self._claims[key] = self._claim_item(record, prefix, speaker, issues, date)
        return found

    def _claim_item(self, record: ClaimRecord, prefix: str, speaker: bool, issues: bool, date: bool) -> str:
        claim = record.claim
        parts = [f"{record.date} · "] if date else []
        if speaker:
            parts.append(self._speaker(record, prefix) + " · ")
        parts.append(f"*{claim.kind}*")
        if claim.issues:
            parts.append(" · " + stance_badge(claim.stance))
        parts.append(": " + self.text(claim.text))
        if claim.quote:
            parts.append(f" {OPEN_QUOTE}{escape_markdown(claim.quote)}{CLOSE_QUOTE}")
        if issues and claim.issues:
            parts.append(f" {DASH} on {self.links(claim.issues, prefix)}")
        if claim.venue:
            parts.append(f" {DASH} at {self.link(claim.venue, prefix)}")
        parts.append(f" ([report]({record_target(record, prefix)}))")
        return "".join(parts)

    def _speaker(self, record: ClaimRecord, prefix: str) -> str:
        claim = record.claim
        speaker = self.link(claim.by, prefix)
        return f"{speaker} (via {self.link(claim.via, prefix)})" if claim.via else speaker

    def event_item(
        self, record: EventRecord, prefix: str, *, show_venue: bool = True, date: bool = True
    ) -> str:
        """One event in a list: date, status, kind, title (linked to its report), venue and who took part."""
        key = (id(record), prefix, show_venue | date << 1)
        found = self._events.get(key)
        if found is None:
            event = record.event
            parts = [f"{event.date} · "] if date else []
            title = escape_markdown(event.title)
            parts.append(
                f"{status_badge(event.status)} {event.kind}: [{title}]({record_target(record, prefix)})"
            )
            if show_venue and event.venue:
                parts.append(f" {DASH} at {self.link(event.venue, prefix)}")
            if event.actors:
                parts.append(f" {DASH} with {self.links(event.actors, prefix)}")
            found = self._events[key] = "".join(parts)
        return found

    def timeline_entries(self, records: Iterable[ClaimRecord | EventRecord], prefix: str) -> str:
        """Timeline entries under a heading per date. A claim is one line: who, kind, stance and its text,
        linked to the claim in its report (which shows its quote, issues and venue)."""
        parts: list[str] = []
        shown_date = None
        named = self.named_links(prefix).get
        for record in records:
            if record.date != shown_date:
                shown_date = record.date
                parts.append(f"\n## {shown_date}\n\n")
            if isinstance(record, ClaimRecord):
                claim = record.claim
                topics = claim.issues
                speaker = named(claim.by) or self._named_link(claim.by, prefix)
                if claim.via:
                    speaker += f" (via {named(claim.via) or self._named_link(claim.via, prefix)})"
                stance = f" · {STANCE_BADGES[claim.stance]}" if topics else ""
                entry = (
                    f"{speaker} · *{claim.kind}*{stance}: "
                    f"[{self.text(claim.text)}]({prefix}articles/{record.article.slug}.md#{record.anchor})"
                )
            else:
                entry, topics = self.event_item(record, prefix, date=False), record.event.issues
            parts.append(f'{entry}\n{{: .timeline-item data-issues="{" ".join(topics)}" }}\n\n')
        return "".join(parts)

    def article_events(self, records: Iterable[EventRecord]) -> str:
        """The events section of an article: one paragraph per event, anchored for links from elsewhere."""
        prefix = "../"
        parts = []
        for record in records:
            event = record.event
            line = [f"**{escape_markdown(event.title)}** · {event.date} · {status_badge(event.status)} "]
            line.append(event.kind)
            if event.venue:
                line.append(f" · at {self.link(event.venue, prefix)}")
            if event.actors:
                line.append(f" · with {self.links(event.actors, prefix)}")
            if event.issues:
                line.append(f" · on {self.links(event.issues, prefix)}")
            if event.sources:
                sources = ", ".join(
                    f"[source {number}]({href(url)})" for number, url in enumerate(event.sources, 1)
                )
                line.append(f" · date from public record: {sources}")
            parts.append("".join(line) + f"\n{{: #{record.anchor} .event }}\n\n")
        return "".join(parts)

    def article_claims(self, records: Iterable[ClaimRecord], events: Iterable[EventRecord]) -> str:
        """The claims section of an article: who, kind, stance, issues, date, event and venue (kept out of
        search), then the claim's text and quote, anchored for links from elsewhere."""
        prefix = "../"
        titles: dict[str, str] = {}
        for event_record in events:
            titles.setdefault(event_record.event.id, event_record.event.title)
        during: dict[str, str] = {}
        named = self.named_links(prefix).get
        parts = []
        for record in records:
            claim = record.claim
            speaker = named(claim.by) or self._named_link(claim.by, prefix)
            line = [f"<span data-search-exclude>**{speaker}**"]
            if claim.via:
                line.append(f" (via {named(claim.via) or self._named_link(claim.via, prefix)})")
            line.append(f" · *{claim.kind}*")
            if claim.issues:
                line.append(f" · {STANCE_BADGES[claim.stance]} on {self.links(claim.issues, prefix)}")
            if claim.date:
                line.append(f" · {claim.date}")
            if claim.event:
                found = during.get(claim.event)
                if found is None:
                    title = escape_markdown(titles[claim.event])
                    found = during[claim.event] = f" · during [{title}](#event-{claim.event})"
                line.append(found)
            if claim.venue:
                line.append(f" · at {named(claim.venue) or self._named_link(claim.venue, prefix)}")
            line.append("</span><br>\n" + self.text(claim.text))
            if claim.quote:
                line.append(f" {OPEN_QUOTE}{escape_markdown(claim.quote)}{CLOSE_QUOTE}")
            line.append(f"\n{{: #{record.anchor} .claim .claim-{claim.stance} }}\n\n")
            parts.append("".join(line))
        return "".join(parts)
