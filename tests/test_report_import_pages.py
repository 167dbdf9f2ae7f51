"""`newsgen import` on real saved news pages, their whole-page text copies and URLs (never the network)."""

from __future__ import annotations

import datetime
import io
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import VALID, write_texts

from generator.adapters.cli import main
from generator.load.loader import SourceFile, load_article
from generator.tools.report_import import clean_report, read_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "saved_pages"

EXPECTED = {
    "reuters.com.parasite": (
        "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        datetime.date(2020, 1, 20),
        "Reuters",
        "Jill Serjeant",
    ),
    "dw.com.uncork": (
        "Uncork the mystery of Germany's Frühburgunder",
        datetime.date(2013, 6, 10),  # in the page's title; its teasers for other stories are from 2019
        "DW",
        "Deutsche Welle",
    ),
    "salon.com.emissions": (
        "Despite everything, U.S. emissions dipped in 2019",
        datetime.date(2020, 1, 10),
        "Salon",
        "Nathanael Johnson",
    ),
    "vancouversun.com.microsoft": (
        "Microsoft moves to erase its carbon footprint from the atmosphere in climate push",
        datetime.date(2020, 1, 16),
        "Vancouver Sun",
        "Reuters",
    ),
}
FIRST_WORDS = {
    "reuters.com.parasite": "LOS ANGELES (Reuters) - South Korean thriller",
    "dw.com.uncork": "One of Germany's smallest wine regions",
    "salon.com.emissions": "Just a week into the new year",
    "vancouversun.com.microsoft": "Microsoft Corp said on Thursday",
}
NAVIGATION = {
    "reuters.com.parasite": ["Discover Thomson Reuters", "Advertise with Us", "Media Industry", "4 Min Read"],
    "dw.com.uncork": [
        "Deutsch Aktuell",
        "TOP STORIES / Culture",
        "Germany and Turkey - A difficult relationship",
    ],
    "salon.com.emissions": ["Economy & Innovation", "Up Next", "Clinton urges voters to take out Trump"],
    "vancouversun.com.microsoft": ["Place a Classifieds Ad", "Vancouver Visitors Guide", "Open Search"],
}


def menu_lines(page: str) -> list[str]:
    """The lines of a page's text copy that are menu items: three or more lines of four words or fewer."""
    lines = (PAGES / f"{page}.txt").read_text(encoding="utf-8").splitlines()
    short = [len(line.split()) <= 4 for line in lines]
    return [
        line
        for number, line in enumerate(lines)
        if short[number] and sum(short[max(0, number - 1) : number + 2]) >= 3
    ]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_a_saved_page_gives_headline_date_publisher_and_byline(page: str) -> None:
    report = read_page((PAGES / f"{page}.html").read_bytes())

    assert (report.headline, report.published, report.publisher, report.byline) == EXPECTED[page]
    assert report.paragraphs[0].startswith(FIRST_WORDS[page]) or report.paragraphs[1].startswith(
        FIRST_WORDS[page]
    )


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_import_of_a_saved_page_drafts_it_without_navigation(page: str, tmp_path: Path) -> None:
    content = write_texts(tmp_path, VALID)
    before = set((content / "articles").rglob("*.md"))

    assert main(["import", str(PAGES / f"{page}.html"), "--content", str(content)]) == 0

    (path,) = set((content / "articles").rglob("*.md")) - before
    text = path.read_text(encoding="utf-8")
    front = load_article(SourceFile("content/articles/2020/x.md", text)).document.data
    headline, published, publisher, byline = EXPECTED[page]
    assert (front["title"], front["date"], front["source"]["publisher"]) == (headline, published, publisher)
    assert front["source"]["url"].startswith("https://")
    assert f"# the report: by {byline}, published {published}" in text
    assert path.name.startswith(published.isoformat())
    body = [line.removeprefix("> TODO rewrite: ") for line in text.splitlines() if line.startswith("> ")]
    assert body[0].startswith(FIRST_WORDS[page]) or body[1].startswith(FIRST_WORDS[page])
    for line in NAVIGATION[page] + menu_lines(page):
        assert line not in body and f"\n{line}\n" not in text


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_a_whole_page_text_copy_gives_the_headline_and_the_body_without_menus(page: str) -> None:
    report = clean_report((PAGES / f"{page}.txt").read_text(encoding="utf-8"))

    assert report.headline == EXPECTED[page][0]
    assert report.paragraphs[0].startswith(FIRST_WORDS[page])
    assert not set(report.paragraphs) & set(NAVIGATION[page] + menu_lines(page))


BROWSER_COPY = """\
Skip to content
In Focus
Ukraine war
Gaza
Climate crisis
Video
Live
Share
X
f
in
By Anna Example and Ben Sample
Published On 19 May 2025
19 May 2025
Trump and Putin Push for Russia–Ukraine Ceasefire Talks
Save
Following a phone call of over two hours with Russian President Vladimir Putin, US President Donald Trump \
announced that Russia and Ukraine would begin ceasefire talks immediately.
Putin said peace efforts were making progress and that Russia would work on a memorandum with Ukraine.
Trump described the call as very positive and said the ceasefire talks could start in the Vatican.
Most read
Five things to know
Sign up for Al Jazeera
About
Contact us
"""


def test_a_browser_copy_with_menus_bylines_and_times_gives_the_right_headline_and_url(
    tmp_path: Path,
) -> None:
    report = clean_report(BROWSER_COPY)

    assert report.headline == "Trump and Putin Push for Russia–Ukraine Ceasefire Talks"
    assert report.byline == "Anna Example and Ben Sample"
    assert report.published == datetime.date(2025, 5, 19)
    assert [paragraph[:24] for paragraph in report.paragraphs] == [
        "Following a phone call o",
        "Putin said peace efforts",
        "Trump described the call",
    ]
    content = write_texts(tmp_path, VALID)
    (tmp_path / "copy.txt").write_text(BROWSER_COPY, encoding="utf-8")
    assert main(["import", str(tmp_path / "copy.txt"), "--content", str(content)]) == 0
    assert (content / "articles/2025/2025-05-19-trump-and-putin-push-for.md").is_file()


def test_a_url_is_fetched_and_read_as_a_saved_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = (PAGES / "salon.com.emissions.html").read_bytes()
    asked: list[str] = []

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> io.BytesIO:
        asked.append(request.full_url)
        return io.BytesIO(page)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    content = write_texts(tmp_path, VALID)

    assert main(["import", "https://www.salon.com/2020/01/10/x/", "--content", str(content)]) == 0
    assert asked == ["https://www.salon.com/2020/01/10/x/"]
    assert (content / "articles/2020/2020-01-10-despite-everything-u-s-emissions.md").is_file()


def test_a_url_without_network_is_one_clear_line_that_says_to_save_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def offline(request: urllib.request.Request, timeout: float) -> io.BytesIO:
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    content = write_texts(tmp_path, VALID)

    assert main(["import", "https://news.example/story", "--content", str(content)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert error.startswith("newsgen: error: cannot fetch URL: https://news.example/story: ")
    assert "save the page in your browser (File → Save As) and run `newsgen import saved.html`" in error


def test_importing_again_says_exists_already_and_how_to_use_another_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_texts(tmp_path, VALID)
    page = str(PAGES / "reuters.com.parasite.html")
    assert main(["import", page, "--content", str(content)]) == 0
    capsys.readouterr()

    assert main(["import", page, "--content", str(content)]) == 2

    error = capsys.readouterr().err
    assert "exists already; nothing written" in error
    assert f"newsgen import {page} --name parasite-scores-historic-upset-at-2" in error
    assert (
        main(["import", page, "--content", str(content), "--name", "parasite-scores-historic-upset-at-2"])
        == 0
    )


def test_a_plain_text_report_without_a_date_asks_for_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_texts(tmp_path, VALID)
    (tmp_path / "report.txt").write_text("A Headline Here\n\nSomeone said things. Others said more.\n")

    assert main(["import", str(tmp_path / "report.txt"), "--content", str(content)]) == 2
    assert "report.txt gives no date; give the day the report was published with --date YYYY-MM-DD" in (
        capsys.readouterr().err
    )
