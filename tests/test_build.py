"""Build-level tests: run the real `mkdocs build --strict` on content and check the HTML it produces."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import write_corpus
from benchmarks.project import write_config
from generator.build.audit import ThemeScripts, audit_site, default_theme_folders
from generator.build.pipeline import generate_pages
from generator.build.search import read_fragments
from generator.domain.kinds import KIND_OF_REGISTRY
from generator.render.html_blocks import HTML_BLOCK_MARK, plain_markdown
from generator.render.render import LIST_PAGE_SIZE

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "story"


def make_project(tmp_path: Path, content: Path) -> Path:
    """A throwaway project: the real mkdocs.yml (the installed newsgen plugin, the real theme), `content`
    copied in."""
    project = tmp_path / "project"
    shutil.copytree(content, project / "content")
    write_config(project)
    return project


def run_mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the MkDocs CLI of this interpreter in `project`."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def built_project(tmp_path: Path, content: Path) -> Path:
    """A project with `content`, built by `mkdocs build --strict` without a warning."""
    project = make_project(tmp_path, content)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project


def built_site(tmp_path: Path, content: Path) -> Path:
    """The site of `built_project`."""
    return built_project(tmp_path, content) / "site"


def copy_project(project: Path, tmp_path: Path) -> Path:
    """A copy of a built project for one test to change (file times kept, for `--dirty` builds)."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


def visible_text(soup: BeautifulSoup) -> str:
    """The text a reader sees in `soup`, white space collapsed."""
    return " ".join(soup.get_text(" ").split())


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
            if parts.path.startswith("/"):  # the 404 page's: from the site's root, as it is shown anywhere
                target = unquote(parts.path).lstrip("/") or "."
            else:
                target = (Path(path).parent / unquote(parts.path)).as_posix() if parts.path else path
            target_path = site / target
            if target_path.is_dir() or target.endswith("/"):
                target_path = target_path / "index.html"
            relative = (
                os.path.normpath(target_path.relative_to(site)) if target_path.is_relative_to(site) else None
            )
            if relative is not None and relative not in pages and (site / relative).is_file():
                continue  # a feed or data file: it exists, and has no anchors
            if relative is None or relative not in pages:
                broken.append(f"{path}: {href} (no such page)")
            elif parts.fragment and unquote(parts.fragment) not in ids[relative]:
                broken.append(f"{path}: {href} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture story, built once for the module: tests read it, or change a `copy_project`."""
    return built_project(tmp_path_factory.mktemp("fixture"), FIXTURE / "content")


@pytest.fixture(scope="module")
def fixture_site(fixture_project: Path) -> Path:
    return fixture_project / "site"


def test_every_entity_and_article_has_a_page(fixture_site: Path) -> None:
    expected = [
        "index.html",
        "about/index.html",
        "timeline/index.html",
        "actors/index.html",
        "venues/index.html",
        "issues/index.html",
        "events/index.html",
        "articles/index.html",
        "events/lakeside-talks/index.html",
        "events/palace-summit/index.html",
        "actors/north-spokesperson/index.html",
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
        row.select("td")[0].get_text(strip=True): row.select("td")[2].get_text(" ", strip=True)
        for row in soup.select("article table tbody tr")
    }
    sides = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(strip=True)
        for row in soup.select("article table tbody tr")
    }
    assert rows["Bo South"] == (
        "✓ supports · March 2024 ◑ conditional “only once its conditions are met” "
        "if its conditions are met first · on or before 1 March 2024"
    )
    assert rows["Ada North"] == "✓ supports “immediate and unconditional” · 2024-03-01"
    # Northland has a side of its own and no claim on the truce: the grid says so.
    assert rows["Northland"] == "no position recorded"
    assert sides == {"Ada North": "North", "Northland": "North", "Bo South": "South"}


def test_an_event_told_by_two_reports_is_one_page_with_its_lifecycle_shown_once_elsewhere(
    fixture_site: Path,
) -> None:
    pages = html_pages(fixture_site)
    event = pages["events/lakeside-talks/index.html"]
    assert visible_text(event.select_one("article h1")).startswith("Talks at Lakeside")
    text = visible_text(event.select_one("article"))
    assert (
        "○ proposed as of 1 March 2024 ( North offers a truce & talks at the lake ) → "
        "● held as of 10 March 2024 ( South accepts a truce )" in text
    )
    reports = [anchor["href"] for anchor in event.select("article li a[href*='#event-lakeside-talks']")]
    assert [href.split("articles/")[1] for href in reports] == [
        "2024-03-10-south-accepts/#event-lakeside-talks",
        "2024-03-01-first-offer/#event-lakeside-talks",
    ]
    for page in ("venues/lakeside/index.html", "actors/bo-south/index.html", "timeline/index.html"):
        links = pages[page].select("article a[href$='events/lakeside-talks/']")
        assert len(links) == 1, page
    # Each report says what it told of the event, anchored where the event page links to.
    first = pages["articles/2024-03-01-first-offer/index.html"]
    assert "○ proposed talks as of this report (latest: ● held as of 2024-03-10)" in visible_text(
        first.select_one("#event-lakeside-talks")
    )


def test_a_carried_claim_shows_once_and_the_carrying_report_links_to_it(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    first = pages["articles/2024-03-01-first-offer/index.html"]
    later = pages["articles/2024-03-10-south-accepts/index.html"]
    claim = first.select_one("#claim-north-offers-truce")
    assert "Carried by this report" in visible_text(claim)
    assert "South accepts a truce (" in visible_text(claim)
    assert later.select_one("#claim-north-offers-truce") is None
    assert later.select("article a[href$='2024-03-01-first-offer/#claim-north-offers-truce']")


def test_actor_pages_relate_both_ways_with_the_related_actors_positions(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    northland = visible_text(pages["actors/northland/index.html"].select_one("article"))
    assert "Led by Ada North" in northland and "Northland is led by Ada North" in northland
    assert "Northland offers an immediate truce." in northland  # Ada North's position, on Northland's page
    ada = visible_text(pages["actors/ada-north/index.html"].select_one("article"))
    assert "Leads Northland" in ada and "Spoken for by North Spokesperson" in ada


def test_an_updated_summary_shows_as_of_its_report_and_keeps_the_first(fixture_site: Path) -> None:
    truce = html_pages(fixture_site)["issues/truce/index.html"]
    assert visible_text(truce.select_one("article .lead")) == "Both sides now accept a truce."
    assert "As of 2024-03-10, according to South accepts a truce" in visible_text(truce.select_one("article"))
    history = truce.select_one("article details.summary-history")
    assert "First summary: Whether the fighting stops." in visible_text(history)
    assert truce.find("meta", attrs={"name": "description"})["content"] == "Both sides now accept a truce."


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
    assert {"Issues", "Actors", "Venues", "Events", "Timeline", "Articles"} <= set(labels)


IDLE_ENTRIES = {
    "actors": "- id: idle-actor\n  name: Idle Actor\n  kind: person\n",
    "venues": "- id: idle-venue\n  name: Idle Venue\n  kind: building\n",
    "events": "- id: idle-event\n  title: Idle event\n  kind: other\n",
    "issues": (
        "- id: idle-issue\n  title: Idle issue\n"
        "- id: idle-narrower-issue\n  title: Idle narrower issue\n  parent: idle-issue\n"
    ),
}
"""An entry of every registry that no report mentions: no claims, no events, no articles."""


@pytest.mark.parametrize("with_reports", [True, False], ids=["beside-reports", "no-reports-at-all"])
def test_entries_with_no_claims_or_events_build_strict_with_no_warning(
    tmp_path: Path, with_reports: bool
) -> None:
    # An issue with no claims yet once got a "Follow one issue" link to a `#timeline` its page lacked.
    assert set(IDLE_ENTRIES) == set(KIND_OF_REGISTRY), "add an idle entry of the new kind"
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    if not with_reports:
        shutil.rmtree(content / "articles")
        (content / "articles").mkdir()
        # A summary update names the report that says so: without reports, there is none.
        issues = (content / "issues.yml").read_text(encoding="utf-8")
        start = issues.index("  updates:\n")
        end = issues.index("  explainer:", start)
        (content / "issues.yml").write_text(issues[:start] + issues[end:], encoding="utf-8")
    for registry, entries in IDLE_ENTRIES.items():
        with (content / f"{registry}.yml").open("a", encoding="utf-8") as file:
            file.write(entries)
    project = make_project(tmp_path, content)

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert broken_internal_links(project / "site") == []
    for registry, kind in KIND_OF_REGISTRY.items():
        assert (project / "site" / registry / f"idle-{kind.name}" / "index.html").is_file()


def test_content_errors_stop_the_build_with_located_messages_and_keep_the_old_site(
    fixture_project: Path, tmp_path: Path
) -> None:
    project = copy_project(fixture_project, tmp_path)
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


def test_every_shipped_claim_is_on_its_speaker_issue_and_article_pages(shipped_site: Path) -> None:

    index = generate_pages(ROOT / "content", display_root=ROOT).index
    pages = html_pages(shipped_site)
    missing = []
    for record in index.claims:
        claim, slug = record.claim, record.article.slug
        target = f"articles/{slug}/#{record.anchor}"
        article = pages[f"articles/{slug}/index.html"]
        if article.find(id=record.anchor) is None:
            missing.append(f"{slug}: no element #{record.anchor}")
        for page in [
            f"actors/{claim.by}/index.html",
            *(f"issues/{issue}/index.html" for issue in claim.issues),
        ]:
            hrefs = [anchor["href"] for anchor in pages[page].select("article a[href]")]
            if not any(href.endswith(target) for href in hrefs):
                missing.append(f"{page}: no link to {target}")
    assert index.claims, "the shipped story has claims"
    assert missing == []


def test_every_shipped_claim_card_shows_its_speaker_date_reports_and_quote(shipped_site: Path) -> None:
    """Each claim's card (where every "source" link lands) adds what its one-line listing does not: the
    reports that carry it with their outlets and links to the originals, and the quote when there is one."""
    index = generate_pages(ROOT / "content", display_root=ROOT).index
    pages = html_pages(shipped_site)
    lacking = []
    for record in index.claims:
        card = pages[f"articles/{record.article.slug}/index.html"].find(id=record.anchor)
        text = visible_text(card)
        wanted = [
            record.claim.text,
            index.entities[record.claim.by].label,
            *(report.front.source.publisher for report in record.reports[:4]),
        ]
        if record.claim.quote:
            wanted.append(record.claim.quote)
        lacking += [f"{record.anchor}: {part!r}" for part in wanted if part not in text]
        originals = [report.front.source.url for report in record.reports[:4] if report.front.source.url]
        hrefs = {anchor["href"] for anchor in card.select("a[href]")}
        lacking += [f"{record.anchor}: no link to {url}" for url in originals if url not in hrefs]
        if not text.startswith(record.claim.text):
            lacking.append(f"{record.anchor}: does not lead with its sentence")
    assert lacking == []


def test_the_shipped_timeline_hangs_claims_on_events_and_sets_key_events_apart(shipped_site: Path) -> None:
    pages = html_pages(shipped_site)
    timeline = pages["timeline/index.html"].select_one("article")
    key = [visible_text(entry.select_one("a")) for entry in timeline.select(".timeline-key")]
    assert key == [
        "First direct Russia–Ukraine talks in three years, in Istanbul",
        "Trump and Putin speak by phone for over two hours",
        "Exchange of 1,000 prisoners for 1,000, agreed in Istanbul on 16 May",
        "Second round of direct Russia–Ukraine talks, in Istanbul",
    ]
    second_round = visible_text(timeline.select(".timeline-key")[-1])
    assert "○ proposed 28 May → ◐ scheduled 1 June → ● held 2 June" in second_round
    # One link per claim, one per event: the card or the event's page.
    for entry in timeline.select(".timeline-item"):
        if entry.name == "div":  # an event and the claims said at it
            assert len(entry.select("a")) == 1 + len(entry.select("li")), visible_text(entry)
        else:
            assert len(entry.select("a")) == 1, visible_text(entry)
    # Lavrov's 28 May proposal of the second round, on the round's page, before its reports.
    event = visible_text(pages["events/istanbul-talks-2025-06-02/index.html"].select_one("article"))
    before = event.split("Proposed, offered or answered before it:", 1)[1].split("Reports:", 1)[0]
    assert "new round of direct Russia–Ukraine negotiations in Istanbul on 2 June" in before
    turkey = visible_text(pages["events/zelenskyy-putin-meeting-turkey/index.html"].select_one("article"))
    assert "Zelenskyy offered to meet Putin in Turkey." in turkey
    istanbul = visible_text(pages["venues/istanbul/index.html"].select_one("article"))
    assert "city · Türkiye ·" in istanbul and "“Istanbul”" not in istanbul


def test_every_shipped_entity_has_a_page(shipped_site: Path) -> None:

    content = generate_pages(ROOT / "content", display_root=ROOT).index.content
    expected = [
        *(f"actors/{actor.id}/index.html" for actor in content.actors),
        *(f"venues/{venue.id}/index.html" for venue in content.venues),
        *(f"issues/{issue.id}/index.html" for issue in content.issues),
        *(f"articles/{article.slug}/index.html" for article in content.articles),
    ]
    assert [page for page in expected if not (shipped_site / page).is_file()] == []


def test_newsgen_generate_writes_the_same_markdown_the_plugin_gives_mkdocs(tmp_path: Path) -> None:
    from generator.adapters.cli import main

    out = tmp_path / "generated"
    assert main(["generate", "--content", str(FIXTURE / "content"), "--out", str(out)]) == 0
    pages = generate_pages(FIXTURE / "content").pages
    written = {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.md")
    }
    # The same pages, with the HTML blocks' marks made blank lines: plain Markdown any Python-Markdown reads.
    assert written == {path: plain_markdown(page.markdown) for path, page in pages.items()}
    assert not any(HTML_BLOCK_MARK in text for text in written.values())
    assert any(HTML_BLOCK_MARK in page.markdown for page in pages.values())


def newsgen(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the `newsgen` CLI of this interpreter in `project`."""
    return subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", *arguments],
        cwd=project,
        env={**os.environ, "GITHUB_ACTIONS": "false"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_and_mkdocs_build_report_the_same_problems(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    actors = project / "content" / "actors.yml"
    text = actors.read_text(encoding="utf-8").replace("kind: person", "kind: persn", 1)
    actors.write_text(text + "- id: Search\n  name: S\n  kind: group\n", encoding="utf-8")

    check = newsgen(project, "check")
    build = run_mkdocs(project, "build", "--strict")

    problems = [line for line in check.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    assert check.returncode == 1
    assert build.returncode == 1
    assert len(problems) >= 2
    assert all(line in build.stderr for line in problems)
    assert "Traceback" not in check.stderr + build.stderr


def test_a_draft_builds_strictly_but_check_strict_refuses_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    assert newsgen(project, "new", "article", "harbour-draft", "--date", "2024-03-20").returncode == 0

    build = run_mkdocs(project, "build", "--strict")
    strict = newsgen(project, "check", "--strict")

    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    assert (project / "site" / "articles" / "2024-03-20-harbour-draft" / "index.html").is_file()
    assert strict.returncode == 1
    assert "content/articles/2024/2024-03-20-harbour-draft.md:2:8: warning: unfinished draft" in strict.stderr


def structured_data(soup: BeautifulSoup) -> list[dict]:
    """Every JSON-LD block in the page's head, parsed."""
    return [json.loads(script.string) for script in soup.select('head script[type="application/ld+json"]')]


def test_pages_carry_json_ld_in_the_head(shipped_site: Path) -> None:
    pages = html_pages(shipped_site)
    (article,) = structured_data(pages["articles/2025-05-20-trump-putin-call/index.html"])
    graph = article["@graph"]
    news = graph[0]
    assert article["@context"] == "https://schema.org"
    assert news["@type"] == "NewsArticle"
    putin = next(thing for thing in news["mentions"] if thing["name"] == "Vladimir Putin")
    assert putin["@type"] == "Person"
    assert putin["sameAs"] == ["https://www.wikidata.org/wiki/Q7747"]
    assert any(thing["@type"] == "Place" and thing["name"] == "Vatican City" for thing in news["mentions"])
    ids = {
        element["id"] for element in pages["articles/2025-05-20-trump-putin-call/index.html"].select("[id]")
    }
    anchored = [thing["@id"] for thing in graph[1:]]
    # v2: a report anchors its claims; events, told by several reports, live on their own pages.
    assert {thing["@type"] for thing in graph[1:]} == {"Claim"}
    assert all(anchor.removeprefix("#") in ids for anchor in anchored)
    (event,) = structured_data(pages["events/prisoner-exchange-1000/index.html"])
    assert (event["@type"], event["startDate"], event["endDate"]) == ("Event", "2025-05-23", "2025-05-25")
    (actor,) = structured_data(pages["actors/volodymyr-zelenskyy/index.html"])
    assert (actor["@type"], actor["name"]) == ("Person", "Volodymyr Zelenskyy")
    (organisation,) = structured_data(pages["actors/kremlin/index.html"])
    assert organisation["@type"] == "Organization"
    (venue,) = structured_data(pages["venues/vatican/index.html"])
    assert venue["@type"] == "Place" and venue["sameAs"] == ["https://www.wikidata.org/wiki/Q237"]
    assert structured_data(pages["about/index.html"]) == []


def test_entity_pages_and_home_advertise_their_atom_feed(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    for page, title in (
        ("index.html", "Explained"),
        ("actors/bo-south/index.html", "Bo South"),
        ("venues/lakeside/index.html", "Lakeside"),
        ("issues/truce/index.html", "Truce"),
    ):
        link = pages[page].select_one('head link[rel~="alternate"][type="application/atom+xml"]')
        assert link is not None, page
        # Not exactly "alternate": Material's script would take it for a language version and request a
        # sitemap.xml beside the feed (a 404 under feeds/); "alternate feed" still announces the feed.
        assert link["rel"] == ["alternate", "feed"], page
        feed = (fixture_site / page).parent / link["href"]
        root = ElementTree.fromstring(feed.read_bytes())
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert title in root.find("{http://www.w3.org/2005/Atom}title").text
    assert pages["about/index.html"].select_one('head link[type="application/atom+xml"]') is None


def test_open_data_is_published_and_documented(fixture_site: Path) -> None:
    claims = json.loads((fixture_site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert {claim["id"] for claim in claims} == {
        "north-offers-truce",
        "south-refuses",
        "south-accepts",
        "south-prefers-lakeside",
    }
    documented = html_pages(fixture_site)["data/index.html"]
    linked = {anchor["href"] for anchor in documented.select("article a[href]")}
    assert {"claims.csv", "claims.json", "dataset.json"} <= linked  # the page is data/index.html


def test_search_indexes_names_aliases_positions_and_claims_weighing_entities(fixture_site: Path) -> None:
    fragments = read_fragments(fixture_site)
    actor = fragments["/actors/ada-north/"]
    assert actor["meta"]["title"] == "Ada North"
    assert "also written “North”" in actor["content"]  # the alias
    assert "President of Northland" in actor["content"]
    # A leader's positions and claims are found on their page (Material's index had to leave them out).
    assert "Northland offers an immediate truce." in actor["content"]
    assert "Truce" in actor["content"]
    assert "the lake town" in fragments["/venues/lakeside/"]["content"]
    assert "armistice" in fragments["/issues/truce/"]["content"].lower()
    pages = html_pages(fixture_site)
    body = pages["actors/ada-north/index.html"].select_one("[data-pagefind-body]")
    # An actor, venue or issue page ranks first, then events, then the reports that mention them.
    assert body is not None and body["data-pagefind-weight"] == "4"
    assert (
        pages["events/lakeside-talks/index.html"].select_one("[data-pagefind-body]")["data-pagefind-weight"]
        == "2"
    )
    assert (
        "data-pagefind-weight"
        not in pages["articles/2024-03-01-first-offer/index.html"].select_one("[data-pagefind-body]").attrs
    )


def test_search_indexes_a_claim_on_its_reports_page_and_its_speakers_page_only(fixture_site: Path) -> None:
    # The claim is shown on nine pages (its report's card, its speaker's page, the issue's positions, the
    # venue's claims, a later report that carries it, a related actor's positions, a relayer's page, the
    # timeline, the home page), but a reader searching its words should land on its card or on its speaker's
    # page: the other lists of it are not indexed again, so a word's index chunk holds a claim twice, not nine
    # times.
    claim = "Northland offers an immediate truce."
    pages = html_pages(fixture_site)
    shown = sorted(path for path, soup in pages.items() if claim in " ".join(soup.get_text(" ").split()))
    assert {
        "actors/ada-north/index.html",
        "actors/north-spokesperson/index.html",
        "articles/2024-03-01-first-offer/index.html",
        "articles/2024-03-10-south-accepts/index.html",
        "issues/truce/index.html",
        "venues/lakeside/index.html",
    } <= set(shown), shown
    fragments = read_fragments(fixture_site)
    indexed = sorted(
        url for url, fragment in fragments.items() if claim in " ".join(str(fragment["content"]).split())
    )
    assert indexed == ["/actors/ada-north/", "/articles/2024-03-01-first-offer/"]


def test_search_indexes_an_entity_pages_own_words_not_its_lists_of_others(fixture_site: Path) -> None:
    # An event page is found by its title, kind, date, status, venue, who took part and its issues; an issue
    # page by its title, question, explainer and who holds which position; a venue by its name and the events
    # held there; not by the report titles, articles and claims they list.
    fragments = read_fragments(fixture_site)
    event = " ".join(str(fragments["/events/lakeside-talks/"]["content"]).split())
    assert "Talks at Lakeside" in event and "Who: Ada North" in event, event
    issue = " ".join(str(fragments["/issues/truce/"]["content"]).split())
    assert "Ada North. North. ✓ supports “immediate and unconditional”" in issue, issue
    assert "Each row is one actor" not in issue and "Claims behind it" not in issue, issue
    actor = " ".join(str(fragments["/actors/ada-north/"]["content"]).split())
    assert "Truce. ✓ supports “immediate and unconditional”" in actor and "Latest claim" not in actor, actor
    pages = html_pages(fixture_site)
    report_titles = [
        " ".join(soup.select_one("article h1").get_text(" ").split()).removesuffix(" ¶")
        for path, soup in pages.items()
        if path.startswith("articles/2")
    ]
    assert len(report_titles) == 2
    for url in ("/events/lakeside-talks/", "/issues/truce/", "/venues/lakeside/", "/actors/ada-north/"):
        shown = " ".join(pages[url.strip("/") + "/index.html"].get_text(" ").split())
        content = " ".join(str(fragments[url]["content"]).split())
        assert [title for title in report_titles if title in shown], url  # the page lists reports
        assert not [title for title in report_titles if title in content], url


def test_search_finds_a_position_on_the_page_of_whoever_took_it_not_of_those_related(
    fixture_site: Path,
) -> None:
    # Northland's page shows Ada North's positions (she leads it) for readers, but a search for her words
    # finds her page: the related actors' tables are not indexed again on every related page.
    pages = html_pages(fixture_site)
    related = pages["actors/northland/index.html"].select_one(".related-positions")
    assert related is not None and "data-search-exclude" in related.attrs
    own_words = " ".join(related.select_one("table").get_text(" ").split())
    fragments = read_fragments(fixture_site)
    assert own_words[:40] not in " ".join(fragments["/actors/northland/"]["content"].split())
    assert "Northland offers an immediate truce." in fragments["/actors/ada-north/"]["content"]


def test_search_leaves_out_listings_report_bodies_navigation_and_feed_links(fixture_site: Path) -> None:
    # A listing repeats what other pages say; a report's text would multiply the index for little gain.
    fragments = read_fragments(fixture_site)
    assert not any(url.startswith(("/timeline/", "/articles/page-")) for url in fragments), sorted(fragments)
    assert "/articles/" not in fragments and "/actors/" not in fragments
    report = fragments["/articles/2024-03-01-first-offer/"]
    assert "Northland offers an immediate truce." in report["content"]
    pages = html_pages(fixture_site)
    body = pages["articles/2024-03-01-first-offer/index.html"].select_one("div[data-search-exclude]")
    body_text = " ".join(body.get_text(" ").split())
    assert body_text and body_text[:60] not in report["content"]
    for url, fragment in fragments.items():
        assert url == "/data/" or "Atom feed" not in fragment["content"], url  # the Data page explains feeds
        assert "Skip to content" not in fragment["content"], url  # the theme's header and navigation
        assert "¶" not in fragment["content"], url  # heading permalinks
    assert len(fragments) == sum(
        1 for soup in pages.values() if soup.select_one("[data-pagefind-body]") is not None
    )


def test_first_view_of_a_page_links_no_search_index(fixture_site: Path) -> None:
    # The dialog's script loads Pagefind when the reader opens search; no page names an index file.
    pages = html_pages(fixture_site)
    for path, soup in pages.items():
        linked = [node.get("src") or node.get("href") or "" for node in soup.select("[src], link[href]")]
        assert not [url for url in linked if "pagefind/" in url or "search_index" in url], path
    assert not (fixture_site / "search" / "search_index.json").exists()  # Material's search is off
    assert (fixture_site / "pagefind" / "pagefind.js").is_file()
    assert not (fixture_site / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own UI is not used


def test_the_pictures_survive_into_the_built_pages(shipped_site: Path) -> None:
    pages = html_pages(shipped_site)
    graph = pages["actors/index.html"].select_one("article figure svg")
    assert graph is not None, "the relationship graph was stripped from the actors index"
    assert "Vladimir Putin" in [text.get_text() for text in graph.select("text")]
    venue_map = pages["venues/index.html"].select_one("article figure svg")
    assert venue_map is not None, "the venue map was stripped from the venues index"
    assert "Vatican City" in [text.get_text() for text in venue_map.select("text")]
    # Each marker is a link that survives the sanitizer and leads to its venue's page.
    links = {link["aria-label"]: link["href"] for link in venue_map.select("a[href]")}
    assert links["Istanbul: held"] == "../venues/istanbul/"
    for href in links.values():
        assert (shipped_site / "venues" / href / "index.html").resolve().is_file(), href
    assert venue_map.select("path.land"), "the country outlines were stripped"


def test_a_larger_synthetic_story_builds_strict_with_paginated_lists_and_working_links(
    tmp_path: Path,
) -> None:
    content = tmp_path / "corpus"
    write_corpus(content, 150)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    site = built_site(tmp_path, content)
    last = -(-len(generate_pages(content).index.timeline) // LIST_PAGE_SIZE)  # events and claims, each once
    assert last > 5
    expected = (
        "articles/page-2/index.html",
        f"timeline/page-{last}/index.html",
        "actors/actor-00000/index.html",
    )
    for page in expected:
        assert (site / page).is_file(), page
    assert not (site / f"timeline/page-{last + 1}").exists()
    assert broken_internal_links(site) == []


def test_the_shipped_story_renamed_builds_strict_and_its_old_addresses_redirect(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "content")
    for arguments in (
        ("actor", "volodymyr-zelenskyy", "volodymyr-zelensky"),
        ("issue", "ceasefire", "ceasefire-proposals"),
        ("article", "trump-putin-call", "trump-putin-phone-call"),
    ):
        result = newsgen(project, "rename", *arguments)
        assert result.returncode == 0, result.stderr
    built = run_mkdocs(project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    site = project / "site"
    for old, new in (
        ("actors/volodymyr-zelenskyy", "../volodymyr-zelensky/"),
        ("issues/ceasefire", "../ceasefire-proposals/"),
        ("articles/2025-05-20-trump-putin-call", "../2025-05-20-trump-putin-phone-call/"),
    ):
        page = (site / old / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in page
        assert (site / old / new / "index.html").resolve().is_file()
    theme = ThemeScripts.from_template_folders(default_theme_folders(ROOT))
    assert audit_site(site, theme) == []
    assert broken_internal_links(site) == []


def test_every_page_has_open_graph_and_twitter_card_tags(fixture_site: Path) -> None:
    pages = html_pages(fixture_site)
    for page, title, kind in (
        ("index.html", "Explained", "website"),
        ("actors/bo-south/index.html", "Bo South", "website"),
        ("venues/lakeside/index.html", "Lakeside", "website"),
        ("articles/2024-03-01-first-offer/index.html", "North offers a truce & talks at the lake", "article"),
        ("about/index.html", "About", "website"),
    ):
        soup = pages[page]
        properties = {meta["property"]: meta["content"] for meta in soup.select("head meta[property^='og:']")}
        names = {meta["name"]: meta["content"] for meta in soup.select("head meta[name^='twitter:']")}
        assert properties["og:title"].startswith(title), page
        assert properties["og:type"] == kind, page
        assert properties["og:description"] == soup.find("meta", attrs={"name": "description"})["content"]
        assert names == {
            "twitter:card": "summary",
            "twitter:title": properties["og:title"],
            "twitter:description": properties["og:description"],
        }
        assert "og:image" not in properties and "og:url" not in properties  # no image; no site_url here


def test_the_404_page_leads_back_to_home_search_and_every_index(fixture_site: Path) -> None:
    soup = BeautifulSoup((fixture_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text() == "Page not found"
    assert "Search the site with the search at the top of the page" in " ".join(article.get_text().split())
    # Served at any depth (/actors/gone/), so its links start from the site's root.
    hrefs = {link.get_text(): link["href"] for link in article.select("a[href]")}
    assert {"Home", "Issues", "Actors", "Venues", "Timeline", "Articles"} <= set(hrefs)
    assert hrefs["Issues"] == "/issues/" and hrefs["Home"] in ("/", "/.")
