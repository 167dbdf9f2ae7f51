"""`newsgen import`: draft an article from a raw report copied from a web page.

The draft is valid content with a `TODO` wherever a human must decide: `newsgen check` shows each TODO as a
warning and `newsgen check --strict` (CI) fails until none is left. It never invents a speaker, a date or an
id: it only lists the registry entries the report names, and offers each sentence that may carry a claim,
with the entities it names, as a commented-out claim for a human to complete.
"""

from __future__ import annotations

import datetime
import http.client
import itertools
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

from generator.domain.kinds import ENTITY_KINDS, KIND_NAMED
from generator.domain.model import ClaimKind, EventStatus
from generator.domain.names import NameFinder, spelling_key, straight_apostrophes, words_match
from generator.tools.scaffold import one_line, yaml_quoted

_BOILERPLATE = re.compile(
    r"""^(?:
        .{0,2}                                             # a lone share icon: X, f, in
      | (?:share|tweet|print|e-?mail|copy\ link|whatsapp|telegram|facebook|twitter|linkedin|reddit)
        (?:\ (?:on|this|via|sur)\b.*)?
      | follow\ us\b.*
      | (?:lire\ aussi|à\ lire\ aussi|voir\ aussi|read\ also|also\ read|read\ more|see\ also|related)\b.*
      | [0-9]{1,2}(?:[:.h][0-9]{2})?\ ?(?:am|pm|gmt|utc)?  # a bare time: 07:30, 7.30 pm, 14h30
      | advertisement | sponsored | subscribe\b.* | sign\ up\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019]?\s+(?=[\"\u201c\u2018A-Z0-9])")
_REPORTING = re.compile(
    r"\b(?:said|says|stated|states|announced|affirmed|expressed|emphasi[sz]ed|noted|described|mentioned|"
    r"supported|insisted|called\ on|urged|confirmed|underscored|pledged|vowed|promised|warned|warns|"
    r"remarked|demanded|demands|offered|offers|refused|turned\ down|rejected|threatened|hinted|asked|"
    r"believes|welcomed|agreed|proposed|accused|denied|claimed|predicted|told|added|adding|according\ to|"
    r"made\ it\ clear)\b",
    re.IGNORECASE | re.VERBOSE,
)
_KIND_OF_VERB = {
    "warned": "warning",
    "warns": "warning",
    "demanded": "demand",
    "demands": "demand",
    "offered": "offer",
    "offers": "offer",
    "refused": "refusal",
    "turned down": "refusal",
    "rejected": "refusal",
    "threatened": "threat",
    "pledged": "pledge",
    "vowed": "pledge",
    "promised": "pledge",
    "predicted": "prediction",
}
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)


@dataclass(frozen=True)
class KnownEntity:
    """A registry entry the importer can recognise in text."""

    id: str
    kind: str
    """`actor` or `venue`."""
    names: tuple[str, ...]
    """Its name and aliases, as written in the registry."""


@dataclass(frozen=True)
class KnownEvent:
    """An event of `content/events.yml` a report may tell of."""

    id: str
    title: str
    date: datetime.date | None
    """None while no date is set (a proposal)."""


EVENT_WINDOW = datetime.timedelta(days=31)
"""Events dated this close to a report's date (or not dated yet) are offered in its draft."""
MAX_EVENT_CANDIDATES = 12
"""At most this many events are offered, the nearest in time first."""


@dataclass(frozen=True)
class ClaimCandidate:
    """A sentence that may carry a claim, with what a human needs to decide whose it is."""

    sentence: str
    named: tuple[str, ...]
    """Ids of the actors the sentence names (candidates for `by`, never chosen automatically)."""
    verb: str | None
    suggested_kind: str | None


@dataclass(frozen=True)
class Report:
    """A raw report, cleaned of page furniture, with what its page says about it."""

    headline: str | None
    paragraphs: tuple[str, ...]
    publisher: str | None = None
    """The site's name, from a saved page."""
    published: datetime.date | None = None
    """The date the page gives (publication), or a date line of a plain-text copy."""
    byline: str | None = None
    url: str | None = None
    """The page's own address (canonical link), from a saved page."""


class ImportFailure(Exception):
    """A report that cannot be read or fetched; the message says what to do instead."""


def known_entities(registries: dict[str, Any]) -> list[KnownEntity]:
    """Actors and venues from raw registry data (`{"actors": [...], ...}`); ill-formed entries are skipped."""
    found = []
    for name, kind in ((row.registry, row.name) for row in ENTITY_KINDS if row.named_in_reports):
        entries = registries.get(name)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            aliases = entry.get("aliases") if isinstance(entry.get("aliases"), list) else []
            names = [entry.get("name"), *aliases]
            found.append(
                KnownEntity(entry["id"], kind, tuple(n.strip() for n in names if isinstance(n, str)))
            )
    return found


def known_events(registries: dict[str, Any]) -> list[KnownEvent]:
    """Events from raw registry data (`{"events": [...], ...}`); ill-formed entries are skipped."""
    entries = registries.get(KIND_NAMED["event"].registry)
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        date = entry.get("date")
        title = entry.get("title")
        found.append(
            KnownEvent(
                entry["id"],
                title.strip() if isinstance(title, str) else entry["id"],
                date if isinstance(date, datetime.date) else None,
            )
        )
    return found


def event_candidates(events: Sequence[KnownEvent], date: datetime.date) -> list[KnownEvent]:
    """The events a report of `date` may tell of: undated ones, and those within `EVENT_WINDOW` of it,
    nearest first."""
    near = [event for event in events if event.date is None or abs(event.date - date) <= EVENT_WINDOW]
    near.sort(key=lambda event: (abs(event.date - date) if event.date else EVENT_WINDOW, event.id))
    return near[:MAX_EVENT_CANDIDATES]


def clean_report(text: str) -> Report:
    """The report in a plain-text copy, from a copy of the article alone or of a whole page.

    Share buttons, "read also" lines, bare times and repeats are dropped. When the text has an article body
    (a line that reads as a paragraph), everything before it is page furniture except the headline, and the
    body ends where a run of short lines (navigation, footer) starts. The headline is the first title-like
    line before the body whose words the body repeats, so a menu item ("In Focus") or a teaser for another
    story never becomes the headline. Without a body, a first line that is no sentence is the headline.
    """
    lines = _kept_lines(text)
    segments = _segments(lines)
    if not segments:
        if lines and not lines[0].endswith((".", "!", "?", ":", "…")) and len(lines[0]) <= 200:
            return Report(headline=lines[0], paragraphs=tuple(lines[1:]))
        return Report(headline=None, paragraphs=tuple(lines))
    # The article is the segment with the most paragraph text: not a cookie banner, a teaser or a footer.
    start, end = max(
        segments, key=lambda segment: (_paragraph_length(lines[segment[0] : segment[1]]), -segment[0])
    )
    body, preamble = lines[start:end], lines[:start]
    headline = _headline_before_body(preamble, body)
    return Report(
        headline=headline,
        paragraphs=tuple(line for line in body if line != headline),
        published=next(filter(None, map(_date_in_line, preamble)), None),
        byline=next((match.group(1) for match in map(_BYLINE.match, preamble) if match), None),
    )


def _kept_lines(text: str) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line or _BOILERPLATE.match(line) or line.casefold() in seen:
            continue
        seen.add(line.casefold())
        kept.append(line)
    return kept


_PARAGRAPH_END = re.compile(r"[.!?\u2026][\"\u201d\u2019)]?$")
_BYLINE = re.compile(r"^by\s+(.{3,80})$", re.IGNORECASE)
NAVIGATION_RUN = 3
"""This many short lines in a row (menu items, footer links) end the article body of a whole-page copy."""


def _reads_as_paragraph(line: str) -> bool:
    """A sentence-ended line of 15 words or more, or of two sentences: no menu item, caption or byline."""
    if not _PARAGRAPH_END.search(line):
        return False
    words = len(line.split())
    return words >= 15 or (words >= 8 and len(split_sentences(line)) >= 2)


def _is_short(line: str) -> bool:
    return not _reads_as_paragraph(line) and len(line.split()) < 8


def _segments(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each stretch between runs of short lines, from its first to its last paragraph."""
    segments, start, short_run = [], 0, 0
    for number, line in enumerate([*lines, *[""] * NAVIGATION_RUN]):
        short_run = short_run + 1 if not line or _is_short(line) else 0
        if short_run == NAVIGATION_RUN:
            stretch = [n for n in range(start, number) if n < len(lines) and _reads_as_paragraph(lines[n])]
            if stretch:
                segments.append((stretch[0], stretch[-1] + 1))
            start = number + 1
        elif short_run > NAVIGATION_RUN:
            start = number + 1
    return segments


def _paragraph_length(lines: Sequence[str]) -> int:
    return sum(len(line) for line in lines if _reads_as_paragraph(line))


_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_NOT_A_HEADLINE = re.compile(
    r"^(?:by|from|updated|published|posted|reporting\ by|photo|photograph|image|video|watch|listen)\b"
    r"|(?:photo|photograph|image)s?:|\bmin(?:ute)?s?\ read$",
    re.IGNORECASE | re.VERBOSE,
)


def _title_like(line: str) -> bool:
    words = len(line.split())
    return (
        3 <= words <= 25
        and len(line) <= 200
        and not line.endswith((".", ":", ";", ","))
        and len(split_sentences(line)) == 1
        and not _NOT_A_HEADLINE.search(line)
        and _date_in_line(line) is None
    )


_COMMON_WORDS = frozenset(
    [
        "this",
        "that",
        "with",
        "from",
        "have",
        "will",
        "more",
        "about",
        "their",
        "there",
        "what",
        "when",
        "which",
        "after",
        "over",
        "than",
        "into",
        "been",
        "were",
        "they",
        "them",
        "your",
        "said",
        "says",
        "also",
        "just",
        "only",
        "some",
        "such",
        "like",
        "most",
        "other",
        "these",
        "those",
        "would",
        "could",
        "should",
        "week",
        "year",
        "years",
        "time",
        "news",
        "home",
        "read",
        "more",
    ]
)


def _content_words(text: str) -> set[str]:
    words = {word.casefold() for word in _CONTENT_WORD.findall(straight_apostrophes(text))}
    return {word.rstrip("s") for word in words - _COMMON_WORDS}


def _headline_before_body(preamble: Sequence[str], body: Sequence[str]) -> str | None:
    """The headline: in the article's header (the lines between the last menu before the body and the body),
    the first title-like line at least half of whose words (two or more) the body uses.

    A standfirst after the headline uses the body's words too, so the earliest such line wins; a menu item
    or a teaser for another story further up is cut off by the menu between them.
    """
    body_words = _content_words(" ".join(body))
    menu_like = [len(line.split()) <= 4 for line in preamble]
    chosen = None
    for number in reversed(range(len(preamble))):
        in_menu = _in_run(menu_like, number)
        if not in_menu and _title_like(preamble[number]):
            words = _content_words(preamble[number])
            shared = len(words & body_words)
            if shared >= 2 and shared * 2 >= len(words):
                chosen = number
                continue
        if in_menu and chosen is not None:
            break
    return None if chosen is None else preamble[chosen]


def _in_run(flags: Sequence[bool], number: int) -> bool:
    """Whether `flags[number]` is one of `NAVIGATION_RUN` or more true flags in a row."""
    if not flags[number]:
        return False
    first, last = number, number
    while first > 0 and flags[first - 1]:
        first -= 1
    while last + 1 < len(flags) and flags[last + 1]:
        last += 1
    return last - first + 1 >= NAVIGATION_RUN


_MONTHS = {
    month.casefold(): number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for month in names
}
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2}) (?P<month>[A-Za-z]{3,9})\.?,? (?P<year>(?:19|20)\d\d)\b"),
)


def _date_in_line(line: str) -> datetime.date | None:
    """A date written in a short line ("Updated: January 16, 2020", "10.06.2013", "2020-01-20"), else None."""
    if len(line.split()) > 10:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS.get(month.casefold())
        try:
            return datetime.date(int(match.group("year")), number or 0, int(match.group("day")))
        except ValueError:
            continue
    return None


MAX_PAGE_BYTES = 20_000_000
"""A saved or fetched page larger than this is refused (a news page is well under 5 MB)."""
SAVE_THE_PAGE = "save the page in your browser (File → Save As) and run `newsgen import saved.html`"
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*\|\s*")
_HOST_SUFFIX = re.compile(r"\.(?:com|org|net|co\.uk|co|news|info|de|fr|it|eu|ua|ru)$", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    """Whether a saved file is a web page: it starts with a doctype or an `<html>`, `<head>`, `<body>` tag."""
    return bool(_HTML_START.match(data[:4096]))


def read_page(page: bytes | str, url: str | None = None) -> Report:
    """The report in a saved web page: its main text, headline, publisher, date and byline (trafilatura).

    The site's navigation, teasers, share buttons and comments are left out by the extractor; the headline
    loses a trailing site name or date ("Headline | DW | 10.06.2013"), and a date in the title wins over
    the extractor's guess (the publisher's own word).
    """
    import trafilatura  # here, so that every other newsgen command starts without it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are for crawlers, not here
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=True,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    if document is None or not (document.text or "").strip():
        raise ImportFailure(
            "found no article text in the page; copy the article's text into a .txt file and import that"
        )
    publisher = _site_name(document.sitename or document.hostname)
    headline, title_date = _split_title(document.title, publisher, document.hostname)
    paragraphs = [line for line in _kept_lines(document.text) if line != headline]
    return Report(
        headline=headline,
        paragraphs=tuple(paragraphs),
        publisher=publisher,
        published=title_date or _iso_date(document.date),
        byline=document.author or None,
        url=document.url if (document.url or "").startswith(("https://", "http://")) else url,
    )


def fetch_page(url: str, timeout: float = 20.0) -> bytes:
    """The page at `url` (http or https), or `ImportFailure` saying to save it from a browser instead."""
    if not url.startswith(("https://", "http://")):
        raise ImportFailure(f"cannot fetch URL: {url} is not an http(s) address; {SAVE_THE_PAGE}")
    request = urllib.request.Request(url, headers={"User-Agent": "newsgen-import/1 (explained-news)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ImportFailure(
            f"cannot fetch URL: {url} answered {error.code} {error.reason}; {SAVE_THE_PAGE}"
        ) from None
    except urllib.error.URLError as error:
        raise ImportFailure(f"cannot fetch URL: {url}: {error.reason}; {SAVE_THE_PAGE}") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise ImportFailure(f"cannot fetch URL: {url}: {error}; {SAVE_THE_PAGE}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise ImportFailure(
            f"cannot fetch URL: {url} is larger than {MAX_PAGE_BYTES // 1_000_000} MB; {SAVE_THE_PAGE}"
        )
    return data


def _site_name(name: str | None) -> str | None:
    """The site's name, without a web address's ending ("DW.COM" -> "DW", "Salon.com" -> "Salon")."""
    if not name:
        return None
    name = name.strip()
    return _HOST_SUFFIX.sub("", name) if " " not in name else name


def _split_title(
    title: str | None, publisher: str | None, hostname: str | None
) -> tuple[str | None, datetime.date | None]:
    """The headline without the site's name or a date around it, and that date."""
    if not title:
        return None, None
    parts = [part for part in _TITLE_SEPARATOR.split(title.strip()) if part]
    site_keys = {spelling_key(name) for name in (publisher, hostname, _site_name(hostname)) if name}
    date, count = None, len(parts)
    while len(parts) > 1:
        for index in (-1, 0):
            found = _date_in_line(parts[index]) if len(parts[index].split()) <= 3 else None
            if found is not None or spelling_key(parts[index]) in site_keys:
                date = date or found
                del parts[index]
                break
        else:
            break
    if len(parts) == count:
        return title.strip(), date
    return " - ".join(parts), date


def _iso_date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph (a full stop followed by a capital starts a new one)."""
    return [sentence.strip() for sentence in _SENTENCE_END.split(paragraph) if sentence.strip()]


def find_entities(text: str, entities: Sequence[KnownEntity]) -> list[str]:
    """Ids of the entities named in `text` by name or alias, in order of first appearance (`NameFinder`).

    A capitalised name is also found as people spell it (`generator.domain.names`): "Zelensky" and
    "Zelenskiy" find "Zelenskyy", "Umierov" finds "Umerov"; its short words ("Al") must match as written.
    """
    text = straight_apostrophes(text)
    matches = NameFinder((entity.id, entity.names) for entity in entities).matches(text)
    found = [(start, entity_id) for (start, _), entity_id in matches]
    found += _names_as_spelled(text, entities, taken=[span for span, _ in matches])
    return list({entity_id: None for _, entity_id in sorted(found)})


_WORD = re.compile(r"[\w'-]+")


def _names_as_spelled(
    text: str, entities: Sequence[KnownEntity], taken: Sequence[tuple[int, int]]
) -> list[tuple[int, str]]:
    """(position, id) of each capitalised name written in another spelling (diacritics, transliteration),
    outside the `taken` spans that names as written cover ("Moscow" in "Al Jazeera's correspondent in
    Moscow" is part of that name, as with exact matching)."""
    words = [
        (match.start(), match.end(), match.group(0))
        for match in _WORD.finditer(text)
        if not any(start < match.end() and match.start() < end for start, end in taken)
    ]
    found = []
    for entity in entities:
        for name in entity.names:
            parts = name.split()
            if not all(part[:1].isupper() for part in parts):
                continue
            for first in range(len(words) - len(parts) + 1):
                window = words[first : first + len(parts)]
                if all(
                    text[left[1] : right[0]].isspace() for left, right in itertools.pairwise(window)
                ) and all(
                    _word_matches(word, part) for (_, _, word), part in zip(window, parts, strict=True)
                ):
                    found.append((window[0][0], entity.id))
    return found


def _word_matches(written: str, known: str) -> bool:
    if len(spelling_key(known)) < 4:
        return written == known  # "Al", "US": as written, or "us" would be the United States
    return written[:1].isupper() and words_match(written, known)


def claim_candidates(report: Report, actors: Sequence[KnownEntity]) -> list[ClaimCandidate]:
    """Every sentence with a reporting verb (said, warned, offered, turned down ...), in order."""
    candidates = []
    for paragraph in report.paragraphs:
        for sentence in split_sentences(paragraph):
            verb = _REPORTING.search(sentence)
            if verb is None:
                continue
            word = verb.group(0).lower()
            candidates.append(
                ClaimCandidate(
                    sentence, tuple(find_entities(sentence, actors)), word, _KIND_OF_VERB.get(word)
                )
            )
    return candidates


def draft_article(
    report_text: str | Report,
    entities: Sequence[KnownEntity],
    *,
    date: datetime.date,
    source_name: str,
    publisher: str | None = None,
    url: str | None = None,
    date_from_report: bool = False,
    events: Sequence[KnownEvent] = (),
) -> str:
    """The text of a draft article for a report (plain text, or read from a page by `read_page`).

    `date` is the day the report was published (`date_from_report`: as the page gives it); `publisher` and
    `url` default to what the page says; `events` (the registry's) near that date are offered, commented
    out, for the contributor to keep with their status as of the report.
    """
    report = clean_report(report_text) if isinstance(report_text, str) else report_text
    publisher, url = publisher or report.publisher, url or report.url
    about = [
        f"by {one_line(report.byline)}" if report.byline else "",
        f"published {report.published}" if report.published else "",
    ]
    actors = [entity for entity in entities if entity.kind == "actor"]
    venues = [entity for entity in entities if entity.kind == "venue"]
    whole = "\n".join(report.paragraphs)
    lines = [
        "---",
        f"# Draft made by `newsgen import` from {one_line(source_name)}. Replace each to-do marker with",
        "# what the report says; `newsgen check --strict` fails until none is left.",
        f"title: {yaml_quoted(report.headline) if report.headline else 'TODO the headline'}",
        f"date: {date.isoformat()}"
        + ("  # the day the report was published, as the page gives it" if date_from_report else ""),
        "source:",
        f"  publisher: {yaml_quoted(publisher) if publisher else 'TODO who published the report'}",
    ]
    if url:
        lines.append(f"  url: {yaml_quoted(url)}")
    if any(about):
        lines.append(f"  # the report: {', '.join(filter(None, about))}")
    lines += [
        "summary: TODO two sentences for listings and feeds.",
        "issues: []  # TODO the ids from content/issues.yml its claims and events are about",
        f"actors: [{', '.join(find_entities(whole, actors))}]  # named in the report",
        f"venues: []  # named in the report: {', '.join(find_entities(whole, venues)) or 'none known'}; list"
        " one only if a claim, an event or the text is there",
        "events: []  # the events of content/events.yml it tells of, each with its status as of the report",
    ]
    offered = event_candidates(events, date)
    if offered:
        lines.append(
            "# Events near its date. Keep those the report tells of, in `events:` above (remove [ ]):"
        )
    for event in offered:
        when = event.date.isoformat() if event.date else "no date yet"
        lines.append(
            f"#  - {{id: {event.id}, status: }}  # {one_line(event.title)} ({when}): "
            f"{' | '.join(EVENT_STATUSES)}"
        )
    lines.append("claims: []")
    candidates = claim_candidates(report, actors)
    if candidates:
        lines += [
            "# Sentences that may carry a claim. For each one that does, decide from the report who makes",
            "# it (`by`), its kind, stance and issues; move it into `claims:` above; delete the rest.",
        ]
    for number, candidate in enumerate(candidates, 1):
        named = ", ".join(candidate.named) or "no known actor: add the speaker to content/actors.yml first"
        hint = f"; '{candidate.verb}' suggests {candidate.suggested_kind}" if candidate.suggested_kind else ""
        lines += [
            f"#  - id: claim-{number}  # TODO who makes this claim?",
            f"#    by:    # named in this sentence: {named}",
            f"#    kind:  # {' | '.join(CLAIM_KINDS)}{hint}",
            f"#    text: {yaml_quoted(candidate.sentence)}",
            f"#    date:  # when it was said: {date.isoformat()}, {date.isoformat()[:7]} or "
            f"'before {date.isoformat()}' (or leave it out and give the `event:` it was said at)",
        ]
    lines.append("---")
    lines.append(
        "TODO: write the article in your own words, crediting the report; mention entities as `[[id]]`."
    )
    lines.append("The report, cleaned of page furniture, for reference (delete it when done):")
    lines.append("")
    lines += [f"> TODO rewrite: {_escape_mentions(paragraph)}\n>" for paragraph in report.paragraphs]
    return "\n".join(lines).rstrip(">\n") + "\n"


def suggested_name(headline: str | None, words: int = 5) -> str:
    """A short article name from the headline: its first few words as a slug (`trump-and-putin-push-for`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", straight_apostrophes(headline or "report").lower()).strip("-")
    return "-".join(slug.split("-")[:words]) or "report"


def _escape_mentions(text: str) -> str:
    return text.replace("[[", "[\\[")
