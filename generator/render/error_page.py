"""The page `mkdocs serve` shows for every page while the content has errors, as `hugo server` does."""

from __future__ import annotations

from collections.abc import Iterable

import jinja2

from generator.problems import Problem, summarize

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.render", "templates"),
    undefined=jinja2.StrictUndefined,
    # HTML, not Markdown: the problems go into an HTML block, which Markdown leaves as it is.
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render_error_page(problems: Iterable[Problem]) -> str:
    """The Markdown of a page listing every problem as `newsgen check` prints it, HTML-escaped, in order."""
    problems = sorted(problems)
    summary = summarize(problems).removeprefix("check: ")
    template = _ENVIRONMENT.get_template("content_errors.md.j2")
    return template.render(summary=summary[:1].upper() + summary[1:], lines=[p.format() for p in problems])


def error_page_body(problems: Iterable[Problem]) -> str:
    """The error page without its front matter: what a hand-written page shows instead of its own text."""
    return render_error_page(problems).split("---\n", 2)[2]
