"""The synthetic benchmark corpus: deterministic, the promised proportions, and valid content."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import CLAIMS_PER_ARTICLE, EVENTS_PER_ARTICLE, CorpusSize, write_corpus
from generator.adapters.cli import main
from generator.build.pipeline import generate_pages


def tree_bytes(root: Path) -> dict[str, bytes]:
    files = (path for path in root.rglob("*") if path.is_file())
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    write_corpus(tmp_path / "a", 40)
    write_corpus(tmp_path / "b", 40)
    write_corpus(tmp_path / "c", 40, seed=1)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")
    assert tree_bytes(tmp_path / "a") != tree_bytes(tmp_path / "c")


def test_counts_follow_the_benchmark_proportions(tmp_path):
    size = write_corpus(tmp_path / "content", 400)
    assert size == CorpusSize(articles=400, actors=40, venues=20, issues=20)
    generation = generate_pages(tmp_path / "content")
    content = generation.index.content
    assert (len(content.articles), len(content.actors), len(content.venues), len(content.issues)) == (
        400,
        40,
        20,
        20,
    )
    assert len(generation.index.claims) == 400 * CLAIMS_PER_ARTICLE
    assert len(generation.index.events) == 400 * EVENTS_PER_ARTICLE
    words = len(content.articles[0].body.split())
    assert 550 <= words <= 650


def test_popularity_is_skewed(tmp_path):
    write_corpus(tmp_path / "content", 400)
    index = generate_pages(tmp_path / "content").index
    most, least = index.claims_made.get("actor-00000", 0), index.claims_made.get("actor-00039", 0)
    assert most > 10 * max(least, 1)


def test_newsgen_check_finds_no_problem(tmp_path, capsys):
    write_corpus(tmp_path / "content", 60)
    assert main(["check", "--strict", "--content", str(tmp_path / "content")]) == 0
    assert "no problems found" in capsys.readouterr().err


def test_the_content_size_cap_admits_a_newsroom_scale_story(tmp_path: Path) -> None:
    # The loader's cap on all of content/ guards CI against hostile pull requests; it must not refuse the
    # 10,000-article story the benchmark (and issue 5) is about, with room to spare.
    from generator.load.loader import MAX_CONTENT_BYTES

    content = tmp_path / "content"
    write_corpus(content, 100)
    per_article = sum(path.stat().st_size for path in content.rglob("*") if path.is_file()) / 100
    assert per_article * 10_000 * 2 < MAX_CONTENT_BYTES
