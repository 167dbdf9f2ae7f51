"""The fast YAML reader: same data as the reference reader, and every text it cannot vouch for handed over."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ARTICLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import loader
from generator.loader import (
    MAX_NESTING_DEPTH,
    YamlProblem,
    build_data,
    parse_yaml,
    parse_yaml_reference,
    read_simple_yaml,
    split_front_matter,
)

ROOT = Path(__file__).resolve().parent.parent
PARSERS = [loader._PythonEventParser, loader._EventParser]
"""The pure-Python event parser, and the C one (the same class again without the extension)."""

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class PythonStrictLoader(yaml.SafeLoader):
    """`StrictLoader` as it is where PyYAML was built without libyaml."""

    yaml_implicit_resolvers = loader.StrictLoader.yaml_implicit_resolvers
    yaml_constructors = loader.StrictLoader.yaml_constructors


WORLDS = [(loader._EventParser, loader.StrictLoader), (loader._PythonEventParser, PythonStrictLoader)]
"""With PyYAML's C extension (where it is installed), and without it: both readers use the same one."""


@contextlib.contextmanager
def world(parser: Any, strict_loader: type) -> Iterator[None]:
    saved = loader._EventParser, loader.StrictLoader
    loader._EventParser, loader.StrictLoader = parser, strict_loader
    try:
        yield
    finally:
        loader._EventParser, loader.StrictLoader = saved


def typed(value: Any) -> Any:
    """`value` with the type of every part, so that `1 == True` or `1 == 1.0` cannot hide a difference."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def outcome(read: Any, text: str) -> Any:
    try:
        return ("data", typed(read(text)))
    except YamlProblem as problem:
        return ("problem", problem.line, problem.column, problem.message)


def assert_same_as_reference(text: str) -> None:
    """`parse_yaml` answers as the reference reader, and so does the fast reader wherever it answers."""
    for parser, strict_loader in WORLDS:
        with world(parser, strict_loader):
            assert outcome(parse_yaml, text) == outcome(parse_yaml_reference, text)
            if "\t" in text or loader._may_hold_directive(text):
                continue  # never given to the fast reader (see the reserved directive below)
            try:
                fast = typed(build_data(parser(text)))
            except Exception:
                continue  # handed to the reference reader, checked above
            assert fast == typed(parse_yaml_reference(text))
    try:
        simple = typed(read_simple_yaml(text))
    except Exception:
        return  # handed to the event reader, checked above
    assert simple == typed(parse_yaml_reference(text))


def shipped_yaml() -> list[Path]:
    return sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "content" / "articles").rglob("*.md"))


@pytest.mark.parametrize("path", shipped_yaml(), ids=lambda path: path.name)
def test_shipped_content_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(loader.SourceFile(path.name, text))[0]

    assert_same_as_reference(text)
    for parser, strict_loader in WORLDS:
        with world(parser, strict_loader):
            assert typed(build_data(parser(text))) == typed(parse_yaml_reference(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "# only a comment\n",
        "---\n",
        "--- x\n",
        "---\na: 1\n...\n",
        "x\n",
        "'quoted'\n",
        "[]\n",
        "{}\n",
        "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: ''\n",
        "a: true\nb: False\nc: TRUE\nd: yes\ne: tRue\n",
        "a: 0\nb: -0\nc: +5\nd: 010\ne: 1_000\nf: 0x1F\n",
        "a: 1.5\nb: -.5\nc: +1.\nd: 1.0e3\ne: 1e5\nf: -0.0\ng: .inf\n",
        "a: 2025-05-19\nb: '2025-05-19'\nc: 2025-5-19\nd: 2025-05-19T10:00:00\n",
        "a: |\n  12\n  text\nb: >\n  folded\n  true\n",
        'a: "12"\nb: \'true\'\nc: ""\n',
        "<<: x\n'1': a\n\"true\": b\n",
        "k:\n- a\n- b\nj:\n  - c\n",
        "a: [b, {c: d}, [e, f]]\n",
        "a: [b: c]\n",
        "- [a: b, c]\n",
        "a: 5 * 3 & 2 ! 100%\nb: 'x &y *z !w %v'\n",
        "a: 'x\n\n  %y'\n",
        "title: Über café — “quoted” ’\n",
        "a: b\n  c\n\n  d\n",
        "? a\n: b\n",
    ],
)
def test_documents_read_the_same(text: str) -> None:
    assert_same_as_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: 1\nb: *x\n",
        "a: &x [1]\n",
        "&x a: 1\n",
        "a: !!str 1\n",
        "a: ! 1\n",
        "a: !foo [1]\n",
        "a: !!map {b: 1}\n",
        "%YAML 1.1\n---\na: 1\n",
        "%TAG ! tag:x,1:\n---\na: 1\n",
        "[a]: b\n",
        "{a: b}: c\n",
        "1: a\n",
        "x: 1\n~: a\n",
        ": a\n",
        "true: a\n",
        "2025-01-01: a\n",
        "a: 1\na: 2\n",
        "a: 2025-02-30\n",
        "a: 1\n---\nb: 2\n",
        "--- a\n--- b\n",
        "a: [b\n",
        "a: b: c\n",
        "- " * (MAX_NESTING_DEPTH + 1) + "x\n",
    ],
)
def test_what_the_fast_reader_refuses_is_read_by_the_reference(text: str) -> None:
    for parser in PARSERS:
        with pytest.raises(Exception):  # noqa: B017 - _Refused, or a YAML syntax error
            build_data(parser(text))
    assert_same_as_reference(text)


def test_a_reserved_directive_goes_to_the_reference_reader() -> None:
    # PyYAML's own parser ignores `%FOO` (no event shows it); the reference reader refuses it.
    text = "%FOO\n---\na: 1\n"

    assert build_data(loader._PythonEventParser(text)) == {"a": 1}
    assert outcome(parse_yaml, text)[0] == "problem"
    assert_same_as_reference(text)


def test_nesting_up_to_the_limit_is_built() -> None:
    text = "- " * MAX_NESTING_DEPTH + "x\n"

    for parser in PARSERS:
        data = build_data(parser(text))
        for _ in range(MAX_NESTING_DEPTH):
            data = data[0]
        assert data == "x"


def test_a_date_is_a_date() -> None:
    for parser in PARSERS:
        assert build_data(parser("a: 2025-05-19\n")) == {"a": datetime.date(2025, 5, 19)}


# --- random documents ---------------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["NO", "010", "1e5", "2025-02-30", "~", "null", "True", "-0", "+1.", "<<", "%x", "&a"]),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=15,
)


@SETTINGS
@given(values, st.booleans())
def test_random_documents_read_the_same(value: Any, flow: bool) -> None:
    assert_same_as_reference(yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True))


@SETTINGS
@given(st.text(alphabet="ab:-[]{},&*!%'\"#?|>~ \n12.", max_size=40))
def test_random_texts_read_the_same(text: str) -> None:
    assert_same_as_reference(text)


@st.composite
def edited_front_matter(draw: st.DrawFn) -> str:
    """The test article's front matter with a few characters typed in or deleted anywhere."""
    text = ARTICLE.removeprefix("---\n").split("---\n", 1)[0]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        typed_in = draw(st.text(alphabet=" \n-:[]{},&*!%'\"#?|>~x1.", max_size=3))
        deleted = draw(st.integers(min_value=0, max_value=3))
        text = text[:position] + typed_in + text[position + deleted :]
    return text


@SETTINGS
@given(edited_front_matter())
def test_edited_articles_read_the_same(text: str) -> None:
    assert_same_as_reference(text)


# --- the line reader ---------------------------------------------------------------------------------------


def test_the_line_reader_reads_an_article_front_matter() -> None:
    text = ARTICLE.removeprefix("---\n").split("---\n", 1)[0]

    assert typed(read_simple_yaml(text)) == typed(parse_yaml_reference(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: b\n",
        "a:\nb: 1\n",
        "a:\n  b: [x, y-1, 2, true, null, 2025-01-02, 1.5]\n  c:\n    - d\n    - e: f\n      g: []\n",
        "- a: 1\n  b: 2\n- c\n-   d\n",
        "k:\n\n  - x\n\n  - y\n",
        "url: https://example.org/a?b=c:d\ntitle: A, b [c] {d} 'e' \"f\" & g * h ! i % j | k > l\n",
        "title: Über café — “quoted” ’ 𝄞\n",
        "a: b \n",
        "a: b:\n",
        "a: b: c\n",
        "a: b #c\n",
        "a: b#c\n",
        "a: b\n  c\n",
        "a: b\n  c: d\n",
        "a:\n  b\n",
        "a:\n- b\n",
        "a:\n  - b\n - c\n",
        "a:\n    b: 1\n  c: 2\n",
        "  a: 1\n",
        "true: 1\n",
        "null: 1\n",
        "a: 1\na: 2\n",
        "a: 2025-02-30\n",
        "a: 010\nb: -1\nc: 1_0\nd: Yes\ne: ~\n",
        "a: [b,c]\nd: [e, ]\n",
        "a: b\r\n",
        "a: b\u2028c\n",
        "a: b\x85c\n",
        "a: b",
        "- - a\n",
        "- [a, b]\n- []\n",
        "   \n",
        "\n\n",
        "a: " + "x" * 5000 + " \n",
        "k" * 101 + ": 1\n",
    ],
)
def test_the_line_reader_reads_the_same_or_refuses(text: str) -> None:
    assert_same_as_reference(text)


def test_the_line_reader_refuses_nesting_past_the_limit() -> None:
    text = "".join(f"{'  ' * depth}k:\n" for depth in range(MAX_NESTING_DEPTH + 2)) + "  " * 30 + "k: v\n"

    with pytest.raises(Exception):  # noqa: B017 - _Refused
        read_simple_yaml(text)
    assert_same_as_reference(text)
