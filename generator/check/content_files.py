"""Every file under `content/` accounted for: read as content, left alone as the system's, or reported.

The loader reads the registries (`content/<registry>.yml`) and every `.md` file below `content/articles/`;
MkDocs publishes `content/pages/` (checked by `generator.check.pages`). Any other file would be silently
skipped, so each one is reported where it is, saying what it looks like and where it belongs: an article saved
in the wrong folder or with another extension, a registry spelt another way, or a stray file.

Files whose names start with a dot (`.DS_Store`, `.gitkeep`, an editor's `.x.swp`), end with `~` (editor
backups) or are Windows' `Thumbs.db`/`desktop.ini` are left alone: operating systems and editors write them
unasked, often invisibly, nothing reads or publishes them from here, and refusing them would fail a
contributor's check for a file they cannot see. In `content/pages/`, which MkDocs copies, the stricter rules
of `generator.check.pages` apply.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from generator.check.validate import suggest_id
from generator.check.wording import closest_match
from generator.domain.characters import escape_unprintable
from generator.domain.kinds import ENTITY_KINDS
from generator.domain.paths import (
    ARTICLE_EXTENSION,
    ARTICLES_FOLDER,
    PAGES_FOLDER,
    REDIRECTS_FILE,
    STORY_FILE,
    article_source_path,
    is_system_file,
    parse_date,
    split_name_date,
)
from generator.load.loader import MAX_FILE_BYTES
from generator.problems import Problem

REGISTRY_EXTENSION = ".yml"
_DATA_EXTENSIONS = frozenset({".yml", ".yaml", ".json"})
_TEXT_EXTENSIONS = frozenset(
    {".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".txt", ".text"}
)
_SNIFF_BYTES = 65_536
"""How much of a stray text file is read to tell whether it is an article (its front matter)."""
_FRONT_MATTER_DATE = re.compile(
    r"^date:[ ]*(['\"]?)([0-9]{4}-[0-9]{2}-[0-9]{2})\1[ ]*(?:#.*)?$", re.MULTILINE
)
_ARTICLE_FOLDER_WORDS = f"content/{ARTICLES_FOLDER}/<year>/"


def front_matter_date(text: str) -> datetime.date | None:
    """The `date:` of the front matter `text` opens with, if it opens with one (read without YAML: a stray
    file is only looked at, never loaded)."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    found = _FRONT_MATTER_DATE.search(text, 0, len(text) if end < 0 else end)
    return parse_date(found.group(2)) if found else None


def article_destination(stem: str, date: datetime.date | None) -> str:
    """Where an article whose file name is `stem` belongs below the content folder, its date in its name."""
    name_date, rest = split_name_date(stem)
    name = suggest_id(rest) if rest else "name"
    date = date or name_date
    if date is None:
        return f"{ARTICLES_FOLDER}/<year>/<yyyy-mm-dd>-{name}{ARTICLE_EXTENSION}"
    return article_source_path(date, name)


def check_content_files(content_dir: Path, shown_content: str) -> list[Problem]:
    """A problem for every file under `content_dir` that nothing reads or publishes, shown below
    `shown_content` (`content`); the registries, articles and `pages/` are checked where they are read."""
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return problems
    for folder, subfolders, files in os.walk(content_dir):
        relative = Path(folder).relative_to(content_dir).parts
        kept = []
        for subfolder in sorted(subfolders):
            path = Path(folder, subfolder)
            if subfolder.startswith(".") or (not relative and subfolder == PAGES_FOLDER):
                continue
            if path.is_symlink():
                shown = "/".join([shown_content, *relative, escape_unprintable(subfolder)])
                problems.append(
                    Problem(shown, 1, 1, "error", "symbolic links are not allowed under content/")
                )
                continue
            kept.append(subfolder)
        subfolders[:] = kept
        for name in sorted(files):
            parts = (*relative, name)
            if is_system_file(name) or _is_read(parts):
                continue
            message = describe_stray_file(parts, _head(Path(folder, name)), content_dir, shown_content)
            problems.append(
                Problem("/".join([shown_content, *map(escape_unprintable, parts)]), 1, 1, "error", message)
            )
    return problems


def _is_read(parts: tuple[str, ...]) -> bool:
    # What the loader reads: `<registry>.yml` in the content folder, any `.md` file below `articles/`.
    if len(parts) == 1:
        return parts[0] in (REDIRECTS_FILE, STORY_FILE) or parts[0] in {
            f"{kind.registry}{REGISTRY_EXTENSION}" for kind in ENTITY_KINDS
        }
    return parts[0] == ARTICLES_FOLDER and parts[-1].endswith(ARTICLE_EXTENSION)


def _head(path: Path) -> str:
    try:
        with path.open("rb") as opened:
            return opened.read(min(_SNIFF_BYTES, MAX_FILE_BYTES)).decode("utf-8", errors="replace")
    except OSError:
        return ""


def describe_stray_file(parts: tuple[str, ...], head: str, content_dir: Path, shown_content: str) -> str:
    """What a file nothing reads looks like and where it belongs; `parts` is its path below the content
    folder, `head` the start of its text."""
    name = parts[-1]
    written = escape_unprintable(name)
    stem, dot, extension = name.rpartition(".")
    extension = f".{extension.lower()}" if dot and stem else ""
    stem = stem if dot and stem else name
    if extension in _DATA_EXTENSIONS:
        return _describe_data_file(parts, stem, content_dir, shown_content)
    date = front_matter_date(head)
    if extension in _TEXT_EXTENSIONS and (date is not None or head.startswith("---")):
        destination = f"{shown_content}/{article_destination(stem, date)}"
        where = "/".join([shown_content, *parts[:-1]])
        if destination.rpartition("/")[0] == where:
            return (
                f"this looks like an article but is not read: articles are '{ARTICLE_EXTENSION}' files; "
                f"rename it to '{destination.rpartition('/')[2]}'"
            )
        return (
            f"this looks like an article but is not read: articles are read only from "
            f"{_ARTICLE_FOLDER_WORDS}; move it to {destination}"
        )
    if extension in _TEXT_EXTENSIONS:
        return (
            f"'{written}' is not read: an article goes in {_ARTICLE_FOLDER_WORDS} with front matter "
            f"(start one with `newsgen new article` or `newsgen import`), a hand-written page in "
            f"{shown_content}/{PAGES_FOLDER}/; move it there or remove it"
        )
    return (
        f"'{written}' is not read or published: {shown_content}/ holds {_registries_in_words()}, "
        f"articles in {ARTICLES_FOLDER}/<year>/ and hand-written pages and pictures in {PAGES_FOLDER}/; "
        "move it there or remove it"
    )


def _describe_data_file(parts: tuple[str, ...], stem: str, content_dir: Path, shown_content: str) -> str:
    registries = [kind.registry for kind in ENTITY_KINDS]
    match = stem if stem in registries else closest_match(stem.lower(), registries)
    if not match:
        return (
            f"'{escape_unprintable(parts[-1])}' is not a registry, so it is not read: the registries are "
            f"{_registries_in_words()} in {shown_content}/; move its entries into one of them and remove it"
        )
    registry = f"{match}{REGISTRY_EXTENSION}"
    target = f"{shown_content}/{registry}"
    if (content_dir / registry).exists():
        fix = f"Move its entries into {target} and remove this file"
    elif len(parts) == 1:
        fix = f"Rename it to '{registry}'"
    else:
        fix = f"Move it to {target}"
    written = escape_unprintable(parts[-1])
    return f"'{written}' is not a registry, so it is not read. Did you mean '{registry}'? {fix}"


def _registries_in_words() -> str:
    names = [f"{kind.registry}{REGISTRY_EXTENSION}" for kind in ENTITY_KINDS]
    return f"{', '.join(names[:-1])} and {names[-1]}"
