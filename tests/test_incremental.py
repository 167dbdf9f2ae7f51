"""Page digests: which pages changed since the previous run in this process."""

from __future__ import annotations

from generator.render.incremental import PageDigests
from generator.render.render import GeneratedPage


def pages(**markdown: str) -> dict[str, GeneratedPage]:
    return {
        f"{name}.md": GeneratedPage(f"{name}.md", text, "content/x.yml") for name, text in markdown.items()
    }


def test_first_run_changes_everything_then_only_what_differs() -> None:
    digests = PageDigests()
    assert digests.changed(pages(a="one", b="two")) == {"a.md", "b.md"}
    assert digests.changed(pages(a="one", b="two")) == set()
    assert digests.changed(pages(a="one", b="TWO", c="new")) == {"b.md", "c.md"}
    assert digests.changed(pages(a="one")) == set()
    assert digests.changed(pages(a="one", b="TWO")) == {"b.md"}  # a page that comes back is new again


def test_forget_makes_every_page_changed() -> None:
    digests = PageDigests()
    digests.changed(pages(a="one"))
    digests.forget()
    assert digests.changed(pages(a="one")) == {"a.md"}
