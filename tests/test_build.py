"""Build-level tests: run the real `mkdocs build --strict` on content and check the HTML it produces."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "story"


def make_project(tmp_path: Path, content: Path) -> Path:
    """A throwaway project: the real mkdocs.yml pointed at the real hook and theme, `content` copied in."""
    project = tmp_path / "project"
    shutil.copytree(content, project / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- generator/mkdocs_hook.py", f"- {ROOT / 'generator' / 'mkdocs_hook.py'}")
    config = config.replace("custom_dir: theme_overrides", f"custom_dir: {ROOT / 'theme_overrides'}")
    config = config.replace("  - generator\n", f"  - {ROOT / 'generator'}\n")
    config = config.replace("  - theme_overrides\n", f"  - {ROOT / 'theme_overrides'}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def run_mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the MkDocs CLI of this interpreter in `project`."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    environment.pop("NEWSGEN_CONTENT_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def built_site(tmp_path: Path, content: Path) -> Path:
    project = make_project(tmp_path, content)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


def broken_internal_links(site: Path) -> list[str]:
    """Every link in the site's own content (not the theme's chrome) whose file or anchor does not exist."""
    pages = html_pages(site)
    ids = {path: {element["id"] for element in soup.select("[id]")} for path, soup in pages.items()}
    broken = []
    for path, soup in pages.items():
        article = soup.select_one("article")
        if article is None:
            continue
        for anchor in article.select("a[href]"):
            href = anchor["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (Path(path).parent / unquote(parts.path)).as_posix() if parts.path else path
            target_path = site / target
            if target_path.is_dir() or target.endswith("/"):
                target_path = target_path / "index.html"
            relative = (
                os.path.normpath(target_path.relative_to(site)) if target_path.is_relative_to(site) else None
            )
            if relative is None or relative not in pages:
                broken.append(f"{path}: {href} (no such page)")
            elif parts.fragment and unquote(parts.fragment) not in ids[relative]:
                broken.append(f"{path}: {href} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("fixture"), FIXTURE / "content")


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("shipped"), ROOT / "content")


def test_every_entity_and_article_has_a_page(fixture_site: Path) -> None:
    expected = [
        "index.html",
        "about/index.html",
        "timeline/index.html",
        "actors/index.html",
        "venues/index.html",
        "issues/index.html",
        "articles/index.html",
        "actors/ada-north/index.html",
        "actors/bo-south/index.html",
        "actors/northland/index.html",
        "actors/wire-service/index.html",
        "venues/lakeside/index.html",
        "venues/hill-palace/index.html",
        "issues/truce/index.html",
        "issues/talks-venue/index.html",
        "articles/2024-03-01-first-offer/index.html",
        "articles/2024-03-10-south-accepts/index.html",
    ]
    missing = [page for page in expected if not (fixture_site / page).is_file()]
    assert missing == []


def test_every_internal_link_and_anchor_resolves_in_the_fixture_site(fixture_site: Path) -> None:
    assert broken_internal_links(fixture_site) == []


def test_every_internal_link_and_anchor_resolves_in_the_shipped_site(shipped_site: Path) -> None:
    assert broken_internal_links(shipped_site) == []


def test_the_link_checker_catches_a_broken_anchor(fixture_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    page = site / "issues" / "truce" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("#claim-south-refuses", "#claim-nowhere", 1),
        encoding="utf-8",
    )
    assert any("claim-nowhere" in problem for problem in broken_internal_links(site))


def test_claims_link_back_to_the_article_that_reports_them(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    for page in ("actors/bo-south/index.html", "issues/truce/index.html", "timeline/index.html"):
        hrefs = [anchor["href"] for anchor in pages[page].select("article a[href]")]
        assert any(href.endswith("articles/2024-03-01-first-offer/#claim-south-refuses") for href in hrefs), (
            page
        )
        assert any(
            href.endswith("articles/2024-03-10-south-accepts/#claim-south-accepts") for href in hrefs
        ), page


def test_positions_table_keeps_a_changed_position_visible_newest_first(fixture_site: Path) -> None:
    soup = html_pages(fixture_site)["issues/truce/index.html"]
    rows = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(" ", strip=True)
        for row in soup.select("article table tbody tr")
    }
    assert rows["Bo South"] == "✓ supports 2024-03-10 ✗ opposes 2024-03-01"
    assert rows["Ada North"] == "✓ supports 2024-03-01"


def test_edit_button_points_at_the_source_file(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)

    def edit_link(page: str) -> str:
        anchor = pages[page].select_one("a.md-content__button[href]")
        assert anchor is not None, page
        return str(anchor["href"])

    assert edit_link("actors/ada-north/index.html").endswith("/edit/main/content/actors.yml")
    assert edit_link("venues/lakeside/index.html").endswith("/edit/main/content/venues.yml")
    assert edit_link("articles/2024-03-10-south-accepts/index.html").endswith(
        "/edit/main/content/articles/2024/2024-03-10-south-accepts.md"
    )
    assert edit_link("about/index.html").endswith("/edit/main/content/pages/about.md")


def test_plain_text_from_yaml_is_shown_literally(fixture_site: Path) -> None:
    soup = html_pages(fixture_site)["articles/2024-03-01-first-offer/index.html"]
    assert (
        soup.select_one("article h1")
        .get_text(strip=True)
        .startswith("North offers a truce & talks at the lake")
    )


def test_mentions_in_code_stay_literal_and_others_become_links(fixture_site: Path) -> None:
    soup = html_pages(fixture_site)["articles/2024-03-01-first-offer/index.html"]
    assert soup.select_one("article code").get_text() == "[[not-an-id]]"
    link = soup.find("a", string="the lake")
    assert link is not None and link["href"].endswith("venues/lakeside/")


def test_sidebar_lists_indexes_not_every_entity(fixture_site: Path) -> None:
    soup = html_pages(fixture_site)["actors/ada-north/index.html"]
    labels = [link.get_text(strip=True) for link in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert "Ada North" not in labels
    assert {"Issues", "Actors", "Venues", "Timeline", "Articles"} <= set(labels)


def test_content_errors_stop_the_build_with_located_messages_and_keep_the_old_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    assert run_mkdocs(project, "build").returncode == 0
    before = {path: path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}
    actors = project / "content" / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("kind: person", "kind: persn", 1), encoding="utf-8"
    )
    result = run_mkdocs(project, "build")
    assert result.returncode == 1
    assert (
        "content/actors.yml:4:9: error: kind: 'persn' is not allowed; use one of: person, organisation, "
        "state, group. Did you mean 'person'?"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    after = {path: path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}
    assert after == before


def test_a_larger_synthetic_story_builds_strict_with_paginated_lists_and_working_links(
    tmp_path: Path,
) -> None:
    content = tmp_path / "corpus"
    write_corpus(content, 150)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    site = built_site(tmp_path, content)
    expected = ("articles/page-2/index.html", "timeline/page-15/index.html", "actors/actor-00000/index.html")
    for page in expected:
        assert (site / page).is_file(), page
    assert not (site / "timeline/page-16").exists()
    assert broken_internal_links(site) == []
