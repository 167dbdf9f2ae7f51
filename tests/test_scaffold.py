"""`newsgen new`: stubs that build, marked TODO, written without touching anything that exists."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import VALID, read_tree, write_texts

from generator.adapters.cli import main
from generator.build.pipeline import check_content
from generator.tools.scaffold import ScaffoldError, article_stub, entity_stub, yaml_quoted


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_texts(tmp_path, VALID)


def problems(content: Path) -> list[str]:
    _, found = check_content(content, display_root=content.parent)
    return [problem.format() for problem in found]


def test_new_actor_appends_a_stub_keeping_every_existing_byte(content: Path) -> None:
    before = (content / "actors.yml").read_bytes()

    assert main(["new", "actor", "carol-example", "--name", "NO", "--content", str(content)]) == 0

    after = (content / "actors.yml").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode() == (
        "\n- id: carol-example\n"
        '  name: "NO"\n'
        "  kind: person  # person | organisation | state | group\n"
        "  summary: TODO one sentence on who this is and why it matters to the story.\n"
    )
    assert problems(content) == [
        "content/actors.yml:12:7: warning: actor 'carol-example' is not mentioned by any article: mention it "
        "or remove it",
        "content/actors.yml:15:12: warning: unfinished draft: replace this TODO with what the report "
        "says, or "
        "remove it",
    ]


@pytest.mark.parametrize(
    ("arguments", "file_name"),
    [
        (["venue", "geneva", "--name", "Geneva", "--kind", "city"], "venues.yml"),
        (["issue", "fishing-rights", "--title", 'Fishing "rights"'], "issues.yml"),
    ],
)
def test_new_venue_and_issue_build_without_errors(
    content: Path, arguments: list[str], file_name: str
) -> None:
    assert main(["new", *arguments, "--content", str(content)]) == 0

    assert arguments[1] in (content / file_name).read_text()
    assert not [line for line in problems(content) if ": error: " in line]


def test_new_article_is_valid_and_flagged_as_a_draft(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "geneva-talks", "--date", "2025-06-01", "--content", str(content)]) == 0

    path = content / "articles/2025/2025-06-01-geneva-talks.md"
    assert path.read_text() == article_stub(datetime.date(2025, 6, 1), None)
    found = [line for line in problems(content) if "geneva-talks" in line]
    assert found and all(": warning: unfinished draft" in line for line in found)
    assert f"new: wrote {path}" in capsys.readouterr().err
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--strict", "--content", str(content)]) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["actor", "alice-example", "--name", "A"],
            "id 'alice-example' exists already; ids are unique across actors, venues, issues and events",
        ),
        (["venue", "alice-example", "--name", "A"], "id 'alice-example' exists already"),
        (
            ["actor", "Carol", "--name", "C"],
            "'Carol' is not a valid id: use lowercase letters, digits and single "
            "hyphens, at most 64 characters",
        ),
        (
            ["issue", "search", "--title", "S"],
            "'search' is reserved for the site's own pages; choose another id",
        ),
        (["actor", "nul", "--name", "N"], "'nul' is a Windows device name and cannot be a file name"),
        (
            ["venue", "geneva", "--name", "G", "--kind", "town"],
            "kind 'town' is not allowed for venues; use one of: city, country, building, region",
        ),
        (["article", "harbour-talks", "--date", "2025-05-19"], "exists already; nothing written"),
        (["article", "Harbour", "--date", "2025-05-19"], "'Harbour' is not a valid article name"),
    ],
)
def test_refusals_are_usage_errors_and_write_nothing(
    content: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    before = read_tree(content)

    assert main(["new", *arguments, "--content", str(content)]) == 2

    assert message in capsys.readouterr().err
    assert read_tree(content) == before


def test_an_article_with_the_same_slug_in_another_year_folder_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = content / "articles/2024/2025-06-01-geneva-talks.md"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text("kept")

    assert main(["new", "article", "geneva-talks", "--date", "2025-06-01", "--content", str(content)]) == 2

    assert f"{elsewhere} has the same slug; slugs are unique across years" in capsys.readouterr().err
    assert not (content / "articles/2025/2025-06-01-geneva-talks.md").exists()
    assert elsewhere.read_text() == "kept"


def test_a_date_that_does_not_exist_is_a_usage_error(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["new", "article", "geneva-talks", "--date", "2025-02-30", "--content", str(content)])

    assert exit_status.value.code == 2
    assert "argument --date: '2025-02-30' is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_a_broken_registry_is_not_appended_to(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "actors.yml").write_text("- id: a\n  name: [\n")
    before = read_tree(content)

    assert main(["new", "actor", "carol", "--name", "C", "--content", str(content)]) == 2

    assert "fix the registry first" in capsys.readouterr().err
    assert read_tree(content) == before


def test_entity_stub_quotes_names_that_yaml_would_misread() -> None:
    assert yaml_quoted('12:30 "x"\n y') == '"12:30 \\"x\\" y"'
    with pytest.raises(ScaffoldError):
        entity_stub("actor", "a", "A", "town")


def test_new_actor_takes_role_country_aliases_and_summary(content: Path) -> None:
    arguments = ["new", "actor", "rustem-umerov", "--name", "Rustem Umerov", "--kind", "person"]
    arguments += ["--role", "Defence Minister of Ukraine", "--country", "UA", "--aliases", "Umerov, Umierov"]
    arguments += [
        "--summary",
        "Ukraine's defence minister, who led its delegation.",
        "--content",
        str(content),
    ]

    assert main(arguments) == 0

    text = (content / "actors.yml").read_text()
    assert text.endswith(
        '- id: rustem-umerov\n  name: "Rustem Umerov"\n'
        "  kind: person  # person | organisation | state | group\n"
        '  role: "Defence Minister of Ukraine"\n  country: "UA"\n  aliases: ["Umerov", "Umierov"]\n'
        '  summary: "Ukraine\'s defence minister, who led its delegation."\n'
    )
    assert not [line for line in problems(content) if "error" in line]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--country", "ukraine"], "--country 'ukraine' is not a country code"),
        (["--country", "ua"], "--country 'ua' is not a country code"),
        (["--aliases", " , "], "--aliases is empty"),
    ],
)
def test_new_actor_refuses_what_the_registry_would_refuse(
    content: Path, options: list[str], message: str
) -> None:
    with pytest.raises(ScaffoldError, match=message):
        entity_stub("actor", "x", "X", **{options[0][2:]: options[1]})


def test_new_issue_has_no_role_option(content: Path) -> None:
    with pytest.raises(SystemExit):
        main(["new", "issue", "x", "--title", "X", "--role", "y", "--content", str(content)])


def test_new_event_appends_a_dated_stub_to_the_events_registry(content: Path) -> None:
    before = (content / "events.yml").read_text()
    arguments = ["new", "event", "harbour-vote", "--title", "Harbour vote", "--kind", "meeting"]

    assert main([*arguments, "--date", "2025-05-21", "--end", "2025-05-22", "--content", str(content)]) == 0

    assert (content / "events.yml").read_text() == before + (
        "\n- id: harbour-vote\n"
        '  title: "Harbour vote"\n'
        "  kind: meeting  # call | meeting | talks | press-conference | statement | attack | "
        "prisoner-exchange | other\n"
        "  date: 2025-05-21\n"
        "  end: 2025-05-22\n"
        "  # venue: an id from content/venues.yml\n"
        "  actors: []  # ids from content/actors.yml\n"
        "  issues: []  # ids from content/issues.yml\n"
        "  summary: TODO one sentence on what happened (or was proposed) and why it matters to the story.\n"
    )
    assert not [line for line in problems(content) if ": error: " in line]


def test_a_new_event_without_a_date_is_a_proposal_and_still_valid(content: Path) -> None:
    assert main(["new", "event", "harbour-vote", "--title", "Vote", "--content", str(content)]) == 0

    text = (content / "events.yml").read_text()
    assert "  # date: YYYY-MM-DD   (when it happens or happened; leave out while none is set)\n" in text
    assert not [line for line in problems(content) if ": error: " in line]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--end", "2025-05-22"], "--end needs --date: give the event's first day too"),
        (["--date", "2025-05-22", "--end", "2025-05-21"], "--end 2025-05-21 is before --date 2025-05-22"),
    ],
)
def test_event_days_that_cannot_be_are_refused(
    content: Path, capsys: pytest.CaptureFixture[str], dates: list[str], message: str
) -> None:
    before = read_tree(content)

    assert main(["new", "event", "vote", "--title", "Vote", *dates, "--content", str(content)]) == 2

    assert message in capsys.readouterr().err
    assert read_tree(content) == before


def test_only_events_have_days() -> None:
    with pytest.raises(ScaffoldError, match="--date: actors have no date"):
        entity_stub("actor", "carol", "Carol", date=datetime.date(2025, 5, 1))
