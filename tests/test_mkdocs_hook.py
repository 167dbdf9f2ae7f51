"""The MkDocs adapter: a `--dirty` rebuild in one process rewrites only the pages whose Markdown changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_build import FIXTURE, make_project

ARTICLE = "content/articles/2024/2024-03-10-south-accepts.md"


def built_html_times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def dirty_build(project: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_dirty_rebuild_rewrites_only_changed_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, FIXTURE / "content")
    monkeypatch.chdir(project)
    monkeypatch.delenv("NEWSGEN_CONTENT_DIR", raising=False)
    dirty_build(project)
    # Make any rewrite visible in the modification time, however coarse the file system's clock.
    for path in (project / "site").rglob("*.html"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**9))
    before = built_html_times(project / "site")

    article = project / ARTICLE
    article.write_text(article.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    dirty_build(project)
    after = built_html_times(project / "site")

    rewritten = {path for path in before if after[path] != before[path]}
    assert "articles/2024-03-10-south-accepts/index.html" in rewritten
    assert "Edited " in (project / "site/articles/2024-03-10-south-accepts/index.html").read_text()
    assert "actors/ada-north/index.html" not in rewritten  # not involved in the edited article
    assert "venues/hill-palace/index.html" not in rewritten
    assert len(rewritten) < len(before) // 2
