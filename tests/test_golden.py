"""Golden output: the Markdown generated from the fixture story, byte for byte.

After an intended change, rewrite the expected files and review the diff:
    NEWSGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py && git diff tests/golden
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.build.pipeline import generate_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "story" / "content"
GOLDEN = ROOT / "tests" / "golden" / "story"


def test_generated_markdown_matches_the_golden_tree() -> None:
    generation = generate_pages(FIXTURE_CONTENT, display_root=ROOT)
    produced = {path: page.markdown for path, page in generation.pages.items()}
    if os.environ.get("NEWSGEN_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, markdown in produced.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8", newline="\n")
    expected = {
        path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*.md")
    }
    assert sorted(produced) == sorted(expected)
    for path in sorted(produced):
        assert produced[path] == expected[path], f"{path} differs from tests/golden/story/{path}"


def test_generation_is_deterministic_across_runs() -> None:
    first = generate_pages(FIXTURE_CONTENT, display_root=ROOT).pages
    second = generate_pages(FIXTURE_CONTENT, display_root=ROOT).pages
    assert list(first) == sorted(first)
    assert {path: page.markdown for path, page in first.items()} == {
        path: page.markdown for path, page in second.items()
    }
