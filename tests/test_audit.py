"""Audit of a built site: every executable or outside reference that is not the theme's is a located error."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path, PurePosixPath

import material
import pytest

from generator.adapters.cli import main
from generator.build.audit import ThemeScripts, audit_page, audit_site, default_theme_folders
from generator.domain.web import is_theme_id, url_scheme

THEME = ThemeScripts.from_template_folders(default_theme_folders())


BUNDLE = "// the theme's bundle\n"
TEST_THEME = ThemeScripts(
    THEME.patterns, {"assets/javascripts/bundle.min.js": hashlib.sha256(BUNDLE.encode()).hexdigest()}
)
"""Material's inline scripts, and one script file that the test sites below ship."""

PARSER_DISAGREEMENTS = {
    "comment-opened-and-closed-at-once": "<!--><img src=x onerror=alert(1)>-->",
    "comment-of-one-dash": "<!---><img src=x onerror=alert(1)>-->",
    "comment-closed-by-dash-dash-bang": "<!-- note --!><img src=x onerror=alert(1)>-->",
    "style-in-svg-holds-markup": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "style-in-mathml-holds-markup": "<math><style><img src=x onerror=alert(1)></style></math>",
    "style-closed-by-an-end-tag-with-an-attribute": "<style></style x><img src=x onerror=alert(1)></style>",
    "noscript-is-raw-text-when-scripting-is-on": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'
    ),
}
"""Markup that Python's `HTMLParser` (the old audit's parser) reads as a comment, a style or an attribute,
and a browser reads as an `<img>` whose `onerror` runs (each proved in Chromium by test_audit_browser.py)."""

URL_ANIMATIONS = {
    "animate-href-values": (
        '<svg width="200" height="50"><a><animate attributeName="href" values="javascript:alert(1)"/>'
        '<text x="10" y="30">click</text></a></svg>'
    ),
    "set-xlink-href-to": (
        '<svg width="200" height="50"><a><set attributeName="xlink:href" to="javascript:alert(1)"/>'
        '<text x="10" y="30">click</text></a></svg>'
    ),
}
"""SVG animations that turn a link into script when clicked (the first proved in Chromium)."""


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
    (site / "index.html").write_text('<meta charset="utf-8"><p>fine</p>\n', encoding="utf-8")
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


@pytest.mark.parametrize("name", sorted(PARSER_DISAGREEMENTS))
def test_markup_that_pythons_parser_misreads_is_read_as_a_browser_reads_it(tmp_path: Path, name: str) -> None:
    payload = PARSER_DISAGREEMENTS[name]

    found = problems_in(f"<p>before</p>\n{payload}\n", tmp_path)

    assert found == [
        f"site/index.html:2:{payload.index('<img') + 1}: error: <img> has an event-handler attribute "
        "onerror=: remove it"
    ]


@pytest.mark.parametrize("name", sorted(URL_ANIMATIONS))
def test_animations_that_change_a_url_are_refused(tmp_path: Path, name: str) -> None:
    payload = URL_ANIMATIONS[name]
    element = "animate" if name.startswith("animate") else "set"
    target = "href" if element == "animate" else "xlink:href"

    found = problems_in(payload, tmp_path)

    assert found == [
        f"site/index.html:1:{payload.index('<' + element) + 1}: error: <{element} attributeName={target!r}> "
        "animates a URL, event handler or style: an animation may set a link to script or another host; "
        "remove it"
    ]


def test_svg_in_a_page_may_not_use_another_host_nor_bring_a_script(tmp_path: Path) -> None:
    html = (
        '<svg><use href="https://example.org/sprite.svg#icon"/>\n'
        '<script xlink:href="assets/evil.js"></script>\n'
        '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n'
    )

    assert problems_in(html, tmp_path) == [
        "site/index.html:1:6: error: <use href> loads 'https://example.org/sprite.svg#icon' from another "
        "host: the site must load nothing from other hosts; ship the file under assets/ instead",
        "site/index.html:2:1: error: <script xlink:href='assets/evil.js'> is not one of the theme's script "
        "files (a page, or a file under content/, may not bring its own scripts)",
        "site/index.html:3:1: error: <a xlink:href> uses a javascript: URL: only http, https, mailto and "
        "relative URLs are allowed",
    ]


def test_a_duplicate_id_is_reported_with_both_lines(tmp_path: Path) -> None:
    html = '<h2 id="talks">Talks</h2>\n<p>x</p>\n<p id="talks">again</p>\n'

    assert problems_in(html, tmp_path) == [
        "site/index.html:3:1: error: id 'talks' appears again on this page (first at line 1): ids must be "
        "unique on a page; rename one"
    ]


def test_the_themes_ids_may_not_be_taken_by_content(tmp_path: Path) -> None:
    # Material reads its configuration from #__config: an element before it with that id wins.
    html = (
        '<article class="md-content__inner">\n<p id="__config">{"base": "https://example.org"}</p>\n'
        '<p id="__palette_9" data-md-component="search-result">x</p>\n</article>\n'
        '<script id="__config" type="application/json">{"base": "."}</script>\n'
    )

    assert problems_in(html, tmp_path) == [
        "site/index.html:2:1: error: id '__config' in the page's content is the theme's: its scripts look it "
        "up, and this element would take the theme's place; rename it",
        "site/index.html:3:1: error: id '__palette_9' in the page's content is the theme's: its scripts look "
        "it up, and this element would take the theme's place; rename it",
        "site/index.html:3:1: error: <p> in the page's content has the theme's attribute data-md-component=: "
        "its scripts find their elements by it; remove it",
        "site/index.html:5:1: error: id '__config' appears again on this page (first at line 2); it is the "
        "theme's, and its scripts take the first element with it: rename the one that is not the theme's",
    ]


def test_ids_the_theme_owns_may_not_be_in_content_even_if_no_template_spells_them(tmp_path: Path) -> None:
    # Material writes `__nav_1` from a template expression and pymdownx writes `__tabbed_1_1`: no template
    # spells them, so only a rule on names (the sanitizer's, one policy) catches them.
    html = '<article>\n<p id="__nav_7">x</p>\n<p id="md-header">y</p>\n</article>\n'

    assert problems_in(html, tmp_path) == [
        f"site/index.html:{line}:1: error: id '{name}' in the page's content is the theme's: its scripts "
        "look it up, and this element would take the theme's place; rename it"
        for line, name in ((2, "__nav_7"), (3, "md-header"))
    ]


def test_a_link_with_a_user_name_is_reported(tmp_path: Path) -> None:
    html = '<p><a href="https://bbc.co.uk&#64;evil.example/">BBC</a> <a href="mailto:a@b.example">m</a></p>\n'

    assert problems_in(html, tmp_path) == [
        "site/index.html:1:4: error: <a href> 'https://bbc.co.uk@evil.example/': a user name before '@' "
        "disguises where a link leads (to 'evil.example', not to 'bbc.co.uk'); write the page's own address, "
        "with nothing between '//' and its host"
    ]


def ids_material_uses() -> set[str]:
    """Every id Material's templates write (`id="__drawer"`; `id="__palette_{{ ... }}"` by its fixed start)
    and its scripts look up (`"#__config"`, `getElementById("__search")`)."""
    theme = Path(material.__file__).parent / "templates"
    ids: set[str] = set()
    for template in theme.rglob("*.html"):
        ids.update(re.findall(r"""\bid=["']([^"'{$]+)""", template.read_text("utf-8")))
    for script in theme.rglob("*.js"):
        text = script.read_text("utf-8")
        ids.update(re.findall(r"""["'`]#([A-Za-z_][A-Za-z0-9_-]*)""", text))
        ids.update(re.findall(r"""getElementById\(["'`]([^"'`$]+)""", text))
    return ids


def test_every_id_material_uses_is_one_the_policy_gives_the_theme() -> None:
    # One rule names the theme's ids (web.is_theme_id): the check refuses them in contributor Markdown,
    # the sanitizer removes them from pages and the audit refuses them in content. A Material upgrade that
    # starts using an id outside it fails here: extend web.THEME_ID_PREFIXES.
    ids = ids_material_uses()

    assert {"__config", "__drawer", "__search", "__palette_", "__consent"} <= ids
    assert sorted(identifier for identifier in ids if not is_theme_id(identifier)) == []
    assert not is_theme_id("timeline")


XML_FILES = {
    "prefixed-svg-script.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">\n'
        "  <s:script>alert(1)</s:script>\n</svg>\n"
    ),
    "xhtml-script-in-a-feed.xml": (
        '<feed xmlns:h="http://www.w3.org/1999/xhtml">\n  <h:script>alert(1)</h:script>\n</feed>\n'
    ),
    "script-from-an-entity.svg": (
        '<!DOCTYPE svg [<!ENTITY e "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg">&e;</svg>\n'
    ),
    "event-handler.xht": (
        '<html xmlns="http://www.w3.org/1999/xhtml">\n  <body onload="alert(1)"/>\n</html>\n'
    ),
}
"""XML files whose script a browser runs when the file is opened by itself (proved in Chromium)."""


def test_xml_files_are_read_as_xml_in_every_namespace(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name, text in XML_FILES.items():
        (site / name).write_text(text, encoding="utf-8")
    (site / "link.xhtml").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">\n'
        '  <a l:href="javascript:alert(1)"><text>x</text></a>\n'
        '  <animate attributeName="href" values="javascript:alert(1)"/>\n</svg>\n',
        encoding="utf-8",
    )
    (site / "styled.xml").write_text(
        '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="page.xsl"?>\n<feed><entry>\n',
        encoding="utf-8",
    )

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/event-handler.xht:2:3: error: <body> has an event-handler attribute onload=: remove it",
        "site/link.xhtml:2:3: error: <a xlink:href> uses a javascript: URL: only http, https, mailto and "
        "relative URLs are allowed",
        "site/link.xhtml:3:3: error: <animate attributeName='href'> animates a URL, event handler or style: "
        "an animation may set a link to script or another host; remove it",
        "site/prefixed-svg-script.svg:2:3: error: inline <script> is not one of the theme's: 'alert(1)'",
        "site/script-from-an-entity.svg:2:41: error: inline <script> is not one of the theme's: 'alert(1)'",
        "site/styled.xml:2:1: error: <?xml-stylesheet type='text/xsl'?> transforms the file (XSLT), which "
        'can write scripts: only type="text/css" stylesheets are allowed',
        "site/styled.xml:4:1: error: not well-formed XML (no element found): a browser shows what comes "
        "before this point; fix the markup",
        "site/xhtml-script-in-a-feed.xml:2:3: error: inline <script> is not one of the theme's: 'alert(1)'",
    ]


def test_a_file_of_a_type_the_audit_cannot_vouch_for_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "notes").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (site / "page.shtml").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (site / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "data.json").write_text("{}\n", encoding="utf-8")

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/notes:1:1: error: the site serves a file without an extension, a type the audit cannot vouch "
        "for (a browser may sniff it as HTML and run it): ship only pages, SVG, stylesheets, images, fonts "
        "and data files",
        "site/page.shtml:1:1: error: the site serves '.shtml' files, a type the audit cannot vouch for (a "
        "browser may sniff it as HTML and run it): ship only pages, SVG, stylesheets, images, fonts and "
        "data files",
    ]


def test_search_data_files_must_be_gzip_streams_as_pagefind_writes_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "en_1.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd{}"))
    (site / "pagefind" / "wasm.en.pagefind").write_bytes(gzip.compress(b"\0asm"))
    (site / "pagefind" / "fragment" / "en_2.pf_fragment").write_text("<script>alert(1)</script>\n")

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/pagefind/fragment/en_2.pf_fragment:1:1: error: this '.pf_fragment' search file is not gzip "
        "data, as Pagefind writes it (a browser may sniff it as HTML and run it): rebuild the site",
    ]


def test_a_page_must_be_read_as_utf_8(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "guessed.html").write_text("<p>no declaration</p>\n", encoding="utf-8")
    (site / "japanese.html").write_text('<meta charset="iso-2022-jp">\n<p>x</p>\n', encoding="utf-8")
    (site / "latin.html").write_bytes(b'<meta charset="utf-8">\n<p>caf\xe9</p>\n')

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/guessed.html:1:1: error: declares no encoding in its first 1024 bytes, so a browser may guess "
        'another one and find other markup: put <meta charset="utf-8"> first in <head>',
        "site/japanese.html:1:1: error: <meta> declares the encoding 'iso-2022-jp': a browser would read "
        "the page's bytes as other characters than the audit does; declare utf-8",
        "site/latin.html:2:7: error: not valid UTF-8 here: a browser may read the page in another encoding "
        "and find other markup in it; save it as UTF-8",
    ]


def test_the_search_index_is_read_as_the_html_the_theme_makes_of_it(tmp_path: Path) -> None:
    # Material's search writes each entry's title and text into the page with innerHTML.
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    entries = [
        {"location": "about/", "title": "About", "text": "<p>Fine, with &lt;escaped&gt; markup</p>"},
        {"location": "about/#x", "title": "<img src=x onerror=alert(1)>", "text": "<p>x</p>"},
        {"location": "javascript:alert(1)", "title": "Home", "text": "<svg><style><script>x</script>"},
    ]
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": entries}), encoding="utf-8")

    assert [problem.format() for problem in audit_site(site, THEME, display="site")] == [
        "site/search/search_index.json:1:1: error: search entry 'about/#x' title: <img> has an "
        "event-handler attribute onerror=: remove it",
        "site/search/search_index.json:1:1: error: search entry 'javascript:alert(1)' location: <a href> "
        "uses a javascript: URL: only http, https, mailto and relative URLs are allowed",
        "site/search/search_index.json:1:1: error: search entry 'javascript:alert(1)' text: inline <script> "
        "is not one of the theme's: 'x'",
    ]
