"""The benchmark runner's table: one row per size, every column, missing values shown as a dash."""

from __future__ import annotations

import re

import pytest
import yaml

from benchmarks.corpus import article_path, write_corpus
from benchmarks.run import (
    COLUMNS,
    MISSING,
    RESULTS_END,
    RESULTS_START,
    Row,
    format_table,
    machine_description,
    make_plain_reports_project,
    marked_title,
    parse_arguments,
    plain_report,
    shaped_table,
    top_actor_name,
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
        "Talks went on [[actor-00001]] and [[the envoy|actor-00002]], not `[[in code]]`.\n"
    )
    assert (
        plain_report(article)
        == "# Report 00001 on talks\n\nTalks went on actor-00001 and the envoy, not `[[in code]]`.\n"
    )


def test_plain_report_of_the_block_shape_has_its_quoted_title_and_no_mention_left(tmp_path):
    write_corpus(tmp_path / "content", 12, shape="block")
    page = plain_report((tmp_path / "content" / article_path(4)).read_text(encoding="utf-8"))
    title = page.splitlines()[0]
    assert title.startswith("# Report 00004 on ") and title.count('"') == 2 and "\\" not in title
    assert "[[" not in page and "the " in page and "actor-0" in page
    assert len(page.split()) > 1800


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


def test_plain_reports_are_where_the_site_puts_them_so_links_between_reports_resolve(tmp_path):
    write_corpus(tmp_path / "content", 20, shape="block")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\ndocs_dir: content/pages\n", encoding="utf-8")
    plain = make_plain_reports_project(tmp_path)
    pages = {path.name for path in (plain / "docs" / "articles").iterdir()}
    assert len(pages) == 20
    for page in (plain / "docs" / "articles").iterdir():
        links = re.findall(r"\]\(([^)]+)\)", page.read_text(encoding="utf-8"))
        assert links and all(link in pages for link in links)


def test_the_most_quoted_actors_name_is_read_as_yaml_in_either_shape(tmp_path):
    write_corpus(tmp_path / "flow", 20)
    write_corpus(tmp_path / "block", 20, shape="block")
    flow, block = top_actor_name(tmp_path / "flow"), top_actor_name(tmp_path / "block")
    assert flow.startswith("Actor 00000 ") and flow.isascii()
    assert block.startswith(flow) and not block.isascii() and '"' not in block


def test_the_edit_marker_goes_inside_a_plain_or_quoted_title():
    plain = "---\ntitle: Report 1\ndate: 2020-01-01\n---\nBody title: x\n"
    quoted = '---\ntitle: "Report \\"1\\""\ndate: 2020-01-01\n---\n'
    assert yaml.safe_load(marked_title(plain, "M 1").split("---\n")[1])["title"] == "M 1 Report 1"
    assert yaml.safe_load(marked_title(quoted, "M 1").split("---\n")[1])["title"] == 'M 1 Report "1"'


def test_the_command_line_takes_a_corpus_shape_flow_by_default(capsys):
    assert parse_arguments([]).shape == "flow"
    arguments = parse_arguments(["--sizes", "1_000,200", "--shape", "block"])
    assert (arguments.shape, arguments.sizes) == ("block", [1000, 200])
    with pytest.raises(SystemExit):
        parse_arguments(["--shape", "folded"])
    assert "invalid choice: 'folded'" in capsys.readouterr().err


def test_the_table_says_which_corpus_shape_was_measured():
    rows = [Row(100, {"pages": 126})]
    assert shaped_table("block", rows) == f"Corpus shape: block\n\n{format_table(rows)}"
