"""Hand-written pages: Markdown and real images only, safe names, settings read as MkDocs reads them."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import material
import pytest
from conftest import VALID, read_tree, write_texts
from test_build import FIXTURE, make_project, run_mkdocs

from generator.adapters.cli import main
from generator.check.pages import (
    PAGE_META_KEYS,
    check_file_name,
    check_folder_name,
    check_hand_written_page,
    check_image,
    check_page_bytes,
    check_pages_folder,
    read_settings,
)
from generator.render.html_blocks import HTML_BLOCK_SEPARATOR

PAGE = "content/pages/about.md"
RAW_HTML_FIX = "write it in Markdown instead, or '&lt;' for a literal '<'"
WHAT_BELONGS = "it holds Markdown pages (.md) and PNG, JPEG, GIF or WebP images only"
SVG_FIX = "an SVG file can run script: export the picture as PNG or WebP"
ALLOWED = "use only description, hide, search, title"
HTML_FIX = "write the page in Markdown as 'x.md' instead (HTML and XML files can run script)"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "


def messages(text: str) -> list[str]:
    return [problem.format() for problem in check_hand_written_page(text, PAGE)]


def key_refused(line: int, column: int, key: str = "template", path: str = PAGE) -> str:
    return f"{path}:{line}:{column}: error: front matter key '{key}' is not allowed in a page: {ALLOWED}"


def no_fences(path: str, keys: str) -> str:
    return (
        f"{path}:1:1: error: MkDocs reads the 'Name: value' lines at the top of this page as settings "
        f"({keys}): write settings between two '---' lines (front matter), or start the page with a heading"
    )


def not_published(path: str, hint: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return f"{path}:1:1: error: '{name}' cannot be published from content/pages/: {WHAT_BELONGS}; {hint}"


def not_an_image(path: str, kind: str) -> str:
    return (
        f"{path}:1:1: error: this file is not a {kind} image (its first bytes are not a {kind} signature): "
        f"save the picture as {kind} with an image editor, or give it the extension of its real format"
    )


def symbolic_link(path: str) -> str:
    return f"{path}:1:1: error: symbolic links are not allowed in content/pages/: copy the file here"


# -- front matter: every spelling MkDocs reads ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntemplate: redirect.html\n---\n# A\n", key_refused(2, 1), id="plain"),
        pytest.param(
            "---\ntitle: A\ntemplate: redirect.html\n...\n# A\n", key_refused(3, 1), id="dots-fence"
        ),
        pytest.param('---\n"template": redirect.html\n---\n', key_refused(2, 1), id="double-quoted"),
        pytest.param("---\n'template': redirect.html\n---\n", key_refused(2, 1), id="single-quoted"),
        pytest.param('---\n"\\x74emplate": redirect.html\n---\n', key_refused(2, 1), id="escaped"),
        pytest.param("---\n!!str template: redirect.html\n---\n", key_refused(2, 1), id="tagged"),
        pytest.param("---\n? template\n: redirect.html\n---\n", key_refused(2, 3), id="explicit-key"),
        pytest.param(
            "---\n{title: A, template: redirect.html}\n---\n", key_refused(2, 12), id="flow-mapping"
        ),
        pytest.param("--- \ntemplate: x\n---\t\n", key_refused(2, 1), id="fence-with-blanks"),
        pytest.param("---\nTemplate: x\n---\n", key_refused(2, 1, "Template"), id="capitalised"),
        pytest.param(
            "---\nstructured_data: x\n---\n", key_refused(2, 1, "structured_data"), id="override-key"
        ),
        pytest.param(
            "---\n<<: {template: redirect.html}\n---\n",
            f"{PAGE}:2:1: error: '<<' (merging settings) is not allowed in a page: write each setting",
            id="merge-key",
        ),
        pytest.param(
            "---\n1: x\n---\n",
            f"{PAGE}:2:1: error: setting name 1 is not allowed: {ALLOWED}",
            id="number-key",
        ),
        pytest.param(
            "---\ntitle: A\ntitle: B\n---\n", f"{PAGE}:3:1: error: 'title' is set twice: keep one", id="twice"
        ),
        pytest.param(
            "Template: redirect.html\nLocation: javascript:alert(1)\n\n# A\n",
            no_fences(PAGE, "'template', 'location'"),
            id="no-fences",
        ),
        pytest.param(
            "title: About\n    continued\n\nText.\n",
            no_fences(PAGE, "'title'"),
            id="no-fences-allowed-key",
        ),
    ],
)
def test_every_front_matter_spelling_mkdocs_reads_is_checked(text: str, expected: str) -> None:
    assert messages(text) == [expected]


@pytest.mark.parametrize(
    "key",
    [
        # What a template prints without escaping (audited in Material 9 and theme_overrides/main.html).
        "template",
        "location",  # redirect.html: a meta refresh and a script
        "author",  # base.html: <meta name="author">
        "icon",  # nav-item.html: an include path
        "subtitle",
        "status",
        "feed",  # main.html: the feed link's href
        "structured_data",  # main.html: inside <script type="application/ld+json">
        "revision_date",
        "git_revision_date_localized",
        "tags",  # copied into the search index
    ],
)
def test_each_key_a_template_prints_raw_is_refused(key: str) -> None:
    assert messages(f"---\n{key}: x\n---\n# A\n") == [key_refused(2, 1, key)]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: [A]", "2:8: error: title: expected text, got a list (put it in quotes?)"),
        ("title: 2024-01-01", "2:8: error: title: expected text, got 2024-01-01 (put it in quotes?)"),
        ("description: 3", "2:14: error: description: expected text, got 3 (put it in quotes?)"),
        ("title: ''", "2:8: error: title: is empty: write the title or remove the line"),
        ("hide: toc", "2:7: error: hide: expected a list such as [toc], got 'toc'"),
        (
            "hide: [toc, everything]",
            "2:13: error: hide: 'everything' is not something a page can hide: use feedback, footer, "
            "navigation, path, tags, toc",
        ),
        ("search: true", "2:9: error: search: expected a mapping such as {exclude: true}, got true"),
        ("search: {exclude: 'no'}", "2:19: error: search.exclude: expected true or false, got 'no'"),
        ("search: {boost: 2}", "2:10: error: search: 'boost' is not allowed: use only exclude"),
    ],
)
def test_setting_values_must_be_of_their_kind(front: str, expected: str) -> None:
    assert messages(f"---\n{front}\n---\n# A\n") == [f"{PAGE}:{expected}"]


def test_allowed_settings_pass_and_the_body_is_located_after_them() -> None:
    text = (
        "---\ntitle: 'A <b> title'\ndescription: Text\nhide: [toc, navigation]\nsearch:\n  exclude: true\n"
        "...\n\n# A\n\n[x](javascript:y)\n"
    )

    settings = read_settings(text, PAGE)

    assert settings.settings == {
        "title": "A <b> title",
        "description": "Text",
        "hide": ["toc", "navigation"],
        "search": {"exclude": True},
    }
    assert settings.problems == ()
    assert (settings.body_line, settings.body) == (9, "# A\n\n[x](javascript:y)\n")
    assert messages(text) == [
        f"{PAGE}:11:5: error: link to 'javascript:y' is not allowed: links and images may use http, https, "
        "mailto or a relative path"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: a: b\n---\n",
            "2:9: error: front matter cannot be read: mapping values are not allowed in this context; MkDocs "
            "would publish it as text: write 'title: ...' lines between the '---' lines",
        ),
        (
            "---\n? [a]\n: b\n---\n",
            "2:3: error: front matter cannot be read: found unhashable key; MkDocs would publish it as text: "
            "write 'title: ...' lines between the '---' lines",
        ),
        (
            "---\n- template\n---\n",
            "2:1: error: front matter must be settings, one 'name: value' a line, got a list; MkDocs would "
            "publish it as text: write 'title: ...' lines between the '---' lines",
        ),
    ],
)
def test_front_matter_mkdocs_cannot_read_is_located(text: str, expected: str) -> None:
    assert messages(text) == [f"{PAGE}:{expected}"]


def test_a_hand_written_page_may_set_only_safe_front_matter() -> None:
    page = "---\ntitle: About\ntemplate: redirect.html\nlocation: x\n---\n# About\n\n<b>x</b>\n"

    assert messages(page) == [
        key_refused(3, 1),
        key_refused(4, 1, "location"),
        f"{PAGE}:8:1: error: raw HTML <b> is not allowed in Markdown: {RAW_HTML_FIX}",
    ]


def test_a_link_with_a_user_name_in_a_page_is_refused() -> None:
    assert messages("# About\n\nAsk [the BBC](https://bbc.co.uk@evil.example/).\n") == [
        f"{PAGE}:3:15: error: link 'https://bbc.co.uk@evil.example/': a user name before '@' disguises "
        "where a link leads (to 'evil.example', not to 'bbc.co.uk'); write the page's own address, "
        "with nothing between '//' and its host"
    ]


REORDERS = (
    "it changes the order in which the text around it is shown; delete it (if your editor does not show it, "
    "retype the text around it)"
)


def test_bidi_controls_in_a_page_are_refused_each_where_it_is() -> None:
    # As in article bodies: embeddings, overrides and isolates reorder the page; marks and joiners are prose.
    text = "---\ntitle: About\n---\n# About\n\nWe said \u202eevil\u202c.\nPersian \u200fmarks\u200c.\n"
    fix = (
        ". Prose in a right-to-left script needs no such control; a mark such as U+200F RIGHT-TO-LEFT MARK "
        "is allowed"
    )
    assert messages(text) == [
        f"{PAGE}:6:9: error: hidden character U+202E RIGHT-TO-LEFT OVERRIDE after 'We said ': "
        f"{REORDERS}{fix}",
        f"{PAGE}:6:14: error: hidden character U+202C POP DIRECTIONAL FORMATTING after "
        f"'We said \\u202eevil': {REORDERS}{fix}",
    ]


def test_control_characters_in_a_page_are_refused_each_where_it_is() -> None:
    # The mark on a line of its own would open a block of the generator's HTML: a page can never write one.
    mark = HTML_BLOCK_SEPARATOR
    text = f"---\ntitle: About\n---\n# About{mark}<script>x</script>{mark}We\tsaid\x00.\n"
    control = (
        "it is a control character, not text; delete it (if your editor does not show it, retype the text "
        "around it)"
    )
    hidden = "hidden character U+001A SUBSTITUTE at the start of the line"
    assert messages(text) == [
        f"{PAGE}:5:1: error: {hidden}: {control}",
        f"{PAGE}:6:1: error: raw HTML <script> is not allowed in Markdown: write it in Markdown instead, or "
        "'&lt;' for a literal '<'",
        f"{PAGE}:7:1: error: {hidden}: {control}",
        f"{PAGE}:8:8: error: hidden character U+0000 NULL after 'We\\tsaid': {control}",
    ]


def test_hidden_characters_in_a_page_title_or_description_are_refused() -> None:
    # The title is shown in the tab, the header and the navigation: a text like a registry's, same rule.
    text = '---\ntitle: "About \\u202eevil"\ndescription: "Who\\u200bwe are"\n---\n# About\n'
    assert messages(text) == [
        f"{PAGE}:2:8: error: title: hidden character U+202E RIGHT-TO-LEFT OVERRIDE after 'About ': "
        f"{REORDERS}",
        f"{PAGE}:3:14: error: description: hidden character U+200B ZERO WIDTH SPACE after 'Who': it is "
        "invisible, so two texts that look the same differ; delete it (if your editor does not show it, "
        "retype the text around it)",
    ]


def test_a_hand_written_page_without_front_matter_is_checked_from_line_one() -> None:
    assert [p.format() for p in check_hand_written_page("# A\n[x](javascript:y)\n", "p.md")] == [
        "p.md:2:5: error: link to 'javascript:y' is not allowed: links and images may use http, https, "
        "mailto or a relative path"
    ]


def test_a_page_is_read_as_mkdocs_reads_its_bytes() -> None:
    crlf = "\ufeff---\r\ntemplate: x\r\n---\r\n# A\r\n".encode()
    assert [p.format() for p in check_page_bytes(crlf, PAGE)] == [key_refused(2, 1)]
    lone_cr = b"---\rtemplate: x\r---\r# A\r"
    assert [p.format() for p in check_page_bytes(lone_cr, PAGE)] == [key_refused(2, 1)]
    assert [p.format() for p in check_page_bytes(b"# A\n\nab\xff\n", PAGE)] == [
        f"{PAGE}:3:3: error: not valid UTF-8: save the file with UTF-8 encoding"
    ]


# -- names ---

RENAME_HINT = "(the name becomes the page's address and is shown in it)"


@pytest.mark.parametrize(
    ("name", "shown", "suggestion"),
    [
        ("a\n.md", "'a\\n.md'", "a.md"),
        ("about\n.md", "'about\\n.md'", "about.md"),
        ('x" onmouseover="alert(1).md', "'x\" onmouseover=\"alert(1).md'", "x-onmouseover-alert-1.md"),
        (
            "<img src=x onerror=alert(1)>.md",
            "'<img src=x onerror=alert(1)>.md'",
            "img-src-x-onerror-alert-1.md",
        ),
        ("two words.md", "'two words.md'", "two-words.md"),
        ("About.md", "'About.md'", "about.md"),
        ("x..md", "'x..md'", "x.md"),
        ("a--b.md", "'a--b.md'", "a-b.md"),
        ("caf\u00e9.md", "'caf\u00e9.md'", "caf.md"),
        ("a\u202eb.md", "'a\\u202eb.md'", "a-b.md"),
        ("map.PNG", "'map.PNG'", "map.png"),
    ],
)
def test_unsafe_file_names_are_refused_with_a_safe_suggestion(name: str, shown: str, suggestion: str) -> None:
    reason = (
        "its extension is not lowercase"
        if name == "map.PNG"
        else "use only lowercase letters, digits and single hyphens"
    )
    assert [problem.message for problem in check_file_name(name, f"content/pages/{name}")] == [
        f"file name {shown} is not allowed: {reason}; rename it to '{suggestion}' {RENAME_HINT}"
    ]


def test_a_windows_device_name_is_refused() -> None:
    assert [problem.message for problem in check_file_name("con.md", "content/pages/con.md")] == [
        "file name 'con.md' is not allowed: 'con' is a Windows device name and cannot be a file name; rename "
        f"it to 'con-page.md' {RENAME_HINT}"
    ]


@pytest.mark.parametrize(
    "name", ["about.md", "index.md", "2024-report.md", "map.png", "photo.jpeg", "a.webp"]
)
def test_safe_names_pass(name: str) -> None:
    assert check_file_name(name, f"content/pages/{name}") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Guides",
            "folder name 'Guides' is not allowed: use only lowercase letters, digits and single hyphens; "
            "rename it to 'guides' (the name becomes part of its pages' addresses)",
        ),
        (
            "a b",
            "folder name 'a b' is not allowed: use only lowercase letters, digits and single hyphens; "
            "rename it to 'a-b' (the name becomes part of its pages' addresses)",
        ),
        (".well-known", "hidden folder '.well-known' is not allowed among pages: remove it"),
        ("..", "hidden folder '..' is not allowed among pages: remove it"),
    ],
)
def test_unsafe_folder_names_are_refused(name: str, expected: str) -> None:
    assert [problem.message for problem in check_folder_name(name, f"content/pages/{name}")] == [expected]


# -- what the folder may hold ---


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("x.html", HTML_FIX),
        ("x.htm", HTML_FIX),
        ("x.xhtml", HTML_FIX),
        ("x.xht", HTML_FIX),
        ("x.xml", HTML_FIX),
        ("x.svg", SVG_FIX),
        (
            "x.js",
            "scripts and stylesheets belong to the theme (theme_overrides/assets/), which maintainers change",
        ),
        (
            "x.css",
            "scripts and stylesheets belong to the theme (theme_overrides/assets/), which maintainers change",
        ),
        ("x.markdown", "rename it to 'x.md'"),
        ("x.txt", "remove it (data belongs in content/*.yml, reports in content/articles/)"),
        ("README", "remove it (data belongs in content/*.yml, reports in content/articles/)"),
    ],
)
def test_files_other_than_pages_and_images_are_refused(name: str, hint: str) -> None:
    assert [problem.format() for problem in check_file_name(name, f"content/pages/{name}")] == [
        not_published(f"content/pages/{name}", hint)
    ]


def test_hidden_files_are_refused() -> None:
    assert [problem.message for problem in check_file_name(".htaccess", "content/pages/.htaccess")] == [
        f"hidden file '.htaccess' is not allowed in content/pages/: {WHAT_BELONGS}; remove it"
    ]


@pytest.mark.parametrize(
    ("data", "extension"), [(PNG, "png"), (b"\xff\xd8\xff\xe0", "jpg"), (b"GIF89a", "gif"), (WEBP, "webp")]
)
def test_images_are_checked_by_their_first_bytes(data: bytes, extension: str) -> None:
    assert check_image(data, extension, "x") == []


@pytest.mark.parametrize(
    ("data", "extension", "kind"),
    [
        (b"<svg onload=alert(1)>", "png", "PNG"),
        (b"<html><script>alert(1)</script>", "jpg", "JPEG"),
        (PNG, "gif", "GIF"),
        (b"RIFF\x24\x00\x00\x00WAVE", "webp", "WebP"),
        (b"", "png", "PNG"),
    ],
)
def test_a_file_that_is_not_the_image_its_name_says_is_refused(
    data: bytes, extension: str, kind: str
) -> None:
    assert [problem.format() for problem in check_image(data, extension, "content/pages/x")] == [
        not_an_image("content/pages/x", kind)
    ]


def test_the_folder_is_walked_without_following_links_and_every_problem_reported(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "guides" / "Deep").mkdir(parents=True)
    (pages / ".hidden").mkdir()
    (pages / ".hidden" / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (pages / "about.md").write_text("# About\n", encoding="utf-8")
    (pages / "map.png").write_bytes(PNG)
    (pages / "fake.png").write_bytes(b"<svg onload=alert(1)>")
    (pages / "guides" / "x.svg").write_text("<svg onload=alert(1)/>", encoding="utf-8")
    (pages / "guides" / "Deep" / "page.md").write_text("---\nauthor: x\n---\n", encoding="utf-8")
    (tmp_path / "secret").write_text("secret", encoding="utf-8")
    (pages / "leak.md").symlink_to(tmp_path / "secret")
    (pages / "linked").symlink_to(tmp_path)

    assert [problem.format() for problem in check_pages_folder(pages, "content/pages")] == [
        "content/pages/.hidden:1:1: error: hidden folder '.hidden' is not allowed among pages: remove it",
        not_an_image("content/pages/fake.png", "PNG"),
        "content/pages/guides/Deep:1:1: error: folder name 'Deep' is not allowed: use only lowercase "
        "letters, digits and single hyphens; rename it to 'deep' (the name becomes part of its pages' "
        "addresses)",
        key_refused(2, 1, "author", "content/pages/guides/Deep/page.md"),
        not_published("content/pages/guides/x.svg", SVG_FIX),
        symbolic_link("content/pages/leak.md"),
        symbolic_link("content/pages/linked"),
    ]


def test_a_file_name_that_would_break_a_line_is_shown_escaped(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a\n::error::x.md").write_text("# A\n", encoding="utf-8")

    [problem] = check_pages_folder(pages, "content/pages")

    assert problem.path == "content/pages/a\\n::error::x.md" and "\n" not in problem.format()


# -- `newsgen check` and the build ---


def test_check_reports_hand_written_pages_as_the_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_texts(tmp_path, VALID)
    pages = tmp_path / "content" / "pages"
    pages.mkdir()
    (pages / "x.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (pages / "about.md").write_text("---\ntitle: About\n...\n<b>x</b>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    assert main(["check"]) == 1

    assert capsys.readouterr().err.splitlines() == [
        f"content/pages/about.md:4:1: error: raw HTML <b> is not allowed in Markdown: {RAW_HTML_FIX}",
        not_published("content/pages/x.html", HTML_FIX),
        "check: 2 errors in 2 files",
    ]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pages"), FIXTURE / "content")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


def site_files(project: Path) -> dict[str, bytes]:
    return read_tree(project / "site")


SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param(
            "x.html",
            SCRIPT.encode(),
            not_published("content/pages/x.html", HTML_FIX),
            id="html",
        ),
        pytest.param(
            "x.xht",
            f'<html xmlns="http://www.w3.org/1999/xhtml">{SCRIPT}</html>'.encode(),
            not_published("content/pages/x.xht", HTML_FIX),
            id="xht",
        ),
        pytest.param(
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            not_published("content/pages/x.svg", SVG_FIX),
            id="svg",
        ),
        pytest.param(
            "notes.md",
            b"---\ntitle: Notes\ntemplate: redirect.html\nlocation: javascript:alert(1)\n...\n# Notes\n",
            key_refused(3, 1, "template", "content/pages/notes.md"),
            id="front-matter-dots-fence",
        ),
        pytest.param(
            "notes.md",
            f'---\ntitle: Notes\n"structured_data": "</script>{SCRIPT}"\n---\n# Notes\n'.encode(),
            key_refused(3, 1, "structured_data", "content/pages/notes.md"),
            id="front-matter-quoted-key",
        ),
        pytest.param(
            "notes.md",
            b"Template: redirect.html\nLocation: javascript:alert(1)\n\n# Notes\n",
            no_fences("content/pages/notes.md", "'template', 'location'"),
            id="front-matter-no-fences",
        ),
        pytest.param(
            '"><img src=x onerror=alert(1)>.md',
            b"No heading, so the file name is the title.\n",
            'content/pages/"><img src=x onerror=alert(1)>.md:1:1: error: file name \'"><img src=x '
            "onerror=alert(1)>.md' is not allowed: use only lowercase letters, digits and single hyphens; "
            f"rename it to 'img-src-x-onerror-alert-1.md' {RENAME_HINT}",
            id="file-name",
        ),
    ],
)
def test_a_hostile_file_in_the_pages_folder_stops_the_build_and_keeps_the_site(
    built_project: Path, tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    before = site_files(project)
    (project / "content" / "pages" / name).write_bytes(data)

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert " in 1 file; nothing written" in result.stderr
    assert "Traceback" not in result.stderr
    assert site_files(project) == before


def test_a_symbolic_link_in_the_pages_folder_stops_the_build(built_project: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    before = site_files(project)
    (tmp_path / "secret.md").write_text("# Secret\n\nA file outside the project.\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", project / "content" / "pages" / "leak.md")

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 1
    assert symbolic_link("content/pages/leak.md") in result.stderr
    assert site_files(project) == before


def test_page_problems_are_reported_with_content_problems(built_project: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: person", "kind: persn", 1), "utf-8")
    (project / "content" / "pages" / "x.html").write_text(SCRIPT, encoding="utf-8")

    result = run_mkdocs(project, "build")

    assert result.returncode == 1
    assert "content/actors.yml:" in result.stderr and "content/pages/x.html:1:1: error:" in result.stderr
    assert "check: 2 errors in 2 files; nothing written" in result.stderr


def test_allowed_pages_and_images_build(built_project: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    guides = project / "content" / "pages" / "guides"
    guides.mkdir()
    (guides / "map.png").write_bytes(PNG)
    (guides / "reading.md").write_text(
        "---\ntitle: Reading <the> pages\nhide: [toc]\nsearch: {exclude: true}\n...\n\n![Map](map.png)\n",
        encoding="utf-8",
    )

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 0, result.stderr
    assert (project / "site" / "guides" / "map.png").read_bytes() == PNG
    page = (project / "site" / "guides" / "reading" / "index.html").read_text(encoding="utf-8")
    assert "<title>Reading &lt;the&gt; pages - " in page


def test_templates_print_only_the_settings_the_plugin_escapes() -> None:
    # An audit of Material's templates and ours, kept true on upgrades: an allowed setting a template prints
    # must be one the plugin escapes (title, description); the others may only be tested (`"toc" in hide`).
    folders = [Path(material.__file__).parent / "templates", Path(__file__).parent.parent / "theme_overrides"]
    templates = [path.read_text(encoding="utf-8") for folder in folders for path in folder.rglob("*.html")]
    printed = {key for text in templates for key in re.findall(r"\{\{[^}]*\bmeta\.(\w+)", text)}
    read = {key for text in templates for key in re.findall(r"\bmeta\.(\w+)", text)}

    assert printed & PAGE_META_KEYS == {"title", "description"}
    # `search` is read to mark what is indexed; only a number (an entity page's boost) is ever printed.
    assert read & PAGE_META_KEYS == {"title", "description", "hide", "search"}
    assert printed - PAGE_META_KEYS >= {"author", "location", "structured_data", "feed", "subtitle"}
