"""CI wiring: browser tests skip without chromium on a developer's machine, but fail under CI=true."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_browser_tests_without_chromium(ci: str | None) -> subprocess.CompletedProcess[str]:
    # Only the interpreter's own folder on PATH: no chromium to be found.
    environment = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    environment.pop("CI", None)
    if ci is not None:
        environment["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests/test_browser.py"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_chromium_browser_tests_skip_outside_ci() -> None:
    result = run_browser_tests_without_chromium(None)
    assert result.returncode == 5, result.stdout  # pytest's "no tests ran": the module skipped
    assert "1 skipped" in result.stdout
    assert "chromium is not installed (CI installs it)" in result.stdout


def test_without_chromium_browser_tests_fail_under_ci() -> None:
    result = run_browser_tests_without_chromium("true")
    assert result.returncode not in (0, 5), result.stdout
    assert "chromium is not installed" in result.stdout + result.stderr


def test_ci_installs_chromium_and_sets_ci_before_testing() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in script
    assert "apt-get install -y chromium" in script
    assert script.index("apt-get install -y chromium") < script.index("make test")
