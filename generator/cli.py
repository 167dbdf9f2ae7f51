"""Command line: `newsgen check`, `newsgen generate` and `newsgen audit`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.audit import (
    ThemeScripts,
    audit_site,
    count_audited_files,
    default_theme_folders,
    summarize_audit,
)
from generator.pipeline import check_content, generate_pages
from generator.problems import ContentError, Problem, count_errors, summarize
from generator.write import WriteError, write_tree

EXIT_OK = 0
EXIT_CONTENT_ERRORS = 1
EXIT_USAGE = 2


def print_problems(
    problems: Sequence[Problem], *, nothing_written: bool = False, summary: str | None = None
) -> None:
    """Print problems compiler style to stderr, then one summary line; also as annotations on GitHub."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if github:
            print(problem.format_github(), file=sys.stderr)
    print(summary or summarize(problems, nothing_written=nothing_written), file=sys.stderr)


def _command_check(arguments: argparse.Namespace) -> int:
    _, problems = check_content(arguments.content)
    print_problems(problems)
    errors = count_errors(problems)
    if errors or (arguments.strict and problems):
        return EXIT_CONTENT_ERRORS
    return EXIT_OK


def _command_generate(arguments: argparse.Namespace) -> int:
    try:
        generation = generate_pages(arguments.content)
    except ContentError as error:
        print_problems(error.problems, nothing_written=True)
        return EXIT_CONTENT_ERRORS
    if generation.warnings:
        print_problems(generation.warnings)
    try:
        write_tree(generation.pages, arguments.out, protected=arguments.content)
    except WriteError as error:
        print(f"newsgen: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"generate: wrote {len(generation.pages)} pages to {arguments.out}", file=sys.stderr)
    return EXIT_OK


def _command_audit(arguments: argparse.Namespace) -> int:
    site: Path = arguments.site
    if not site.is_dir():
        print(f"newsgen: error: site folder not found: {site} (build it first: make site)", file=sys.stderr)
        return EXIT_USAGE
    theme = ThemeScripts.from_template_folders(default_theme_folders(Path.cwd()))
    problems = audit_site(site, theme, display=site.as_posix())
    print_problems(problems, summary=summarize_audit(problems, count_audited_files(site)))
    return EXIT_CONTENT_ERRORS if problems else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `newsgen`."""
    parser = argparse.ArgumentParser(
        prog="newsgen",
        description="Validate annotated news content and generate the explained-news site pages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content and report every problem")
    check.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(handler=_command_check)

    generate = commands.add_parser("generate", help="write the generated Markdown tree to a folder")
    generate.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    generate.add_argument("--out", type=Path, required=True, help="folder to (re)write; replaced atomically")
    generate.set_defaults(handler=_command_generate)

    audit = commands.add_parser(
        "audit", help="check a built site: no scripts but the theme's, nothing loaded from other hosts"
    )
    audit.add_argument("site", type=Path, help="the built site folder (e.g. site)")
    audit.set_defaults(handler=_command_audit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsgen` console script; returns the exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if "content" in arguments and not arguments.content.is_dir():
        parser.error(f"content folder not found: {arguments.content}")
    return int(arguments.handler(arguments))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
