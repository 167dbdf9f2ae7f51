"""Render stage: the index to Markdown pages, one Jinja2 template per page kind.

All Markdown and HTML is in the templates (`templates/*.md.j2`, shared pieces in `_macros.md.j2`); this
module hands them data (records, entities, paths from `generator.domain.paths`) and escapes every value in one
place, the environment's `finalize`.
"""

from __future__ import annotations

import functools
import heapq
import html
import itertools
import json
import operator
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any, get_args
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

import jinja2
from babel import Locale
from markupsafe import Markup

from generator.check.validate import Article, Content
from generator.domain.dates import day_in_words
from generator.domain.kinds import ENTITY_KINDS
from generator.domain.model import Claim, ClaimKind, Entity, EventStatus, Stance
from generator.domain.paths import (
    SITE_FEED_PATH,
    article_page_path,
    article_page_url,
    entity_feed_path,
    entity_page_path,
    entity_page_url,
    paginated_path,
    record_url,
    served_path,
    served_root_prefix,
)
from generator.index import (
    ClaimRecord,
    EventRecord,
    Index,
    actors_in,
    venues_in,
)
from generator.load.markdown_code import lines_outside_code
from generator.load.mentions import Mention, replace_mentions
from generator.outputs.structured_data import article_data, entity_data, script_json
from generator.render.html_blocks import html_block
from generator.render.pictures import actor_graph, format_coordinate, relationship_graph
from generator.render.stance_grid import stance_grid
from generator.render.symbols import STANCE_SYMBOLS, STATUS_SYMBOLS
from generator.render.venue_map import MAP_STATUS_WORDS, map_venues, venue_map
from generator.workers import forked_map

HOME_LIMIT = 10
"""How many items each home page section shows; the indexes list the rest."""

COMPANION_LIMIT = 5
"""How many "appears most with" actors an actor page lists."""

ENTITY_SEARCH_BOOST = 4
"""How much more search weighs the words of an actor, venue or issue page than a report's (Pagefind weights
0-10): a name, an alias or an issue word finds the page of that thing first, then pages that mention it."""

EVENT_SEARCH_BOOST = 2
"""The same for an event page: between the two, so a venue or issue named in an event's title ranks first."""

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

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_WHITESPACE = re.compile(r"\s+")
_MARKUP_CHARACTERS = re.compile(r'[\\`*_{}\[\]|&<>"]')
_CHARACTER_REFERENCES = {
    **{character: f"&#{ord(character)};" for character in "\\`*_{}[]|"},
    **{"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"},
}
"""Markdown's and HTML's special characters, written as references: the same characters in both languages."""
_ESCAPED_AT_START = re.compile(r"^(?:[#+\-=:]|\d+[.)])")
"""What starts a heading, a list or a block at a line's start: its last character becomes a reference."""
_WHITESPACE_OTHER_THAN_SPACE = (
    "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character `str.isspace()` accepts (what `\\s` matches) except the space itself."""
_SPECIAL = re.compile(f'[\\\\`*_{{}}\\[\\]|&<>"{_WHITESPACE_OTHER_THAN_SPACE}]')
"""A character `escape_text` would change. One character class: far quicker to scan for than `\\s+`."""


def escape_text(text: str) -> str:
    """Make plain text inert in Markdown and in HTML (text and double-quoted attribute values): it shows as
    exactly these characters, on one line, wherever a template puts it."""
    # Most names, titles and claims need nothing: find that out with the quickest scans there are.
    if _SPECIAL.search(text) is None and "  " not in text and _ESCAPED_AT_START.match(text) is None:
        return text
    text = _WHITESPACE.sub(" ", text)
    text = _MARKUP_CHARACTERS.sub(_reference, text)
    return _ESCAPED_AT_START.sub(_escape_start, text)


def _reference(match: re.Match[str]) -> str:
    return _CHARACTER_REFERENCES[match.group(0)]


def _escape_start(match: re.Match[str]) -> str:
    found = match.group(0)
    return f"{found[:-1]}&#{ord(found[-1])};"


def percent_encode(url: str) -> Markup:
    """A contributor's URL made safe in a double-quoted HTML attribute: spaces, quotes and angle brackets
    percent-encoded, ampersands written as references."""
    return Markup(quote(url, safe=_URL_SAFE).replace("&", "&amp;"))


def escape_html(text: object) -> str:
    """Plain text for a place a theme treats as HTML (page title, meta description): one line, escaped."""
    # Double quotes too (themes quote attributes with them); apostrophes stay readable.
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;")


_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_CLOSING_HASHES = re.compile(r"\s+#+$")
_TRAILING_ATTRIBUTES = re.compile(r"\{:?([^{}]*)\}\s*$")


def unsearchable_headings(text: str) -> str:
    """Mark the `#` headings of contributor Markdown `data-search-exclude` (code is left alone).

    A report's body is kept out of the search index as one block, but a heading inside it would still start
    a search entry of its own: an empty one, carrying the page's title.
    """
    if "#" not in text:  # most bodies: no heading to mark
        return text
    lines = text.split("\n")
    for number, line in lines_outside_code(text):
        if _ATX_HEADING.match(line):
            stripped = line.rstrip()
            found = _TRAILING_ATTRIBUTES.search(stripped)
            if found:
                inner = found.group(1).rstrip()
                lines[number - 1] = f"{stripped[: found.start()]}{{: {inner.strip()} data-search-exclude }}"
            else:  # closing hashes (`## Title ##`) must stay last to be read as such: drop them
                lines[number - 1] = f"{_CLOSING_HASHES.sub('', stripped)} {{ data-search-exclude }}"
    return "\n".join(lines)


def _finalize(value: Any) -> str:
    # Every {{ expression }} passes here, the one place where values are escaped: only Markup (what a macro
    # drew, contributor Markdown through the `markdown` filter) is kept as Markdown; anything else is plain
    # text and made inert.
    if isinstance(value, Markup):
        return value
    return escape_text(str(value))


@dataclass(frozen=True, init=False)
class GeneratedPage:
    """One Markdown page for MkDocs.

    Its text is kept as UTF-8: a `str` holding any character past U+00FF (a stance's ✓, a quotation mark)
    takes two bytes for every character, and a large site holds every page until MkDocs has converted it.
    """

    path: str
    """Path below the docs root, POSIX form (`actors/vladimir-putin.md`)."""
    utf8: bytes
    """The page's Markdown, encoded."""
    source: str
    """The content file this page is edited in (`content/actors.yml`)."""

    def __init__(self, path: str, markdown: str, source: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "utf8", markdown.encode())
        object.__setattr__(self, "source", source)

    @property
    def markdown(self) -> str:
        """The page's Markdown."""
        return self.utf8.decode()


_NOTHING = Markup("")

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


class _Depth:
    """The macros of `_macros.md.j2` for the pages at one depth, and what the most repeated of them drew.

    A link, a badge or a claim's line is the same on every page at one depth (links climb to the site root
    with `prefix`), and shows on many of them: each is drawn by its macro once per run and handed out again.
    """

    def __init__(self, template: jinja2.Template, prefix: str) -> None:
        module = template.make_module({"prefix": prefix})
        self.macros: dict[str, jinja2.runtime.Macro] = {
            name: value for name, value in vars(module).items() if isinstance(value, jinja2.runtime.Macro)
        }
        """Every macro (`draw_pager` ...), by name."""
        self._named_links: dict[str, Markup] = {}
        """Entity id to its link labelled with its name: the link nearly every call wants, found by id."""
        self._labelled_links: dict[tuple[str, str], Markup] = {}
        self.lines: dict[tuple[int, bool, bool], Markup] = {}
        """A claim's or an event's line in a list, by the record's id and the line's variant."""

    def draw(self, name: str, *arguments: Any, **keywords: Any) -> Markup:
        """What the macro `draw_<name>` draws, marked as Markdown to keep."""
        return Markup(self.macros["draw_" + name](*arguments, **keywords))

    def link(self, entity_id: str, label: str | None = None) -> Markup:
        """`<a href="../../actors/id/">Name</a>`, labelled with the entity's name (or `label`)."""
        if label is None:
            found = self._named_links.get(entity_id)
            if found is None:
                found = self._named_links[entity_id] = self.draw("entity_link", entity_id, None)
            return found
        key = (entity_id, label)
        found = self._labelled_links.get(key)
        if found is None:
            found = self._labelled_links[key] = self.draw("entity_link", entity_id, label)
        return found

    def links(self, entity_ids: Iterable[str], separator: str) -> Markup:
        """Links to several entities, in the given order, between `separator`s (escaped like any value)."""
        get = self._named_links.get
        # A plain join: Markup's own would escape each link once more.
        return Markup(
            _finalize(separator).join([get(entity_id) or self.link(entity_id) for entity_id in entity_ids])
        )

    def claim_item(self, record: ClaimRecord, speaker: bool, issues: bool) -> Markup:
        """A claim's line in a list (macro `draw_claim_line`)."""
        # The records of one run stay alive until it ends, so their ids are unique.
        key = (id(record), speaker, issues)
        found = self.lines.get(key)
        if found is None:
            found = self.lines[key] = self.draw("claim_line", record, speaker, issues)
        return found

    def event_item(self, record: EventRecord, date: bool) -> Markup:
        """An event's line in a list (macro `draw_event_line`)."""
        key = (id(record), date, True)
        found = self.lines.get(key)
        if found is None:
            found = self.lines[key] = self.draw("event_line", record, date)
        return found


MACROS = "_macros.md.j2"
"""The template of the macros every page shares."""

REMEMBERED_MACROS = frozenset(
    {"entity_link", "claim_line", "event_line", "stance_badge", "status_badge", "position_words"}
)
"""Macros reached through the renderer's filters, which remember what they drew (see `_Depth`)."""


class _Renderer:
    """Holds the template environment and the index; every page goes through `render`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        """An article's JSON-LD, written as the JSON string its front matter holds."""
        self._templates: dict[str, jinja2.Template] = {}
        self._depths: dict[str, _Depth] = {}
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader("generator.render", "templates"),
            undefined=jinja2.StrictUndefined,
            # Markdown is not HTML: `finalize` makes every value inert in both, unless it is Markup (what a
            # macro drew, contributor Markdown through the `markdown` filter, a percent-encoded URL).
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one environment per run: never look for changed template files mid-run
            bytecode_cache=_COMPILED_TEMPLATES,  # each run of `mkdocs serve` would compile them again
        )
        self.environment.tests["claim_record"] = lambda value: isinstance(value, ClaimRecord)
        self.environment.filters.update(
            link=self.link,
            links=self.links,
            claim_item=self.claim_item,
            event_item=self.event_item,
            report_url=self.report_url,
            article_url=self.article_url,
            stance=self.stance_badge,
            position_words=self.position_words,
            status=self.status_badge,
            markdown=self.markdown,
            block=html_block,
            plural=plural,
            day_words=day_in_words,
            country=country_name,
            percent_encode=percent_encode,
            unsearchable_headings=unsearchable_headings,
            # Inside an SVG (a raw HTML block, which Markdown does not read): text and attribute values
            # escaped for XML (quotes too), numbers.
            xml=lambda text: Markup(xml_escape(text, {'"': "&quot;"})),
            coordinate=lambda value: Markup(format_coordinate(value)),
        )
        self.environment.globals.update(
            index=index,
            entity_of=index.entities.__getitem__,
            kind_of=index.kind_of.__getitem__,
            actors_in=lambda ids: actors_in(index, ids),
            venues_in=lambda ids: venues_in(index, ids),
            url=self.url,
            newest=newest_records,
            take=lambda items, count: list(itertools.islice(items, count)),
            latest_developments=lambda limit: newest_records(
                reversed(index.events), reversed(index.claims), limit
            ),
            by_day=by_day,
            entity_url=entity_page_url,
            feed_path=entity_feed_path,
            site_feed_path=SITE_FEED_PATH,
            # What the pictures show (generator.render.pictures); the macro `draw_svg` draws them.
            actor_graph=functools.cache(lambda: actor_graph(index, GRAPH_ACTOR_LIMIT)),
            graph_drawing=relationship_graph,
            map_venues=lambda: map_venues(index, MAP_VENUE_LIMIT),
            map_drawing=venue_map,
            # The stance grid (generator.render.stance_grid), drawn by `_stance_grid.md.j2`.
            stance_grid=functools.cache(lambda: stance_grid(index)),
            STANCE_SYMBOLS=STANCE_SYMBOLS,
            STATUS_SYMBOLS=STATUS_SYMBOLS,
            MAP_STATUS_WORDS=MAP_STATUS_WORDS,
            STANCES=get_args(Stance),
            EVENT_STATUSES=get_args(EventStatus),
            CLAIM_KINDS=get_args(ClaimKind),
            HOME_LIMIT=HOME_LIMIT,
            COMPANION_LIMIT=COMPANION_LIMIT,
            ENTITY_LIST_LIMIT=ENTITY_LIST_LIMIT,
            NESTED_LIST_LIMIT=NESTED_LIST_LIMIT,
            GRAPH_ACTOR_LIMIT=GRAPH_ACTOR_LIMIT,
            NL=Markup("\n"),  # a line break that survives trim_blocks, e.g. before an attribute list
        )
        # Every macro `draw_x` is `x` to templates (the filters above reach the remembered ones).
        drawn = vars(self.environment.get_template(MACROS).make_module({"prefix": ""}))
        self.environment.globals.update(
            {
                name.removeprefix("draw_"): _drawing(self, name.removeprefix("draw_"))
                for name in drawn
                if name.startswith("draw_") and name.removeprefix("draw_") not in REMEMBERED_MACROS
            }
        )
        anywhere = self.depth("")
        self._stance_badges = {stance: anywhere.draw("stance_badge", stance) for stance in get_args(Stance)}
        self._position_words: dict[int, Markup] = {}
        self._status_badges = {
            status: anywhere.draw("status_badge", status) for status in get_args(EventStatus)
        }

    def depth(self, prefix: str) -> _Depth:
        """The macros for pages whose links climb to the site root with `prefix`."""
        found = self._depths.get(prefix)
        if found is None:
            found = self._depths[prefix] = _Depth(self._template(MACROS), prefix)
        return found

    def forget_list_items(self) -> None:
        """Drop the claim and event lines drawn so far: those of the entity pages (one folder deep, with
        dates) are not shown again on the pages rendered after them, so they need not stay in memory."""
        for depth in self._depths.values():
            depth.lines.clear()

    # -- what templates call: data in, a macro's drawing out -------------------------------------------------
    @jinja2.pass_context
    def url(self, context: jinja2.runtime.Context, target: str) -> str:
        """The page or file `target` (below the docs root) as a link from this page (`../../timeline/`)."""
        return context["prefix"] + served_path(target) or "./"

    @jinja2.pass_context
    def link(self, context: jinja2.runtime.Context, entity: Entity | str, label: str | None = None) -> Markup:
        """An HTML link to an entity's page (an entity or an id), labelled with its name (or `label`)."""
        entity_id = entity if isinstance(entity, str) else entity.id
        return self.depth(context["prefix"]).link(entity_id, label)

    @jinja2.pass_context
    def links(
        self, context: jinja2.runtime.Context, entities: Iterable[Entity | str], separator: str = ", "
    ) -> Markup:
        """Links to several entities (or ids), in the given order."""
        entity_ids = [entity if isinstance(entity, str) else entity.id for entity in entities]
        return self.depth(context["prefix"]).links(entity_ids, separator)

    @staticmethod
    @jinja2.pass_context
    def report_url(context: jinja2.runtime.Context, record: ClaimRecord | EventRecord) -> str:
        """Where a claim or an event is reported, seen from the page."""
        return context["prefix"] + record_url(record)

    @staticmethod
    @jinja2.pass_context
    def article_url(context: jinja2.runtime.Context, article: Article) -> str:
        """Where an article's page is, seen from the page."""
        return context["prefix"] + article_page_url(article.slug)

    @jinja2.pass_context
    def claim_item(
        self, context: jinja2.runtime.Context, record: ClaimRecord, speaker: bool = True, issues: bool = True
    ) -> Markup:
        """A claim's line in a list, drawn once per depth by the macro `claim_line`."""
        return self.depth(context["prefix"]).claim_item(record, speaker, issues)

    @jinja2.pass_context
    def event_item(self, context: jinja2.runtime.Context, record: EventRecord, date: bool = True) -> Markup:
        """An event's line in a list, drawn once per depth by the macro `event_line`."""
        return self.depth(context["prefix"]).event_item(record, date)

    def position_words(self, claim: Claim) -> Markup:
        """What exactly a claim's speaker wants, in words, and on what conditions (macro `position_words`),
        drawn once per claim: a claim shows on its report, its speaker's and its issues' pages."""
        if not claim.position and not claim.conditions:
            return _NOTHING
        # The claims of one run stay alive until it ends, so their ids are unique.
        found = self._position_words.get(id(claim))
        if found is None:
            found = self._position_words[id(claim)] = self.depth("").draw("position_words", claim)
        return found

    def stance_badge(self, stance: str) -> Markup:
        """`✓ supports`, drawn once by the macro `stance_badge`."""
        return self._stance_badges[stance]

    def status_badge(self, status: str) -> Markup:
        """`● held`, `○ proposed`, `✗ declined` ..., drawn once by the macro `status_badge`."""
        return self._status_badges[status]

    @jinja2.pass_context
    def markdown(self, context: jinja2.runtime.Context, text: str) -> Markup:
        """Markdown written by a contributor (an explainer, a body), with `[[mentions]]` made into links."""
        if "[[" not in text:
            return Markup(text)
        depth = self.depth(context["prefix"])

        def mention_link(mention: Mention) -> str:
            return depth.link(mention.entity_id, mention.label)

        return Markup(replace_mentions(text, mention_link))

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
        body = list(
            self._template(template).generate(
                page_path=page_path, prefix=served_root_prefix(page_path), **values
            )
        )
        return _page(
            page_path, source, body, meta, values["title"], values.get("description"), searchable=searchable
        )


def _drawing(renderer: _Renderer, name: str) -> Callable[..., Markup]:
    """The macro `draw_<name>` for templates: drawn for the calling page's depth, kept as Markdown."""

    @jinja2.pass_context
    def draw(context: jinja2.runtime.Context, *arguments: Any, **keywords: Any) -> Markup:
        return renderer.depth(context["prefix"]).draw(name, *arguments, **keywords)

    return draw


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
        text = _json_text(value) if type(value) is str else _FRONT_MATTER_JSON(value)
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


_TERRITORIES: dict[str, str] = Locale("en").territories
"""ISO 3166-1 alpha-2 codes to their English names (CLDR, through babel)."""


def country_name(code: str) -> str:
    """A country's English name (`TR` is Türkiye); an unknown code as written."""
    return _TERRITORIES.get(code.upper(), code)


def newest_records(
    events: Iterable[EventRecord], claims: Iterable[ClaimRecord], limit: int
) -> list[EventRecord | ClaimRecord]:
    """The newest `limit` of two newest-first lists together (an event before a claim with the same key)."""
    merged = heapq.merge(events, claims, key=lambda record: record.sort_key, reverse=True)
    return list(itertools.islice(merged, limit))


def by_day(records: Iterable[EventRecord | ClaimRecord]) -> list[tuple[str, list[EventRecord | ClaimRecord]]]:
    """Chronological records grouped under the day each shows under (`2025-05-19`, `May 2025`), in order."""
    return [(day, list(group)) for day, group in itertools.groupby(records, key=_DAY)]


_DAY = operator.attrgetter("day")


def shown_articles(index: Index, entity: Entity) -> list[Article]:
    """The articles an entity's page shows something of: those involving it, those of the actors it relates
    to (their positions show on its page), and the reports its summary updates cite."""
    found = list(index.articles_of(entity.id))
    for relation in index.relations_of(entity.id):
        found += index.articles_of(relation.other.id)
    found += [
        index.articles_by_slug[update.report]
        for update in entity.updates
        if update.report in index.articles_by_slug
    ]
    return found


def related_articles(index: Index, article: Article) -> list[Article]:
    """The other reports an article's page shows something of: later carriers of its claims, and the first
    reports of the claims it carries."""
    found = [later for record in index.claims_by_article[article.slug] for later in record.carried_by]
    found += [record.article for record in index.carried_by_article[article.slug]]
    return found


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


def paginate(items: Sequence[Any], first_path: str) -> list[tuple[Pagination, Sequence[Any]]]:
    """Split `items` into pages of `LIST_PAGE_SIZE`, in the given order; an empty list is one empty page."""
    chunks = [items[start : start + LIST_PAGE_SIZE] for start in range(0, len(items), LIST_PAGE_SIZE)] or [
        items
    ]
    return [(Pagination(first_path, number, len(chunks)), chunk) for number, chunk in enumerate(chunks, 1)]


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
        registries = (
            *(content.entities_of(kind) for kind in ENTITY_KINDS),
            sorted(content.registry_paths.items()),
        )
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

    def record_token(self, record: ClaimRecord | EventRecord | Article) -> tuple[str, int, tuple[int, ...]]:
        """The same for a claim or event record (or an article) in a listing: what it shows comes from the
        reports that carry it (a claim's first report and its place there; an event's place in the
        registry and its reports)."""
        if isinstance(record, Article):
            return ("article", self.article_token(record), ())
        if isinstance(record, EventRecord):
            articles = [report.article for report in record.reports]
            return ("event", record.order, tuple(map(self.article_token, articles)))
        return ("claim", record.order, tuple(map(self.article_token, record.reports)))

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

    def record_token(self, record: ClaimRecord | EventRecord | Article) -> tuple[str, int, tuple[int, ...]]:
        """Not needed: nothing is compared."""
        return ("", 0, ())

    def page(self, key: Hashable, render: Callable[[], GeneratedPage]) -> GeneratedPage:
        """`render()`, always."""
        self.rendered += 1
        return render()


PARALLEL_MINIMUM_PAGES = 200
"""Below this many pages, forking workers to render them costs more than it saves."""
CHUNK_PAGES = 16
"""Pages a worker renders per message."""


@dataclass(frozen=True)
class _PageJob:
    """One page to render: its memo key (None: rendered every time) and how to render it. A job whose
    `render` gives None is a step between pages (forgetting drawn lines)."""

    key: Hashable | None
    render: Callable[[], GeneratedPage | None]

    def run(self, memo: RenderMemo) -> GeneratedPage | None:
        """The page, from the memo or rendered now."""
        if self.key is None:
            return self.render()
        return memo.page(self.key, self.render)  # type: ignore[arg-type]


def render_site(index: Index, memo: RenderMemo | None = None, workers: int = 1) -> dict[str, GeneratedPage]:
    """Every page of the site, keyed by path; iteration order is sorted so output is deterministic.

    With a `memo` from an earlier run in this process, pages whose inputs are unchanged are reused. Without
    one, `workers` processes (forked, `generator/workers.py`) render the pages of a large site.
    """
    renderer = _Renderer(index)
    one_off = memo is None
    memo = memo or _OneOffRun()
    memo.start(index.content)
    jobs = list(_page_jobs(renderer, index, memo))
    if one_off and workers > 1 and len(jobs) >= PARALLEL_MINIMUM_PAGES:
        rendered = _render_in_workers(jobs, workers)
    else:
        rendered = [page for job in jobs if (page := job.run(memo)) is not None]
    pages = {page.path: page for page in rendered}
    return {path: pages[path] for path in sorted(pages)}


_jobs: Sequence[_PageJob] = ()
"""The jobs of the `render_site` call that forked the workers."""


def _run_chunk(number: int) -> list[GeneratedPage | None]:
    start = number * CHUNK_PAGES
    return [job.render() for job in _jobs[start : start + CHUNK_PAGES]]


def _render_in_workers(jobs: Sequence[_PageJob], workers: int) -> list[GeneratedPage]:
    """The jobs' pages, in the jobs' order, rendered by `workers` forked processes."""
    global _jobs
    _jobs = jobs
    try:
        chunks = forked_map(_run_chunk, -(-len(jobs) // CHUNK_PAGES), workers)
        return [page for pages in chunks for page in pages if page is not None]
    finally:
        _jobs = ()


def _page_jobs(renderer: _Renderer, index: Index, memo: RenderMemo) -> Iterator[_PageJob]:
    content = index.content
    paths = content.registry_paths
    for entity_kind in ENTITY_KINDS:
        kind, section, entities = entity_kind.name, entity_kind.registry, content.entities_of(entity_kind)
        source = paths.get(section, f"content/{section}.yml")
        for entity in entities:
            # Everything an entity page shows comes from the registries and the articles that involve it.
            key = (
                "entity",
                kind,
                entity.id,
                source,
                tuple(map(memo.article_token, shown_articles(index, entity))),
            )
            yield _PageJob(key, functools.partial(render_entity_page, renderer, kind, entity, source))
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
    yield _PageJob(None, renderer.forget_list_items)
    for article in content.articles:
        # An article's page also shows who else carries its claims, and the claims it carries.
        related = tuple(map(memo.article_token, related_articles(index, article)))
        yield _PageJob(
            ("article", article, related), functools.partial(render_article_page, renderer, article)
        )
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
        index.timeline,
        "timeline.md",
        articles_source,
        "Timeline",
        "Every event and claim in the story, by date.",
        "records",
    )
    yield _PageJob(
        None,
        functools.partial(
            renderer.render,
            "home.md.j2",
            "index.md",
            content.story_path or articles_source,
            # No table of contents beside the story: the stance grid gets the page's width.
            meta={"feed": SITE_FEED_PATH, "hide": ["toc"]},
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
) -> Iterator[_PageJob]:
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
        key = None if memo is None else (template, pagination, tuple(map(memo.record_token, chunk)))
        yield _PageJob(key, render)


def render_article_page(renderer: _Renderer, article: Article) -> GeneratedPage:
    """An article's page (template `article.md.j2`)."""
    index = renderer.index
    return renderer.render(
        "article.md.j2",
        article_page_path(article.slug),
        article.path,
        meta={"structured_data": script_json(article_data(article, renderer.index))},
        title=article.title,
        description=article.front.summary,
        article=article,
        claims=index.claims_by_article[article.slug],
        carried=index.carried_by_article[article.slug],
        events=index.events_by_article[article.slug],
        involved=index.entities_by_article[article.slug],
    )


def _page_title(title: str, pagination: Pagination) -> str:
    return title if pagination.number == 1 else f"{title}, page {pagination.number}"


def render_entity_page(renderer: _Renderer, kind: str, entity: Entity, source: str) -> GeneratedPage:
    """The one path that renders an actor, event, venue or issue page (template `<kind>.md.j2`)."""
    index = renderer.index
    return renderer.render(
        f"{kind}.md.j2",
        entity_page_path(kind, entity.id),
        source,
        meta={
            "structured_data": script_json(entity_data(entity, index)),
            "feed": entity_feed_path(kind, entity.id),
            "search": {"boost": EVENT_SEARCH_BOOST if kind == "event" else ENTITY_SEARCH_BOOST},
        },
        title=entity.label,
        description=index.summary_of(entity).text or "",
        entity=entity,
        claims=index.claims_of(entity.id),
        events=index.events_of(entity.id),
        articles=index.articles_of(entity.id),
    )
