"""Time the generator's stages on one content folder in a fresh process; print the result as JSON.

Usage: `python -m benchmarks.stages CONTENT_DIR`. Run it in its own process so the numbers are cold and the
peak memory (`ru_maxrss`) is the generator's alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from generator.build.pipeline import generated_files, paused_garbage_collection
from generator.check.validate import validate_stream
from generator.index import build_index
from generator.load.loader import stream_content
from generator.outputs.feeds import Site
from generator.render.render import render_site

T = TypeVar("T")


class _TimedIterator(Iterator[T]):
    """Hands out what `items` yields, adding up the seconds spent producing it."""

    def __init__(self, items: Iterator[T]) -> None:
        self.items = items
        self.seconds = 0.0

    def __next__(self) -> T:
        start = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - start


def time_stages(content_dir: Path) -> dict[str, float]:
    """Seconds spent in load, validate, index and render (and, apart, feeds + open data), the page count,
    the Markdown size and the peak memory in MB. Frees what the pipeline frees, when it frees it.

    Load and validate run interleaved, one article at a time, as `check_content` runs them: load is the time
    spent reading and parsing (the registries, then each article when validation asks for it), validate the
    rest.
    """
    start = time.perf_counter()
    cpu_start = time.process_time()
    stream = stream_content(content_dir)
    articles = _TimedIterator(stream.articles)
    registries_seconds = time.perf_counter() - start
    content, problems = validate_stream(stream.registries, articles, stream.problems)
    validated_at = time.perf_counter()
    if content is None:
        raise SystemExit("\n".join(problem.format() for problem in problems))
    load_seconds = registries_seconds + articles.seconds
    del stream, articles  # as `check_content` does: nothing parsed is kept once validated
    index = build_index(content)
    indexed_at = time.perf_counter()
    # Feeds and open data next, as the pipeline builds them (each file written and dropped), timed apart.
    files_start, files_cpu_start = time.perf_counter(), time.process_time()
    files_bytes = sum(len(data) for _, data in generated_files(index, Site(name="Benchmark")))
    files_cpu = time.process_time() - files_cpu_start
    files_time = time.perf_counter() - files_start
    render_start = time.perf_counter()
    pages = render_site(index)
    rendered_at = time.perf_counter()
    cpu = time.process_time() - cpu_start - files_cpu
    return {
        "load": load_seconds,
        "validate": validated_at - start - load_seconds,
        "index": indexed_at - validated_at,
        "render": rendered_at - render_start,
        "files": files_time,
        "cpu": cpu,
        "files_cpu": files_cpu,
        "files_mb": files_bytes / 1e6,
        "pages": len(pages),
        "markdown_bytes": sum(len(page.markdown.encode()) for page in pages.values()),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    with paused_garbage_collection():  # as the pipeline runs them
        print(json.dumps(time_stages(Path(sys.argv[1]))))
