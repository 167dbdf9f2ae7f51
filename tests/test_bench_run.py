"""The benchmark runner's table: one row per size, every column, missing values shown as a dash."""

from __future__ import annotations

from benchmarks.run import (
    COLUMNS,
    MISSING,
    RESULTS_END,
    RESULTS_START,
    Row,
    format_table,
    machine_description,
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
