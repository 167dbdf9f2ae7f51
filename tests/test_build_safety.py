"""Build-level safety: hostile content builds a site in which nothing executes, or fails with located errors;
a failed, interrupted or killed build keeps the previous site; the same commit builds the same bytes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import default_stop_signals, limit_file_size, read_tree
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from test_build import (
    FIXTURE,
    ROOT,
    built_project,
    copy_project,
    html_pages,
    make_project,
    run_mkdocs,
    structured_data,
    visible_text,
)

from generator.adapters.mkdocs_plugin import NewsgenPlugin, generated_file
from generator.build.audit import ThemeScripts, audit_site, default_theme_folders
from generator.build.interrupt import TERMINATING_SIGNALS
from generator.build.search import read_fragments
from generator.build.swap import STAGING_MARKER
from generator.render.render import GeneratedPage

HOSTILE = (
    "\"'><img src=x onerror=alert(1)><script>alert(2)</script> &amp; *x* [a](javascript:alert(3)) {{ 7 }}"
)
"""Plain text that would run, break out of an attribute or become a link if anything failed to escape it."""

THEME = ThemeScripts.from_template_folders(default_theme_folders(ROOT))

HOLD_HOOK = ROOT / "tests" / "fixtures" / "hooks" / "hold_after_post_build.py"
"""A hook that holds a build after every `on_post_build`, before MkDocs' verdict."""

JSON_LD_BREAKOUT = "Accepts </script><script>alert(1)</script> & more"
"""A claim that, unescaped in a JSON-LD script, would end it and start a script of its own."""


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def hostile(label: str) -> str:
    """A YAML value: the hostile string, tagged with the field it is in."""
    return json.dumps(f"{label} {HOSTILE}")


def siblings(project: Path) -> list[str]:
    """What sits in the project folder: staging folders must not be left there."""
    return sorted(path.name for path in project.iterdir())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def build_hostile_site(folder: Path) -> Path:
    """The fixture story with attack strings in every field a reader sees, built in `folder`; its site."""
    project = make_project(folder, FIXTURE / "content")
    content = project / "content"
    article = content / "articles" / "2024" / "2024-03-01-first-offer.md"
    replace_in(content / "actors.yml", "name: Ada North", f"name: {hostile('Name')}")
    replace_in(content / "actors.yml", "role: President of Northland", f"role: {hostile('Role')}")
    replace_in(content / "actors.yml", "aliases: [North]", f"aliases: [{hostile('Alias')}]")
    replace_in(
        content / "actors.yml",
        "summary: Leader of Northland, who proposes talks.",
        f"summary: {hostile('Summary')}",
    )
    replace_in(content / "venues.yml", "name: Lakeside", f"name: {hostile('Venue')}")
    replace_in(content / "issues.yml", "title: Truce", f"title: {hostile('Issue')}")
    replace_in(article, "title: North offers a truce & talks at the lake", f"title: {hostile('Title')}")
    replace_in(article, "summary: Ada North offers a truce; Bo South refuses.", f"summary: {hostile('Lead')}")
    replace_in(article, "publisher: Synthetic Daily", f"publisher: {hostile('Publisher')}")
    replace_in(content / "events.yml", "title: Talks at Lakeside", f"title: {hostile('Event')}")
    replace_in(
        content / "events.yml",
        "summary: Talks proposed by Northland, held over two days.",
        f"summary: {hostile('Happened')}",
    )
    replace_in(article, "position: immediate and unconditional", f"position: {hostile('Position')}")
    replace_in(article, "conditions: [its conditions are met first]", f"conditions: [{hostile('Condition')}]")
    replace_in(content / "actors.yml", "side: South", f"side: {hostile('Side')}")
    replace_in(
        content / "issues.yml", "question: Should the fighting stop now?", f"question: {hostile('Question')}"
    )
    replace_in(
        content / "issues.yml", "summary: Both sides now accept a truce.", f"summary: {hostile('Update')}"
    )
    replace_in(article, "text: Northland offers an immediate truce.", f"text: {hostile('Claim')}")
    replace_in(
        article,
        "url: https://example.org/first-offer?ref=a_b",
        "url: 'https://example.org/x\"><script>alert(4)</script>'",
    )
    replace_in(
        content / "articles" / "2024" / "2024-03-10-south-accepts.md",
        "text: Southland now accepts the truce.",
        f"text: {JSON_LD_BREAKOUT}",
    )
    about = content / "pages" / "about.md"
    # A hand-written page: its title and description reach the head; what the check allows is sanitized.
    about.write_text(
        f"---\ntitle: {hostile('About')}\ndescription: {hostile('Desc')}\n---\n"
        + about.read_text(encoding="utf-8").replace(
            "Fixture site.", "Fixture site.\n\n<!-- <script>alert(5)</script> -->\n", 1
        ),
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_hostile_plain_text_builds_a_site_in_which_nothing_executes(hostile_site: Path) -> None:
    assert [problem.format() for problem in audit_site(hostile_site, THEME)] == []


@pytest.mark.parametrize(
    ("page", "labels"),
    [
        (
            "actors/ada-north/index.html",
            ["Name", "Role", "Alias", "Summary", "Claim", "Issue", "Event", "Position"],
        ),
        ("actors/bo-south/index.html", ["Side", "Condition", "Issue", "Event"]),
        ("events/lakeside-talks/index.html", ["Event", "Happened", "Name", "Issue", "Title"]),
        ("events/index.html", ["Event", "Venue"]),
        (
            "articles/2024-03-01-first-offer/index.html",
            ["Title", "Lead", "Publisher", "Event", "Claim", "Name"],
        ),
        ("venues/lakeside/index.html", ["Venue", "Event"]),
        (
            "issues/truce/index.html",
            ["Issue", "Claim", "Name", "Question", "Update", "Position", "Side", "Condition"],
        ),
        ("articles/index.html", ["Title", "Lead", "Publisher"]),
        ("timeline/index.html", ["Claim", "Event", "Name", "Position", "Condition"]),
        ("index.html", ["Name", "Issue", "Position", "Side"]),
        ("issues/index.html", ["Name", "Issue", "Position", "Side", "Question"]),
    ],
)
def test_hostile_plain_text_is_shown_literally(hostile_site: Path, page: str, labels: list[str]) -> None:
    text = visible_text(html_pages(hostile_site)[page])
    for label in labels:
        assert f"{label} {HOSTILE}" in text, label


def test_page_title_and_description_are_literal_in_head_and_header(hostile_site: Path) -> None:
    soup = html_pages(hostile_site)["articles/2024-03-01-first-offer/index.html"]

    assert soup.title.get_text().startswith(f"Title {HOSTILE} - ")
    assert soup.find("meta", attrs={"name": "description"})["content"] == f"Lead {HOSTILE}"
    header = soup.select_one(".md-header__topic[data-md-component=header-topic] .md-ellipsis")
    assert " ".join(header.get_text().split()) == f"Title {HOSTILE}"
    assert visible_text(soup.select_one("article h1")).startswith(f"Title {HOSTILE}")
    byline = soup.select_one("article .article-meta")
    assert f"Publisher {HOSTILE}" in visible_text(byline)
    source_link = byline.find("a", string="the original report")
    assert source_link["href"] == "https://example.org/x%22%3E%3Cscript%3Ealert(4)%3C/script%3E"


def test_search_index_carries_the_text_the_page_shows(hostile_site: Path) -> None:
    # Pagefind keeps titles and content as the text a reader sees; the dialog's script writes titles as text
    # and excerpts through an inert parser (tests/test_search_browser.py types an attack string and checks).
    fragments = read_fragments(hostile_site)
    assert fragments["/articles/2024-03-01-first-offer/"]["meta"]["title"] == f"Title {HOSTILE}"
    assert f"Alias {HOSTILE}" in fragments["/actors/ada-north/"]["content"]


def test_contributor_text_cannot_break_out_of_the_json_ld_script(hostile_site: Path) -> None:
    soup = html_pages(hostile_site)["articles/2024-03-10-south-accepts/index.html"]
    (data,) = structured_data(soup)
    assert any(thing.get("text") == JSON_LD_BREAKOUT for thing in data["@graph"])
    # Unescaped, an HTML parser would end the JSON-LD at "</script>" and find a script "alert(1)".
    assert not any((script.string or "").strip() == "alert(1)" for script in soup.select("script"))
    assert "</script><script>alert(1)" not in str(soup.select_one('head script[type="application/ld+json"]'))


def test_hostile_hand_written_page_is_a_located_error_and_keeps_the_site(
    fixture_project: Path, tmp_path: Path
) -> None:
    project = copy_project(fixture_project, tmp_path)
    before = read_tree(project)
    replace_in(
        project / "content" / "pages" / "about.md",
        "Fixture site.",
        "Fixture site.\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
    )
    edited = read_tree(project)

    result = run_mkdocs(project, "build")

    assert result.returncode == 1
    assert "content/pages/about.md:5:1: error: raw HTML <img> is not allowed in Markdown" in result.stderr
    assert "content/pages/about.md:7:5: error: link to 'javascript:alert(1)' is not allowed" in result.stderr
    assert read_tree(project) == edited
    assert {k: v for k, v in read_tree(project).items() if k.startswith("site/")} == {
        k: v for k, v in before.items() if k.startswith("site/")
    }


def test_a_hand_written_page_title_is_literal(hostile_site: Path) -> None:
    soup = html_pages(hostile_site)["about/index.html"]
    assert soup.title.get_text().startswith(f"About {HOSTILE} - ")
    assert soup.find("meta", attrs={"name": "description"})["content"] == f"Desc {HOSTILE}"


def test_what_the_check_allows_is_still_sanitized_in_the_built_page(hostile_site: Path) -> None:
    assert "alert(5)" not in (hostile_site / "about" / "index.html").read_text(encoding="utf-8")


# -- atomic, lossless builds ---


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture story, built once for the module; tests change a copy (`built_project`)."""
    return built_project(tmp_path_factory.mktemp("fixture"), FIXTURE / "content")


@pytest.fixture(name="built_project")
def copied_built_project(fixture_project: Path, tmp_path: Path) -> Path:
    """A copy of the built fixture project, this test's to change."""
    return copy_project(fixture_project, tmp_path)


def test_a_build_swaps_in_a_complete_site_and_leaves_nothing_beside_it(built_project: Path) -> None:
    content = read_tree(built_project / "content")
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]
    assert STAGING_MARKER not in {path.name for path in (built_project / "site").iterdir()}
    (built_project / "site" / "stray.html").write_text("from an older build", encoding="utf-8")

    assert run_mkdocs(built_project, "build").returncode == 0

    assert not (built_project / "site" / "stray.html").exists()
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]
    assert read_tree(built_project / "content") == content  # the build never writes under content/


def test_a_failed_build_keeps_the_previous_site_byte_identical(built_project: Path) -> None:
    replace_in(built_project / "content" / "actors.yml", "kind: person", "kind: persn")
    before = read_tree(built_project)

    result = run_mkdocs(built_project, "build")

    assert result.returncode == 1
    assert read_tree(built_project) == before
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]


STRICT_WARNINGS = {
    # A contributor's page links to a page that does not exist.
    "link-to-a-missing-page": (
        "pages/broken.md",
        "# Broken\n\nSee [the plan](missing.md).\n",
        "Doc file 'broken.md' contains a link 'missing.md', but the target is not found",
    ),
    # A contributor deletes a page the navigation lists.
    "page-in-the-nav-removed": (
        "pages/data.md",
        None,
        "A reference to 'data.md' is included in the 'nav' configuration, which is not found",
    ),
}


@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
@pytest.mark.parametrize("case", sorted(STRICT_WARNINGS))
def test_a_build_failed_by_strict_warnings_keeps_the_previous_site_byte_identical(
    built_project: Path, case: str, dirty: bool
) -> None:
    # MkDocs aborts a strict build only after on_post_build: the site was once swapped in before that.
    path, text, warning = STRICT_WARNINGS[case]
    page = built_project / "content" / path
    if text is None:
        page.unlink()
    else:
        page.write_text(text, encoding="utf-8")
    change_content(built_project)  # so that a swapped-in site would differ
    before = read_tree(built_project)

    result = run_mkdocs(built_project, "build", "--strict", *(["--dirty"] if dirty else []))

    assert result.returncode == 1
    assert read_tree(built_project) == before
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]
    assert warning in result.stderr
    assert "warnings in strict mode!" in result.stdout  # 2 with --dirty: MkDocs warns about it
    assert "newsgen: the build failed; the previous site/ is unchanged" in result.stderr


def test_a_first_build_failed_by_strict_warnings_writes_no_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    (project / "content" / "pages" / "data.md").unlink()

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 1
    assert siblings(project) == ["content", "mkdocs.yml"]


def test_gh_deploy_publishes_the_swapped_in_site_and_nothing_on_strict_warnings(
    built_project: Path, tmp_path: Path
) -> None:
    # gh-deploy publishes config.site_dir after MkDocs' build and its shutdown event: it must be site/ then.
    remote = tmp_path / "remote.git"
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }

    def git(*arguments: str, cwd: Path = built_project) -> str:
        done = subprocess.run(
            ["git", *arguments], cwd=cwd, env=environment, capture_output=True, text=True, check=True
        )
        return done.stdout

    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet")
    git("remote", "add", "origin", str(remote))
    git("add", "content", "mkdocs.yml")
    git("commit", "--quiet", "-m", "content")
    (built_project / "content" / "pages" / "data.md").unlink()
    before = read_tree(built_project / "site")

    failed = run_mkdocs(built_project, "gh-deploy", "--strict", "--ignore-version")

    assert failed.returncode == 1, failed.stderr
    assert git("branch", "--list", "gh-pages", cwd=remote) == ""
    assert read_tree(built_project / "site") == before
    git("checkout", "--quiet", "--", "content/pages/data.md")
    change_content(built_project)

    deployed = run_mkdocs(built_project, "gh-deploy", "--strict", "--ignore-version")

    assert deployed.returncode == 0, deployed.stderr
    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert published == set(read_tree(built_project / "site")) | {".nojekyll"}
    page = git("show", "gh-pages:actors/ada-north/index.html", cwd=remote)
    assert "Ada Northe" in page
    assert not any(name.startswith(".site.newsgen-") for name in siblings(built_project))


def start_held_build(project: Path, tmp_path: Path, *arguments: str) -> tuple[subprocess.Popen[str], Path]:
    """Start `mkdocs build`; wait until everything is written into its staging folder, before MkDocs' verdict.

    The project must list the holding hook (`add_hold_hook`).
    """
    hold = tmp_path / "hold"
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
        "HOLD_AFTER_POST_BUILD": str(hold),
    }
    process = start_mkdocs(project, environment, "build", *arguments)
    for _ in range(1200):  # a bound, not a timing assertion: the build normally holds within seconds
        if hold.exists() and hold.read_text(encoding="utf-8"):
            break
        if process.poll() is not None:
            pytest.fail(f"build ended before holding: {process.communicate()}")
        time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("build never reached the end of on_post_build")
    staging = Path(hold.read_text(encoding="utf-8"))
    assert (staging / STAGING_MARKER).is_file() and (staging / "index.html").is_file()
    assert (staging / "pagefind" / "pagefind-entry.json").is_file()  # the search index is written too
    return process, staging


def start_mkdocs(project: Path, environment: dict[str, str], *arguments: str) -> subprocess.Popen[str]:
    """`mkdocs <arguments>` started in `project`, its output captured, stopped by Ctrl-C or a closed terminal
    as it would be in a terminal (`default_stop_signals`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_stop_signals,
    )


def add_hold_hook(project: Path) -> None:
    """List a hook that holds a build at the end of `on_post_build` (it runs after every plugin's)."""
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hooks:\n  - {HOLD_HOOK}\n")


def change_content(project: Path) -> None:
    replace_in(project / "content" / "actors.yml", "name: Ada North", "name: Ada Northe")


def test_the_site_is_swapped_in_only_after_mkdocs_verdict(built_project: Path, tmp_path: Path) -> None:
    add_hold_hook(built_project)
    change_content(built_project)
    before = read_tree(built_project / "site")
    process, staging = start_held_build(built_project, tmp_path, "--strict")

    # Everything is written and every plugin has run its on_post_build: site/ is still the previous one.
    assert read_tree(built_project / "site") == before
    (tmp_path / "hold").unlink()
    _, errors = process.communicate(timeout=60)

    assert process.returncode == 0, errors
    assert not staging.exists()
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]
    assert "Ada Northe" in (built_project / "site" / "actors" / "ada-north" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("interrupt", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_kill_before_the_verdict_keeps_the_site_and_cleans_up(
    built_project: Path, tmp_path: Path, interrupt: signal.Signals
) -> None:
    add_hold_hook(built_project)
    change_content(built_project)
    before = read_tree(built_project)
    process, staging = start_held_build(built_project, tmp_path)

    process.send_signal(interrupt)
    process.communicate(timeout=60)

    assert process.returncode != 0
    assert read_tree(built_project) == before
    assert not staging.exists()
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]


def test_sigkill_keeps_the_site_and_the_next_build_removes_the_leftover(
    built_project: Path, tmp_path: Path
) -> None:
    add_hold_hook(built_project)
    change_content(built_project)
    before = read_tree(built_project)
    process, staging = start_held_build(built_project, tmp_path)

    process.kill()
    process.communicate(timeout=60)

    assert {k: v for k, v in read_tree(built_project).items() if not k.startswith(".")} == before
    assert staging.exists() and staging.parent == built_project  # a killed process cannot clean up
    unmarked = built_project / ".site.newsgen-not-ours"
    unmarked.mkdir()
    replace_in(built_project / "mkdocs.yml", f"hooks:\n  - {HOLD_HOOK}\n", "")

    result = run_mkdocs(built_project, "build")

    assert result.returncode == 0, result.stderr
    assert not staging.exists()
    assert siblings(built_project) == [".site.newsgen-not-ours", "content", "mkdocs.yml", "site"]
    assert "Ada Northe" in (built_project / "site" / "actors" / "ada-north" / "index.html").read_text("utf-8")


def test_an_unwritable_output_location_is_a_clear_error(built_project: Path) -> None:
    (built_project / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    replace_in(built_project / "mkdocs.yml", "site_dir: site", "site_dir: blocked/site")
    before = read_tree(built_project)

    result = run_mkdocs(built_project, "build")

    assert result.returncode == 1
    assert "cannot build beside" in result.stderr and "the previous site is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert read_tree(built_project) == before


def test_a_full_disk_fails_the_build_and_keeps_the_site(built_project: Path) -> None:
    change_content(built_project)
    before = read_tree(built_project)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=built_project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit_file_size(64 * 1024),
    )

    assert result.returncode != 0
    assert "ERROR   -  newsgen: cannot write the new site (File too large: " in result.stderr
    assert "the previous site/ is unchanged: free disk space or make the folder writable" in result.stderr
    assert read_tree(built_project) == before
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]


def test_serve_builds_in_place_and_build_in_a_staging_folder(built_project: Path) -> None:
    config = load_config(str(built_project / "mkdocs.yml"))
    site_dir = config.site_dir
    plugin = config.plugins["newsgen"]
    assert isinstance(plugin, NewsgenPlugin)
    handlers = {number: signal.getsignal(number) for number in TERMINATING_SIGNALS}
    try:
        plugin.on_startup(command="serve", dirty=False)
        assert plugin.on_config(config).site_dir == site_dir

        plugin.on_startup(command="build", dirty=False)
        staging = Path(plugin.on_config(config).site_dir)
        try:
            assert staging.parent == Path(site_dir).parent and (staging / STAGING_MARKER).is_file()
        finally:
            plugin.on_build_error(error=RuntimeError("test"))
    finally:
        for number, handler in handlers.items():  # the plugin installs its own
            signal.signal(number, handler)
    assert not staging.exists()
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]


def free_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def wait_until_served(url: str, process: subprocess.Popen[str]) -> str:
    for _ in range(1200):  # a bound, not a timing assertion: the first build normally takes seconds
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve ended: {process.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing served at {url}")


@pytest.mark.parametrize(
    ("arguments", "stop"),
    [
        (("--livereload", "--dirty"), signal.SIGTERM),
        (("--livereload", "--dirty"), signal.SIGHUP),
        (("--clean",), signal.SIGTERM),
        # MkDocs reports `serve --clean` to plugins as `build`, and without live reload no `on_serve` follows
        # the first build: the staged site was once swapped in only at shutdown, and an empty folder served.
        (("--clean", "--no-livereload"), signal.SIGTERM),
    ],
    ids=["as-make-serve-kill", "as-make-serve-terminal-closed", "serve-clean-kill", "serve-clean-no-reload"],
)
def test_serve_stopped_by_kill_removes_its_temporary_folders(
    tmp_path: Path, arguments: tuple[str, ...], stop: signal.Signals
) -> None:
    # MkDocs removes its temporary site folder on Ctrl-C only; `kill` (SIGTERM) or closing the terminal
    # (SIGHUP) left it behind.
    project = make_project(tmp_path, FIXTURE / "content")
    temporary = tmp_path / "tmp"  # where MkDocs makes its temporary site folder (and we ours, beside it)
    temporary.mkdir()
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    process = start_mkdocs(project, environment, "serve", "--dev-addr", f"127.0.0.1:{port}", *arguments)
    try:
        page = wait_until_served(f"http://127.0.0.1:{port}/actors/ada-north/", process)
        assert "Ada North" in page
        assert [path.name[:7] for path in temporary.iterdir()] == ["mkdocs_"]

        process.send_signal(stop)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert "Traceback" not in errors
    assert list(temporary.iterdir()) == []
    assert siblings(project) == ["content", "mkdocs.yml"]


# -- deterministic ---


def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    epoch = 978307200  # 2001-01-01: far from today, so a wall-clock date would show
    for seed, name in (("1", "first"), ("2", "second")):
        project = make_project(tmp_path / name, FIXTURE / "content")
        with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("site_url: https://example.org/\n")  # the sitemap lists pages only with a site URL
        environment = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": str(epoch),
            "PYTHONHASHSEED": seed,
        }
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        trees.append(read_tree(project / "site"))

    assert trees[0].keys() == trees[1].keys()
    assert [path for path in trees[0] if trees[0][path] != trees[1][path]] == []
    sitemap = trees[0]["sitemap.xml"].decode()
    assert "<lastmod>2001-01-01</lastmod>" in sitemap
    compressed = trees[0]["sitemap.xml.gz"]
    assert int.from_bytes(compressed[4:8], "little") == epoch  # gzip header mtime
    assert gzip.decompress(compressed).decode() == sitemap
    # With a site URL, a shared link's preview names the page's address.
    actor = trees[0]["actors/bo-south/index.html"].decode()
    assert '<meta property="og:url" content="https://example.org/actors/bo-south/">' in actor


def test_a_generated_page_outside_the_docs_root_stops_the_build(tmp_path: Path) -> None:
    config = load_config(str(make_project(tmp_path, FIXTURE / "content") / "mkdocs.yml"))
    page = GeneratedPage(path="../../outside.md", markdown="# x\n", source="content/actors.yml")

    with pytest.raises(PluginError) as caught:
        generated_file(page, config)

    assert str(caught.value) == "newsgen: refusing to write outside the output folder: '../../outside.md'"


def test_theme_ids_foreign_images_and_uncited_footnotes_in_a_body_stop_the_strict_build(
    built_project: Path,
) -> None:
    # `{: #__config }` would give a paragraph the id from which Material reads its configuration.
    article = built_project / "content" / "articles" / "2024" / "2024-03-01-first-offer.md"
    last_line = article.read_text(encoding="utf-8").count("\n")
    with article.open("a", encoding="utf-8") as body:
        body.write(
            '\n{"base": "https://evil.example", "search": "https://evil.example/w.js"}\n{: #__config }\n'
            "\n![map](//evil.example/x.png)\n\n[^note]: Never cited.\n"
        )
    before = read_tree(built_project)

    result = run_mkdocs(built_project, "build", "--strict")

    path = "content/articles/2024/2024-03-01-first-offer.md"
    assert result.returncode == 1
    for line, column, message in [
        (last_line + 3, 4, "error: an id '__config' is not allowed in Markdown"),
        (last_line + 5, 7, "error: image '//evil.example/x.png' would load from another host"),
        (last_line + 7, 1, "error: footnote [^note] is defined but never cited"),
    ]:
        assert f"{path}:{line}:{column}: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert read_tree(built_project) == before
    assert siblings(built_project) == ["content", "mkdocs.yml", "site"]


def test_pathological_markdown_in_a_page_stops_the_build_quickly(built_project: Path) -> None:
    # Rendered, 20 KB of unclosed brackets take Python-Markdown minutes; 600 nested lists, a RecursionError.
    about = built_project / "content" / "pages" / "about.md"
    about.write_text("# About\n\n" + "[" * 20_000 + "\n\n" + "- " * 600 + "deep\n", encoding="utf-8")
    before = read_tree(built_project)

    start = time.perf_counter()
    result = run_mkdocs(built_project, "build", "--strict")
    elapsed = time.perf_counter() - start

    assert result.returncode == 1
    assert (
        "content/pages/about.md:3:17: error: more than 16 brackets '[' or '](' are open here" in result.stderr
    )
    assert (
        "content/pages/about.md:5:65: error: quotes, lists and indented blocks are nested more than 32 "
        "levels deep here: flatten them" in result.stderr
    )
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert read_tree(built_project) == before
    assert elapsed < 60, elapsed  # a bound for a busy machine: the build itself takes a few seconds


def test_hostile_titles_and_descriptions_are_literal_in_the_sharing_tags(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    for page, title, description in (
        ("articles/2024-03-01-first-offer/index.html", "Title", "Lead"),
        ("about/index.html", "About", "Desc"),
        ("actors/ada-north/index.html", "Name", "Summary"),
    ):
        head = pages[page].head
        properties = {meta["property"]: meta["content"] for meta in head.select("meta[property^='og:']")}
        names = {meta["name"]: meta["content"] for meta in head.select("meta[name^='twitter:']")}
        assert properties["og:title"] == names["twitter:title"] == f"{title} {HOSTILE}", page
        assert properties["og:description"] == names["twitter:description"] == f"{description} {HOSTILE}", (
            page
        )
        assert not head.select("img, [onerror]"), page
        assert "alert(2)" not in " ".join(script.get_text() for script in head.select("script:not([type])"))
