"""Hand-written pages (`content/pages/`, MkDocs' docs_dir): which files it may hold, their names and settings.

MkDocs copies every file of its docs_dir into the site as it is, names pages after their files, and reads a
page's settings (front matter) in several spellings. So this folder holds only Markdown pages and images
checked as images, under names that are safe in a URL and in HTML; a page's settings are read by MkDocs' own
reader and only those the theme escapes or merely tests are allowed. `newsgen check` and the plugin both
call `check_pages_folder`.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils import meta

from generator.check.content_files import article_destination
from generator.check.safety import check_markdown
from generator.check.validate import suggest_id
from generator.domain.characters import escape_unprintable, find_hidden_characters, hidden_character_message
from generator.domain.identifiers import WINDOWS_DEVICE_NAMES
from generator.domain.kinds import ARTICLE_MODEL
from generator.domain.model import ID_MAX_LENGTH, ID_RE
from generator.domain.paths import PAGES_FOLDER, parse_date
from generator.load.loader import MAX_FILE_BYTES, locate_decode_error
from generator.problems import Problem

PAGE_EXTENSION = "md"

IMAGE_SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    "png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "jpg": ((0, b"\xff\xd8\xff"),),
    "jpeg": ((0, b"\xff\xd8\xff"),),
    "gif": ((0, b"GIF87a"), (0, b"GIF89a")),
    "webp": ((0, b"RIFF"), (8, b"WEBP")),
}
"""Image extensions allowed beside the pages, with the bytes (offset, bytes) their files must hold. GIF lists
alternatives (either signature), WebP parts (both). SVG is not an image here: it can carry script."""

_IMAGE_NAMES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP"}

PAGE_META_KEYS = frozenset({"title", "description", "hide", "search"})
"""Settings a hand-written page may set. The theme prints `title` and `description` (the plugin escapes them)
and only tests the others; every other key reaches a template raw (`template`, `location`, `author`, `feed`,
`structured_data`, `icon`, `subtitle`, `status` ...) and is refused."""

HIDE_VALUES = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})
"""What Material's templates look for in `hide` (`"toc" in page.meta.hide`)."""

SEARCH_KEYS = frozenset({"exclude"})

_WHAT_BELONGS = "it holds Markdown pages (.md) and PNG, JPEG, GIF or WebP images only"
_NAME_RULE = "lowercase letters, digits and single hyphens"
_STRING_TAG = "tag:yaml.org,2002:str"
_BOOLEAN_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MARKUP_EXTENSIONS = frozenset({"html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "mht", "mhtml"})
_OTHER_MARKDOWN_EXTENSIONS = frozenset({"markdown", "mdown", "mkdn", "mkd", "mdwn", "mdtxt", "mdtext"})


def check_pages_folder(folder: Path, shown: str) -> list[Problem]:
    """Every problem in the hand-written pages' `folder`, shown in messages as `shown` (`content/pages`).

    Reads the folder as it is on disk, without following symbolic links; a missing folder has no problems.
    """
    problems: list[Problem] = []
    if folder.is_symlink():
        return [_problem(shown, f"{shown} is a symbolic link: make it a real folder")]
    if not folder.is_dir():
        return problems
    pending = [(folder, shown)]
    while pending:
        directory, shown_directory = pending.pop()
        try:
            with os.scandir(directory) as scanned:
                entries = sorted(scanned, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(_problem(shown_directory, f"cannot read this folder: {error.strerror or error}"))
            continue
        subfolders = []
        for entry in entries:
            path = f"{shown_directory}/{escape_unprintable(entry.name)}"
            if entry.is_symlink():
                problems.append(
                    _problem(path, f"symbolic links are not allowed in {shown}/: copy the file here")
                )
            elif entry.is_dir():
                problems.extend(check_folder_name(entry.name, path))
                if not entry.name.startswith("."):
                    subfolders.append((Path(entry.path), path))
            elif entry.is_file():
                problems.extend(check_file(Path(entry.path), path, shown))
            else:
                problems.append(_problem(path, f"only files and folders may be in {shown}/: remove it"))
        pending.extend(reversed(subfolders))
    return sorted(problems)


def check_file(file: Path, path: str, shown_folder: str = "content/pages") -> list[Problem]:
    """Problems of one file of the pages folder: its name, then what it holds (a page or an image)."""
    problems = check_file_name(file.name, path, shown_folder)
    extension = _extension(file.name).lower()
    if file.name.startswith(".") or (extension != PAGE_EXTENSION and extension not in IMAGE_SIGNATURES):
        return problems
    try:
        with file.open("rb") as opened:
            data = opened.read(MAX_FILE_BYTES + 1 if extension == PAGE_EXTENSION else 16)
    except OSError as error:
        return [*problems, _problem(path, f"cannot read this file: {error.strerror or error}")]
    if extension == PAGE_EXTENSION:
        problems.extend(check_page_bytes(data, path))
    else:
        problems.extend(check_image(data, extension, path))
    return problems


def check_file_name(name: str, path: str, shown_folder: str = "content/pages") -> list[Problem]:
    """Problems with the name of a file in the pages folder: what it is, then how it is spelt."""
    extension = _extension(name)
    stem = name[: -len(extension) - 1] if extension else name
    if name.startswith("."):
        return [
            _problem(
                path, f"hidden file {name!r} is not allowed in {shown_folder}/: {_WHAT_BELONGS}; remove it"
            )
        ]
    kind = extension.lower()
    if kind != PAGE_EXTENSION and kind not in IMAGE_SIGNATURES:
        return [
            _problem(
                path,
                f"{name!r} cannot be published from {shown_folder}/: {_WHAT_BELONGS}; "
                + _elsewhere(kind, stem),
            )
        ]
    reason = _name_problem(stem) or (None if extension == kind else "its extension is not lowercase")
    if reason is None:
        return []
    suggestion = f"{_suggest_name(stem)}.{kind}"
    return [
        _problem(
            path,
            f"file name {name!r} is not allowed: {reason}; rename it to {suggestion!r} "
            "(the name becomes the page's address and is shown in it)",
        )
    ]


def check_folder_name(name: str, path: str) -> list[Problem]:
    """Problems with the name of a folder of pages (it becomes part of their addresses)."""
    if name.startswith("."):
        return [_problem(path, f"hidden folder {name!r} is not allowed among pages: remove it")]
    reason = _name_problem(name)
    if reason is None:
        return []
    return [
        _problem(
            path,
            f"folder name {name!r} is not allowed: {reason}; rename it to {_suggest_name(name)!r} "
            "(the name becomes part of its pages' addresses)",
        )
    ]


def _name_problem(name: str) -> str | None:
    # fullmatch: with `match`, the pattern's `$` would accept a trailing newline ("about\n").
    if not ID_RE.fullmatch(name):
        return f"use only {_NAME_RULE}"
    if len(name) > ID_MAX_LENGTH:
        return f"it is longer than {ID_MAX_LENGTH} characters"
    if name in WINDOWS_DEVICE_NAMES:
        return f"'{name}' is a Windows device name and cannot be a file name"
    return None


def _suggest_name(name: str) -> str:
    suggestion = suggest_id(name)
    return f"{suggestion}-page" if suggestion in WINDOWS_DEVICE_NAMES else suggestion


def _elsewhere(extension: str, stem: str) -> str:
    # Where what the contributor wanted to publish can go instead.
    suggestion = f"{_suggest_name(stem)}.md"
    if extension in _MARKUP_EXTENSIONS:
        return f"write the page in Markdown as {suggestion!r} instead (HTML and XML files can run script)"
    if extension in ("svg", "svgz"):
        return "an SVG file can run script: export the picture as PNG or WebP"
    if extension in ("js", "mjs", "css"):
        return (
            "scripts and stylesheets belong to the theme (theme_overrides/assets/), which maintainers change"
        )
    if extension in _OTHER_MARKDOWN_EXTENSIONS:
        return f"rename it to {suggestion!r}"
    return "remove it (data belongs in content/*.yml, reports in content/articles/)"


def check_image(data: bytes, extension: str, path: str) -> list[Problem]:
    """Whether `data` (the file's first bytes at least) starts as an image of its extension says."""
    signatures = IMAGE_SIGNATURES[extension]
    if extension == "webp":
        valid = all(data[offset : offset + len(part)] == part for offset, part in signatures)
    else:
        valid = any(data[offset : offset + len(part)] == part for offset, part in signatures)
    if valid:
        return []
    kind = _IMAGE_NAMES[extension]
    return [
        _problem(
            path,
            f"this file is not a {kind} image (its first bytes are not a {kind} signature): save the picture "
            f"as {kind} with an image editor, or give it the extension of its real format",
        )
    ]


def check_page_bytes(data: bytes, path: str) -> list[Problem]:
    """Problems of a page's file as MkDocs reads it: UTF-8 (a leading BOM dropped), newlines unified."""
    if len(data) > MAX_FILE_BYTES:
        return [_problem(path, f"file is larger than {MAX_FILE_BYTES:,} bytes: split the page")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = locate_decode_error(data, error)
        return [Problem(path, line, column, "error", "not valid UTF-8: save the file with UTF-8 encoding")]
    # Python's text mode, as MkDocs opens the file: '\r\n' and a lone '\r' both end a line.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return check_hand_written_page(text, path)


def check_hand_written_page(text: str, path: str) -> list[Problem]:
    """Problems in a hand-written page's text: its settings as MkDocs reads them, and its Markdown."""
    settings = read_settings(text, path)
    return sorted({*settings.problems, *check_markdown(settings.body, path, text, settings.body_line)})


@dataclass(frozen=True)
class PageSettings:
    """What MkDocs reads from the top of a page, and what is wrong with it."""

    body: str
    """The Markdown MkDocs renders (the text without its settings)."""
    body_line: int
    """The file line the body starts on."""
    settings: dict[object, object]
    """The settings as MkDocs returns them (`page.meta`)."""
    problems: tuple[Problem, ...]


def read_settings(text: str, path: str) -> PageSettings:
    """Read a page's settings with MkDocs' own reader (`mkdocs.utils.meta.get_data`), then check them.

    MkDocs reads YAML between `---` and `---` or `...` lines, or else, with no fences at all, leading
    `Name: value` lines (MultiMarkdown). Each key it returns must be allowed, and each value of its kind.
    """
    body, settings = meta.get_data(text)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1
    fenced = meta.YAML_RE.match(text)
    problems: list[Problem] = []
    if fenced is None:
        if settings:
            names = ", ".join(repr(name) for name in settings)
            problems.append(
                _problem(
                    path,
                    f"MkDocs reads the 'Name: value' lines at the top of this page as settings ({names}): "
                    "write settings between two '---' lines (front matter), or start the page with a heading",
                )
            )
    elif body == text:
        problems.append(_unread_front_matter(fenced.group(1), path))
    else:
        article = _article_problem(settings, path)
        problems.extend([article] if article else _check_front_matter(fenced.group(1), settings, path))
    return PageSettings(body, body_line, settings, tuple(sorted(problems)))


_FRONT_MATTER_LINE = 2
"""The file line the front matter's YAML starts on (after the opening `---`)."""


def _unread_front_matter(block: str, path: str) -> Problem:
    # MkDocs drops what it cannot read and publishes the front matter as text; say where and why.
    try:
        data = yaml.load(block, Loader=meta.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + _FRONT_MATTER_LINE, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "it is not valid YAML"
        return Problem(
            path, line, column, "error", f"front matter cannot be read: {reason}; {_FIX_FRONT_MATTER}"
        )
    except Exception:  # what MkDocs' reader swallows too (an unhashable key ...)
        return _problem(path, f"front matter cannot be read; {_FIX_FRONT_MATTER}")
    got = "nothing" if data is None else _describe_value(data)
    message = f"front matter must be settings, one 'name: value' a line, got {got}; {_FIX_FRONT_MATTER}"
    return Problem(path, _FRONT_MATTER_LINE, 1, "error", message)


def _article_problem(settings: dict[object, object], path: str) -> Problem | None:
    # An article saved among the pages would get one error per front matter key: say what it is instead.
    names = {name for name in settings if isinstance(name, str)}
    article_names = (names & set(ARTICLE_MODEL.model_fields)) - PAGE_META_KEYS
    if "date" not in article_names or len(article_names) < 2:
        return None
    date = settings["date"]
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        date = parse_date(str(date))
    content, found, _ = path.partition(f"/{PAGES_FOLDER}/")
    stem = path.rpartition("/")[2].rpartition(".")[0]
    destination = f"{content if found else 'content'}/{article_destination(stem, date)}"
    return _problem(
        path,
        f"this looks like an article (its front matter has {', '.join(sorted(article_names))}), not a "
        f"hand-written page: move it to {destination}",
    )


_FIX_FRONT_MATTER = "MkDocs would publish it as text: write 'title: ...' lines between the '---' lines"


def _check_front_matter(block: str, settings: dict[object, object], path: str) -> list[Problem]:
    root = yaml.compose(block, Loader=meta.SafeLoader)
    problems: list[Problem] = []
    seen: set[str] = set()
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            name = key.value if isinstance(key, yaml.ScalarNode) and key.tag == _STRING_TAG else None
            if key.tag == _MERGE_TAG:
                problems.append(
                    _at(key, path, "'<<' (merging settings) is not allowed in a page: write each setting")
                )
            elif name is None:
                written = _describe_node(key)
                problems.append(_at(key, path, f"setting name {written} is not allowed: {_allowed()}"))
            elif name in seen:
                problems.append(_at(key, path, f"{escape_unprintable(name)!r} is set twice: keep one"))
            elif name not in PAGE_META_KEYS:
                problems.append(
                    _at(
                        key,
                        path,
                        f"front matter key {escape_unprintable(name)!r} is not allowed in a page: "
                        f"{_allowed()}",
                    )
                )
            else:
                problems.extend(_check_value(name, value, path))
            if name is not None:
                seen.add(name)
    if not problems:
        # What MkDocs returned is the authority: a key it read that the walk above did not check is refused.
        problems.extend(
            _problem(
                path,
                f"front matter key {escape_unprintable(str(name))!r} is not allowed in a page: {_allowed()}",
            )
            for name in settings
            if not (isinstance(name, str) and name in seen)
        )
    return problems


def _allowed() -> str:
    return f"use only {', '.join(sorted(PAGE_META_KEYS))}"


def _check_value(name: str, node: yaml.Node, path: str) -> list[Problem]:
    if name in ("title", "description"):
        if not _is_text(node):
            return [_at(node, path, f"{name}: expected text, got {_describe_node(node)} (put it in quotes?)")]
        if not node.value.strip():
            return [_at(node, path, f"{name}: is empty: write the {name} or remove the line")]
        # The same rule as every text of the registries: the tab, the header and the navigation show it.
        hidden = next(find_hidden_characters(node.value), None)
        return (
            []
            if hidden is None
            else [_at(node, path, f"{name}: {hidden_character_message(node.value, hidden)}")]
        )
    if name == "hide":
        known = ", ".join(sorted(HIDE_VALUES))
        if not isinstance(node, yaml.SequenceNode):
            return [_at(node, path, f"hide: expected a list such as [toc], got {_describe_node(node)}")]
        return [
            _at(item, path, f"hide: {_describe_node(item)} is not something a page can hide: use {known}")
            for item in node.value
            if not (_is_text(item) and item.value in HIDE_VALUES)
        ]
    # search
    if not isinstance(node, yaml.MappingNode):
        return [
            _at(
                node,
                path,
                f"search: expected a mapping such as {{exclude: true}}, got {_describe_node(node)}",
            )
        ]
    problems = []
    for key, value in node.value:
        if not (_is_text(key) and key.value in SEARCH_KEYS):
            problems.append(_at(key, path, f"search: {_describe_node(key)} is not allowed: use only exclude"))
        elif not (isinstance(value, yaml.ScalarNode) and value.tag == _BOOLEAN_TAG):
            problems.append(
                _at(value, path, f"search.exclude: expected true or false, got {_describe_node(value)}")
            )
    return problems


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STRING_TAG


def _describe_node(node: yaml.Node) -> str:
    # How the value reads to a contributor: 'text' in quotes, other scalars as written, else its shape.
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if node.tag == _NULL_TAG:
        return "nothing"
    return repr(escape_unprintable(node.value)) if node.tag == _STRING_TAG else escape_unprintable(node.value)


def _describe_value(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(escape_unprintable(str(value)))


def _at(node: yaml.Node, path: str, message: str) -> Problem:
    mark = node.start_mark
    return Problem(path, mark.line + _FRONT_MATTER_LINE, mark.column + 1, "error", message)


def _problem(path: str, message: str) -> Problem:
    return Problem(path, 1, 1, "error", message)


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension if dot and stem else ""


def shown_folder(folder: Path, root: Path) -> str:
    """`folder` as messages show it: relative to `root` where it is inside it."""
    resolved = folder.resolve()
    return (
        resolved.relative_to(root.resolve()).as_posix()
        if resolved.is_relative_to(root.resolve())
        else folder.as_posix()
    )
