"""A throwaway MkDocs project that builds other content with this repository's config, plugin and theme."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_config(project: Path) -> Path:
    """Write `project/mkdocs.yml`: the real one, with the theme and watched folders made absolute.

    The newsgen plugin (installed) reads `project/content`, as `content_dir` says.
    """
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: theme_overrides", f"custom_dir: {ROOT / 'theme_overrides'}")
    config = config.replace("  - generator\n", f"  - {ROOT / 'generator'}\n")
    config = config.replace("  - theme_overrides\n", f"  - {ROOT / 'theme_overrides'}\n")
    path = project / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path
