"""Audit of a built site: every executable or outside reference that is not the theme's is a located error."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

import pytest

from generator.audit import ThemeScripts, audit_page, audit_site, default_theme_folders, url_scheme
from generator.cli import main

THEME = ThemeScripts.from_template_folders(default_theme_folders())


BUNDLE = "// the theme's bundle\n"
TEST_THEME = ThemeScripts(
    THEME.patterns, {"assets/javascripts/bundle.min.js": hashlib.sha256(BUNDLE.encode()).hexdigest()}
)
"""Material's inline scripts, and one script file that the test sites below ship."""


def problems_in(html: str, tmp_path: Path, page: str = "index.html") -> list[str]:
    bundle = tmp_path / "assets" / "javascripts" / "bundle.min.js"
    if not bundle.exists():
        bundle.parent.mkdir(parents=True, exist_ok=True)
        bundle.write_text(BUNDLE, encoding="utf-8")
    return [
        problem.format()
        for problem in audit_page(html, f"site/{page}", PurePosixPath(page), tmp_path, TEST_THEME)
    ]


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JAVA\tSCRIPT:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("&#x6A;avascript&colon;alert(1)", "javascript"),
        (" \x01vbscript:x", "vbscript"),
        ("data:text/html,<b>", "data"),
        ("https://example.org/", "https"),
        ("../actors/x/", None),
        ("#claim-a", None),
    ],
)
def test_url_scheme_is_read_as_a_browser_reads_it(value: str, scheme: str | None) -> None:
    assert url_scheme(value) == scheme


def test_event_handler_attributes_are_located(tmp_path: Path) -> None:
    html = '<p>ok</p>\n<p>x <img src="a.png" onerror="alert(1)"> <b OnClick=x>b</b></p>\n'

    assert problems_in(html, tmp_path) == [
        "site/index.html:2:6: error: <img> has an event-handler attribute onerror=: remove it",
        "site/index.html:2:43: error: <b> has an event-handler attribute onclick=: remove it",
    ]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "&#106;avascript:alert(1)", "JAVA&#9;SCRIPT:x", "vbscript:x", "data:,x"]
)
def test_script_and_data_urls_are_refused_even_in_plain_links(tmp_path: Path, href: str) -> None:
    found = problems_in(f'<a href="{href}">x</a>', tmp_path)

    assert len(found) == 1
    assert found[0].startswith("site/index.html:1:1: error: <a href> uses a ")
    assert "only http, https, mailto and relative URLs are allowed" in found[0]


def test_links_to_other_sites_are_fine_but_loading_from_them_is_not(tmp_path: Path) -> None:
    html = (
        '<a href="https://example.org/report">report</a>\n'
        '<img src="https://tracker.example/pixel.gif">\n'
        '<iframe src="//example.org/embed"></iframe>\n'
        '<link rel="stylesheet" href="https://fonts.example/css">\n'
        '<link rel="canonical" href="https://example.org/page/">\n'
        '<p style="background: url(https://example.org/bg.png)">x</p>\n'
        "<style>@import 'https://example.org/x.css';</style>\n"
        '<img srcset="a.png 1x, https://example.org/b.png 2x">\n'
    )

    found = problems_in(html, tmp_path)

    assert [line.split(": error: ")[0] for line in found] == [
        "site/index.html:2:1",
        "site/index.html:3:1",
        "site/index.html:4:1",
        "site/index.html:6:1",
        "site/index.html:7:1",
        "site/index.html:8:1",
    ]
    assert "loads 'https://tracker.example/pixel.gif' from another host" in found[0]


def test_only_the_themes_scripts_may_run(tmp_path: Path) -> None:
    theme_script = (
        "<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))</script>'
    )
    html = (
        f"{theme_script}\n"
        '<script src="assets/javascripts/bundle.min.js"></script>\n'
        '<script id="__config" type="application/json">{"base": "."}</script>\n'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>\n'
        "<script>alert(document.cookie)</script>\n"
        '<script src="assets/javascripts/missing.js"></script>\n'
        '<script src="evil.js"></script>\n'
        '<script src="https://cdn.example/x.js"></script>\n'
        '<script type="application/ld+json">{not json</script>\n'
        '<script type="text/vbscript">x</script>\n'
    )

    found = problems_in(html, tmp_path)

    assert found == [
        "site/index.html:5:1: error: inline <script> is not one of the theme's: 'alert(document.cookie)'",
        "site/index.html:6:1: error: <script src='assets/javascripts/missing.js'> is not one of the theme's "
        "script files (a page, or a file under content/, may not bring its own scripts)",
        "site/index.html:7:1: error: <script src='evil.js'> is not one of the theme's script files "
        "(a page, or a file under content/, may not bring its own scripts)",
        "site/index.html:8:1: error: <script src> loads 'https://cdn.example/x.js' from another host: "
        "the site must load nothing from other hosts; ship the file under assets/ instead",
        "site/index.html:9:1: error: <script type='application/ld+json'> does not hold valid JSON",
        "site/index.html:10:1: error: <script type='text/vbscript'> is not allowed: "
        "use JSON data blocks only",
    ]


def test_a_theme_script_with_injected_code_in_its_url_slot_is_refused(tmp_path: Path) -> None:
    # Material's first script has `new URL("{{ base_url }}", ...)`: the slot takes a relative URL, not code.
    template = next(folder for folder in default_theme_folders() if folder.name == "templates")
    text = (template / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    script = re.sub(r"\{\{.*?\}\}", ".", text[text.index("<script>") : text.index("</script>") + 9])
    deeper = script.replace('new URL(".",location)', 'new URL("../..",location)')
    hostile = script.replace('new URL(".",location)', 'new URL(""+alert(1)+"",location)')
    assert deeper != script and hostile != script

    assert problems_in(script, tmp_path) == problems_in(deeper, tmp_path) == []
    assert problems_in(hostile, tmp_path)[0].startswith(
        "site/index.html:1:1: error: inline <script> is not one of the theme's"
    )


def test_script_paths_resolve_from_the_page_and_from_the_root(tmp_path: Path) -> None:
    html = (
        '<script src="../assets/javascripts/bundle.min.js"></script>\n'
        '<script src="/assets/javascripts/bundle.min.js"></script>\n'
        '<script src="../../assets/javascripts/bundle.min.js"></script>\n'
        '<script src="/repo/assets/javascripts/bundle.min.js"></script>\n'
        '<script src="/repo/evil/bundle.min.js"></script>\n'
    )

    found = problems_in(html, tmp_path, page="actors/index.html")

    assert [line.split(": error: ")[0] for line in found] == [
        "site/actors/index.html:3:1",
        "site/actors/index.html:5:1",
    ]


def test_audit_site_reads_html_and_css_and_the_command_fails_on_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "index.html").write_text("<p>fine</p>\n", encoding="utf-8")
    (site / "assets" / "stylesheets" / "x.css").write_text(
        "a { color: red }\nb { background: url('https://example.org/x.png') }\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    assert [p.format() for p in audit_site(site, THEME, display="site")] == [
        "site/assets/stylesheets/x.css:2:17: error: stylesheet loads 'https://example.org/x.png': "
        "only files of this site may be loaded"
    ]
    assert main(["audit", "site"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "audit: 1 problem in 1 file"

    (site / "assets" / "stylesheets" / "x.css").write_text("a { color: red }\n", encoding="utf-8")
    assert main(["audit", "site"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "audit: 2 files checked; nothing executes or loads from another host"
    ]


def test_audit_of_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(tmp_path / "nope")]) == 2
    assert "site folder not found" in capsys.readouterr().err


def test_base_refresh_and_srcdoc_are_caught(tmp_path: Path) -> None:
    html = (
        '<base href="https://example.org/">\n'
        '<meta http-equiv="refresh" content="0; url=https://example.org/">\n'
        '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">\n'
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>\n'
        '<meta name="description" content="https://example.org/ is fine as text">\n'
    )

    assert [line.split(": error: ")[0] for line in problems_in(html, tmp_path)] == [
        "site/index.html:1:1",
        "site/index.html:2:1",
        "site/index.html:3:1",
        "site/index.html:4:1",
    ]


def test_svg_files_are_audited_like_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n', encoding="utf-8"
    )

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/map.svg:2:1: error: inline <script> is not one of the theme's: 'alert(1)'"
    ]


def test_a_theme_script_replaced_by_a_file_of_the_same_name_is_refused(tmp_path: Path) -> None:
    # A file under content/pages/ with the theme's path would replace the theme's file in the built site.
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.min.js").write_text("alert(1)\n", encoding="utf-8")

    assert problems_in('<script src="assets/javascripts/bundle.min.js"></script>', tmp_path) == [
        "site/index.html:1:1: error: <script src='assets/javascripts/bundle.min.js'> is not one of the "
        "theme's script files (a page, or a file under content/, may not bring its own scripts)"
    ]


def test_the_shipped_theme_knows_its_bundle() -> None:
    assert any(path.startswith("assets/javascripts/bundle.") for path in THEME.files)
