"""Editor schemas: up to date, valid Draft 2020-12, and true to the content they describe."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import VALID, load_texts, write_texts

from generator.adapters.cli import main
from generator.load.loader import REGISTRY_NAMES, load_content
from generator.tools.schema import (
    ARTICLE_SCHEMA,
    STORY_SCHEMA,
    build_schemas,
    registry_ids,
    render_schema,
    schema_comment,
    schema_file_name,
    stale_schemas,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_content(ROOT / "content", display_root=ROOT)
COMMITTED = {
    path.name: json.loads(path.read_text(encoding="utf-8")) for path in (ROOT / "schemas").glob("*.json")
}


def as_editor_sees_it(value: Any) -> Any:
    """YAML data as a YAML language server hands it to JSON Schema: dates are strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [as_editor_sees_it(item) for item in value]
    if isinstance(value, dict):
        return {key: as_editor_sees_it(item) for key, item in value.items()}
    return value


def messages(errors: Any) -> list[str]:
    """Every error message, also those of the branches of an `anyOf` (optional fields are `anyOf` null)."""
    found = []
    for error in errors:
        found.append(error.message)
        found.extend(messages(error.context or []))
    return found


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_committed_schemas_are_up_to_date() -> None:
    stale = stale_schemas(ROOT / "schemas", build_schemas(registry_ids(SHIPPED)))

    assert stale == [], f"out of date: {stale}; run `newsgen schema` and commit schemas/"


def test_there_is_one_schema_per_registry_one_for_articles_and_one_for_the_story() -> None:
    expected = [ARTICLE_SCHEMA, STORY_SCHEMA, *map(schema_file_name, REGISTRY_NAMES)]
    assert sorted(COMMITTED) == sorted(expected)


@pytest.mark.parametrize("file_name", sorted(COMMITTED))
def test_schema_is_valid_draft_2020_12(file_name: str) -> None:
    schema = COMMITTED[file_name]

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", REGISTRY_NAMES)
def test_shipped_registry_validates_and_names_its_schema(name: str) -> None:
    document = SHIPPED.registries[name]
    errors = list(validator(COMMITTED[schema_file_name(name)]).iter_errors(as_editor_sees_it(document.data)))

    assert [error.message for error in errors] == []
    assert document.source.text.split("\n", 1)[0] == schema_comment(name)
    assert (ROOT / "content" / schema_comment(name).split("$schema=", 1)[1]).is_file()


def test_shipped_articles_validate() -> None:
    check = validator(COMMITTED[ARTICLE_SCHEMA])

    assert SHIPPED.articles
    for article in SHIPPED.articles:
        errors = [error.message for error in check.iter_errors(as_editor_sees_it(article.document.data))]
        assert errors == [], article.document.source.path


def test_shipped_story_validates_and_names_its_schema() -> None:
    assert SHIPPED.story is not None
    errors = validator(COMMITTED[STORY_SCHEMA]).iter_errors(as_editor_sees_it(SHIPPED.story.data))
    assert [error.message for error in errors] == []
    assert (
        SHIPPED.story.source.text.split("\n", 1)[0]
        == "# yaml-language-server: $schema=../schemas/story.schema.json"
    )


def test_story_schema_completes_grid_ids_and_takes_a_slug_or_a_url_as_source() -> None:
    schema = fixture_schemas()[STORY_SCHEMA]
    check = validator(schema)
    assert schema["properties"]["grid_issues"]["items"] == {"$ref": "#/$defs/IssueId"}
    assert schema["properties"]["grid_actors"]["items"] == {"$ref": "#/$defs/ActorId"}
    good = {
        "updated": "2025-05-20",
        "grid_issues": ["harbour-deal"],
        "sections": [
            {"title": "What happened", "text": "T.", "sources": ["a-report", "https://example.org/x"]}
        ],
    }
    assert [error.message for error in check.iter_errors(good)] == []
    bad = {
        **good,
        "grid_issues": ["harbor-deal"],
        "sections": [{"title": "T", "text": "T.", "sources": ["javascript:x"]}],
    }
    assert len(list(check.iter_errors(bad))) == 2


def fixture_schemas() -> dict[str, dict[str, Any]]:
    return build_schemas(registry_ids(load_texts(VALID)))


def test_ids_are_enums_per_kind() -> None:
    definitions = fixture_schemas()[ARTICLE_SCHEMA]["$defs"]

    assert definitions["ActorId"]["enum"] == ["alice-example", "bob-sample"]
    assert definitions["VenueId"]["enum"] == ["exampleton"]
    assert definitions["IssueId"]["enum"] == ["harbour-deal"]
    assert definitions["Claim"]["properties"]["by"] == {"title": "By", "$ref": "#/$defs/ActorId"}
    assert fixture_schemas()["issues.schema.json"]["$defs"]["IssueId"]["enum"] == ["harbour-deal"]


FRONT = {
    "title": "T",
    "date": "2025-05-19",
    "source": {"publisher": "P", "url": "https://example.org/a"},
    "summary": "S",
    "issues": ["harbour-deal"],
    "events": [{"id": "harbour-meeting", "status": "held"}],
    "claims": [
        {
            "id": "c",
            "by": "alice-example",
            "kind": "offer",
            "text": "X",
            "via": None,
            "date": "before 2025-05-19",
        }
    ],
    "carries": ["an-earlier-claim"],
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda front: front["claims"][0].update(by="alice-exampel"), "'alice-exampel' is not one of"),
        (lambda front: front["claims"][0].update(by="exampleton"), "'exampleton' is not one of"),
        (lambda front: front["events"][0].update(id="alice-example"), "'alice-example' is not one of"),
        (lambda front: front["events"][0].update(status="done"), "'done' is not one of"),
        (lambda front: front["events"][0].update(title="E"), "Additional properties are not allowed"),
        (lambda front: front["claims"][0].update(date="yesterday"), "'yesterday' is not valid"),
        (lambda front: front["carries"].append("Not An Id"), "does not match"),
        (lambda front: front["issues"].append("fishing"), "'fishing' is not one of"),
        (lambda front: front["claims"][0].update(stance="maybe"), "'maybe' is not one of"),
        (lambda front: front["claims"][0].update(speaker="x"), "Additional properties are not allowed"),
        (lambda front: front["source"].update(url="javascript:alert(1)"), "does not match"),
        (lambda front: front.pop("summary"), "'summary' is a required property"),
        (lambda front: front.update(date="2025-02-30"), "is not a 'date'"),
    ],
)
def test_the_article_schema_catches_mistakes(change: Any, expected: str) -> None:
    front = json.loads(json.dumps(FRONT))
    check = validator(fixture_schemas()[ARTICLE_SCHEMA])
    assert list(check.iter_errors(front)) == []

    change(front)

    assert expected in " | ".join(messages(check.iter_errors(front)))


@pytest.mark.parametrize("date", ["2025-05-19", "2025-05", "before 2025-05-19"])
def test_the_article_schema_takes_each_way_of_dating_a_claim(date: str) -> None:
    front = json.loads(json.dumps(FRONT))
    front["claims"][0]["date"] = date

    assert list(validator(fixture_schemas()[ARTICLE_SCHEMA]).iter_errors(front)) == []


def test_the_events_schema_completes_ids_and_catches_mistakes() -> None:
    schema = fixture_schemas()["events.schema.json"]
    check = validator(schema)
    entry = {"id": "e", "title": "E", "kind": "talks", "date": "2025-05-19", "venue": "exampleton"}

    assert list(check.iter_errors([entry])) == []
    found = messages(
        check.iter_errors([{**entry, "kind": "summit", "venue": "alice-example", "status": "held"}])
    )
    assert any("'summit' is not one of" in message for message in found)
    assert any("'alice-example' is not one of" in message for message in found)
    assert any("'status' was unexpected" in message for message in found)
    assert schema["$defs"]["VenueId"]["enum"] == ["exampleton"]


def test_the_registry_schema_catches_mistakes() -> None:
    check = validator(fixture_schemas()["venues.schema.json"])

    found = messages(check.iter_errors([{"id": "x", "name": "X", "kind": "town", "country": "no"}]))

    assert any("'town' is not one of" in message for message in found)
    assert any("does not match '^[A-Z]{2}$'" in message for message in found)


def test_schema_command_writes_only_what_changed_and_check_mode_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_texts(tmp_path, VALID)
    out = tmp_path / "schemas"

    assert main(["schema", "--content", str(content), "--out", str(out), "--check"]) == 1
    assert not out.exists()
    assert main(["schema", "--content", str(content), "--out", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == sorted(fixture_schemas())
    assert main(["schema", "--content", str(content), "--out", str(out), "--check"]) == 0
    assert main(["schema", "--content", str(content), "--out", str(out)]) == 0

    (content / "actors.yml").write_text(
        VALID["content/actors.yml"] + "- id: carol\n  name: C\n  kind: person\n"
    )

    assert main(["schema", "--content", str(content), "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"{out / 'article.schema.json'}: out of date: run `newsgen schema` and commit it" in err
    assert "schema: 0 of 6 schemas rewritten" in err
    assert main(["schema", "--content", str(content), "--out", str(out)]) == 0
    assert "carol" in (out / ARTICLE_SCHEMA).read_text()
    assert render_schema(fixture_schemas()["venues.schema.json"]) == (out / "venues.schema.json").read_text()
