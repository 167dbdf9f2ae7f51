"""Render stage: the index to Markdown pages, one Jinja2 template per page kind."""

from __future__ import annotations

import functools
import heapq
import html
import itertools
import json
import operator
import posixpath
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

import jinja2
from markupsafe import Markup

from generator.feeds import SITE_FEED_PATH, entity_feed_path
from generator.fragments import (
    ELLIPSIS,
    Fragments,
    article_page_path,
    entity_page_path,
    escape_markdown,
    href,
    record_target,
    root_prefix,
    stance_badge,
    status_badge,
)
from generator.index import (
    INTERACTION_KINDS,
    ActorLink,
    ClaimRecord,
    EventRecord,
    Index,
    LifecycleStep,
    Position,
    actors_in,
    venues_in,
)
from generator.mentions import Mention, may_have_code, replace_mentions
from generator.model import Actor, Entity, Issue, Venue
from generator.pictures import figure, relationship_graph, venue_map
from generator.structured_data import ArticleJson, entity_data, script_json
from generator.validate import Article, Content

HOME_LIMIT = 10
"""How many items each home page section shows; the indexes list the rest."""

COMPANION_LIMIT = 5
"""How many "appears most with" actors an actor page lists."""

ENTITY_SEARCH_BOOST = 2
"""Material search ranks actor, venue and issue pages above pages that merely mention them."""

ENTITY_LIST_LIMIT = 20
"""How many claims, events, articles or positions each list on an entity page shows, newest (or most) first.

Keeps every page's size independent of the size of the story; the timeline and the reports carry the rest.
"""

NESTED_LIST_LIMIT = 5
"""The same, for a list inside a list: claims under one issue on an actor page, claims behind one position."""

GRAPH_ACTOR_LIMIT = 24
"""The relationship graph draws the most active actors only, so it stays legible and its size bounded."""

MAP_VENUE_LIMIT = 40
"""The map plots the venues with the most events only, for the same reasons."""

LIST_PAGE_SIZE = 100
"""Entries per page of an index or of the timeline; longer lists continue on `<section>/page-2/` ..."""


def escape_html(text: object) -> str:
    """Plain text for a place a theme treats as HTML (page title, meta description): one line, escaped."""
    # Double quotes too (themes quote attributes with them); apostrophes stay readable.
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;")


_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_CLOSING_HASHES = re.compile(r"\s+#+$")
_TRAILING_ATTRIBUTES = re.compile(r"\{:?([^{}]*)\}\s*$")


def unsearchable_headings(text: str) -> str:
    """Mark the `#` headings of contributor Markdown `data-search-exclude` (fenced code is left alone).

    A report's body is kept out of the search index as one block, but a heading inside it would still start
    a search entry of its own: an empty one, carrying the page's title.
    """
    if "#" not in text:  # most bodies: no heading to mark
        return text
    lines = text.split("\n")
    in_fence = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _ATX_HEADING.match(line):
            stripped = line.rstrip()
            found = _TRAILING_ATTRIBUTES.search(stripped)
            if found:
                inner = found.group(1).rstrip()
                lines[number] = f"{stripped[: found.start()]}{{: {inner.strip()} data-search-exclude }}"
            else:  # closing hashes (`## Title ##`) must stay last to be read as such: drop them
                lines[number] = f"{_CLOSING_HASHES.sub('', stripped)} {{ data-search-exclude }}"
    return "\n".join(lines)


def _finalize(value: Any) -> Markup:
    # Every {{ expression }} passes here: only Markup (built by this module, or a macro's output) is trusted
    # as Markdown; anything else is plain text and made inert. Autoescape then leaves the result alone.
    if isinstance(value, Markup):
        return value
    return Markup(escape_markdown(str(value)))


@dataclass(frozen=True, slots=True)
class JsonText:
    """A front matter value written as JSON already (a long one is quicker to write in pieces)."""

    text: str


@dataclass(frozen=True)
class GeneratedPage:
    """One Markdown page for MkDocs."""

    path: str
    """Path below the docs root, POSIX form (`actors/vladimir-putin.md`)."""
    markdown: str
    source: str
    """The content file this page is edited in (`content/actors.yml`)."""


_MENTION = re.compile(r"\[\[(?:(?P<label>[^\[\]|\n]+)\|)?(?P<id>[^\[\]|\n]+)\]\]")
"""A mention, as generator.mentions reads it."""
_FRONT_MATTER_JSON = json.JSONEncoder(ensure_ascii=False).encode
"""Front matter values as JSON (which YAML reads); one encoder, not one per value."""
_json_text = encode_basestring
"""The same for a string, without the encoder's dispatch."""


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process; a changed template has a new key."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` if this template source was compiled before."""
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a newly compiled template."""
        self._store[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _MemoryBytecodeCache()
_CLAIMS = operator.attrgetter("claims")


class _Renderer:
    """Holds the template environment and the index; every page goes through `render`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.fragments = Fragments(index)
        self.article_json = ArticleJson(index, quoted=True)
        """An article's JSON-LD, written as the JSON string its front matter holds."""
        self._issue_filter_links: dict[str, Markup] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # macro output is Markup, so it is not escaped twice
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one environment per run: never look for changed template files mid-run
            bytecode_cache=_COMPILED_TEMPLATES,  # each run of `mkdocs serve` would compile them again
        )
        self.environment.filters.update(
            link=self.link,
            claim_link=self.claim_link,
            event_link=self.event_link,
            article_link=self.article_link,
            stance=lambda stance: Markup(stance_badge(stance)),
            status=lambda status: Markup(status_badge(status)),
            markdown=self.markdown,
            plural=plural,
            unsearchable_headings=unsearchable_headings,
            issue_path=lambda issue_id: entity_page_path("issue", issue_id),
            href=lambda url: Markup(href(url)),
        )
        self.environment.globals.update(
            index=index,
            entity_of=index.entities.get,
            kind_of=index.kind_of.get,
            actors_in=lambda ids: actors_in(index, ids),
            venues_in=lambda ids: venues_in(index, ids),
            url=self.url,
            links=self.links,
            newest=newest_records,
            take=lambda items, count: list(itertools.islice(items, count)),
            latest_developments=lambda limit: newest_records(
                reversed(index.events), reversed(index.claims), limit
            ),
            interaction_records=functools.cache(lambda: interaction_records(index)),
            issue_position_rows=self.issue_position_rows,
            items=self.items,
            timeline_entries=self.timeline_entries,
            issue_filter_links=self.issue_filter_links,
            position_rows=self.position_rows,
            article_items=self.article_items,
            article_entries=self.article_entries,
            venue_items=self.venue_items,
            lifecycle=self.lifecycle,
            claims_by_issue=self.claims_by_issue,
            article_events=lambda records: Markup(self.fragments.article_events(records)),
            article_claims=lambda records, events: Markup(self.fragments.article_claims(records, events)),
            entity_path=entity_page_path,
            feed_path=entity_feed_path,
            site_feed_path=SITE_FEED_PATH,
            relationship_graph=lambda: self.picture(relationship_graph(graph_links(index)), GRAPH_CAPTION),
            map_venues=lambda: mapped_venues(index),
            venue_map=lambda: self.picture(venue_map(mapped_venues(index)), MAP_CAPTION),
            HOME_LIMIT=HOME_LIMIT,
            COMPANION_LIMIT=COMPANION_LIMIT,
            INTERACTION_KINDS=sorted(INTERACTION_KINDS),
            ENTITY_LIST_LIMIT=ENTITY_LIST_LIMIT,
            NESTED_LIST_LIMIT=NESTED_LIST_LIMIT,
            NL=Markup("\n"),  # a line break that survives trim_blocks, e.g. before an attribute list
        )

    # -- links and repeated snippets (generator.fragments) ------------------------------------------------
    @staticmethod
    def _prefix(context: jinja2.runtime.Context) -> str:
        return root_prefix(context["page_path"])

    @jinja2.pass_context
    def url(self, context: jinja2.runtime.Context, target: str) -> Markup:
        """A link target relative to the current page (`../actors/x.md`)."""
        return Markup(relative_path(target, context["page_path"]))

    @jinja2.pass_context
    def link(self, context: jinja2.runtime.Context, entity: Entity | str, label: str | None = None) -> Markup:
        """A Markdown link to an entity's page, labelled with its name (or `label`)."""
        entity_id = entity if isinstance(entity, str) else entity.id
        return Markup(self.fragments.link(entity_id, self._prefix(context), label))

    @jinja2.pass_context
    def links(
        self, context: jinja2.runtime.Context, entities: Iterable[Entity | str], separator: str = ", "
    ) -> Markup:
        """Links to several entities (or ids), in the given order."""
        ids = [entity if isinstance(entity, str) else entity.id for entity in entities]
        return Markup(self.fragments.links(ids, self._prefix(context), separator))

    @jinja2.pass_context
    def article_link(
        self,
        context: jinja2.runtime.Context,
        article: Article,
        anchor: str | None = None,
        label: str | None = None,
    ) -> Markup:
        """A Markdown link to an article (optionally to an anchor on it)."""
        path = article_page_path(article.slug)
        if path == context["page_path"]:
            target = f"#{anchor}" if anchor else "."
        else:
            target = self._prefix(context) + path + (f"#{anchor}" if anchor else "")
        text = escape_markdown(label if label is not None else article.title)
        return Markup(f"[{text}]({target})")

    @jinja2.pass_context
    def claim_link(
        self, context: jinja2.runtime.Context, record: ClaimRecord, label: str = "source"
    ) -> Markup:
        """A link to a claim where its article reports it."""
        return self.article_link(context, record.article, record.anchor, label)

    @jinja2.pass_context
    def event_link(
        self, context: jinja2.runtime.Context, record: EventRecord, label: str | None = None
    ) -> Markup:
        """A link to an event where its article reports it."""
        return self.article_link(context, record.article, record.anchor, label or record.event.title)

    @jinja2.pass_context
    def items(
        self,
        context: jinja2.runtime.Context,
        records: Iterable[ClaimRecord | EventRecord],
        speaker: bool = True,
        issues: bool = True,
    ) -> Markup:
        """Claims and events as a Markdown list, one line each (see `Fragments.claim_item`, `event_item`)."""
        prefix = self._prefix(context)
        fragments = self.fragments
        return Markup(
            "\n".join(
                [
                    "- " + fragments.claim_item(record, prefix, speaker=speaker, issues=issues)
                    if isinstance(record, ClaimRecord)
                    else "- " + fragments.event_item(record, prefix)
                    for record in records
                ]
            )
        )

    @jinja2.pass_context
    def issue_position_rows(self, context: jinja2.runtime.Context, positions: Iterable[Position]) -> Markup:
        """Rows of an issue's positions table: actor, every stance (newest first, with its dates) and the
        claims behind it; each row ends with a line break."""
        prefix = self._prefix(context)
        rows = []
        for position in positions:
            stances = "<br>".join(
                f"{stance_badge(run.stance)} "
                + (str(run.latest) if run.earliest == run.latest else f"{run.earliest} to {run.latest}")
                for run in position.runs[:NESTED_LIST_LIMIT]
            )
            claims = self._position_claims(position, prefix)
            rows.append(f"| {self.fragments.link(position.actor.id, prefix)} | {stances} | {claims} |\n")
        return Markup("".join(rows))

    @staticmethod
    def _position_claims(position: Position, prefix: str) -> str:
        """The claims behind a position, newest first, at most `NESTED_LIST_LIMIT`, then how many more."""
        claims = itertools.chain.from_iterable(run.claims for run in position.runs)
        items = [
            f"{record.date} · [{escape_markdown(f'{record.claim.kind}: {record.claim.text}')}]"
            f"({record_target(record, prefix)})"
            for record in itertools.islice(claims, NESTED_LIST_LIMIT)
        ]
        total = sum(map(len, map(_CLAIMS, position.runs)))
        more = f"<br>{ELLIPSIS} and {total - NESTED_LIST_LIMIT} older" if total > NESTED_LIST_LIMIT else ""
        return "<br>".join(items) + more

    @jinja2.pass_context
    def article_items(self, context: jinja2.runtime.Context, articles: Iterable[Article]) -> Markup:
        """Articles as a Markdown list: date and linked title, one line each."""
        prefix = self._prefix(context)
        return Markup(
            "\n".join(
                f"- {article.front.date} · [{escape_markdown(article.title)}]"
                f"({prefix}{article_page_path(article.slug)})"
                for article in articles
            )
        )

    @jinja2.pass_context
    def article_entries(self, context: jinja2.runtime.Context, articles: Iterable[Article]) -> Markup:
        """The articles index's entries: linked title as a heading, date, publisher, how many claims and
        events, and the summary."""
        prefix = self._prefix(context)
        index = self.index
        parts = []
        for article in articles:
            front = article.front
            claims = plural(len(index.claims_by_article[article.slug]), "claim")
            events = plural(len(index.events_by_article[article.slug]), "event")
            parts.append(
                f"## [{escape_markdown(article.title)}]({prefix}{article_page_path(article.slug)})\n\n"
                f"{escape_markdown(str(front.date))} · {escape_markdown(front.source.publisher)} · "
                f"{escape_markdown(claims)} · {escape_markdown(events)}\n{{: .article-meta }}\n\n"
                f"{escape_markdown(front.summary)}\n\n"
            )
        return Markup("".join(parts))

    @jinja2.pass_context
    def venue_items(self, context: jinja2.runtime.Context, venues: Iterable[Venue]) -> Markup:
        """Venues as a Markdown list: linked name and summary, each item ending with a line break."""
        prefix = self._prefix(context)
        items = []
        for venue in venues:
            summary = f": {escape_markdown(venue.summary)}" if venue.summary else ""
            items.append(f"- {self.fragments.link(venue.id, prefix)}{summary}\n")
        return Markup("".join(items))

    @jinja2.pass_context
    def position_rows(
        self,
        context: jinja2.runtime.Context,
        actor: Actor,
        groups: Sequence[tuple[Issue | None, Sequence[ClaimRecord]]],
    ) -> Markup:
        """Rows of an actor's positions table: issue, stances (newest first, dated), latest claim; each row
        ends with a line break."""
        prefix = self._prefix(context)
        rows = []
        for issue, records in groups:
            if issue is None:
                continue
            position = self.index.position_of(issue.id, actor.id)
            assert position is not None
            stances = "<br>".join(
                f"{stance_badge(run.stance)} {run.latest}" for run in position.runs[:NESTED_LIST_LIMIT]
            )
            latest = records[0]
            claim = f"[{self.fragments.text(latest.claim.text)}]({record_target(latest, prefix)})"
            rows.append(f"| {self.fragments.link(issue.id, prefix)} | {stances} | {claim} |\n")
        return Markup("".join(rows))

    @jinja2.pass_context
    def claims_by_issue(
        self, context: jinja2.runtime.Context, groups: Sequence[tuple[Issue | None, Sequence[ClaimRecord]]]
    ) -> Markup:
        """An actor's newest claims under a heading per issue, each list cut at `NESTED_LIST_LIMIT`."""
        prefix = self._prefix(context)
        parts = []
        for issue, records in groups:
            title = escape_markdown(issue.title) if issue else "Other claims"
            parts.append(f"### {title} {{ data-search-exclude }}\n\n")
            if issue:
                parts.append(f"See the whole debate on {self.fragments.link(issue.id, prefix)}.\n\n")
            parts.extend(self._nested_claims(records, prefix, speaker=False))
        return Markup("".join(parts))

    def _nested_claims(
        self, records: Sequence[ClaimRecord], prefix: str, *, speaker: bool = True
    ) -> list[str]:
        """A list under a heading: the first `NESTED_LIST_LIMIT` claims, then how many more there are."""
        lines = [
            f"- {self.fragments.claim_item(record, prefix, speaker=speaker, issues=False)}\n"
            for record in records[:NESTED_LIST_LIMIT]
        ]
        if len(records) > NESTED_LIST_LIMIT:
            lines.append(_more(len(records) - NESTED_LIST_LIMIT, "claims", prefix) + "\n")
        lines.append("\n")
        return lines

    @jinja2.pass_context
    def lifecycle(self, context: jinja2.runtime.Context, steps: Sequence[LifecycleStep]) -> Markup:
        """A venue's story: per event, its outcome, then who proposed, backed or declined it."""
        prefix = self._prefix(context)
        fragments = self.fragments
        parts = []
        for step in steps:
            record = step.event
            event = record.event
            involving = f" · involving {fragments.links(event.actors, prefix)}" if event.actors else ""
            parts.append(
                f"### {event.date} · {escape_markdown(event.title)}\n\n"
                f"**Outcome:** {status_badge(event.status)} {escape_markdown(event.kind)}{involving} · "
                f"[in the report]({record_target(record, prefix)})\n"
                "{: .lifecycle-outcome data-search-exclude }\n\n"
            )
            groups = [
                (group, label)
                for group, label in (
                    (step.proposed, "Proposed or pressed for by"),
                    (step.backed, "Accepted or welcomed by"),
                    (step.declined, "Declined or opposed by"),
                    (step.remarks, "Other remarks"),
                )
                if group
            ]
            if not groups:
                continue
            # Who said what about it is on the reports' pages already: search finds the claims there.
            parts.append("<div data-search-exclude markdown>\n\n")
            for group, label in groups:
                parts.append(f"**{label}:**\n\n")
                parts.extend(self._nested_claims(group, prefix))
            parts.append("</div>\n\n")
        return Markup("".join(parts))

    @jinja2.pass_context
    def issue_filter_links(self, context: jinja2.runtime.Context) -> Markup:
        """The timeline's "Follow one issue" links (the most debated issues), the same on every page; empty
        when no issue has anything on the timeline.

        An issue with no event or claim yet is left out: its page has no Timeline section to link to, and
        there would be nothing to follow.
        """
        prefix = self._prefix(context)
        found = self._issue_filter_links.get(prefix)
        if found is None:
            followed = [issue for issue in self.index.issues_ranked if self.index.has_timeline(issue.id)]
            links = [
                f"[{escape_markdown(issue.title)}]({prefix}{entity_page_path('issue', issue.id)}#timeline)"
                for issue in followed[:ENTITY_LIST_LIMIT]
            ]
            if links and len(self.index.content.issues) > ENTITY_LIST_LIMIT:
                links.append(f"[all issues]({prefix}issues/index.md)")
            found = self._issue_filter_links[prefix] = Markup(" · ".join(links))
        return found

    @jinja2.pass_context
    def timeline_entries(
        self, context: jinja2.runtime.Context, records: Sequence[ClaimRecord | EventRecord]
    ) -> Markup:
        """One timeline page's entries, under a heading per date."""
        return Markup(self.fragments.timeline_entries(records, self._prefix(context)))

    @jinja2.pass_context
    def markdown(self, context: jinja2.runtime.Context, text: str) -> Markup:
        """Markdown written by a contributor (an explainer, a body), with `[[mentions]]` made into links."""
        return Markup(self._markdown(text, self._prefix(context)))

    def _markdown(self, text: str, prefix: str) -> str:
        if "[[" not in text:
            return text
        if not may_have_code(text):
            # No code anywhere (fence, code span, indented block), so every mention is in prose.
            return _MENTION.sub(lambda match: self._mention_link(match, prefix), text)

        def mention_link(mention: Mention) -> str:
            return self.fragments.link(mention.entity_id, prefix, mention.label)

        return replace_mentions(text, mention_link)

    def _mention_link(self, match: re.Match[str], prefix: str) -> str:
        label = match.group("label")
        return self.fragments.link(match.group("id").strip(), prefix, label.strip() if label else None)

    @staticmethod
    def picture(svg: str, caption: str) -> Markup:
        """An inline SVG figure built (and escaped) by generator.pictures, or nothing when there is none."""
        return Markup(figure(svg, caption)) if svg else Markup("")

    def _template(self, name: str) -> jinja2.Template:
        """A template whose globals are one plain dict: Jinja chains them to the environment's, and copying
        a chain into each page's context is slow (a Python call per name, per page)."""
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self.environment.get_template(name)
            found.globals = dict(found.globals)
        return found

    # -- pages ---------------------------------------------------------------------------------------------
    def render(
        self,
        template: str,
        page_path: str,
        source: str,
        meta: dict[str, Any] | None = None,
        *,
        searchable: bool = True,
        **values: Any,
    ) -> GeneratedPage:
        """Render one page; `title`, `description` and `meta` become the page's front matter.

        A page that only lists what other pages say (`searchable=False`) is left out of the search index.
        """
        body = list(self._template(template).generate(page_path=page_path, **values))
        return _page(
            page_path, source, body, meta, values["title"], values.get("description"), searchable=searchable
        )

    def article_page(self, article: Article) -> GeneratedPage:
        """An article's page, written in plain Python: what `article.md.j2` renders, byte for byte (the
        tests compare the two), without a template's cost on the site's most numerous page."""
        index = self.index
        slug = article.slug
        front = article.front
        fragments = self.fragments
        prefix = "../"
        source = front.source
        publisher = escape_markdown(source.publisher)
        reported = f"[{publisher}]({href(source.url)})" if source.url else publisher
        parts = [
            f"# {escape_markdown(article.title)}\n\n"
            f"{escape_markdown(str(front.date))} · Reported by {reported}\n"
            "{: .article-meta data-search-exclude }\n\n"
            f"{escape_markdown(front.summary)}\n{{: .lead }}\n\n"
        ]
        if front.issues:
            parts.append(
                f"**Issues:** {fragments.links(front.issues, prefix, ' · ')}\n{{: data-search-exclude }}\n\n"
            )
        body = self._markdown(unsearchable_headings(article.body), prefix)
        parts.append(f"<div data-search-exclude markdown>\n\n{body}\n\n</div>\n\n")
        events = index.events_by_article[slug]
        claims = index.claims_by_article[slug]
        if events:
            parts.append("## Events in this report { data-search-exclude }\n\n")
            parts.append(fragments.article_events(events))
        if claims:
            parts.append("## Claims in this report\n\n")
            parts.append(fragments.article_claims(claims, events))
        involved = index.entities_by_article[slug]
        people = [entity.id for entity in actors_in(index, involved)]
        places = [entity.id for entity in venues_in(index, involved)]
        if people or places:
            parts.append("## Who and where { data-search-exclude }\n\n")
            if people:
                parts.append(f"**Actors:** {fragments.links(people, prefix, ' · ')}\n\n\n")
            if places:
                parts.append(f"**Venues:** {fragments.links(places, prefix, ' · ')}\n\n\n")
        return _page(
            article_page_path(slug),
            article.path,
            parts,
            {"structured_data": JsonText(self.article_json(article))},
            article.title,
            front.summary,
        )


def _page(
    page_path: str,
    source: str,
    body: list[str],
    meta: dict[str, Any] | None,
    title: str,
    description: str | None,
    *,
    searchable: bool = True,
) -> GeneratedPage:
    """A page from its body's pieces (changed in place): `title`, `description` and `meta` become its front
    matter. The page is joined once, not joined, stripped and copied into place (pages run to 30 KB)."""
    # Themes put these into <title>, the header, the nav and a meta attribute without escaping them.
    meta = {"title": escape_html(title), **(meta or {})}
    if description:
        meta["description"] = escape_html(description)
    if not searchable:
        meta["search"] = {"exclude": True}
    pieces = ["---\n"]
    for key, value in meta.items():
        if type(value) is str:
            text = _json_text(value)
        elif type(value) is JsonText:
            text = value.text
        else:
            text = _FRONT_MATTER_JSON(value)
        pieces += (key, ": ", text, "\n")
    pieces.append("---\n\n")
    _strip_pieces(body)
    pieces += body
    pieces.append("\n")
    return GeneratedPage(page_path, "".join(pieces), source)


def _strip_pieces(pieces: list[str]) -> None:
    """Strip the whitespace `"".join(pieces)` starts and ends with, without joining them."""
    start = 0
    while start < len(pieces) and (not pieces[start] or pieces[start].isspace()):
        start += 1
    end = len(pieces)
    while end > start and (not pieces[end - 1] or pieces[end - 1].isspace()):
        end -= 1
    del pieces[end:]
    del pieces[:start]
    if pieces:
        pieces[0] = pieces[0].lstrip()
        pieces[-1] = pieces[-1].rstrip()


def _more(count: int, noun: str, prefix: str) -> str:
    """The last item of a cut list, as the `more` macro writes it for the timeline."""
    return f"- {ELLIPSIS} and {count} older {noun}, all listed in the [timeline]({prefix}timeline.md)"


def newest_records(
    events: Iterable[EventRecord], claims: Iterable[ClaimRecord], limit: int
) -> list[EventRecord | ClaimRecord]:
    """The newest `limit` of two newest-first lists together (an event before a claim with the same key)."""
    merged = heapq.merge(events, claims, key=lambda record: record.sort_key, reverse=True)
    return list(itertools.islice(merged, limit))


def interaction_records(index: Index) -> list[EventRecord]:
    """Calls, meetings and talks, oldest first."""
    return [record for record in index.events if record.event.kind in INTERACTION_KINDS]


def graph_links(index: Index) -> tuple[ActorLink, ...]:
    """The links among the `GRAPH_ACTOR_LIMIT` highest-ranked actors that have any link at all."""
    linked = {actor.id for link in index.actor_links for actor in (link.first, link.second)}
    ranked = [actor.id for actor in index.actors_ranked if actor.id in linked]
    shown = set(ranked[:GRAPH_ACTOR_LIMIT])
    return tuple(link for link in index.actor_links if link.first.id in shown and link.second.id in shown)


def mapped_venues(index: Index) -> list[Venue]:
    """Venues with coordinates, most events first (registry order among equals), at most MAP_VENUE_LIMIT."""
    located = [venue for venue in index.content.venues if venue.location is not None]
    return sorted(located, key=lambda venue: -len(index.events_of(venue.id)))[:MAP_VENUE_LIMIT]


GRAPH_CAPTION = (
    "Who met, called or talked with whom, from the events in the reports (at most the "
    f"{GRAPH_ACTOR_LIMIT} most active actors). A solid line: at least one "
    "of their shared calls, meetings or talks was held; dashed: only proposed, scheduled, declined or "
    "cancelled. The events it is drawn from are listed below."
)
MAP_CAPTION = (
    "Venues with known coordinates, on a longitude and latitude grid (no country outlines). "
    "Venues without coordinates (countries, regions) are listed below the map."
)


@dataclass(frozen=True)
class Pagination:
    """Where one page of a long list stands among its pages; page 1 lives at `first_path`."""

    first_path: str
    number: int
    count: int

    def path(self, number: int) -> str:
        """Page `number` of this list: `actors/index.md`, `actors/page-2.md`."""
        return paginated_path(self.first_path, number)

    @property
    def previous(self) -> str | None:
        """The previous page, if any."""
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The next page, if any."""
        return self.path(self.number + 1) if self.number < self.count else None


def paginated_path(first_path: str, number: int) -> str:
    """Page `number` of the list whose first page is `first_path`; URLs stay stable as content grows."""
    if number == 1:
        return first_path
    folder = posixpath.dirname(first_path) if first_path.endswith("/index.md") else first_path[: -len(".md")]
    return f"{folder}/page-{number}.md"


def paginate(items: Sequence[Any], first_path: str) -> list[tuple[Pagination, Sequence[Any]]]:
    """Split `items` into pages of `LIST_PAGE_SIZE`, in the given order; an empty list is one empty page."""
    chunks = [items[start : start + LIST_PAGE_SIZE] for start in range(0, len(items), LIST_PAGE_SIZE)] or [
        items
    ]
    return [(Pagination(first_path, number, len(chunks)), chunk) for number, chunk in enumerate(chunks, 1)]


def relative_path(target: str, page_path: str) -> str:
    """`target` (a path below the docs root) as a link from the page at `page_path`: `../actors/x.md`.

    Below the page's own folder the link goes down from it (`page-3.md`); anywhere else it climbs to the
    docs root first, which MkDocs resolves alike and costs no path arithmetic.
    """
    folder = page_path.rpartition("/")[0]
    if not folder:
        return target
    if target.startswith(folder) and target[len(folder) : len(folder) + 1] == "/":
        return target[len(folder) + 1 :]
    return root_prefix(page_path) + target


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """`1 claim`, `3 claims`."""
    return f"{count} {noun if count == 1 else (plural_noun or noun + 's')}"


class RenderMemo:
    """Pages rendered by the previous run in this process, keyed by everything each was rendered from.

    `mkdocs serve` regenerates the site on every save; with a memo, only the pages whose inputs changed are
    rendered again. A key holds the inputs themselves (articles, records), compared by value, so a page is
    reused only if what it shows is equal. Any change to a registry renders everything again.
    """

    def __init__(self) -> None:
        self._registries: tuple[Any, ...] | None = None
        self._previous: dict[Hashable, GeneratedPage] = {}
        self._current: dict[Hashable, GeneratedPage] = {}
        self._previous_tokens: dict[Article, int] = {}
        self._current_tokens: dict[Article, int] = {}
        self._tokens_by_id: dict[int, int] = {}
        self._next_token = 0
        self.rendered = 0
        """Pages rendered (not reused) by the latest run."""

    def start(self, content: Content) -> None:
        """Begin a run: keep the previous run's pages if the registries are unchanged."""
        registries = (content.actors, content.venues, content.issues, sorted(content.registry_paths.items()))
        self._previous = self._current if registries == self._registries else {}
        self._registries = registries
        self._current = {}
        self._previous_tokens, self._current_tokens = self._current_tokens, {}
        self._tokens_by_id = {}  # the articles of this run stay alive until it ends, so ids are unique
        self.rendered = 0

    def article_token(self, article: Article) -> int:
        """A number that stays the same from run to run as long as the article is equal, so that keys
        naming many articles compare numbers instead of whole articles."""
        token = self._tokens_by_id.get(id(article))
        if token is None:
            # Hashing an article hashes all of it: done once per article and run, not once per mention.
            token = self._previous_tokens.get(article)
            if token is None:
                token = self._next_token = self._next_token + 1
            self._current_tokens[article] = self._tokens_by_id[id(article)] = token
        return token

    def record_token(self, record: ClaimRecord | EventRecord | Article) -> tuple[str, int, int]:
        """The same for a claim or event record (or an article) in a listing."""
        if isinstance(record, Article):
            return ("article", self.article_token(record), 0)
        return (type(record).__name__, self.article_token(record.article), record.order)

    def page(self, key: Hashable, render: Callable[[], GeneratedPage]) -> GeneratedPage:
        """The page rendered from `key`'s inputs last time, or `render()` now."""
        found = self._previous.get(key)
        if found is None:
            found = render()
            self.rendered += 1
        self._current[key] = found
        return found


class _OneOffRun(RenderMemo):
    """A build that keeps nothing for a next one: every page is rendered, no key is built or compared."""

    def article_token(self, article: Article) -> int:
        """Not needed: nothing is compared."""
        return 0

    def record_token(self, record: ClaimRecord | EventRecord | Article) -> tuple[str, int, int]:
        """Not needed: nothing is compared."""
        return ("", 0, 0)

    def page(self, key: Hashable, render: Callable[[], GeneratedPage]) -> GeneratedPage:
        """`render()`, always."""
        self.rendered += 1
        return render()


def render_site(index: Index, memo: RenderMemo | None = None) -> dict[str, GeneratedPage]:
    """Every page of the site, keyed by path; iteration order is sorted so output is deterministic.

    With a `memo` from an earlier run in this process, pages whose inputs are unchanged are reused.
    """
    renderer = _Renderer(index)
    memo = memo or _OneOffRun()
    memo.start(index.content)
    pages = dict(_generate(renderer, index, memo))
    return {path: pages[path] for path in sorted(pages)}


def _generate(renderer: _Renderer, index: Index, memo: RenderMemo) -> Iterator[tuple[str, GeneratedPage]]:
    content = index.content
    paths = content.registry_paths
    for kind, section, entities in (
        ("actor", "actors", content.actors),
        ("venue", "venues", content.venues),
        ("issue", "issues", content.issues),
    ):
        source = paths.get(section, f"content/{section}.yml")
        for entity in entities:
            # Everything an entity page shows comes from the registries and the articles that involve it.
            key = (
                "entity",
                kind,
                entity.id,
                source,
                tuple(map(memo.article_token, index.articles_of(entity.id))),
            )
            page = memo.page(key, functools.partial(render_entity_page, renderer, kind, entity, source))
            yield page.path, page
        # Entity indexes show counts gathered from every article: rendered every time (they are few).
        yield from _listing_pages(
            renderer,
            None,
            "entity_index.md.j2",
            entities,
            f"{section}/index.md",
            source,
            section.capitalize(),
            f"All {section} in the story.",
            "entities",
            kind=kind,
        )
    renderer.fragments.forget_list_items()
    for article in content.articles:
        page = memo.page(("article", article), functools.partial(_render_article, renderer, article))
        yield page.path, page
    newest = tuple(reversed(content.articles))
    articles_source = "content/articles"
    yield from _listing_pages(
        renderer,
        memo,
        "articles_index.md.j2",
        newest,
        "articles/index.md",
        articles_source,
        "Articles",
        "Every report, newest first.",
        "articles",
    )
    # Oldest first, so a page keeps its entries as new reports are added at the end.
    yield from _listing_pages(
        renderer,
        memo,
        "timeline.md.j2",
        tuple(sorted([*index.events, *index.claims], key=lambda record: record.sort_key)),
        "timeline.md",
        articles_source,
        "Timeline",
        "Every event and claim in the story, by date.",
        "records",
    )
    yield (
        "index.md",
        renderer.render(
            "home.md.j2",
            "index.md",
            articles_source,
            meta={"feed": SITE_FEED_PATH},
            searchable=False,
            title="The story at a glance",
            description="Who the leaders are, where talks happen, and where each side stands.",
            articles=newest,
        ),
    )


def _listing_pages(
    renderer: _Renderer,
    memo: RenderMemo | None,
    template: str,
    items: Sequence[Any],
    first_path: str,
    source: str,
    title: str,
    description: str,
    items_name: str,
    **values: Any,
) -> Iterator[tuple[str, GeneratedPage]]:
    """A long list as pages of `LIST_PAGE_SIZE` (left out of search); with a memo, pages with the same
    entries as last time are reused."""
    for pagination, chunk in paginate(items, first_path):
        render = functools.partial(
            renderer.render,
            template,
            pagination.path(pagination.number),
            source,
            searchable=False,
            title=_page_title(title, pagination),
            description=description,
            pagination=pagination,
            **{items_name: chunk},
            **values,
        )
        if memo is None:
            page = render()
        else:
            page = memo.page((template, pagination, tuple(map(memo.record_token, chunk))), render)
        yield page.path, page


def _render_article(renderer: _Renderer, article: Article) -> GeneratedPage:
    return renderer.article_page(article)


def render_article_template(renderer: _Renderer, article: Article) -> GeneratedPage:
    """An article's page rendered from `article.md.j2`: the reference `_Renderer.article_page` is tested
    against."""
    index = renderer.index
    return renderer.render(
        "article.md.j2",
        article_page_path(article.slug),
        article.path,
        meta={"structured_data": JsonText(renderer.article_json(article))},
        title=article.title,
        description=article.front.summary,
        article=article,
        claims=index.claims_by_article[article.slug],
        events=index.events_by_article[article.slug],
        involved=index.entities_by_article[article.slug],
    )


def _page_title(title: str, pagination: Pagination) -> str:
    return title if pagination.number == 1 else f"{title}, page {pagination.number}"


def render_entity_page(renderer: _Renderer, kind: str, entity: Entity, source: str) -> GeneratedPage:
    """The one path that renders an actor, a venue or an issue page (template `<kind>.md.j2`)."""
    index = renderer.index
    assert isinstance(entity, Actor | Venue | Issue)
    return renderer.render(
        f"{kind}.md.j2",
        entity_page_path(kind, entity.id),
        source,
        meta={
            "structured_data": script_json(entity_data(entity)),
            "feed": entity_feed_path(kind, entity.id),
            "search": {"boost": ENTITY_SEARCH_BOOST},
        },
        title=entity.label,
        description=entity.summary or "",
        entity=entity,
        claims=index.claims_of(entity.id),
        events=index.events_of(entity.id),
        articles=index.articles_of(entity.id),
    )
