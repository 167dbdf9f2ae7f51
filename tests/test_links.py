"""The check of generated pages' links and anchors (generator/build/links.py), on HTML as the sanitizer writes
it; the build runs it in tests/test_mkdocs_plugin.py."""

from __future__ import annotations

import time

import pytest

from generator.build.links import BrokenLink, LeavesSite, LinkCheck, Target, read_page_html, resolve
from generator.build.sanitize import sanitize_html

SOURCE = "content/actors.yml"
FILES = (
    "index.html",
    "actors/ada-north/index.html",
    "actors/bo-south/index.html",
    "articles/2024-03-10-south-accepts/index.html",
    "feed.xml",
    "assets/stylesheets/extra.css",
    "about/index.html",
)


def test_read_page_html_finds_ids_links_and_images() -> None:
    html = sanitize_html(
        '<h2 id="claims">Claims</h2><p id="claim-a">'
        '<a href="../../actors/bo-south/?x=1&amp;y=2#top" title="a > b">Bo</a>'
        '<img src="../../pic.png" alt="x"></p><svg><a href="../x/"><text>x</text></a></svg>'
    )

    found = read_page_html(html)

    assert found.ids == {"claims", "claim-a"}
    assert found.urls == ["../../actors/bo-south/?x=1&y=2#top", "../../pic.png", "../x/"]


def test_read_page_html_skips_text_that_reads_like_an_attribute() -> None:
    html = sanitize_html('<p>Write <code>&lt;a href="nowhere/" id="fake"&gt;</code> or  href="x" id="y"</p>')

    found = read_page_html(html)

    assert found.ids == set()
    assert found.urls == []


def test_read_page_html_reads_attributes_after_a_quoted_greater_than_sign() -> None:
    found = read_page_html('<a title="x > y" class="c" href="../a/" id="b">t</a>')

    assert found.urls == ["../a/"]
    assert found.ids == {"b"}


@pytest.mark.parametrize(
    ("url", "page", "target"),
    [
        ("../../actors/bo-south/", "actors/ada-north/index.html", Target("actors/bo-south/", None)),
        (
            "../../articles/2024-03-10-south-accepts/#claim-a",
            "actors/ada-north/index.html",
            Target("articles/2024-03-10-south-accepts/", "claim-a"),
        ),
        ("bo-south.html", "actors/ada-north.html", Target("actors/bo-south.html", None)),  # no directory URLs
        ("#top", "actors/ada-north/index.html", Target("actors/ada-north/index.html", "top")),
        ("", "index.html", Target("index.html", None)),
        ("./", "about/index.html", Target("about/", None)),
        ("..", "about/index.html", Target("", None)),
        ("feed.xml?v=1", "index.html", Target("feed.xml", None)),
        ("%2e%2e/actors/caf%C3%A9/#caf%C3%A9", "about/index.html", Target("actors/café/", "café")),
        ("..\\actors\\", "about/index.html", Target("actors/", None)),  # `\` is `/` to a browser
        (
            '"><img src=x onerror=alert(1)>',
            "about/index.html",
            Target('about/"><img src=x onerror=alert(1)>', None),
        ),
    ],
)
def test_resolve_reads_a_relative_url_as_a_browser_does(url: str, page: str, target: Target) -> None:
    assert resolve(url, page) == target


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x",
        "//example.org/x",
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "jav&#x61;script:alert(1)",
        "mailto:someone@example.org",
        "data:text/html,x",
    ],
)
def test_resolve_leaves_links_to_other_hosts_and_schemes_unchecked(url: str) -> None:
    assert resolve(url, "about/index.html") is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("../../../../etc/passwd", "climbs above the site's root"),
        ("%2e%2e/%2E%2e/x", "climbs above the site's root"),
        ("../../..", "climbs above the site's root"),
        ("/actors/ada-north/", "starts at the server's root"),
    ],
)
def test_resolve_refuses_a_path_off_the_site(url: str, problem: str) -> None:
    with pytest.raises(LeavesSite, match=problem):
        resolve(url, "about/index.html")


def read(check: LinkCheck, html: str, file: str, *, generated: bool = True) -> set[str]:
    page = file.removesuffix("index.html").removesuffix(".html").rstrip("/") or "index"
    return check.read_page(
        sanitize_html(html), file=file, page=f"{page}.md", source=SOURCE, generated=generated
    )


def test_a_site_whose_links_lead_somewhere_has_none_broken() -> None:
    check = LinkCheck(FILES, always_present=["pagefind"])
    read(check, '<h2 id="claim-a">Claim</h2>', "articles/2024-03-10-south-accepts/index.html")
    ids = read(
        check,
        '<p id="lead"><a href="../bo-south/">Bo</a> '
        '<a href="../../articles/2024-03-10-south-accepts/#claim-a">a</a> <a href="#lead">top</a> '
        '<a href="../../feed.xml">feed</a> <a href="../../about">about</a> '
        '<a href="../../pagefind/pagefind-entry.json">index</a> <a href="https://example.org/">out</a> '
        '<a href="../..">home</a> <img src="../../assets/stylesheets/extra.css"></p>',
        "actors/ada-north/index.html",
    )

    assert check.broken_links() == []
    assert ids == {"lead"}
    assert check.links == 9


def test_every_broken_link_is_reported_with_its_page_and_the_pages_that_share_it() -> None:
    check = LinkCheck(FILES)
    read(check, '<p id="here">x</p>', "about/index.html", generated=False)
    for page in ("actors/ada-north/index.html", "actors/bo-south/index.html"):
        read(check, '<a href="../nobody/">x</a><a href="../../about/#gone">y</a>', page)
    read(check, '<a href="../../../../etc/passwd">z</a><a href="javascript:alert(1)">j</a>', "index.html")

    broken = check.broken_links()

    assert broken == [
        BrokenLink(
            "content/actors.yml",
            "actors/ada-north.md",
            "../../about/#gone",
            "'about/index.html' has no element with the id 'gone'",
            1,
        ),
        BrokenLink(
            "content/actors.yml",
            "actors/ada-north.md",
            "../nobody/",
            "the site has no file or page at 'actors/nobody/'",
            1,
        ),
        BrokenLink(
            "content/actors.yml", "index.md", "../../../../etc/passwd", "it climbs above the site's root"
        ),
    ]
    assert broken[1].format() == (
        "content/actors.yml: error: the generated page actors/ada-north.md (and 1 other page) links to "
        "'../nobody/', but the site has no file or page at 'actors/nobody/': a bug in the generator's "
        "templates, not in the content: report it"
    )


def test_hand_written_pages_links_are_not_checked_but_their_ids_are_targets() -> None:
    check = LinkCheck(FILES)
    read(check, '<p id="team"><a href="nowhere/">x</a></p>', "about/index.html", generated=False)
    read(check, '<a href="../../about/#team">team</a>', "actors/ada-north/index.html")

    assert check.broken_links() == []


def test_a_fragment_on_a_page_this_build_did_not_convert_is_not_checked() -> None:
    # Under `--dirty` only changed pages are converted: the others' ids are not known.
    check = LinkCheck(FILES)
    read(check, '<a href="../bo-south/#anything">x</a>', "actors/ada-north/index.html")

    assert check.broken_links() == []


def test_a_broken_link_is_printed_on_one_line_whatever_it_holds() -> None:
    assert "(and 1,200 other pages)" in BrokenLink("s", "p.md", "x", "y", other_pages=1200).format()
    link = BrokenLink(
        "content/actors.yml", "actors/x.md", "a\nb\u202e", "the site has no file or page at 'x'"
    )

    assert "\n" not in link.format()
    assert "\\u202e" in link.format()


def test_reading_a_thousand_pages_takes_a_small_fraction_of_a_second() -> None:
    rows = "".join(
        f'<li id="claim-{number}"><a href="../../actors/bo-south/">Bo</a> said <em>x</em> '
        f'<a class="source" href="../../articles/2024-03-10-south-accepts/#claim-a">report</a> '
        f'<span class="badge" title="a &gt; b">held</span> <a href="https://example.org/{number}">out</a></li>'
        for number in range(40)
    )
    page = sanitize_html(f'<h1 id="top">Ada</h1><p>{"Some prose. " * 300}</p><ul>{rows}</ul>')
    check = LinkCheck(FILES)
    read(check, '<h2 id="claim-a">a</h2>', "articles/2024-03-10-south-accepts/index.html")

    started = time.perf_counter()
    for _ in range(1000):
        check.read_page(
            page, file="actors/ada-north/index.html", page="actors/ada-north.md", source="s", generated=True
        )
    seconds = time.perf_counter() - started

    assert check.broken_links() == []
    assert seconds < 0.5, f"{seconds:.2f} s for 1,000 pages of {len(page):,} characters"


def test_each_link_resolves_from_its_own_page_without_directory_urls() -> None:
    # Pages of one folder share links that lead down or up from it, but not those to their own anchors.
    check = LinkCheck(["actors/a.html", "actors/b.html", "articles/c.html", "index.html"])
    read(check, '<p id="only-a"><a href="#only-a">a</a> <a href="b.html">b</a></p>', "actors/a.html")
    read(
        check,
        '<a href="#only-a">a</a> <a href="b.html">b</a> <a href="../index.html">home</a>',
        "actors/b.html",
    )
    read(check, '<a href="b.html">b</a> <a href="../index.html">home</a>', "articles/c.html")

    assert [(link.page, link.link, link.problem) for link in check.broken_links()] == [
        ("actors/b.md", "#only-a", "'actors/b.html' has no element with the id 'only-a'"),
        ("articles/c.md", "b.html", "the site has no file or page at 'articles/b.html'"),
    ]


def test_links_mkdocs_checks_itself_are_left_out() -> None:
    # A page's Markdown links (an article body's): MkDocs reports a broken one, in the contributor's words.
    check = LinkCheck(FILES)
    html = '<p><a href="nowhere.md">mine</a> <a href="../gone/">generated</a></p>'
    check.read_page(
        sanitize_html(html),
        file="actors/ada-north/index.html",
        page="actors/ada-north.md",
        source=SOURCE,
        generated=True,
        checked_by_mkdocs=frozenset({"nowhere.md", "#ada"}),
    )

    assert [link.link for link in check.broken_links()] == ["../gone/"]
    assert check.links == 1
