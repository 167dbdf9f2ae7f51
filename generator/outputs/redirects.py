"""Redirect pages: an old address (a renamed entry's or article's) leads to the page it has now.

`newsgen rename` keeps `content/redirects.yml`, a list of `{kind, from, to}`; the generator checks each entry
and writes, at the old page's address, a small HTML page without scripts whose meta refresh leads to the
new one. The target is always a generated page's address built from a validated id, never text from the file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.domain.kinds import ENTITY_KINDS
from generator.domain.model import ID_RE
from generator.domain.paths import REDIRECTS_FILE, article_page_url, entity_page_url
from generator.load.loader import LoadedDocument, SourceFile, YamlProblem, load_document, locate
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.check.validate import Content, Validated

ARTICLE_KIND = "article"
"""The kind of a redirect from an article's old slug."""

REDIRECT_KINDS: tuple[str, ...] = (*(kind.name for kind in ENTITY_KINDS), ARTICLE_KIND)
"""What may be redirected: an entity kind's page or an article's page."""

REDIRECTS_HEADER = (
    "# Old addresses of renamed pages, and the page each now leads to. Written by `newsgen rename`:\n"
    "# do not edit by hand. Each becomes a small page at the old address that forwards to the new one.\n"
)


@dataclass(frozen=True)
class Redirect:
    """The page of `kind` once at `old` now lives at `new`."""

    kind: str
    old: str
    new: str
    line: int = field(default=1, compare=False)
    """Where the entry starts in `content/redirects.yml` (for messages)."""


def page_url(kind: str, page_id: str) -> str:
    """The address of the page of `kind` and `page_id`, from the site root: `actors/<id>/`."""
    return article_page_url(page_id) if kind == ARTICLE_KIND else entity_page_url(kind, page_id)


def read_redirects(
    content_dir: Path, display_root: Path | None = None
) -> tuple[list[Redirect], list[Problem]]:
    """The redirects of `content_dir` (none if the file does not exist) and the problems of their form."""
    path = content_dir / REDIRECTS_FILE
    if not path.is_file():
        return [], []
    shown = _shown(path, display_root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(shown, 1, 1, "error", f"cannot read this file: {error}; rewrite it as UTF-8")]
    return parse_redirects(SourceFile(shown, text))


def parse_redirects(source: SourceFile) -> tuple[list[Redirect], list[Problem]]:
    """The redirects written in `source` and a located problem for each entry that is not one."""
    try:
        document = load_document(source, cache=False)
    except YamlProblem as problem:
        return [], [
            Problem(source.path, each.line, each.column, "error", each.message)
            for each in (problem, *problem.others)
        ]
    data = document.data
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [_problem(document, (), "the redirects must be a list of `- kind: ... from: ... to: ...`")]
    redirects, problems = [], []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or set(entry) != {"kind", "from", "to"}:
            problems.append(_problem(document, (index,), "each redirect has exactly `kind`, `from` and `to`"))
            continue
        if entry["kind"] not in REDIRECT_KINDS:
            problems.append(
                _problem(document, (index, "kind"), f"kind must be one of: {', '.join(REDIRECT_KINDS)}")
            )
            continue
        bad = [name for name in ("from", "to") if not _is_id(entry[name])]
        for name in bad:
            problems.append(_problem(document, (index, name), f"`{name}` must be an id (lowercase words)"))
        if not bad:
            line = locate(document, (index,))[0]
            redirects.append(Redirect(entry["kind"], entry["from"], entry["to"], line))
    return redirects, problems


def check_redirects(
    source_path: str, redirects: Sequence[Redirect], pages: Mapping[str, set[str]]
) -> list[Problem]:
    """Each redirect leads from an address that is no page (any more) to a page that exists.

    `pages` is each redirect kind's existing ids (article slugs for `article`).
    """
    problems = []
    seen: set[tuple[str, str]] = set()
    for redirect in redirects:
        existing = pages.get(redirect.kind, set())
        found = []
        if redirect.new not in existing:
            found.append(f"there is no {redirect.kind} '{redirect.new}' to lead to; remove this entry")
        if redirect.old in existing:
            found.append(f"{redirect.kind} '{redirect.old}' is a page again; remove this entry")
        if (redirect.kind, redirect.old) in seen:
            found.append(f"a second redirect from {redirect.kind} '{redirect.old}'; remove one")
        seen.add((redirect.kind, redirect.old))
        problems += [Problem(source_path, redirect.line, 3, "error", message) for message in found]
    return problems


def checked_redirects(
    content_dir: Path, content: Content | Validated | None, display_root: Path | None = None
) -> tuple[list[Redirect], list[Problem]]:
    """The redirects of `content_dir` and every problem with them (their targets only once `content` is
    valid)."""
    redirects, problems = read_redirects(content_dir, display_root)
    if content is not None and redirects:
        shown = _shown(content_dir / REDIRECTS_FILE, display_root)
        problems += check_redirects(shown, redirects, existing_pages(content))
    return redirects, problems


def existing_pages(content: Content | Validated) -> dict[str, set[str]]:
    """Each redirect kind's pages in `content`: entity ids by kind, and article slugs."""
    pages = {kind.name: {entity.id for entity in content.entities_of(kind)} for kind in ENTITY_KINDS}
    pages[ARTICLE_KIND] = set(content.article_slugs)
    return pages


def redirect_pages(redirects: Sequence[Redirect]) -> Iterator[tuple[str, bytes]]:
    """Each redirect as a file: `actors/<old>/index.html`, forwarding by meta refresh (no script)."""
    for redirect in redirects:
        old, new = page_url(redirect.kind, redirect.old), page_url(redirect.kind, redirect.new)
        target = posixpath.relpath(new, old) + "/"
        yield f"{old}index.html", redirect_html(target).encode("utf-8")


def redirect_html(target: str) -> str:
    """A page that forwards to `target` (a relative address made of ids, so it needs no escaping)."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>Moved</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{target}">its new address</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def render_redirects(redirects: Sequence[Redirect]) -> str:
    """The text of `content/redirects.yml` holding `redirects`."""
    entries = "".join(
        f"\n- kind: {redirect.kind}\n  from: {redirect.old}\n  to: {redirect.new}\n" for redirect in redirects
    )
    return REDIRECTS_HEADER + (entries or "[]\n")


def renamed(redirects: Sequence[Redirect], kind: str, old: str, new: str) -> list[Redirect]:
    """The redirects after the page of `kind` moves from `old` to `new`: what led to `old` leads to `new`,
    what left `new` is dropped (it is a page again), and `old` leads to `new`."""
    updated = [
        Redirect(each.kind, each.old, new if each.kind == kind and each.new == old else each.new)
        for each in redirects
        if not (each.kind == kind and each.old in (new, old))
    ]
    return [*updated, Redirect(kind, old, new)]


def _shown(path: Path, display_root: Path | None) -> str:
    root, resolved = (display_root or Path.cwd()).resolve(), path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path.as_posix()


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


def _problem(document: LoadedDocument, path: tuple[str | int, ...], message: str) -> Problem:
    line, column = locate(document, path)
    return Problem(document.source.path, line, column, "error", message)
