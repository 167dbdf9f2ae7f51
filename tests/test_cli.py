"""Command line: exit codes, compiler-style output, GitHub annotations, a generate that never half-writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID, VENUES, read_workflow_commands, write_texts
from conftest import read_tree as tree

from generator.adapters.cli import main
from generator.build.write import MARKER

BAD_ARTICLE = ARTICLE.replace("by: alice-example", "by: alice-exampel")
BAD_LINE = (
    f"{ARTICLE_PATH}:14:9: error: claims[0].by: unknown actor 'alice-exampel'. Did you mean 'alice-example'?"
)
NO_SUMMARY = ACTORS.replace("  summary: A fictional organisation.\n", "")
NO_SUMMARY_LINE = (
    "content/actors.yml:7:7: warning: actor 'bob-sample' has no summary: "
    "add one sentence saying who or what it is"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the valid content, as the current directory (paths print as `content/...`)."""
    write_texts(tmp_path, VALID)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # these tests may themselves run on GitHub Actions
    return tmp_path


def edit(project: Path, path: str, text: str) -> None:
    (project / path).write_text(text, encoding="utf-8")


def stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


# --- check --------------------------------------------------------------------------------------------------


def test_check_clean_content(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert stderr_lines(capsys) == ["check: no problems found"]


def test_check_errors_then_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, ARTICLE_PATH, BAD_ARTICLE)
    edit(project, "content/actors.yml", NO_SUMMARY)

    assert main(["check"]) == 1
    assert stderr_lines(capsys) == [NO_SUMMARY_LINE, BAD_LINE, "check: 1 error, 1 warning in 2 files"]


def test_hostile_yaml_gives_located_errors_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    edit(project, "content/actors.yml", bomb)
    edit(project, "content/venues.yml", "- id: exampleton\n  name: !!python/name:os.system x\n")
    edit(project, "content/issues.yml", "x: " + "[" * 30 + "]" * 30 + "\n")

    assert main(["check"]) == 1
    assert stderr_lines(capsys) == [
        "content/actors.yml:1:4: error: anchor '&a': anchors and aliases are not allowed; write the "
        "value out "
        "in full",
        "content/issues.yml:1:23: error: nested more than 20 levels deep: flatten this part of the file",
        "content/venues.yml:2:9: error: tag '!!python/name:os.system': tags are not allowed; remove "
        "it (to keep "
        "a value as text, put it in quotes)",
        "check: 3 errors in 3 files",
    ]


def test_check_with_another_content_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content").rename(project / "elsewhere")

    assert main(["check", "--content", "elsewhere"]) == 0
    assert stderr_lines(capsys) == ["check: no problems found"]


@pytest.mark.parametrize(("arguments", "status"), [(["check"], 0), (["check", "--strict"], 1)])
def test_strict_fails_on_warnings_only(
    project: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], status: int
) -> None:
    edit(project, "content/actors.yml", NO_SUMMARY)

    assert main(arguments) == status
    assert stderr_lines(capsys) == [NO_SUMMARY_LINE, "check: 1 warning in 1 file"]


def test_github_actions_adds_annotations(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(project, ARTICLE_PATH, BAD_ARTICLE)
    edit(project, "content/actors.yml", NO_SUMMARY)

    assert main(["check"]) == 1
    assert stderr_lines(capsys) == [
        NO_SUMMARY_LINE,
        "::warning file=content/actors.yml,line=7,col=7::actor 'bob-sample' has no summary: add one sentence "
        "saying who or what it is",
        BAD_LINE,
        f"::error file={ARTICLE_PATH},line=14,col=9::claims[0].by: unknown actor 'alice-exampel'. "
        "Did you mean 'alice-example'?",
        "check: 1 error, 1 warning in 2 files",
    ]


def test_missing_content_folder_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "--content", "no-such-folder"])

    assert caught.value.code == 2
    assert stderr_lines(capsys)[-1] == "newsgen: error: content folder not found: no-such-folder"


def test_unknown_command_is_a_usage_error(project: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["publish"])

    assert caught.value.code == 2


# --- generate -----------------------------------------------------------------------------------------------


def test_generate_writes_the_tree_with_the_marker(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--out", "out"]) == 0

    written = tree(project / "out")
    assert MARKER in written
    for page in [
        "index.md",
        "articles/2025-05-19-harbour-talks.md",
        "actors/alice-example.md",
        "actors/bob-sample.md",
        "venues/exampleton.md",
        "issues/harbour-deal.md",
    ]:
        assert page in written
    lines = stderr_lines(capsys)
    assert len(lines) == 1
    assert re.fullmatch(rf"generate: wrote {len(written) - 1} pages to out", lines[0])
    assert sorted(path.name for path in project.iterdir()) == ["content", "out"]


def test_generate_prints_warnings_and_still_writes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/actors.yml", NO_SUMMARY)

    assert main(["generate", "--out", "out"]) == 0

    lines = stderr_lines(capsys)
    assert lines[:2] == [NO_SUMMARY_LINE, "check: 1 warning in 1 file"]
    assert lines[2].startswith("generate: wrote ")
    assert (project / "out" / MARKER).is_file()


def test_generate_replaces_a_previous_tree_completely(project: Path) -> None:
    assert main(["generate", "--out", "out"]) == 0
    first = tree(project / "out")
    (project / "out" / "stale.md").write_text("left over", encoding="utf-8")
    (project / "out" / "actors" / "removed-actor.md").write_text("left over", encoding="utf-8")

    assert main(["generate", "--out", "out"]) == 0

    assert tree(project / "out") == first
    assert sorted(path.name for path in project.iterdir()) == ["content", "out"]


def test_generate_refuses_a_folder_it_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out").mkdir()
    (project / "out" / "notes.md").write_text("mine", encoding="utf-8")
    before = tree(project)

    assert main(["generate", "--out", "out"]) == 2

    assert tree(project) == before
    assert sorted(path.name for path in project.iterdir()) == ["content", "out"]
    assert stderr_lines(capsys) == [
        f"newsgen: error: {project / 'out'} exists and was not written by newsgen "
        "(no .newsgen-generated file): choose an empty or new folder"
    ]


@pytest.mark.parametrize("out", ["content/site", "content", "."])
def test_generate_refuses_to_write_into_the_content_folder(
    project: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    before = tree(project)

    assert main(["generate", "--out", out]) == 2

    assert tree(project) == before
    assert sorted(path.name for path in project.iterdir()) == ["content"]
    assert stderr_lines(capsys) == [
        f"newsgen: error: refusing to write into or over the content folder: {(project / out).absolute()}"
    ]


def test_generate_with_errors_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--out", "out"]) == 0
    previous = tree(project / "out")
    capsys.readouterr()
    edit(project, ARTICLE_PATH, BAD_ARTICLE)

    assert main(["generate", "--out", "out"]) == 1

    assert tree(project / "out") == previous
    assert sorted(path.name for path in project.iterdir()) == ["content", "out"]
    assert stderr_lines(capsys) == [BAD_LINE, "check: 1 error in 1 file; nothing written"]


def test_generate_with_errors_and_no_previous_tree_creates_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, ARTICLE_PATH, BAD_ARTICLE)

    assert main(["generate", "--out", "out"]) == 1

    assert sorted(path.name for path in project.iterdir()) == ["content"]
    assert stderr_lines(capsys)[-1] == "check: 1 error in 1 file; nothing written"


def test_content_cannot_forge_workflow_commands_through_check(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Line breaks in a YAML key, a mention and a file name, and `##[` in texts, print as visible text."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    forged_key = '  "role\\n::add-mask::hidden\\r::warning file=README.md::forged": x\n'
    edit(project, "content/actors.yml", ACTORS.replace("  kind: person\n", "  kind: person\n" + forged_key))
    forged_country = '  kind: city\n  country: "##[add-mask]x"\n'
    edit(project, "content/venues.yml", VENUES.replace("  kind: city\n", forged_country))
    forged_mention = "\n[[bob-sample\r::stop-commands::token]]\n"
    edit(project, ARTICLE_PATH, ARTICLE.replace("by: alice-example", 'by: "##[error]x"') + forged_mention)
    forged_name = "2025-05-19-x\n::add-mask::hidden\n##[warning]forged.md"
    (project / "content/articles/2025" / forged_name).write_text(ARTICLE, encoding="utf-8")

    assert main(["check"]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err

    lines = output.split("\n")
    shown_key = "role\\n::add-mask::hidden\\r::warning file=README.md::forged"
    shown_name = "2025-05-19-x\\n::add-mask::hidden\\n##\\[warning]forged.md"
    assert lines[0::2] == [
        f"content/actors.yml:4:3: error: {shown_key}: hidden character U+000D CARRIAGE RETURN after "
        "'::add-mask::hidden': it is a control character, not text; delete it (if your editor does not show "
        "it, retype the text around it)",
        f"content/actors.yml:4:3: error: {shown_key}: unknown field '{shown_key}'. Allowed fields: aliases, "
        "country, id, kind, leads, name, part_of, role, side, sources, speaks_for, summary, updates, "
        "wikidata",
        f"{ARTICLE_PATH}:14:9: error: claims[0].by: '##\\[error]x' is not a valid id: use lowercase letters, "
        "digits and single hyphens (e.g. 'error-x')",
        f"{ARTICLE_PATH}:23:3: error: unknown id 'bob-sample\\r::stop-commands::token' in mention [[...]]: "
        "mention an id from actors.yml, venues.yml, issues.yml or events.yml",
        f"content/articles/2025/{shown_name}:1:1: error: file name '{shown_name}' is not a valid article "
        "slug: rename it to '2025-05-19-x-add-mask-hidden-warning-forged.md' (lowercase letters, digits and "
        "single hyphens)",
        'content/venues.yml:4:12: error: country: expected an ISO 3166-1 alpha-2 country code such as "UA", '
        "got '##\\[add-mask]x'",
        "check: 6 errors in 4 files",
    ]
    assert lines[-1] == ""
    # The runner finds exactly one command per problem, each our own annotation of it, and nothing else.
    expected = []
    for plain in lines[0:-2:2]:
        path, line, column, message = re.fullmatch(r"(.*):(\d+):(\d+): error: (.*)", plain).groups()
        expected.append(("error", {"file": path, "line": line, "col": column}, message))
    assert read_workflow_commands(output) == expected
    assert all(annotation.startswith("::error file=") for annotation in lines[1:-2:2])
    assert "##[" not in output
