"""The package's layout shows the flow: no stage imports a later one (imports for type hints aside)."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

STAGES = (
    "domain",
    "problems",
    "workers",
    "load",
    "check",
    "index",
    "outputs",
    "render",
    "build",
    "tools",
    "adapters",
)
"""Each stage may import the ones before it: the model first, the edges (MkDocs plugin, CLI) last."""


def stage_of(module: str) -> str:
    """`generator.check.validate` -> `check`; `generator.index` -> `index`."""
    return module.split(".")[1]


def runtime_imports(path: Path) -> list[str]:
    """The `generator.*` modules `path` imports when it runs (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names if alias.name.startswith("generator."))
    return found


def test_every_module_belongs_to_a_stage() -> None:
    for path in GENERATOR.rglob("*.py"):
        relative = path.relative_to(GENERATOR)
        if relative.name == "__init__.py" and len(relative.parts) == 1:
            continue
        assert relative.parts[0].removesuffix(".py") in STAGES, relative


def test_no_stage_imports_a_later_one() -> None:
    backwards = []
    for path in sorted(GENERATOR.rglob("*.py")):
        importer = path.relative_to(GENERATOR).parts[0].removesuffix(".py")
        if importer not in STAGES:
            continue
        for module in runtime_imports(path):
            if STAGES.index(stage_of(module)) > STAGES.index(importer):
                backwards.append(f"{path.relative_to(GENERATOR)} imports {module}")
    assert backwards == []


def test_the_layout_test_sees_a_backward_import(tmp_path: Path) -> None:
    module = tmp_path / "validate.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nfrom generator.render.render import x\n"
        "if TYPE_CHECKING:\n    from generator.index import Index\n"
    )
    assert runtime_imports(module) == ["generator.render.render"]
