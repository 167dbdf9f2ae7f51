"""The GitHub workflows, CODEOWNERS and pre-commit hooks, linted offline."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.load.loader import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHA = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def workflow(name: str) -> dict[str, Any]:
    return parse_yaml((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in document["jobs"].values() for step in job["steps"]]


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False)


def test_workflows_match_the_github_workflow_schema() -> None:
    result = run(
        BIN / "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *sorted(WORKFLOWS.glob("*.yml")),
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    result = run(BIN / "zizmor", "--offline", "--persona=pedantic", WORKFLOWS)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_would_catch_the_mistakes_these_workflows_avoid(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
    )

    result = run(BIN / "zizmor", "--offline", bad.parent)

    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert audit in result.stdout


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_least_privilege_pinned_and_no_credentials_left_behind(name: str) -> None:
    document = workflow(name)

    assert document["permissions"] == {}
    assert all("permissions" in job for job in document["jobs"].values())
    assert "pull_request_target" not in document["on"]
    for step in steps(document):
        if "uses" in step:
            assert SHA.match(step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_the_pull_request_workflow_checks_builds_tests_and_summarises() -> None:
    document = workflow("pull-request.yml")
    commands = "\n".join(step.get("run", "") for step in steps(document))
    uses = [step.get("uses", "").split("@")[0] for step in steps(document)]

    assert list(document["on"]) == ["pull_request"]
    assert document["jobs"]["check-build-test"]["permissions"] == {"contents": "read"}
    assert ".venv/bin/newsgen check --strict" in commands
    assert ".venv/bin/newsgen schema --check" in commands
    assert "make site" in commands  # mkdocs build --strict, then newsgen audit site (see the Makefile)
    assert "make test" in commands
    assert re.search(r"newsgen diff .* >> \"\$GITHUB_STEP_SUMMARY\"", commands)
    assert "actions/upload-artifact" in uses
    # Untrusted values reach the shell only through the environment, never spliced into the script.
    assert "${{" not in commands


def test_the_deploy_workflow_builds_once_and_deploys_that_build() -> None:
    document = workflow("deploy.yml")
    build, deploy = document["jobs"]["build"], document["jobs"]["deploy"]

    assert document["on"]["push"] == {"branches": ["main"]}
    assert document["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert "actions/upload-pages-artifact" in [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "make site" in [step.get("run") for step in build["steps"]]


def test_codeowners_guard_the_code_paths() -> None:
    owned = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line and line[0] != "#"
    }

    assert {"/mkdocs.yml", "/generator/", "/theme_overrides/", "/.github/"} <= owned
    assert not any(path.startswith("/content") for path in owned)


def test_pre_commit_runs_the_check_and_ruff_with_local_tools() -> None:
    config = parse_yaml((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}

    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert hooks["newsgen-check"]["entry"] == ".venv/bin/newsgen check --strict"
    assert hooks["ruff"]["entry"] == ".venv/bin/ruff check generator tests"
    for hook in hooks.values():
        assert (BIN / Path(hook["entry"].split()[0]).name).is_file()  # installed by `make site`


def run_make(target: str, bin_folder: Path) -> subprocess.CompletedProcess[str]:
    """`make target` with the tools in `bin_folder`, the virtualenv taken as installed."""
    return run("make", "--no-print-directory", "-C", ROOT, target, "STAMP=", f"BIN={bin_folder}")


def test_make_check_runs_every_step_and_then_fails(tmp_path: Path) -> None:
    newsgen = tmp_path / "newsgen"  # fails every step, and says which it was
    newsgen.write_text('#!/bin/sh\necho "ran: $*"\nexit 1\n')
    newsgen.chmod(0o755)

    result = run_make("check", tmp_path)

    assert result.returncode != 0
    assert "ran: check --strict" in result.stdout
    assert "ran: schema --check" in result.stdout  # not skipped because the first step failed


def test_make_site_reports_content_problems_once_through_the_build() -> None:
    planned = run("make", "--dry-run", "-C", ROOT, "site", "STAMP=").stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")

    assert "mkdocs build --strict" in planned
    assert "newsgen check" not in planned  # the build checks the same content and prints the same report
    assert "fails on any warning" not in makefile
