"""Property tests: whatever a contributor writes, the checker answers with located problems, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, ISSUES, VALID, VENUES, load_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.pipeline import check_content
from generator.check.validate import validate_content
from generator.problems import Problem

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRONT, BODY = ARTICLE.removeprefix("---\n").split("---\n", 1)
VALID_FRONT: dict[str, Any] = yaml.safe_load(FRONT)
VALID_REGISTRIES: dict[str, list[Any]] = {
    "actors": yaml.safe_load(ACTORS),
    "venues": yaml.safe_load(VENUES),
    "issues": yaml.safe_load(ISSUES),
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["alice-example", "bob-sample", "exampleton", "harbour-deal", "2025-05-19", "NO", "<b>"]),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """`document` with a few random changes: a value replaced, a key removed or added, deep inside too."""
    if isinstance(document, dict) and document:
        document = dict(document)
        key = draw(st.sampled_from(sorted(document)))
        action = draw(st.sampled_from(["replace", "remove", "add", "recurse"]))
        if action == "replace":
            document[key] = draw(values)
        elif action == "remove":
            del document[key]
        elif action == "add":
            document[draw(st.text(max_size=12))] = draw(values)
        else:
            document[key] = draw(mutated(document[key]))
        return document
    if isinstance(document, list) and document:
        document = list(document)
        position = draw(st.integers(0, len(document) - 1))
        document[position] = draw(mutated(document[position]))
        return document
    return draw(values)


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.path, problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.severity in ("error", "warning")
        assert problem.message


def check_texts(texts: dict[str, str]) -> list[Problem]:
    _, problems = validate_content(load_texts(texts))
    assert_located(problems)
    return problems


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(st.data())
def test_mutated_front_matter_gives_located_problems(data: st.DataObject) -> None:
    front = data.draw(mutated(VALID_FRONT))
    check_texts({**VALID, ARTICLE_PATH: f"---\n{dump(front)}---\n{BODY}"})


@SETTINGS
@given(st.sampled_from(sorted(VALID_REGISTRIES)), st.data())
def test_mutated_registries_give_located_problems(name: str, data: st.DataObject) -> None:
    registry = data.draw(mutated(VALID_REGISTRIES[name]))
    check_texts({**VALID, f"content/{name}.yml": dump(registry)})


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=200))
def test_random_text_as_front_matter_and_body_gives_located_problems(front: str, body: str) -> None:
    check_texts({**VALID, ARTICLE_PATH: f"---\n{front}\n---\n{body}"})
    check_texts({**VALID, ARTICLE_PATH: front + body})


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_as_a_registry_gives_located_problems(text: str) -> None:
    check_texts({**VALID, "content/actors.yml": text})


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["content/actors.yml", ARTICLE_PATH]))
def test_random_bytes_in_a_file_give_located_problems(raw: bytes, path: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in VALID.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        (root / path).write_bytes(raw)
        _, problems = check_content(root / "content", display_root=root)
    assert_located(problems)


@SETTINGS
@given(
    st.text(alphabet=st.sampled_from("<>&#;:/()[]{}=\"' \n\tjavscriptJAVSCRIPonerrlick!*_`|"), max_size=120)
)
def test_random_markup_in_a_body_gives_located_problems(body: str) -> None:
    check_texts({**VALID, ARTICLE_PATH: ARTICLE + body})
