"""What the build prints under GitHub Actions: text from content never reaches the runner as a command."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from conftest import read_workflow_commands
from test_build import FIXTURE, make_project, run_mkdocs

from generator.problems import escape_printed_lines

FORGED_KEY = '  "role\\n::add-mask::hidden\\r::warning file=README.md::forged": x\n'
"""A YAML key whose escapes make a line break and a carriage return, each followed by a workflow command."""


@pytest.fixture
def github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")


def test_a_failed_build_prints_content_errors_as_plain_lines(tmp_path: Path, github_actions: None) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    actors = project / "content/actors.yml"
    actors.write_text(actors.read_text().replace("  kind: person\n", "  kind: person\n" + FORGED_KEY, 1))

    result = run_mkdocs(project, "build")

    assert result.returncode == 1
    shown_key = "role\\n::add-mask::hidden\\r::warning file=README.md::forged"
    assert (
        f"content/actors.yml:5:3: error: {shown_key}: unknown field '{shown_key}'. Allowed fields: aliases, "
        "country, id, kind, leads, name, part_of, role, side, sources, speaks_for, summary, updates, "
        "wikidata\n"
    ) in result.stderr
    assert read_workflow_commands(result.stdout + result.stderr) == []


def test_mkdocs_messages_about_content_files_forge_no_command(tmp_path: Path, github_actions: None) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    # MkDocs names a hand-written page in its own messages (the nav list, a link it cannot resolve).
    name = "x\n##[add-mask]hidden\n::warning::forged.md"
    (project / "content/pages" / name).write_text("# X\n\n[a](missing.md)\n", encoding="utf-8")

    result = run_mkdocs(project, "build")

    output = result.stdout + result.stderr
    assert "hidden" in output  # MkDocs or the generator named the file (escaped)
    assert read_workflow_commands(output) == []


def test_escape_printed_lines_escapes_each_line_of_a_message() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("tests.workflow_commands")
    logger.propagate = False
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        escape_printed_lines(logger)
        escape_printed_lines(logger)  # once is enough: a second call adds nothing
        logger.warning("Doc file '%s' has a problem:\n  - %s", "a\r::add-mask::x", "##[error]y")
    finally:
        logger.removeHandler(handler)

    assert len(handler.filters) == 1
    assert stream.getvalue() == "Doc file 'a\\r::add-mask::x' has a problem:\n  - ##\\[error]y\n"
