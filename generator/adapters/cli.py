"""Command line: `newsgen check`, `generate`, `audit`, `schema`, `new`, `import`, `rename`, `migrate` and
`diff`."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.build.audit import (
    ThemeScripts,
    audit_site,
    count_audited_files,
    default_theme_folders,
    summarize_audit,
)
from generator.build.pipeline import check_problems, generate_pages, paused_garbage_collection
from generator.build.write import WriteError, write_tree
from generator.check.pages import PAGES_FOLDER, check_pages_folder, shown_folder
from generator.domain.kinds import ENTITY_KINDS, KIND_NAMED
from generator.load.loader import load_content
from generator.problems import ContentError, Problem, count_errors, escape_line, summarize
from generator.tools.migrate import TODO_CLAIM_DATE, MigrationError, apply_migration, plan_migration
from generator.tools.page_diff import compare_pages, read_pages, render_summary
from generator.tools.rename import RENAMED_KINDS, RenameError, apply_rename, plan_rename
from generator.tools.report_import import (
    MAX_PAGE_BYTES,
    ImportFailure,
    Report,
    clean_report,
    draft_article,
    fetch_page,
    known_entities,
    known_events,
    looks_like_html,
    read_page,
    suggested_name,
)
from generator.tools.scaffold import (
    ENTITY_REGISTRY,
    ScaffoldError,
    Written,
    append_entity,
    article_path,
    article_stub,
    check_article_name,
    check_new_id,
    entity_stub,
    write_new_file,
)
from generator.tools.schema import build_schemas, registry_ids, stale_schemas, write_schemas
from generator.workers import worker_count

STUB_OPTIONS: dict[str, str] = {
    "role": "their role at the time of the story, e.g. 'President of Ukraine'",
    "country": "two-letter ISO country code, e.g. UA",
    "aliases": "other names the reports use, separated by commas, e.g. 'Zelensky,Zelenskiy'",
    "summary": "one sentence (default: a TODO)",
}
"""`newsgen new` options for optional fields, offered for each kind whose model has the field."""

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
    print_message(summary or summarize(problems, nothing_written=nothing_written))


def print_message(text: str) -> None:
    """Print one line to stderr as `escape_line` shows it: file names in it may come from content."""
    print(escape_line(text), file=sys.stderr)


def _command_check(arguments: argparse.Namespace) -> int:
    # Free the content before the garbage collector resumes, or its first pass and the interpreter's clean-up
    # at exit scan it all again (freeing it costs a few milliseconds). Nothing parsed is kept:
    # `check_problems` caches no parsed file and keeps no article.
    with paused_garbage_collection():
        problems = check_problems(arguments.content)
    pages = arguments.content / PAGES_FOLDER  # what MkDocs publishes as it is (mkdocs.yml's docs_dir)
    problems = sorted([*problems, *check_pages_folder(pages, shown_folder(pages, Path.cwd()))])
    print_problems(problems)
    errors = count_errors(problems)
    if errors or (arguments.strict and problems):
        return EXIT_CONTENT_ERRORS
    return EXIT_OK


def _command_generate(arguments: argparse.Namespace) -> int:
    try:
        generation = generate_pages(arguments.content, workers=worker_count(0))
    except ContentError as error:
        print_problems(error.problems, nothing_written=True)
        return EXIT_CONTENT_ERRORS
    if generation.warnings:
        print_problems(generation.warnings)
    try:
        write_tree(generation.pages, arguments.out, protected=arguments.content)
    except WriteError as error:
        print_message(f"newsgen: error: {error}")
        return EXIT_USAGE
    print_message(f"generate: wrote {len(generation.pages)} pages to {arguments.out}")
    return EXIT_OK


def _command_schema(arguments: argparse.Namespace) -> int:
    schemas = build_schemas(registry_ids(load_content(arguments.content)))
    if arguments.check:
        stale = stale_schemas(arguments.out, schemas)
        for file_name in stale:
            print_message(f"{arguments.out / file_name}: out of date: run `newsgen schema` and commit it")
        return EXIT_CONTENT_ERRORS if stale else EXIT_OK
    try:
        changed = write_schemas(arguments.out, schemas)
    except OSError as error:
        print_message(f"newsgen: error: cannot write {arguments.out}: {error.strerror or error}")
        return EXIT_USAGE
    print_message(f"schema: {len(changed)} of {len(schemas)} schemas rewritten in {arguments.out}")
    return EXIT_OK


def _command_new(arguments: argparse.Namespace) -> int:
    content_dir: Path = arguments.content
    try:
        if arguments.what == "article":
            check_article_name(arguments.name)
            path = article_path(content_dir, arguments.date, arguments.name)
            written = write_new_file(
                path, article_stub(arguments.date, arguments.title), existing_slugs(content_dir)
            )
        else:
            ids = registry_ids(load_content(content_dir))
            check_new_id(arguments.id, {entity_id for known in ids.values() for entity_id in known})
            kind = KIND_NAMED[arguments.what]
            fields = {name: getattr(arguments, name, None) for name in (*STUB_OPTIONS, "date", "end")}
            stub = entity_stub(
                kind.name,
                arguments.id,
                getattr(arguments, kind.label_field),
                getattr(arguments, "kind", None),
                **{name: value for name, value in fields.items() if value is not None},
            )
            written = append_entity(content_dir / f"{ENTITY_REGISTRY[arguments.what]}.yml", stub)
    except ScaffoldError as error:
        print_message(f"newsgen: error: {error}")
        return EXIT_USAGE
    _report_written(written)
    return EXIT_OK


def _command_import(arguments: argparse.Namespace) -> int:
    source: str = arguments.report
    try:
        report, source_name, page_url = _read_report(source)
    except ImportFailure as error:
        print_message(f"newsgen: error: {error}")
        return EXIT_USAGE
    date = arguments.date or report.published
    if date is None:
        print_message(
            f"newsgen: error: {source_name} gives no date; "
            "give the day the report was published with --date YYYY-MM-DD"
        )
        return EXIT_USAGE
    loaded = load_content(arguments.content)
    registries = {name: document.data for name, document in loaded.registries.items()}
    entities = known_entities(registries)
    name = arguments.name or suggested_name(report.headline)
    draft = draft_article(
        report,
        entities,
        date=date,
        source_name=source_name,
        publisher=arguments.publisher,
        url=arguments.url or page_url,
        date_from_report=arguments.date is None,
        events=known_events(registries),
    )
    try:
        check_article_name(name)
        path = article_path(arguments.content, date, name)
        if path.exists():
            raise ScaffoldError(
                f"{path} exists already; nothing written. To import the report again beside it, "
                f"give the draft another name: newsgen import {source} --name {name}-2"
            )
        written = write_new_file(path, draft, existing_slugs(arguments.content))
    except ScaffoldError as error:
        print_message(f"newsgen: error: {error}")
        return EXIT_USAGE
    _report_written(written)
    return EXIT_OK


def _read_report(source: str) -> tuple[Report, str, str | None]:
    """The report in a file (a saved page or plain text) or at an http(s) address; its name; its address."""
    if source.startswith(("https://", "http://")):
        return read_page(fetch_page(source), url=source), source, source
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise ImportFailure(f"cannot read {path}: larger than {MAX_PAGE_BYTES // 1_000_000} MB")
    if looks_like_html(data):
        return read_page(data), path.name, None
    try:
        return clean_report(data.decode("utf-8")), path.name, None
    except UnicodeDecodeError as error:
        raise ImportFailure(
            f"cannot read {path}: it is not UTF-8 text ({error.reason} at byte {error.start}); "
            "save it as UTF-8 text, or save the page itself (File → Save As) and import the .html"
        ) from None


def _command_rename(arguments: argparse.Namespace) -> int:
    try:
        plan = plan_rename(
            arguments.content, arguments.kind, arguments.old, arguments.new, article=arguments.article
        )
        apply_rename(plan)
    except RenameError as error:
        for line in str(error).splitlines()[:-1]:
            print_message(line)
        print_message(f"newsgen: error: {str(error).splitlines()[-1]}")
        return EXIT_USAGE
    root = arguments.content.resolve().parent
    changed = ", ".join(sorted(path.relative_to(root).as_posix() for path in plan.texts))
    print_message(
        f"rename: {plan.kind} '{plan.old}' is now '{plan.new}' ({plan.references} references and mentions "
        f"rewritten); changed {changed}"
    )
    return EXIT_OK


def _command_migrate(arguments: argparse.Namespace) -> int:
    try:
        migration = plan_migration(arguments.content)
    except MigrationError as error:
        *details, last = str(error).splitlines()
        for line in details:
            print_message(line)
        print_message(f"newsgen: error: {last}")
        return EXIT_USAGE
    root = arguments.content.resolve().parent
    for line in migration.describe(root):
        print_message(f"migrate: {line}")
    for line in migration.to_do:
        print_message(f"migrate: to do: {line}")
    files = len(migration.articles) + (migration.events_text is not None)
    if arguments.dry_run:
        print_message(f"migrate: dry run: {files} files would change; nothing written")
        return EXIT_OK
    apply_migration(migration)
    print_message(
        f"migrate: {files} files rewritten for content model v2 (none deleted). Now check each "
        f"'{TODO_CLAIM_DATE}' and that each article's date is when the report was published (v1.2: when "
        "what it reports happened), give each new event a summary, then run `newsgen check --strict`"
    )
    return EXIT_OK


def _command_diff(arguments: argparse.Namespace) -> int:
    before, after = read_pages(arguments.before), read_pages(arguments.after)
    print(render_summary(compare_pages(before, after), base_missing=not arguments.before.is_dir()), end="")
    return EXIT_OK


def _report_written(written: Written) -> None:
    action = "added a stub at the end of" if written.appended else "wrote"
    print_message(f"new: {action} {written.path}; replace each TODO, then run `newsgen check --strict`")


def existing_slugs(content_dir: Path) -> dict[str, Path]:
    """Article slug to its file, for every article under `content_dir`."""
    return {path.stem: path for path in sorted((content_dir / "articles").rglob("*.md"))}


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )


def _command_audit(arguments: argparse.Namespace) -> int:
    site: Path = arguments.site
    if not site.is_dir():
        print_message(f"newsgen: error: site folder not found: {site} (build it first: make site)")
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

    new = commands.add_parser("new", help="write a stub for a new article, actor, venue or issue")
    kinds = new.add_subparsers(dest="what", required=True, metavar="KIND")
    article = kinds.add_parser("article", help="content/articles/<year>/<date>-<name>.md")
    article.add_argument("name", help="a few lowercase words joined by hyphens, e.g. trump-putin-call")
    article.add_argument(
        "--date", type=_iso_date, required=True, help="the day the report was published, YYYY-MM-DD"
    )
    article.add_argument("--title", help="the headline (default: a TODO)")
    for kind in ENTITY_KINDS:
        entity = kinds.add_parser(kind.name, help=f"add an entry at the end of content/{kind.registry}.yml")
        entity.add_argument(
            "id", help="lowercase letters, digits and single hyphens (`newsgen rename` changes it)"
        )
        entity.add_argument(
            f"--{kind.label_field}", required=True, help=f"the {kind.name}'s {kind.label_field}"
        )
        if kind.kinds_of_entry:
            entity.add_argument(
                "--kind",
                help=f"kind of {kind.name}: {', '.join(kind.kinds_of_entry)} (default: the first)",
            )
        for name, help_text in STUB_OPTIONS.items():
            if name in kind.model.model_fields:
                entity.add_argument(f"--{name}", help=help_text)
        if "date" in kind.model.model_fields:
            entity.add_argument("--date", type=_iso_date, help="the day it happens or happened, YYYY-MM-DD")
            entity.add_argument("--end", type=_iso_date, help="its last day, if it lasts several, YYYY-MM-DD")
    for subparser in kinds.choices.values():
        _add_content_option(subparser)
    new.set_defaults(handler=_command_new)

    rename = commands.add_parser(
        "rename",
        help="give an entry (an event too), a claim or an article a new id everywhere; old pages redirect",
    )
    rename.add_argument("kind", choices=RENAMED_KINDS, help="what to rename")
    rename.add_argument("old", help="its id now (an article: its file name without .md, or without the date)")
    rename.add_argument("new", help="its new id (an article: the new name after the date, which stays)")
    rename.add_argument("--article", help="for a claim: the article it is in, if several have that id")
    _add_content_option(rename)
    rename.set_defaults(handler=_command_rename)

    importer = commands.add_parser(
        "import", help="draft an article from a report: a saved web page, its URL or its text copied"
    )
    importer.add_argument(
        "report",
        help="a page saved from the browser (.html), the page's http(s) address, or its text (.txt)",
    )
    importer.add_argument(
        "--date",
        type=_iso_date,
        help="the day the report was published, YYYY-MM-DD (default: the date the page gives, if any)",
    )
    importer.add_argument("--name", help="article name after the date (default: from the headline)")
    importer.add_argument("--publisher", help="who published the report (default: the page's site name)")
    importer.add_argument("--url", help="the report's address (default: the page's own address)")
    _add_content_option(importer)
    importer.set_defaults(handler=_command_import)

    migrate = commands.add_parser(
        "migrate", help="rewrite content written for content model v1.2 as v2, in place (see --dry-run)"
    )
    migrate.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    _add_content_option(migrate)
    migrate.set_defaults(handler=_command_migrate)

    diff = commands.add_parser(
        "diff", help="list the pages added, changed and removed between two `generate` trees (Markdown)"
    )
    diff.add_argument("before", type=Path, help="pages generated from the base (a missing folder: none)")
    diff.add_argument("after", type=Path, help="pages generated from the change")
    diff.set_defaults(handler=_command_diff)
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
    content = getattr(arguments, "content", None)
    if content is not None and not content.is_dir():
        parser.error(f"content folder not found: {content}")
    if "content" in arguments and not arguments.content.is_dir():
        parser.error(f"content folder not found: {arguments.content}")
    return int(arguments.handler(arguments))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
