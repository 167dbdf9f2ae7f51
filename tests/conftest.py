"""Shared helpers: a small, synthetic, valid content tree as strings, and ways to load or write it."""

from __future__ import annotations

import re
import resource
import signal
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from generator.check.validate import Content, validate_content
from generator.load.loader import LoadedContent, SourceFile, load_sources

ACTORS = """\
- id: alice-example
  name: Alice Example
  kind: person
  role: Mayor of Exampleton
  country: NO
  summary: A fictional mayor.
- id: bob-sample
  name: Bob Sample
  kind: organisation
  summary: A fictional organisation.
"""

VENUES = """\
- id: exampleton
  name: Exampleton
  kind: city
  location: {lat: 10.5, lon: -20.25}
  summary: A fictional city.
"""

ISSUES = """\
- id: harbour-deal
  title: Harbour deal
  summary: Whether the harbour is sold.
"""

ARTICLE_PATH = "content/articles/2025/2025-05-19-harbour-talks.md"

EVENTS = """\
- id: harbour-meeting
  title: Alice meets Bob
  kind: meeting
  date: 2025-05-19
  venue: exampleton
  actors: [alice-example, bob-sample]
  summary: A fictional meeting.
"""

ARTICLE = """\
---
title: Harbour talks begin
date: 2025-05-19
source:
  publisher: Example Gazette
  url: https://example.org/harbour
summary: Talks on the harbour began.
issues: [harbour-deal]
events:
  - id: harbour-meeting
    status: held
claims:
  - id: alice-offer
    by: alice-example
    kind: offer
    text: Alice offers to sell the harbour.
    issues: [harbour-deal]
    stance: supports
    event: harbour-meeting
---
[[Alice|alice-example]] met [[bob-sample]] in [[exampleton]].
"""


def another_report(date: str = "2025-05-19") -> str:
    """`ARTICLE` as another report of its event, published on `date`: its claim under an id of its own
    (claim ids are unique across the story) and dated by the report, not by the event."""
    return (
        ARTICLE.replace("date: 2025-05-19\nsource", f"date: {date}\nsource")
        .replace("id: alice-offer", f"id: alice-offer-reported-{date}")
        .replace("    event: harbour-meeting\n", f"    date: {date}\n")
    )


VALID: dict[str, str] = {
    "content/actors.yml": ACTORS,
    "content/venues.yml": VENUES,
    "content/issues.yml": ISSUES,
    "content/events.yml": EVENTS,
    ARTICLE_PATH: ARTICLE,
}
"""A small valid content tree, {path: text}; tests copy it and change one thing."""


Texts = dict[str, str]
Mutation = Callable[[Texts], None]

ACTORS_PATH = "content/actors.yml"
VENUES_PATH = "content/venues.yml"
ISSUES_PATH = "content/issues.yml"
EVENTS_PATH = "content/events.yml"
STORY_PATH = "content/story.yml"


def replace(path: str, old: str, new: str) -> Mutation:
    """Change `old` (which must occur exactly once) into `new` in one file."""

    def mutate(texts: Texts) -> None:
        assert texts[path].count(old) == 1, f"{old!r} must occur once in {path}"
        texts[path] = texts[path].replace(old, new)

    return mutate


def append(path: str, text: str) -> Mutation:
    def mutate(texts: Texts) -> None:
        texts[path] += text

    return mutate


def put(path: str, text: str) -> Mutation:
    def mutate(texts: Texts) -> None:
        texts[path] = text

    return mutate


def check(*mutations: Mutation) -> tuple[Content | None, list[str]]:
    """Validate `VALID` changed by `mutations`: the content (None on errors) and every problem's line."""
    texts = dict(VALID)
    for mutation in mutations:
        mutation(texts)
    content, problems = validate_content(load_texts(texts))
    return content, [problem.format() for problem in problems]


def load_texts(texts: Mapping[str, str]) -> LoadedContent:
    """Load a {path: text} tree in memory: `content/story.yml` is the story file, other `content/<name>.yml`
    registries, `.md` files articles."""
    registries: dict[str, SourceFile] = {}
    articles: list[SourceFile] = []
    story = None
    for path, text in texts.items():
        source = SourceFile(path, text)
        if path.endswith(".md"):
            articles.append(source)
        elif path == STORY_PATH:
            story = source
        else:
            registries[Path(path).stem] = source
    return load_sources(registries, articles, story)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file below `root` (hidden ones too), by relative POSIX path, with its bytes."""
    files = sorted(path for path in root.rglob("*") if path.is_file())
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def write_texts(root: Path, texts: Mapping[str, str]) -> Path:
    """Write a {path: text} tree below `root` (paths start with `content/`); return the content folder."""
    for path, text in texts.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root / "content"


def limit_file_size(max_bytes: int) -> Callable[[], None]:
    """A `preexec_fn` simulating a full disk: no file may grow past `max_bytes` (EFBIG, not a signal)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return limit


def default_stop_signals() -> None:
    """In the child, before MkDocs starts: Ctrl-C and a closed terminal act as they do in a terminal. A test
    run started in the background (`cmd &` ignores SIGINT) or under `nohup` (SIGHUP) passes the signal's
    "ignore" on to its children, and a build that ignores them is right not to stop."""
    for number in (signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def _unescape_workflow_text(text: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for escaped, character in mappings:
        text = text.replace(escaped, character)
    return text


_DATA_ESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_PROPERTY_ESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_LEGACY_ESCAPES = (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%"))


def read_workflow_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Every workflow command in `output`, read as the GitHub Actions runner reads a step's output.

    As actions/runner does (`ActionCommand.TryParseV2`, then the legacy `TryParse`): lines end at LF, CR or
    CRLF; a line is `::name key=value,...::data` once its leading white space is trimmed, or else holds
    `##[name key=value;...]data` anywhere. Every name counts (the runner knows more than tests need).
    """
    commands = []
    for line in re.split(r"\r\n|\r|\n", output):
        trimmed = line.lstrip()
        end = trimmed.find("::", 2)
        if trimmed.startswith("::") and end > 0:
            name, _, raw_properties = trimmed[2:end].partition(" ")
            separator, escapes, data = ",", _PROPERTY_ESCAPES, trimmed[end + 2 :]
            data = _unescape_workflow_text(data, _DATA_ESCAPES)
        elif "##[" in line and "]" in line[line.index("##[") :]:
            start = line.index("##[") + 3
            end = line.index("]", start)
            name, _, raw_properties = line[start:end].partition(" ")
            separator, escapes = ";", _LEGACY_ESCAPES
            data = _unescape_workflow_text(line[end + 1 :], escapes)
        else:
            continue
        properties = {}
        for pair in raw_properties.split(separator):
            key, _, value = pair.partition("=")
            if key:
                properties[key] = _unescape_workflow_text(value, escapes)
        commands.append((name, properties, data))
    return commands


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped story's site, built once for every test that only reads or serves it (a full MkDocs build
    of `content/`, Pagefind index included)."""
    from test_build import built_site

    return built_site(tmp_path_factory.mktemp("shipped"), Path(__file__).resolve().parent.parent / "content")
