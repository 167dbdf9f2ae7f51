"""Which pages a change adds, changes and removes: two generated Markdown trees compared, for CI summaries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.build.write import MARKER


@dataclass(frozen=True)
class PageDiff:
    """Pages by source path (`actors/vladimir-putin.md`), each list sorted."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True if no page is added, changed or removed."""
        return not (self.added or self.changed or self.removed)


def read_pages(root: Path) -> dict[str, bytes]:
    """Every Markdown page below `root` by POSIX path; a missing folder has none."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*.md"))
        if path.is_file() and path.name != MARKER
    }


def compare_pages(before: dict[str, bytes], after: dict[str, bytes]) -> PageDiff:
    """Added, changed and removed pages between two {path: bytes} trees."""
    return PageDiff(
        added=tuple(sorted(after.keys() - before.keys())),
        changed=tuple(sorted(path for path in after.keys() & before.keys() if after[path] != before[path])),
        removed=tuple(sorted(before.keys() - after.keys())),
    )


def page_url(path: str) -> str:
    """The site URL of a page source: `actors/x.md` -> `actors/x/`, `index.md` -> `/`."""
    page = PurePosixPath(path)
    parts = list(page.parent.parts) if page.stem == "index" else [*page.parent.parts, page.stem]
    return "/".join(parts) + "/" if parts else "/"


def render_summary(diff: PageDiff, *, base_missing: bool = False) -> str:
    """The diff as Markdown for a GitHub job summary (`$GITHUB_STEP_SUMMARY`)."""
    lines = ["## Pages this change affects", ""]
    if base_missing:
        lines += ["The base branch could not be built, so every page is listed as added.", ""]
    if diff.empty:
        lines.append("No page is added, changed or removed.")
        return "\n".join(lines) + "\n"
    for title, paths in (("Added", diff.added), ("Changed", diff.changed), ("Removed", diff.removed)):
        if not paths:
            continue
        lines.append(f"### {title} ({len(paths)})")
        lines.append("")
        lines += [f"- {_code(page_url(path))} (from {_code(path)})" for path in paths]
        lines.append("")
    return "\n".join(lines)


def _code(text: str) -> str:
    # A path comes from a contributor's file name: keep it inert in Markdown.
    return "`" + text.replace("`", "'") + "`"
