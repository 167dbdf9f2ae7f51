"""Synthetic benchmark corpus: a deterministic, valid content tree of any size, written in the content model.

N articles of about 600 words, N/10 actors, N/20 venues, N/20 issues, N/2 events in a shared registry, 8
claims and 2 event reports per article (an event is reported by about four articles, its status moving from
scheduled to held or cancelled as its day passes), and every fourth article carries a claim of an earlier one.
Claims are dated as v2 content dates them: by their event, on a day, in a month or on or before a day; some
are conditional, with a position and conditions. A few states have a side, led by a person; a few issues have
later summaries. Who appears where follows a Zipf law, as in real news: a few actors are in most articles,
most actors in few.
The text is made of filler words; nothing in it is a fact. It is for benchmarks and tests only, and is
never written into the project's own `content/`.

Two shapes write the same story. `flow` (the default) writes lists of names in flow style (`issues: [a, b]`),
text as plain scalars and bodies of about 600 words with a mention every other paragraph. `block` writes every
list and mapping in block style (`- a` lines), text as double-quoted strings with escapes and a few non-ASCII
letters, summaries as `|` literal blocks, and bodies of about 2,000 words with a mention (some labelled) in
every paragraph, two headings, a list, emphasis and a link to another report.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

CLAIMS_PER_ARTICLE = 8
EVENTS_PER_ARTICLE = 2
"""Event reports per article: its own event (dated on its day) and one earlier or later one."""
ARTICLES_PER_EVENT = 2
"""The registry has one event for every two articles."""
CARRY_EVERY = 4
"""Every fourth article carries a claim first written three articles before it."""
BODY_WORDS = 600
LONG_BODY_WORDS = 2000
"""Words in a body of the block shape."""
WORDS_PER_PARAGRAPH = 100
ZIPF_EXPONENT = 1.1
FIRST_DATE = datetime.date(2020, 1, 1)
ARTICLES_PER_DAY = 5

_FILLER = (
    "talks delegation proposal ceasefire corridor agreement envoy summit border monitors drafted "
    "officials negotiators signal framework guarantee reply timetable exchange prisoners grain port "
    "sanctions relief observers mission schedule statement pressure reserve session capital regional "
    "council partners mediator round memo territory offer refusal demand warning response morning "
    "evening weekly later earlier again quietly openly carefully briefly public private written"
)
_WORDS = _FILLER.split()
_ACTOR_KINDS = ("person", "person", "person", "organisation", "state", "group")
_VENUE_KINDS = ("city", "country", "building", "region")
_EVENT_KINDS = ("call", "meeting", "talks", "press-conference", "statement", "other")
_CLAIM_KINDS = ("statement", "demand", "offer", "pledge", "refusal", "threat", "assessment", "warning")
_STANCES = ("supports", "opposes", "conditional", "neutral")
_EVENT_AHEAD = 5
"""An odd article also reports the event five further on (still scheduled), an even one the event ten back."""
_EVENT_BEHIND = 10
_PLACES = ("Zürich", "Genève", "Kraków", "São Paulo", "Reykjavík", "Malmö", "Besançon", "Łódź")
"""Non-ASCII words the block shape puts in titles and names."""
_SURNAMES = ("Ørsted", "Núñez", "Çelik", "Dvořák", "Müller", "Šimić", "Åberg", "Ôtani")

Shape = Literal["flow", "block"]
"""How the corpus is written: see the module's docstring."""
SHAPES: tuple[Shape, ...] = get_args(Shape)


@dataclass(frozen=True)
class _Style:
    """How one shape writes a scalar text, a list of scalars and a small mapping below a key."""

    shape: Shape

    @property
    def block(self) -> bool:
        return self.shape == "block"

    def text(self, value: str) -> str:
        """Human text: plain in the flow shape, double-quoted (with escapes) in the block shape."""
        return json.dumps(value, ensure_ascii=False) if self.block else value

    def sequence(self, indent: str, key: str, items: list[str]) -> list[str]:
        """`key: [a, b]`, or `key:` with a `- a` line per item."""
        if not self.block:
            return [f"{indent}{key}: [{', '.join(items)}]"]
        return [f"{indent}{key}:", *(f"{indent}  - {item}" for item in items)]

    def mapping(self, indent: str, key: str, items: dict[str, str]) -> list[str]:
        """`key: {a: 1, b: 2}`, or `key:` with a `a: 1` line per entry."""
        if not self.block:
            return [f"{indent}{key}: {{{', '.join(f'{name}: {value}' for name, value in items.items())}}}"]
        return [f"{indent}{key}:", *(f"{indent}  {name}: {value}" for name, value in items.items())]

    def summary(self, indent: str, key: str, sentences: list[str]) -> list[str]:
        """One or more sentences: on one line (flow, or block with one sentence), else a `|` literal block."""
        if not self.block:
            return [f"{indent}{key}: {' '.join(sentences)}"]
        if len(sentences) == 1:
            return [f"{indent}{key}: {self.text(sentences[0])}"]
        return [f"{indent}{key}: |", *(f"{indent}  {sentence}" for sentence in sentences)]


@dataclass(frozen=True)
class CorpusSize:
    """How many of each thing a corpus of `articles` articles has."""

    articles: int
    actors: int
    venues: int
    issues: int

    @classmethod
    def for_articles(cls, articles: int) -> CorpusSize:
        """The proportions of the benchmark: N articles, N/10 actors, N/20 venues, N/20 issues."""
        return cls(articles, max(10, articles // 10), max(5, articles // 20), max(5, articles // 20))

    @property
    def claims(self) -> int:
        """Claims in the whole corpus."""
        return self.articles * CLAIMS_PER_ARTICLE

    @property
    def events(self) -> int:
        """Events in the registry (each reported by several articles)."""
        return max(1, self.articles // ARTICLES_PER_EVENT)

    @property
    def event_reports(self) -> int:
        """Event reports in all articles together."""
        return self.articles * EVENTS_PER_ARTICLE


class _Zipf:
    """Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1) ** s."""

    def __init__(self, count: int, generator: random.Random) -> None:
        weights = (1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(count))
        self.cumulative = list(itertools.accumulate(weights))
        self.generator = generator

    def draw(self) -> int:
        point = self.generator.random() * self.cumulative[-1]
        return min(bisect.bisect_right(self.cumulative, point), len(self.cumulative) - 1)

    def draw_distinct(self, count: int) -> list[int]:
        chosen: dict[int, None] = {}
        while len(chosen) < min(count, len(self.cumulative)):
            chosen[self.draw()] = None
        return list(chosen)


def _phrase(generator: random.Random, words: int) -> str:
    return " ".join(generator.choice(_WORDS) for _ in range(words))


def _sentence(generator: random.Random, words: int) -> str:
    text = _phrase(generator, words)
    return text[0].upper() + text[1:] + "."


def actor_id(rank: int) -> str:
    """The id of the actor of popularity rank `rank` (0 is the most frequent)."""
    return f"actor-{rank:05d}"


def venue_id(rank: int) -> str:
    """The id of the venue of popularity rank `rank`."""
    return f"venue-{rank:05d}"


def issue_id(rank: int) -> str:
    """The id of the issue of popularity rank `rank`."""
    return f"issue-{rank:05d}"


def event_id(number: int) -> str:
    """The id of event `number` of the registry."""
    return f"event-{number:05d}"


def event_date(number: int) -> datetime.date:
    """Event `number` is on the day of article `ARTICLES_PER_EVENT * number`."""
    return article_date(ARTICLES_PER_EVENT * number)


def event_status(number: int, report_date: datetime.date) -> str:
    """What a report of `report_date` says of event `number`: scheduled before its day, then held (every
    seventh event is cancelled instead); so no event's status goes backwards."""
    if report_date < event_date(number):
        return "scheduled"
    return "cancelled" if number % 7 == 5 else "held"


def reported_events(number: int, size: CorpusSize) -> list[int]:
    """The events article `number` reports: its own, then one further on (odd) or back (even) if any."""
    own = min(number // ARTICLES_PER_EVENT, size.events - 1)
    other = own + _EVENT_AHEAD if number % 2 else own - _EVENT_BEHIND
    if 0 <= other < size.events:
        return [own, other]
    return [own, (own + 1) % size.events] if size.events > 1 else [own]


def claim_id(number: int, order: int) -> str:
    """The id of claim `order` of article `number` (claim ids are unique across the story)."""
    return f"claim-{number:05d}-{order}"


def article_slug(number: int) -> str:
    """The slug (file name without `.md`) of article `number`."""
    return f"{article_date(number).isoformat()}-report-{number:05d}"


def article_date(number: int) -> datetime.date:
    """Articles are spread over the days, `ARTICLES_PER_DAY` a day."""
    return FIRST_DATE + datetime.timedelta(days=number // ARTICLES_PER_DAY)


def article_path(number: int) -> str:
    """Path of article `number` below the content folder."""
    return f"articles/{article_date(number).year}/{article_slug(number)}.md"


def render_actors(size: CorpusSize, generator: random.Random, style: _Style = _Style("flow")) -> str:
    """`actors.yml` text."""
    lines = []
    for rank in range(size.actors):
        kind = _ACTOR_KINDS[rank % len(_ACTOR_KINDS)]
        name = f"Actor {rank:05d} {_phrase(generator, 1).title()}"
        if style.block:
            name += f" {_SURNAMES[rank % len(_SURNAMES)]}"
            if rank % 5 == 3:  # a nickname in quotes, escaped inside the double-quoted name
                name += ' "the envoy"'
        lines += [
            f"- id: {actor_id(rank)}",
            f"  name: {style.text(name)}",
            f"  kind: {kind}",
            f"  role: {style.text(_sentence(generator, 4)[:-1])}",
            f'  country: "{chr(65 + rank % 26)}{chr(65 + rank // 26 % 26)}"',
            *style.sequence("  ", "aliases", [f"A{rank:05d}"]),
        ]
        summary = [_sentence(generator, 14)]
        if style.block and rank % 2 == 0:
            summary.append(_sentence(generator, 10))
        lines += style.summary("  ", "summary", summary)
        if kind == "state":
            lines.append(f"  side: {style.text(f'Side {rank % 3}')}")
        if rank % 12 == 0 and rank + 4 < size.actors:  # a person who leads the state four ranks further on
            lines += style.sequence("  ", "leads", [actor_id(rank + 4)])
        if rank % 12 == 1 and rank > 1:  # a person who speaks for the leader just before
            lines += style.sequence("  ", "speaks_for", [actor_id(rank - 1)])
    return "\n".join(lines) + "\n"


def render_venues(size: CorpusSize, generator: random.Random, style: _Style = _Style("flow")) -> str:
    """`venues.yml` text."""
    lines = []
    for rank in range(size.venues):
        name = f"Venue {rank:05d}" + (f" {_PLACES[rank % len(_PLACES)]}" if style.block else "")
        lines += [
            f"- id: {venue_id(rank)}",
            f"  name: {style.text(name)}",
            f"  kind: {_VENUE_KINDS[rank % len(_VENUE_KINDS)]}",
            *style.mapping("  ", "location", {"lat": f"{rank % 180 - 89.5}", "lon": f"{rank % 360 - 179.5}"}),
            f"  summary: {style.text(_sentence(generator, 12))}",
        ]
    return "\n".join(lines) + "\n"


def render_issues(size: CorpusSize, generator: random.Random, style: _Style = _Style("flow")) -> str:
    """`issues.yml` text; every tenth issue is narrower than an earlier one, every fifth has an explainer."""
    lines = []
    for rank in range(size.issues):
        lines += [
            f"- id: {issue_id(rank)}",
            f"  title: {style.text(f'Issue {rank:05d} {_phrase(generator, 2)}')}",
            f"  summary: {style.text(_sentence(generator, 12))}",
        ]
        if rank % 10 == 9:
            lines.append(f"  parent: {issue_id(rank // 10)}")
        if rank % 5 == 0:
            explainer = [f"    {_sentence(generator, 40)}", "", f"    {_sentence(generator, 30)}"]
            lines += ["  explainer: |", *explainer]
        if rank % 4 == 3:
            lines.append(f"  question: {style.text(f'Should {_phrase(generator, 4)}?')}")
        if rank % 10 == 3 and size.articles > 1:  # a later report changed what is true of it
            report = min(rank * 20 + 1, size.articles - 1)
            lines += [
                "  updates:",
                f"    - date: {article_date(report).isoformat()}",
                f"      summary: {style.text(_sentence(generator, 12))}",
                f"      report: {article_slug(report)}",
            ]
    return "\n".join(lines) + "\n"


def render_events(
    size: CorpusSize, pick: dict[str, _Zipf], generator: random.Random, style: _Style = _Style("flow")
) -> tuple[str, list[str]]:
    """`events.yml` text (one entry per event, dated; every sixth lasts two days) and each event's issue."""
    lines = []
    issues = []
    for number in range(size.events):
        actors = [actor_id(rank) for rank in pick["actor"].draw_distinct(3)]
        issues.append(issue_id(pick["issue"].draw()))
        title = _sentence(generator, 8)[:-1]
        if style.block:
            title += f" in {_PLACES[number % len(_PLACES)]}"
        lines += [
            f"- id: {event_id(number)}",
            f"  title: {style.text(title)}",
            f"  kind: {generator.choice(_EVENT_KINDS)}",
            f"  date: {event_date(number).isoformat()}",
        ]
        if number % 6 == 1:
            lines.append(f"  end: {(event_date(number) + datetime.timedelta(days=1)).isoformat()}")
        lines += [
            f"  venue: {venue_id(pick['venue'].draw())}",
            *style.sequence("  ", "actors", actors),
            *style.sequence("  ", "issues", [issues[-1]]),
            f"  summary: {style.text(_sentence(generator, 12))}",
        ]
    return "\n".join(lines) + "\n", issues


def _short_body(pick: dict[str, _Zipf], generator: random.Random) -> str:
    """About `BODY_WORDS` words in paragraphs, a `[[id]]` mention in every other one."""
    paragraphs = []
    for paragraph in range(BODY_WORDS // WORDS_PER_PARAGRAPH):
        mention = f"[[{actor_id(pick['actor'].draw())}]]" if paragraph % 2 == 0 else ""
        paragraphs.append(f"{_sentence(generator, WORDS_PER_PARAGRAPH - 1)} {mention}".rstrip())
    return "\n\n".join(paragraphs)


def _long_body(number: int, pick: dict[str, _Zipf], generator: random.Random) -> str:
    """About `LONG_BODY_WORDS` words in paragraphs, each with a mention (every third one labelled:
    `[[label|id]]`), emphasis, two `##` headings, a list and a Markdown link to another report's page."""
    other_report = article_slug(number - 1 if number else 1)
    blocks = []
    for paragraph in range(LONG_BODY_WORDS // WORDS_PER_PARAGRAPH):
        if paragraph == 6:
            blocks.append(f"## Background in {_PLACES[number % len(_PLACES)]}")
        if paragraph == 14:
            blocks.append("## What the delegations said")
        actor = actor_id(pick["actor"].draw())
        label = f"the {_phrase(generator, 1)} envoy"
        mention = f"[[{label}|{actor}]]" if paragraph % 3 == 2 else f"[[{actor}]]"
        words = _phrase(generator, WORDS_PER_PARAGRAPH - 4).split()
        words[0] = words[0].title()
        words[3] = f"*{words[3]}*"
        if paragraph % 4 == 1:
            words[9] = f"**{words[9]}**"
        if paragraph == 3:
            words[12] = f"[another report on the talks]({other_report}.md) {words[12]}"
        blocks.append(f"{' '.join(words[:20])} {mention} {' '.join(words[20:])}.")
        if paragraph == 10:
            blocks.append(
                "\n".join(
                    f"- {_sentence(generator, 6)} [[{actor_id(pick['actor'].draw())}]]" for _ in range(4)
                )
            )
    return "\n\n".join(blocks)


def render_article(
    number: int,
    size: CorpusSize,
    pick: dict[str, _Zipf],
    generator: random.Random,
    event_issues: list[str],
    style: _Style = _Style("flow"),
) -> str:
    """One article file: front matter with event reports and claims, then a body of about `BODY_WORDS`
    words (`LONG_BODY_WORDS` in the block shape). Its `issues` are exactly those its claims and events use,
    first seen first."""
    report_date = article_date(number)
    date = report_date.isoformat()
    drawn = [issue_id(rank) for rank in pick["issue"].draw_distinct(3)]
    events = reported_events(number, size)
    # Claims are said at events already on or before the report's day.
    past_events = [event for event in events if event_date(event) <= report_date]
    event_lines = []
    for event in events:
        event_lines += [f"  - id: {event_id(event)}", f"    status: {event_status(event, report_date)}"]
    claim_lines = []
    used_issues = [event_issues[event] for event in events]
    for order in range(CLAIMS_PER_ARTICLE):
        claim_issues = sorted({generator.choice(drawn) for _ in range(2)})
        used_issues += claim_issues
        stance = generator.choice(_STANCES)
        claim_lines += [
            f"  - id: {claim_id(number, order)}",
            f"    by: {actor_id(pick['actor'].draw())}",
            f"    kind: {generator.choice(_CLAIM_KINDS)}",
            f"    text: {style.text(_sentence(generator, 18))}",
            *style.sequence("    ", "issues", claim_issues),
            f"    stance: {stance}",
        ]
        if stance == "conditional":
            claim_lines.append(f"    position: {style.text(_phrase(generator, 3))}")
            claim_lines += style.sequence("    ", "conditions", [style.text(_phrase(generator, 4))])
        if order % 3 == 0 and past_events:
            claim_lines.append(f"    event: {event_id(generator.choice(past_events))}")
        elif order % 3 == 1:
            claim_lines.append(f"    date: {date}")
        elif order % 6 == 2:
            claim_lines.append(f"    date: {date[:7]}")
        else:
            claim_lines.append(f"    date: before {date}")
        if order % 4 == 1:
            claim_lines.append(f"    venue: {venue_id(pick['venue'].draw())}")
    topic = _phrase(generator, 6)
    title = f"Report {number:05d} on {topic}"
    if style.block:  # a quoted phrase (escaped in the double-quoted title) and a place with an accent
        first, second, third, *rest = topic.split()
        place = _PLACES[number % len(_PLACES)]
        title = f'Report {number:05d} on {first} "{second} {third}" {" ".join(rest)} \N{EN DASH} {place}'
    lines = [
        "---",
        f"title: {style.text(title)}",
        f"date: {date}",
        "source:",
        f"  publisher: {style.text(f'Synthetic Wire {number % 7}')}",
        f"  url: {style.text(f'https://example.org/wire/{number:05d}')}",
    ]
    summary = [_sentence(generator, 30)]
    if style.block:
        summary.append(_sentence(generator, 12))
    lines += [
        *style.summary("", "summary", summary),
        *style.sequence("", "issues", list(dict.fromkeys(used_issues))),
        "events:",
        *event_lines,
        "claims:",
        *claim_lines,
    ]
    if number % CARRY_EVERY == 0 and number >= 3:
        lines += style.sequence("", "carries", [claim_id(number - 3, 1)])
    lines.append("---")
    lines.append(_long_body(number, pick, generator) if style.block else _short_body(pick, generator))
    return "\n".join(lines) + "\n"


def write_corpus(content_dir: Path, articles: int, seed: int = 0, shape: Shape = "flow") -> CorpusSize:
    """Write `articles` articles and the registries into new `content_dir` in `shape`; same seed and shape,
    same bytes."""
    if shape not in SHAPES:
        raise ValueError(f"unknown corpus shape {shape!r}: choose one of {', '.join(SHAPES)}")
    style = _Style(shape)
    size = CorpusSize.for_articles(articles)
    generator = random.Random(seed)
    pick = {
        "actor": _Zipf(size.actors, generator),
        "venue": _Zipf(size.venues, generator),
        "issue": _Zipf(size.issues, generator),
    }
    content_dir.mkdir(parents=True)
    (content_dir / "actors.yml").write_text(render_actors(size, generator, style), encoding="utf-8")
    (content_dir / "venues.yml").write_text(render_venues(size, generator, style), encoding="utf-8")
    (content_dir / "issues.yml").write_text(render_issues(size, generator, style), encoding="utf-8")
    events, event_issues = render_events(size, pick, generator, style)
    (content_dir / "events.yml").write_text(events, encoding="utf-8")
    for number in range(articles):
        path = content_dir / article_path(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        article = render_article(number, size, pick, generator, event_issues, style)
        path.write_text(article, encoding="utf-8")
    return size
