"""Render stage: the index to Markdown pages, one Jinja2 template per page kind."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generator.feeds import SITE_FEED_PATH, entity_feed_path
from generator.index import INTERACTION_KINDS, ClaimRecord, EventRecord, Index, actors_in, venues_in
from generator.mentions import Mention, replace_mentions
from generator.model import Actor, Entity, Issue, Venue
from generator.pictures import figure, relationship_graph, venue_map
from generator.structured_data import article_data, entity_data, script_json
from generator.validate import Article

ENTITY_SECTIONS: dict[str, str] = {"actor": "actors", "venue": "venues", "issue": "issues"}
"""Entity kind to the folder of its pages."""

HOME_LIMIT = 10
"""How many items each home page section shows; the indexes list the rest."""

COMPANION_LIMIT = 5
"""How many "appears most with" actors an actor page lists."""

ENTITY_SEARCH_BOOST = 2
"""Material search ranks actor, venue and issue pages above pages that merely mention them."""

STANCE_SYMBOLS: dict[str, str] = {"supports": "✓", "opposes": "✗", "neutral": "○"}
"""Shown beside the stance word, so stance never depends on colour alone."""

STATUS_SYMBOLS: dict[str, str] = {
    "held": "●",
    "scheduled": "◐",
    "proposed": "○",
    "declined": "✗",
    "cancelled": "✗",
}

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_WHITESPACE = re.compile(r"\s+")
_ALWAYS_ESCAPED = re.compile(r"([\\`*_{}\[\]|])")
_ESCAPED_AT_START = re.compile(r"^([#+\-=>:]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Make plain text inert in Markdown and HTML: it renders as exactly these characters, on one line."""
    text = _WHITESPACE.sub(" ", text)
    text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
    text = _ESCAPED_AT_START.sub(_escape_start, text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_html(text: object) -> str:
    """Plain text for a place a theme treats as HTML (page title, meta description): one line, escaped."""
    # Double quotes too (themes quote attributes with them); apostrophes stay readable.
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;")


def _escape_start(match: re.Match[str]) -> str:
    # "1." starts an ordered list: escape the dot, since a backslash before a digit is not an escape.
    found = match.group(0)
    return f"{found}\\" if found[0].isdigit() else f"\\{found}"


def _finalize(value: Any) -> Markup:
    # Every {{ expression }} passes here: only Markup (built by this module, or a macro's output) is trusted
    # as Markdown; anything else is plain text and made inert. Autoescape then leaves the result alone.
    if isinstance(value, Markup):
        return value
    return Markup(escape_markdown(str(value)))


@dataclass(frozen=True)
class GeneratedPage:
    """One Markdown page for MkDocs."""

    path: str
    """Path below the docs root, POSIX form (`actors/vladimir-putin.md`)."""
    markdown: str
    source: str
    """The content file this page is edited in (`content/actors.yml`)."""


def entity_page_path(kind: str, entity_id: str) -> str:
    """Where an entity's page lives: `actors/<id>.md`."""
    return f"{ENTITY_SECTIONS[kind]}/{entity_id}.md"


def article_page_path(slug: str) -> str:
    """Where an article's page lives: `articles/<slug>.md`."""
    return f"articles/{slug}.md"


class _Renderer:
    """Holds the template environment and the index; every page goes through `render`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # macro output is Markup, so it is not escaped twice
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(
            link=self.link,
            claim_link=self.claim_link,
            event_link=self.event_link,
            article_link=self.article_link,
            stance=stance_badge,
            status=status_badge,
            markdown=self.markdown,
            plural=plural,
            href=href,
        )
        self.environment.globals.update(
            index=index,
            entity_of=index.entities.get,
            kind_of=index.kind_of.get,
            actors_in=lambda ids: actors_in(index, ids),
            venues_in=lambda ids: venues_in(index, ids),
            url=self.url,
            entity_path=entity_page_path,
            feed_path=entity_feed_path,
            site_feed_path=SITE_FEED_PATH,
            relationship_graph=lambda: self.picture(relationship_graph(index.actor_links), GRAPH_CAPTION),
            venue_map=lambda: self.picture(venue_map(index.content.venues), MAP_CAPTION),
            HOME_LIMIT=HOME_LIMIT,
            COMPANION_LIMIT=COMPANION_LIMIT,
            INTERACTION_KINDS=sorted(INTERACTION_KINDS),
            NL=Markup("\n"),  # a line break that survives trim_blocks, e.g. before an attribute list
        )

    # -- links ---------------------------------------------------------------------------------------------
    @staticmethod
    def _relative(context: jinja2.runtime.Context, target: str) -> str:
        here = posixpath.dirname(context["page_path"])
        return posixpath.relpath(target, here or ".")

    @jinja2.pass_context
    def url(self, context: jinja2.runtime.Context, target: str) -> Markup:
        """A link target relative to the current page (`../actors/x.md`)."""
        return Markup(self._relative(context, target))

    @jinja2.pass_context
    def link(self, context: jinja2.runtime.Context, entity: Entity | str, label: str | None = None) -> Markup:
        """A Markdown link to an entity's page, labelled with its name (or `label`)."""
        if isinstance(entity, str):
            entity = self.index.entities[entity]
        kind = self.index.kind_of[entity.id]
        text = escape_markdown(label if label is not None else entity.label)
        target = self._relative(context, entity_page_path(kind, entity.id))
        return Markup(f"[{text}]({target})")

    @jinja2.pass_context
    def article_link(
        self,
        context: jinja2.runtime.Context,
        article: Article,
        anchor: str | None = None,
        label: str | None = None,
    ) -> Markup:
        """A Markdown link to an article (optionally to an anchor on it)."""
        target = self._relative(context, article_page_path(article.slug))
        if anchor:
            target = f"{target}#{anchor}" if target != "." else f"#{anchor}"
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
    def markdown(self, context: jinja2.runtime.Context, text: str) -> Markup:
        """Markdown written by a contributor (an explainer, a body), with `[[mentions]]` made into links."""

        def mention_link(mention: Mention) -> str:
            return str(self.link(context, mention.entity_id, mention.label))

        return Markup(replace_mentions(text, mention_link))

    @staticmethod
    def picture(svg: str, caption: str) -> Markup:
        """An inline SVG figure built (and escaped) by generator.pictures, or nothing when there is none."""
        return Markup(figure(svg, caption)) if svg else Markup("")

    # -- pages ---------------------------------------------------------------------------------------------
    def render(
        self, template: str, page_path: str, source: str, meta: dict[str, Any] | None = None, **values: Any
    ) -> GeneratedPage:
        """Render one page; `title`, `description` and `meta` become the page's front matter."""
        body = self.environment.get_template(template).render(page_path=page_path, **values)
        # Themes put these into <title>, the header, the nav and a meta attribute without escaping them.
        meta = {"title": escape_html(values["title"]), **(meta or {})}
        if values.get("description"):
            meta["description"] = escape_html(values["description"])
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        return GeneratedPage(page_path, f"---\n{front}---\n\n{body.strip()}\n", source)


GRAPH_CAPTION = (
    "Who met, called or talked with whom, from the events in the reports. A solid line: at least one "
    "of their shared calls, meetings or talks was held; dashed: only proposed, scheduled, declined or "
    "cancelled. The events it is drawn from are listed below."
)
MAP_CAPTION = (
    "Venues with known coordinates, on a longitude and latitude grid (no country outlines). "
    "Venues without coordinates (countries, regions) are listed below the map."
)


def href(url: str) -> Markup:
    """A link destination for Markdown: `<...>` with spaces and brackets percent-encoded."""
    return Markup(f"<{quote(url, safe=_URL_SAFE)}>")


def stance_badge(stance: str) -> Markup:
    """`✓ supports` styled by class; the symbol and word carry the meaning, colour only helps."""
    return Markup(f"**{STANCE_SYMBOLS[stance]} {stance}**{{ .stance .stance-{stance} }}")


def status_badge(status: str) -> Markup:
    """`● held`, `○ proposed`, `✗ declined` ... styled by class."""
    return Markup(f"*{STATUS_SYMBOLS[status]} {status}*{{ .status .status-{status} }}")


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """`1 claim`, `3 claims`."""
    return f"{count} {noun if count == 1 else (plural_noun or noun + 's')}"


def render_site(index: Index) -> dict[str, GeneratedPage]:
    """Every page of the site, keyed by path; iteration order is sorted so output is deterministic."""
    renderer = _Renderer(index)
    pages = dict(_generate(renderer, index))
    return {path: pages[path] for path in sorted(pages)}


def _generate(renderer: _Renderer, index: Index) -> Iterator[tuple[str, GeneratedPage]]:
    content = index.content
    paths = content.registry_paths
    for kind, section, entities in (
        ("actor", "actors", content.actors),
        ("venue", "venues", content.venues),
        ("issue", "issues", content.issues),
    ):
        source = paths.get(section, f"content/{section}.yml")
        for entity in entities:
            page = render_entity_page(renderer, kind, entity, source)
            yield page.path, page
        index_page = renderer.render(
            "entity_index.md.j2",
            f"{section}/index.md",
            source,
            title=section.capitalize(),
            description=f"All {section} in the story.",
            kind=kind,
            entities=entities,
        )
        yield index_page.path, index_page
    for article in content.articles:
        page = renderer.render(
            "article.md.j2",
            article_page_path(article.slug),
            article.path,
            meta={"structured_data": script_json(article_data(article, index))},
            title=article.title,
            description=article.front.summary,
            article=article,
            claims=index.claims_by_article[article.slug],
            events=index.events_by_article[article.slug],
            involved=index.entities_by_article[article.slug],
        )
        yield page.path, page
    newest = tuple(reversed(content.articles))
    articles_source = "content/articles"
    yield (
        "articles/index.md",
        renderer.render(
            "articles_index.md.j2",
            "articles/index.md",
            articles_source,
            title="Articles",
            description="Every report, newest first.",
            articles=newest,
        ),
    )
    yield (
        "timeline.md",
        renderer.render(
            "timeline.md.j2",
            "timeline.md",
            articles_source,
            title="Timeline",
            description="Every event and claim in the story, by date.",
        ),
    )
    yield (
        "index.md",
        renderer.render(
            "home.md.j2",
            "index.md",
            articles_source,
            meta={"feed": SITE_FEED_PATH},
            title="The story at a glance",
            description="Who the leaders are, where talks happen, and where each side stands.",
            articles=newest,
        ),
    )


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
