"""`make bench`: build synthetic corpora of several sizes and report one Markdown table.

Usage: `python -m benchmarks.run [--sizes 100,1000,5000,10000] [--edit-loop-size 1000]
[--shape flow|block] [--out FILE]`. The shape is how the synthetic corpus is written (benchmarks/corpus.py);
the table says which.
Everything is written below a temporary folder that is removed afterwards; the project's content/ is never
touched. Every measurement runs in its own process, so numbers are cold and peak memory is per process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.corpus import SHAPES, Shape, article_path, article_slug, write_corpus
from benchmarks.project import write_config
from benchmarks.search_bytes import measure_search_bytes
from generator.build.search import SEARCH_FOLDER, build_search_index
from generator.load.mentions import Mention, replace_mentions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 1000, 5000, 10000)
EDIT_LOOP_TIMEOUT = 120.0
SERVE_START_TIMEOUT = 600.0
EDIT_MARKER = "Edited for the benchmark"
MISSING = "\N{EN DASH}"


@dataclass
class Row:
    """The measurements for one corpus size; None where a measurement was not taken."""

    articles: int
    values: dict[str, float | None] = field(default_factory=dict)


COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (key, header, format)
    ("pages", "pages", "{:,.0f}"),
    ("load", "load s", "{:.2f}"),
    ("validate", "validate s", "{:.2f}"),
    ("index", "index s", "{:.2f}"),
    ("render", "render s", "{:.2f}"),
    ("stages", "stages s", "{:.2f}"),
    ("stages_cpu", "stages CPU s", "{:.2f}"),
    ("stages_peak_mb", "stages peak MB", "{:,.0f}"),
    ("files_cpu", "feeds + open data CPU s", "{:.2f}"),
    ("check", "`newsgen check` s", "{:.2f}"),
    ("check_cpu", "`newsgen check` CPU s", "{:.2f}"),
    ("build", "`mkdocs build` s", "{:.1f}"),
    ("build_cpu", "`mkdocs build` CPU s", "{:.1f}"),
    ("serial_build", "`mkdocs build`, one process s", "{:.1f}"),
    ("serial_build_cpu", "`mkdocs build`, one process CPU s", "{:.1f}"),
    ("pregenerated_build", "build of pre-generated pages s", "{:.1f}"),
    ("pregenerated_build_cpu", "build of pre-generated pages CPU s", "{:.1f}"),
    ("overhead", "overhead x (CPU)", "{:.2f}"),
    ("plain_build", "plain-reports build s", "{:.1f}"),
    ("plain_build_cpu", "plain-reports build CPU s", "{:.1f}"),
    ("full_to_plain", "full / plain x (CPU)", "{:.2f}"),
    ("full_to_plain_wall", "full / plain x (wall)", "{:.2f}"),
    ("serial_to_plain", "one process / plain x (CPU)", "{:.2f}"),
    ("serial_to_plain_wall", "one process / plain x (wall)", "{:.2f}"),
    ("pregenerated_to_plain", "pre-generated / plain x (CPU)", "{:.2f}"),
    ("pregenerated_to_plain_wall", "pre-generated / plain x (wall)", "{:.2f}"),
    ("ms_per_article", "build CPU ms / article", "{:.1f}"),
    ("build_peak_mb", "build peak MB", "{:,.0f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("html_kb_per_page", "HTML KB / page", "{:.1f}"),
    ("html_kb_max", "largest HTML page KB", "{:,.0f}"),
    ("search_mb", "search index MB", "{:.2f}"),
    ("search_index_s", "search index build s", "{:.1f}"),
    ("first_view_search_kb", "first view: search KB", "{:,.0f}"),
    ("first_search_kb", "first search KB", "{:,.0f}"),
    ("edit_loop", "edit loop s (`serve --dirty`)", "{:.2f}"),
)


def format_table(rows: Sequence[Row]) -> str:
    """One Markdown table, a row per corpus size; a missing measurement shows as a dash."""
    header = ["articles", *(title for _, title, _ in COLUMNS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for row in rows:
        cells = [f"{row.articles:,}"]
        for key, _, template in COLUMNS:
            value = row.values.get(key)
            cells.append(MISSING if value is None else template.format(value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


RESULTS_START = "<!-- bench:start -->"
RESULTS_END = "<!-- bench:end -->"


def write_results(path: Path, block: str) -> None:
    """Put `block` between the bench markers of `path`, keeping the notes around them (or write it alone)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    before, start, rest = text.partition(RESULTS_START)
    _, end, after = rest.partition(RESULTS_END)
    if not (start and end):
        before, after = "", ""
    path.write_text(f"{before}{RESULTS_START}\n{block}{RESULTS_END}{after}", encoding="utf-8")


def machine_description() -> str:
    """nproc, CPU model, Python version and OS: what the numbers were measured on."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}){memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _environment() -> dict[str, str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    environment["PYTHONPATH"] = str(ROOT)
    return environment


@dataclass(frozen=True)
class Measured:
    """What one process took: wall and CPU seconds, peak resident memory, its standard output."""

    wall: float
    cpu: float
    peak_mb: float
    stdout: str


def run_measured(command: Sequence[str], cwd: Path) -> Measured:
    """Run `command` in its own process and measure it; raise if it fails."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=_environment(), stdout=stdout, stderr=stderr)
        # os.wait4 reports this child's own peak memory, not the maximum over every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode:
            message = stderr.read().decode(errors="replace")[-4000:]
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{message}")
        cpu = usage.ru_utime + usage.ru_stime
        return Measured(elapsed, cpu, usage.ru_maxrss / 1024, stdout.read().decode())


def make_project(directory: Path, articles: int, shape: Shape = "flow") -> Path:
    """A throwaway project: the real mkdocs.yml (absolute theme paths) and a synthetic content/ of `shape`."""
    project = directory / f"n{articles}"
    write_corpus(project / "content", articles, shape=shape)
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    write_config(project)
    return project


PLUGIN_ENTRY = "  - newsgen:\n"


def write_serial_config(project: Path) -> str:
    """Beside `project/mkdocs.yml`, the same configuration converting pages in one process (`workers: 1`);
    the file's name, for `mkdocs build -f`."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    serial = project / "mkdocs-serial.yml"
    serial.write_text(config.replace(PLUGIN_ENTRY, f"{PLUGIN_ENTRY}      workers: 1\n", 1), encoding="utf-8")
    return serial.name


def make_pregenerated_project(project: Path) -> Path:
    """The same site as plain Markdown: `newsgen generate` output plus the hand-written pages, no plugin."""
    pregenerated = project / "pregenerated"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.adapters.cli",
            "generate",
            "--content",
            "content",
            "--out",
            "pregenerated/docs",
        ],
        cwd=project,
        env=_environment(),
        check=True,
        capture_output=True,
    )
    shutil.copytree(project / "content" / "pages", pregenerated / "docs", dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content/pages", "docs_dir: docs")
    # MkDocs' own switch for any plugin: the Markdown is generated already.
    config = config.replace(PLUGIN_ENTRY, f"{PLUGIN_ENTRY}      enabled: false\n", 1)
    config = config.replace("  - content\n", "  - docs\n")
    (pregenerated / "mkdocs.yml").write_text(config, encoding="utf-8")
    return pregenerated


def mention_text(mention: Mention) -> str:
    """What a plain page shows for a body's `[[id]]` or `[[label|id]]` mention: the label, else the id."""
    return mention.label or mention.entity_id


def plain_report(article: str) -> str:
    """An article file as a plain Markdown page: its title as the heading, then its body, mentions as text."""
    _, front, body = article.split("---\n", 2)
    title = str(yaml.safe_load(front)["title"])
    return f"# {title}\n\n{replace_mentions(body, mention_text)}"


def make_plain_reports_project(project: Path) -> Path:
    """The reports alone as a plain MkDocs + Material site: each article's title and body as a page, built
    with the same theme, overrides and Markdown extensions, no newsgen plugin, a one-page nav, and (outside
    MkDocs, as the plugin does) the same Pagefind search over the built site. Pages are at
    `articles/<slug>.md`, as on the full site, so a body's link to another report (`<slug>.md`) resolves."""
    plain = project / "plain-reports"
    docs = plain / "docs"
    (docs / "articles").mkdir(parents=True)
    for article in sorted((project / "content" / "articles").rglob("*.md")):
        page = docs / "articles" / article.name
        page.write_text(plain_report(article.read_text(encoding="utf-8")), encoding="utf-8")
    (docs / "index.md").write_text(
        "# Reports\n\nThe reports of the story, one page each.\n", encoding="utf-8"
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", nav=[{"Home": "index.md"}], plugins=[], watch=[])
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return plain


SEARCH_INDEX_COMMAND = (
    "import sys, pathlib; from generator.build.search import build_search_index; "
    "build_search_index(pathlib.Path(sys.argv[1]))"
)
"""Pagefind over a built site, as the newsgen plugin runs it at the end of a full build."""


def build_and_index(project: Path) -> Measured:
    """`mkdocs build` of a project without the newsgen plugin, then Pagefind over its site, as the plugin
    would run it: wall and CPU seconds of both together, the larger peak memory."""
    build = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project)
    search = run_measured([sys.executable, "-c", SEARCH_INDEX_COMMAND, str(project / "site")], cwd=project)
    return Measured(
        build.wall + search.wall, build.cpu + search.cpu, max(build.peak_mb, search.peak_mb), build.stdout
    )


SEARCH_QUERIES = ("sanctions",)
"""Typed into the search on a fresh page view, after the most quoted actor's name: a word in most reports."""


def site_measurements(site: Path) -> dict[str, float]:
    """Site size, HTML bytes per page (mean and largest) and the search index size (all of its files)."""
    files = [path for path in site.rglob("*") if path.is_file()]
    html = [path.stat().st_size for path in files if path.suffix == ".html"]
    index = [path for path in files if path.is_relative_to(site / SEARCH_FOLDER)]
    return {
        "site_mb": sum(path.stat().st_size for path in files) / 1e6,
        "html_kb_per_page": sum(html) / len(html) / 1e3,
        "html_kb_max": max(html) / 1e3,
        "search_mb": sum(path.stat().st_size for path in index) / 1e6 if index else float("nan"),
    }


def top_actor_name(content: Path) -> str:
    """The name of the corpus's most quoted actor (the first in `actors.yml`)."""
    actors = yaml.safe_load((content / "actors.yml").read_text(encoding="utf-8"))
    if not actors:
        raise ValueError("actors.yml names no actor")
    return str(actors[0]["name"])


def search_measurements(site: Path, content: Path) -> dict[str, float | None]:
    """Seconds to build the search index again; bytes of search files on a first page view (must be none)
    and the most any first search downloads (Chromium; none without it)."""
    start = time.perf_counter()
    build_search_index(site)
    values: dict[str, float | None] = {"search_index_s": time.perf_counter() - start}
    if shutil.which("chromium") is None:
        return values
    rows = measure_search_bytes(site, (top_actor_name(content), *SEARCH_QUERIES), path="about/")
    if any(row["failed_requests"] or not row.get("results") for row in rows):
        raise RuntimeError(f"a search in the benchmark site failed or found nothing: {rows}")
    values["first_view_search_kb"] = max(row["first_view_search_bytes"] for row in rows) / 1e3
    values["first_search_kb"] = max(row["first_search_bytes"] for row in rows) / 1e3
    return values


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # only ever the loopback server
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    """Poll `url` until its body contains `text`; the seconds it took, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def marked_title(article: str, marker: str) -> str:
    """The article with `marker` at the start of its title, plain (`title: x`) or double-quoted (`"x"`)."""
    opening = '\ntitle: "' if '\ntitle: "' in article else "\ntitle: "
    return article.replace(opening, f"{opening}{marker} ", 1)


def measure_edit_loop(project: Path, *arguments: str, edits: int = 3) -> float | None:
    """Seconds from saving one edited article to `mkdocs serve` serving the changed page (None: timed out).

    The median of `edits` successive edits of the same article, each waited for before the next.
    """
    port = _free_port()
    number = 1
    url = f"http://127.0.0.1:{port}/articles/{article_slug(number)}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *arguments],
        cwd=project,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if _wait_for(url, "<html", SERVE_START_TIMEOUT) is None:
            raise RuntimeError("mkdocs serve did not come up")
        path = project / "content" / article_path(number)
        original = path.read_text(encoding="utf-8")
        timings = []
        for _ in range(edits):
            time.sleep(1.0)  # let the file watcher settle after the previous build
            marker = f"{EDIT_MARKER} {time.time_ns()}"  # never on the page before this edit
            start = time.perf_counter()
            path.write_text(marked_title(original, marker), encoding="utf-8")
            if _wait_for(url, marker, EDIT_LOOP_TIMEOUT) is None:
                return None
            timings.append(time.perf_counter() - start)
        path.write_text(original, encoding="utf-8")
        return statistics.median(timings)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def measure(directory: Path, articles: int, edit_loop: bool, shape: Shape = "flow") -> Row:
    """Every measurement for a corpus of `articles` articles written in `shape`."""
    row = Row(articles)
    project = make_project(directory, articles, shape)
    stages_run = run_measured([sys.executable, "-m", "benchmarks.stages", str(project / "content")], cwd=ROOT)
    stages = json.loads(stages_run.stdout)
    row.values.update({key: stages[key] for key in ("load", "validate", "index", "render", "pages")})
    row.values["stages"] = sum(stages[key] for key in ("load", "validate", "index", "render"))
    row.values["stages_cpu"] = stages["cpu"]
    row.values["files_cpu"] = stages["files_cpu"]
    row.values["stages_peak_mb"] = stages_run.peak_mb
    check = run_measured(
        [sys.executable, "-m", "generator.adapters.cli", "check", "--content", "content"], cwd=project
    )
    row.values.update(check=check.wall, check_cpu=check.cpu)
    build = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project)
    row.values.update(build=build.wall, build_cpu=build.cpu, build_peak_mb=build.peak_mb)
    row.values["ms_per_article"] = build.cpu / articles * 1000
    row.values.update(site_measurements(project / "site"))
    row.values.update(search_measurements(project / "site", project / "content"))
    shutil.rmtree(project / "site")
    serial_config = write_serial_config(project)
    serial = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", serial_config], cwd=project)
    row.values.update(serial_build=serial.wall, serial_build_cpu=serial.cpu)
    shutil.rmtree(project / "site")
    pregenerated = make_pregenerated_project(project)
    pregenerated_run = build_and_index(pregenerated)
    row.values.update(pregenerated_build=pregenerated_run.wall, pregenerated_build_cpu=pregenerated_run.cpu)
    # CPU time, not wall time: this machine is shared, and CPU seconds are what other processes disturb least.
    row.values["overhead"] = build.cpu / pregenerated_run.cpu
    shutil.rmtree(pregenerated)
    plain_reports = make_plain_reports_project(project)
    reports = build_and_index(plain_reports)
    shutil.rmtree(plain_reports)
    row.values.update(plain_build=reports.wall, plain_build_cpu=reports.cpu)
    row.values["full_to_plain"] = build.cpu / reports.cpu
    row.values["full_to_plain_wall"] = build.wall / reports.wall
    row.values["serial_to_plain"] = serial.cpu / reports.cpu
    row.values["serial_to_plain_wall"] = serial.wall / reports.wall
    row.values["pregenerated_to_plain"] = pregenerated_run.cpu / reports.cpu
    row.values["pregenerated_to_plain_wall"] = pregenerated_run.wall / reports.wall
    if edit_loop:
        row.values["edit_loop"] = measure_edit_loop(project, "--dirty")
    shutil.rmtree(project)
    return row


def shaped_table(shape: Shape, rows: Sequence[Row]) -> str:
    """The table with a line above it saying which corpus shape was measured."""
    return f"Corpus shape: {shape}\n\n{format_table(rows)}"


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line: sizes, edit-loop size, corpus shape and output file."""
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated N values")
    parser.add_argument("--edit-loop-size", type=int, default=1000, help="N at which to time the edit loop")
    parser.add_argument(
        "--shape", choices=SHAPES, default="flow", help="how the synthetic corpus is written (default: flow)"
    )
    parser.add_argument("--out", type=Path, help="also write the table, with the machine, to this file")
    arguments = parser.parse_args(argv)
    arguments.sizes = [int(size.replace("_", "")) for size in arguments.sizes.split(",") if size.strip()]
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every size, print the table (and write it to `--out` with the machine it ran on)."""
    arguments = parse_arguments(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsgen-bench-") as directory:
        for size in arguments.sizes:
            print(f"bench: {size:,} articles, {arguments.shape} shape ...", file=sys.stderr, flush=True)
            edit_loop = size == arguments.edit_loop_size
            rows.append(measure(Path(directory), size, edit_loop, arguments.shape))
            table = shaped_table(arguments.shape, rows)
            print(table, file=sys.stderr, flush=True)
            if arguments.out:  # after every size, so a long run that is stopped still leaves its numbers
                write_results(arguments.out, f"Machine: {machine_description()}\n\n{table}")
    print(shaped_table(arguments.shape, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
