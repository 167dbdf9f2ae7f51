"""The check of generated pages' links: each relative URL names a file the build writes, each fragment an id.

The templates write final HTML with URLs as the site serves them (`actors/x/` links to `../../actors/y/`),
which MkDocs neither rewrites nor validates, as it does Markdown links. This check reads every generated
page's HTML as the sanitizer wrote it, resolves its relative `href` and `src` values against the page's served
URL as a browser would, and reports what names no file of the build, or an id its page does not have. Links
to other hosts (any URL with a scheme, or starting with `//`) are not checked, nor the page's Markdown links
(an article body's), which MkDocs checks and reports in the contributor's file. What is left is the HTML the
generator wrote: a broken link there is a bug in the generator, never the contributor's, and the build stops,
naming the page and the link. Every page's ids are read too: the targets of fragments.
"""

from __future__ import annotations

import html
import posixpath
import re
import time
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from urllib.parse import unquote

from generator.domain.web import url_scheme
from generator.problems import escape_line

_ATTRIBUTE = re.compile(r' (href|src|id)="([^"]*)"')
"""An attribute the check reads, as the sanitizer writes every attribute: a space, the name, `="`, the value
(where `"` is always `&quot;`)."""
_TAG_SO_FAR = re.compile(r'<[a-zA-Z][^\s/>"]*(?: [^\s"\'>=/]+(?:="[^"]*")?)*')
"""An opening tag up to one of its attributes: whether such an attribute is in a tag, not in text. Text never
holds `<` (it is written `&lt;`), so the last `<` before an attribute starts its tag, or the attribute is
text (`<code>&lt;a href="x"&gt;</code>`)."""
_DOT_SEGMENTS = frozenset({".", "%2e"})
_DOUBLE_DOT_SEGMENTS = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})
"""Path segments a browser reads as `.` and `..`, percent-encoded or not (compared in lower case)."""
_FIX = "a bug in the generator's templates, not in the content: report it"


@dataclass
class PageHtml:
    """What a page's HTML holds that the check needs: its ids and the URLs of its links and images."""

    ids: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)


def read_page_html(text: str) -> PageHtml:
    """The ids, `href` and `src` values (entities decoded) of the tags in `text`, HTML as the sanitizer
    writes it."""
    found = PageHtml()
    ids, urls = found.ids, found.urls
    tag_start, in_tag = text.rfind, _TAG_SO_FAR.fullmatch
    for match in _ATTRIBUTE.finditer(text):
        start = match.start()
        if not in_tag(text, tag_start("<", 0, start), start):
            continue  # text that reads like an attribute: not one (also when no `<` is before it)
        name, value = match.groups()
        if "&" in value:
            value = html.unescape(value)
        if name == "id":
            ids.add(value)
        else:
            urls.append(value)
    return found


@dataclass(frozen=True)
class Target:
    """Where a relative URL leads: a path below the site root as served (`actors/y/`, `feed.xml`, `` for
    the home page, or the page's own file) and its fragment (without `#`; None if it has none)."""

    path: str
    fragment: str | None


class LeavesSite(ValueError):
    """A relative URL that climbs above the site root or starts at the server's root."""


def resolve(url: str, page_file: str) -> Target | None:
    """Where `url`, a link on the page written to `page_file` (`actors/x/index.html`, served at `actors/x/`
    or `actors/x.html` without directory URLs: a page is in its file's folder either way), leads below the
    site root, with `.` and `..` segments (percent-encoded or not) resolved and the rest percent-decoded;
    None for a link to another host (with a scheme, or starting with `//`).

    Raises `LeavesSite` if it starts at the server's root (`/x`: the site may be served from a sub-folder) or
    climbs above the site root.
    """
    url = url.strip()
    if "\\" in url:
        url = url.replace("\\", "/")  # as a browser reads an http(s) URL
    if url.startswith("//") or url_scheme(url) is not None:
        return None
    path, hash_mark, fragment = url.partition("#")
    target_fragment = unquote(fragment) if hash_mark else None
    if "?" in path:
        path = path.partition("?")[0]
    if not path:
        return Target(page_file, target_fragment)
    if path.startswith("/"):
        raise LeavesSite(
            "it starts at the server's root, not the site's (the site may be served from a folder)"
        )
    if "%" in path:
        path = "/".join(map(_decoded_segment, path.split("/")))
    folder = page_file.rpartition("/")[0]
    resolved = posixpath.normpath(f"{folder}/{path}" if folder else path)
    if resolved == ".." or resolved.startswith("../"):
        raise LeavesSite("it climbs above the site's root")
    if resolved == ".":
        resolved = ""  # the site root
    elif path.rpartition("/")[2] in ("", ".", ".."):
        resolved += "/"  # a folder
    return Target(resolved, target_fragment)


def _decoded_segment(segment: str) -> str:
    # A browser reads `%2e` as `.` in a dot segment (`%2e%2e/` goes up); a server decodes the rest.
    lowered = segment.lower()
    if lowered in _DOT_SEGMENTS:
        return "."
    if lowered in _DOUBLE_DOT_SEGMENTS:
        return ".."
    return unquote(segment)


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link of a generated page that leads nowhere, with every page that has it."""

    source: str
    """The content file the (first) page is generated from (`content/actors.yml`)."""
    page: str
    """The (first) page, below the docs root (`actors/ada-north.md`)."""
    link: str
    """The link as the page's HTML has it."""
    problem: str
    """What is wrong with it."""
    other_pages: int = 0
    """How many other generated pages have the same broken link."""

    def format(self) -> str:
        """`content/actors.yml: error: the generated page actors/x.md links to '...': what; whose bug`."""
        plural = "s" if self.other_pages > 1 else ""
        others = f" (and {self.other_pages:,} other page{plural})" if self.other_pages else ""
        return escape_line(
            f"{self.source}: error: the generated page {self.page}{others} links to '{self.link}', "
            f"but {self.problem}: {_FIX}"
        )


_Outcome = tuple[str | None, str | None, str | None]
"""Where a link leads: what is wrong with it, or the file it names and its fragment (all None: elsewhere)."""


def _resolution_key(url: str, file: str, folders: list[str]) -> tuple[str, str, str]:
    """A key that every link resolving alike shares: the folder a link climbs to with its leading `../` and
    the rest of it (`../../actors/y/` from any page two folders down is `actors/y/` from the root); a link to
    the page itself, or one that climbs above the root, with its page."""
    if not url or url[0] in "#?":
        return "page", file, url
    climbs = 0
    while url.startswith("../", 3 * climbs):
        climbs += 1
    if climbs > len(folders):
        return "page", file, url
    return "folder", "/".join(folders[: len(folders) - climbs]), url[3 * climbs :]


@dataclass
class _Link:
    link: str
    page: str
    source: str
    pages: int = 1


class LinkCheck:
    """One build's check: read every page's HTML as it is converted (`read_page`), then list what is broken.

    `files` are the paths of every file the build writes below the site root (`actors/x/index.html`,
    `feed.xml`); `always_present` folders whose files are written after the pages (`pagefind/`) count as
    present whatever the name. Only generated pages' links are checked; every page's ids are targets.
    """

    def __init__(self, files: Iterable[str], *, always_present: Iterable[str] = ()) -> None:
        self._files = frozenset(files)
        self._always_present = tuple(f"{folder.strip('/')}/" for folder in always_present)
        self._ids: dict[str, frozenset[str]] = {}
        """Each converted page's ids, by the file it is written to."""
        self._missing: dict[tuple[str, str], _Link] = {}
        """Broken links found while reading (a file that does not exist, a path off the site), by link and
        what is wrong."""
        self._fragments: dict[tuple[str, str], _Link] = {}
        """Links with a fragment, by the file they lead to and the fragment: checked once every page's ids
        are known."""
        self._outcomes: dict[tuple[str, str, str], _Outcome] = {}
        """Where each link leads, by what it resolves from (`_resolution_key`): most links of a site climb
        to its root and lead down from there, alike on every page of a depth."""
        self.links = 0
        """How many links of generated pages were checked."""
        self.seconds = 0.0
        """The time spent reading pages and checking their links."""

    def read_page(
        self,
        text: str,
        *,
        file: str,
        page: str,
        source: str,
        generated: bool,
        checked_by_mkdocs: AbstractSet[str] = frozenset(),
    ) -> set[str]:
        """Read the HTML `text` of the page written to `file` (`actors/x/index.html`), made from `page`
        (`actors/x.md`) and edited in `source`; check its links if it is `generated`, except those
        `checked_by_mkdocs` (its Markdown links: a contributor's broken one is MkDocs' to report). Returns its
        ids."""
        started = time.perf_counter()
        found = read_page_html(text)
        self._ids[file] = frozenset(found.ids)
        if generated:
            urls = [url for url in found.urls if url not in checked_by_mkdocs] if checked_by_mkdocs else found.urls
            self._check_links(urls, file, page, source)
        self.seconds += time.perf_counter() - started
        return found.ids

    def _check_links(self, urls: list[str], file: str, page: str, source: str) -> None:
        folders = file.split("/")[:-1]
        for url in dict.fromkeys(urls):  # once per page, in order
            self.links += 1
            key = _resolution_key(url, file, folders)
            outcome = self._outcomes.get(key)
            if outcome is None:
                outcome = self._outcomes[key] = self._follow(url, file)
            problem, written, fragment = outcome
            if problem is not None:
                self._note(self._missing, (url, problem), url, page, source)
            elif written is not None and fragment is not None:
                self._note(self._fragments, (written, fragment), url, page, source)

    def _follow(self, url: str, file: str) -> _Outcome:
        # Where `url` on the page written to `file` leads: (what is wrong, None, None) if nowhere, (None, the
        # file it names, its fragment) if somewhere, (None, None, None) if to another host.
        try:
            target = resolve(url, file)
        except LeavesSite as error:
            return str(error), None, None
        if target is None:
            return None, None, None
        written = self._written_file(target.path)
        if written is None:
            return f"the site has no file or page at '{target.path}'", None, None
        return None, written, target.fragment

    def broken_links(self) -> list[BrokenLink]:
        """Every broken link found, sorted: files that do not exist, then ids a converted page lacks (a page
        this build did not convert, under `--dirty`, is not checked for ids)."""
        started = time.perf_counter()
        broken = [
            BrokenLink(link.source, link.page, link.link, problem, link.pages - 1)
            for (_, problem), link in self._missing.items()
        ]
        for (written, fragment), link in self._fragments.items():
            ids = self._ids.get(written)
            if ids is not None and fragment not in ids:
                problem = f"'{written}' has no element with the id '{fragment}'"
                broken.append(BrokenLink(link.source, link.page, link.link, problem, link.pages - 1))
        self.seconds += time.perf_counter() - started
        return sorted(broken)

    def _written_file(self, path: str) -> str | None:
        # The file a server sends for `path`: a folder's `index.html`; a folder named without its final `/`
        # redirects there.
        if path.startswith(self._always_present):
            return path
        if path == "" or path.endswith("/"):
            index = f"{path}index.html"
            return index if index in self._files else None
        if path in self._files:
            return path
        index = f"{path}/index.html"
        return index if index in self._files else None

    @staticmethod
    def _note(
        links: dict[tuple[str, str], _Link], key: tuple[str, str], url: str, page: str, source: str
    ) -> None:
        known = links.get(key)
        if known is None:
            links[key] = _Link(url, page, source)
        else:
            known.pages += 1
