"""`newsgen import`: draft an article from a raw report copied from a web page.

The draft is valid content with a `TODO` wherever a human must decide: `newsgen check` shows each TODO as a
warning and `newsgen check --strict` (CI) fails until none is left. It never invents a speaker, a date or an
id: it only lists the registry entries the report names, and offers each sentence that may carry a claim,
with the entities it names, as a commented-out claim for a human to complete.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.domain.kinds import ENTITY_KINDS
from generator.domain.model import ClaimKind
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
CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class KnownEntity:
    """A registry entry the importer can recognise in text."""

    id: str
    kind: str
    """`actor` or `venue`."""
    names: tuple[str, ...]
    """Its name and aliases, as written in the registry."""


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
    """A raw report, cleaned of page boilerplate."""

    headline: str | None
    paragraphs: tuple[str, ...]


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


def clean_report(text: str) -> Report:
    """Drop share buttons, "read also" lines, bare times and repeats; a first line that is no sentence is the
    headline."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line or _BOILERPLATE.match(line) or line.casefold() in seen:
            continue
        seen.add(line.casefold())
        kept.append(line)
    if kept and not kept[0].endswith((".", "!", "?", ":", "…")) and len(kept[0]) <= 200:
        return Report(headline=kept[0], paragraphs=tuple(kept[1:]))
    return Report(headline=None, paragraphs=tuple(kept))


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph (a full stop followed by a capital starts a new one)."""
    return [sentence.strip() for sentence in _SENTENCE_END.split(paragraph) if sentence.strip()]


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")  # typographic apostrophes


def _first_letter_either_case(name: str) -> str:
    first, rest = name[:1], name[1:]
    return f"[{first.upper()}{first.lower()}]{re.escape(rest)}" if first.isalpha() else re.escape(name)


def _key(name: str) -> str:
    return name[:1].lower() + name[1:]


def find_entities(text: str, entities: Sequence[KnownEntity]) -> list[str]:
    """Ids of the entities named in `text` by name or alias, in order of first appearance.

    Case matters except for the first letter ("the Pope" finds "The Pope"; "US" never finds "us").
    """
    id_of: dict[str, str] = {}
    for entity in entities:
        for name in entity.names:
            id_of.setdefault(_key(_normalise(name)), entity.id)
    if not id_of:
        return []
    # Longest first, so "Meloni's office" wins over "Meloni".
    names = sorted(id_of, key=lambda name: (-len(name), name))
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(_first_letter_either_case, names))})(?![\w-])")
    found = {id_of[_key(match.group(0))]: None for match in pattern.finditer(_normalise(text))}
    return list(found)


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
    report_text: str,
    entities: Sequence[KnownEntity],
    *,
    date: datetime.date,
    source_name: str,
    publisher: str | None = None,
    url: str | None = None,
) -> str:
    """The text of a draft article for `report_text`."""
    report = clean_report(report_text)
    actors = [entity for entity in entities if entity.kind == "actor"]
    venues = [entity for entity in entities if entity.kind == "venue"]
    whole = "\n".join(report.paragraphs)
    lines = [
        "---",
        f"# Draft made by `newsgen import` from {one_line(source_name)}. Each TODO marks what a human must",
        "# decide from the report; `newsgen check --strict` fails until none is left.",
        f"title: {yaml_quoted(report.headline) if report.headline else 'TODO the headline'}",
        f"date: {date.isoformat()}",
        "source:",
        f"  publisher: {yaml_quoted(publisher) if publisher else 'TODO who published the report'}",
    ]
    if url:
        lines.append(f"  url: {yaml_quoted(url)}")
    lines += [
        "summary: TODO two sentences for listings and feeds.",
        "issues: []  # TODO the ids from content/issues.yml this article is about",
        f"actors: [{', '.join(find_entities(whole, actors))}]  # named in the report",
        f"venues: [{', '.join(find_entities(whole, venues))}]  # named in the report",
        "events: []",
        "claims: []",
    ]
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
    slug = re.sub(r"[^a-z0-9]+", "-", _normalise(headline or "report").lower()).strip("-")
    return "-".join(slug.split("-")[:words]) or "report"


def _escape_mentions(text: str) -> str:
    return text.replace("[[", "[\\[")
