"""The benchmark runner's table: one row per size, every column, missing values shown as a dash."""

from __future__ import annotations

import yaml

from benchmarks.corpus import write_corpus
from benchmarks.run import (
    COLUMNS,
    MISSING,
    RESULTS_END,
    RESULTS_START,
    Row,
    format_table,
    machine_description,
    make_plain_reports_project,
    plain_report,
    write_results,
)


def test_table_has_a_header_a_rule_and_one_row_per_size():
    rows = [
        Row(100, {"pages": 126, "load": 0.0512, "overhead": 1.034, "search_mb": 2.5, "edit_loop": None}),
        Row(10000, {"pages": 11506, "build": 81.26}),
    ]
    lines = format_table(rows).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("| articles | pages | load s |")
    assert lines[1] == "|" + "---:|" * (len(COLUMNS) + 1)
    cells = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert len(cells) == len(COLUMNS) + 1
    assert cells[:3] == ["100", "126", "0.05"]
    assert cells[[key for key, _, _ in COLUMNS].index("overhead") + 1] == "1.03"
    assert cells[-1] == MISSING
    assert lines[3].startswith(f"| 10,000 | 11,506 | {MISSING} |")
    assert "| 81.3 |" in lines[3]


def test_machine_description_names_cpus_and_python():
    description = machine_description()
    assert "CPUs" in description
    assert "Python 3." in description


def test_results_keep_their_notes_and_only_the_marked_block_is_replaced(tmp_path):
    results = tmp_path / "RESULTS.md"
    write_results(results, "table one\n")
    assert results.read_text() == f"{RESULTS_START}\ntable one\n{RESULTS_END}"
    results.write_text(f"# Notes\n\n{results.read_text()}\n\nWhat the numbers mean.\n")
    write_results(results, "table two\n")
    assert (
        results.read_text()
        == f"# Notes\n\n{RESULTS_START}\ntable two\n{RESULTS_END}\n\nWhat the numbers mean.\n"
    )


def test_plain_report_is_the_title_and_body_with_mentions_as_text():
    article = (
        "---\ntitle: Report 00001 on talks\ndate: 2020-01-01\nclaims:\n  - id: c1\n---\n"
        "Talks went on [[actor-00001]] and [[actor-00002|the envoy]].\n"
    )
    assert plain_report(article) == "# Report 00001 on talks\n\nTalks went on actor-00001 and the envoy.\n"


def test_plain_reports_project_has_every_article_as_a_page_and_no_plugin(tmp_path):
    write_corpus(tmp_path / "content", 20)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: content/pages\nnav:\n  - Home: index.md\n  - About: about.md\n"
        "plugins:\n  - newsgen:\n      content_dir: content\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    plain = make_plain_reports_project(tmp_path)
    pages = sorted(path.relative_to(plain / "docs").as_posix() for path in (plain / "docs").rglob("*.md"))
    articles = sorted(path.name for path in (tmp_path / "content" / "articles").rglob("*.md"))
    assert len(pages) == len(articles) + 1 and "index.md" in pages
    assert sorted(page.rsplit("/", 1)[-1] for page in pages if page != "index.md") == articles
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [] and config["docs_dir"] == "docs"
    assert config["nav"] == [{"Home": "index.md"}]
    assert config["markdown_extensions"] == [{"toc": {"permalink": True}}]
