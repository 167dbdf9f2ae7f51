"""Command line: `newsgen check`, `generate`, `schema`, `new`, `import` and `diff`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.loader import load_content
from generator.pipeline import check_content, generate_pages
from generator.problems import ContentError, Problem, count_errors, summarize
from generator.schema import build_schemas, registry_ids, stale_schemas, write_schemas
from generator.write import WriteError, write_tree

EXIT_OK = 0
EXIT_CONTENT_ERRORS = 1
EXIT_USAGE = 2


def print_problems(problems: Sequence[Problem], *, nothing_written: bool = False) -> None:
    """Print problems compiler style to stderr, then one summary line; also as annotations on GitHub."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if github:
            print(problem.format_github(), file=sys.stderr)
    print(summarize(problems, nothing_written=nothing_written), file=sys.stderr)


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


def _command_schema(arguments: argparse.Namespace) -> int:
    schemas = build_schemas(registry_ids(load_content(arguments.content)))
    if arguments.check:
        stale = stale_schemas(arguments.out, schemas)
        for file_name in stale:
            print(
                f"{arguments.out / file_name}: out of date: run `newsgen schema` and commit it",
                file=sys.stderr,
            )
        return EXIT_CONTENT_ERRORS if stale else EXIT_OK
    try:
        changed = write_schemas(arguments.out, schemas)
    except OSError as error:
        print(f"newsgen: error: cannot write {arguments.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"schema: {len(changed)} of {len(schemas)} schemas rewritten in {arguments.out}", file=sys.stderr)
    return EXIT_OK


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `newsgen`."""
    parser = argparse.ArgumentParser(
        prog="newsgen",
        description="Validate annotated news content and generate the explained-news site pages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content and report every problem")
    _add_content_option(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(handler=_command_check)

    generate = commands.add_parser("generate", help="write the generated Markdown tree to a folder")
    _add_content_option(generate)
    generate.add_argument("--out", type=Path, required=True, help="folder to (re)write; replaced atomically")
    generate.set_defaults(handler=_command_generate)

    schema = commands.add_parser(
        "schema", help="write the JSON Schemas editors use to check and complete content"
    )
    _add_content_option(schema)
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")
    schema.add_argument("--check", action="store_true", help="write nothing; fail if a schema is out of date")
    schema.set_defaults(handler=_command_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsgen` console script; returns the exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if not arguments.content.is_dir():
        parser.error(f"content folder not found: {arguments.content}")
    return int(arguments.handler(arguments))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
