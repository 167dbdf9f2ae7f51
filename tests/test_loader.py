"""Read stage: strict YAML, front matter, located errors, and the disk edge (`read_sources`)."""

from __future__ import annotations

import datetime
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import loader
from generator.load.loader import (
    MAX_FILE_BYTES,
    MAX_NESTING_DEPTH,
    REGISTRY_NAMES,
    SourceFile,
    YamlProblem,
    item_places,
    load_article,
    load_document,
    load_sources,
    locate,
    parse_yaml,
    read_sources,
    split_front_matter,
)
from generator.problems import Problem


def yaml_problem(text: str) -> tuple[int, int, str]:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    return caught.value.line, caught.value.column, caught.value.message


# --- strict scalars -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    # YAML 1.1 would read these as false, false, true, 750 (sexagesimal), 8 (octal), 31 and 1000.
    [
        "NO",
        "no",
        "off",
        "On",
        "yes",
        "y",
        "12:30",
        "010",
        "0x1F",
        "0o17",
        "1_000",
        "1e5",
        ".inf",
        ".nan",
        "2025-5-19",
        "2025-05-19T10:00:00",
    ],
)
def test_values_yaml_would_guess_stay_strings(written: str) -> None:
    assert parse_yaml(f"value: {written}") == {"value": written}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ("FALSE", False),
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_booleans_numbers_and_null(written: str, expected: object) -> None:
    value = parse_yaml(f"value: {written}")["value"]

    assert value == expected
    assert type(value) is type(expected)


def test_iso_date_is_a_date() -> None:
    assert parse_yaml("date: 2025-05-19") == {"date": datetime.date(2025, 5, 19)}


def test_quoted_date_stays_a_string() -> None:
    assert parse_yaml("date: '2025-05-19'") == {"date": "2025-05-19"}


def test_impossible_date_is_a_located_error() -> None:
    assert yaml_problem("title: x\ndate: 2025-02-30\n") == (
        2,
        7,
        "'2025-02-30' is not a real date: write an existing date as YYYY-MM-DD",
    )


# --- structural errors --------------------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_key() -> None:
    text = "- id: a\n  name: A\n  kind: person\n  name: B\n"

    assert yaml_problem(text) == (
        4,
        3,
        "duplicate key 'name': each key may appear once in a mapping; remove or rename one",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\x1f\n", (1, 5, "character U+001F is not allowed in YAML: remove it")),
        ("é: x\nb: \x7f\n", (2, 4, "character U+007F is not allowed in YAML: remove it")),
        ("\x00", (1, 1, "character U+0000 is not allowed in YAML: remove it")),
    ],
)
def test_a_control_character_points_at_itself(text: str, expected: tuple[int, int, str]) -> None:
    assert yaml_problem(text) == expected


def test_tab_points_at_the_tab() -> None:
    assert yaml_problem("- id: a\n  name:\tA\n") == (
        2,
        8,
        "tab character: replace it with a space (YAML files here take spaces only)",
    )
    assert yaml_problem("- id: a\n\tname: A\n") == (2, 1, "tab character: indent YAML with spaces only")


UNKNOWN_ESCAPE = (
    "'\\p' is not an escape YAML knows in double quotes: write \\\\ for a backslash, or put the text in "
    "single quotes"
)
UNCLOSED_LIST = (
    "this list opens with '[' but does not close: end it with ']' after its last item, "
    "as in issues: [ceasefire, sanctions]"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: a: b\n",
            (1, 8, "this text contains ': ' — put the whole text in double quotes: title: \"a: b\""),
        ),
        ("issues: [a, b\nsummary: x\n", (1, 9, UNCLOSED_LIST)),
        (
            "- id: a\nname: b\n",
            (
                2,
                1,
                "`name:` is indented less than `id:` above: indent `name:` 2 spaces like `id:` above",
            ),
        ),
        ("a: [b\n", (1, 4, UNCLOSED_LIST)),
        ("title: [\n", (2, 1, "YAML syntax: did not find expected node content")),
        (
            "- id: a\n  name: A\nid: b\n",
            (
                3,
                1,
                "`id:` is written already in the item above, so this starts a new item: begin it with "
                "'- ': - id: b",
            ),
        ),
        ("- id: a\n-id: b\n", (2, 1, "a list item starts with '- ', a dash and a space: - id: b")),
        ("title: T\ndate 2025-01-01\n", (2, 5, "`date` needs a ':' after it: date: 2025-01-01")),
        (
            "title: T\nsummary: Talks on the\nharbour began.\nissues: [x]\n",
            (
                3,
                1,
                "this line has no ':', so it is not a field; if it goes on with the text of `summary:` "
                "above, indent it 2 spaces (more than `summary:`) or join it to that line",
            ),
        ),
        ('title: "C:\\path"\n', (1, 11, UNKNOWN_ESCAPE)),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, expected: tuple[int, int, str]) -> None:
    assert yaml_problem(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1: a\n", (1, 1, "keys must be plain words, got 1")),
        ("x: 1\n~: a\n", (2, 1, "keys must be plain words, got ~")),
        ("2025-01-01: a\n", (1, 1, "keys must be plain words, got 2025-01-01")),
        ("[a]: b\n", (1, 1, "keys must be plain words, got a list")),
    ],
)
def test_keys_that_are_not_words_are_shown_as_written(text: str, expected: tuple[int, int, str]) -> None:
    assert yaml_problem(text) == expected


def test_python_tags_are_refused() -> None:
    assert yaml_problem("a: !!python/object/apply:os.system [echo]\n") == (
        1,
        4,
        "tag '!!python/object/apply:os.system': tags are not allowed; remove it "
        "(to keep a value as text, put it in quotes)",
    )


ALIAS_MESSAGE = "anchors and aliases are not allowed; write the value out in full"
TAG_MESSAGE = "tags are not allowed; remove it (to keep a value as text, put it in quotes)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: 2\n", (1, 4, f"anchor '&x': {ALIAS_MESSAGE}")),
        ("a: 1\nb: *missing\n", (2, 4, f"alias '*missing': {ALIAS_MESSAGE}")),
        ("base: {a: 1}\nb:\n  <<: *base\n", (3, 7, f"alias '*base': {ALIAS_MESSAGE}")),
        ("a: !!str 1\n", (1, 4, f"tag '!!str': {TAG_MESSAGE}")),
        ("a: !foo x\n", (1, 4, f"tag '!foo': {TAG_MESSAGE}")),
        ("a: !<tag:yaml.org,2002:int> 1\n", (1, 4, f"tag '!<tag:yaml.org,2002:int>': {TAG_MESSAGE}")),
        ("- !!set {a}\n", (1, 3, f"tag '!!set': {TAG_MESSAGE}")),
        ("%YAML 1.1\n---\na: 1\n", (1, 1, "directive '%YAML': directives are not allowed; remove this line")),
        (
            "%TAG ! tag:x,1:\n---\na: 1\n",
            (1, 1, "directive '%TAG': directives are not allowed; remove this line"),
        ),
    ],
)
def test_anchors_aliases_tags_and_directives_are_refused(text: str, expected: tuple[int, int, str]) -> None:
    assert yaml_problem(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: 5 * 3 & 2 ! 100%\n",
        "a: 'x &y *z !w %v'\n",
        "a: '%YAML'\nb: 'text'\n",
        "a: x&y\n",
        "a: https://example.org/?a=1&b=2#x\n",
    ],
)
def test_the_same_characters_inside_text_are_fine(text: str) -> None:
    assert isinstance(parse_yaml(text), dict)


def billion_laughs(levels: int) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        previous = f"*l{level - 1}"
        lines.append(f"l{level}: &l{level} [{', '.join([previous] * 10)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_anything_is_built() -> None:
    # Ten levels expand to 10**10 strings: building it would never finish. Refusing it builds nothing, so the
    # memory used is that of the text itself.
    text = billion_laughs(10)
    tracemalloc.start()
    try:
        problem = yaml_problem(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert problem == (1, 5, f"anchor '&l0': {ALIAS_MESSAGE}")
    assert peak < 1_000_000


def test_an_alias_bomb_at_the_end_of_a_long_file_is_refused_too() -> None:
    text = "".join(f"k{number}: value {number}\n" for number in range(20_000)) + billion_laughs(10)

    assert yaml_problem(text) == (20_001, 5, f"anchor '&l0': {ALIAS_MESSAGE}")


DEPTH_MESSAGE = f"nested more than {MAX_NESTING_DEPTH} levels deep: flatten this part of the file"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 20 + "]" * 20 + "\n", (1, 23, DEPTH_MESSAGE)),
        ("- " * 21 + "x\n", (1, 41, DEPTH_MESSAGE)),
        (
            "".join("  " * level + f"k{level}:\n" for level in range(21)) + "  " * 21 + "x\n",
            (21, 41, DEPTH_MESSAGE),
        ),
        # A list written at its key's indentation is a level too.
        (
            "".join("  " * level + f"- k{level}:\n" for level in range(11)) + "  " * 11 + "- x\n",
            (11, 21, DEPTH_MESSAGE),
        ),
        # libyaml stops at its own limit (1000) while scanning ahead; the message is the same.
        ("[" * 100_000 + "]" * 100_000, (1, 1001, DEPTH_MESSAGE)),
    ],
)
def test_over_deep_nesting_is_refused(text: str, expected: tuple[int, int, str]) -> None:
    assert yaml_problem(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 19 + "]" * 19 + "\n",
        "- " * 20 + "x\n",
        "k:\n- a\n- b\nj:\n  - c\n",
    ],
)
def test_nesting_up_to_the_limit_is_read(text: str) -> None:
    assert parse_yaml(text) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("# only a comment\n", None),
        ("---\n", None),
        ("--- x\n", "x"),
        ("---\na: 1\n...\n", {"a": 1}),
        ("a: [b, {c: d}, [e, f]]\n", {"a": ["b", {"c": "d"}, ["e", "f"]]}),
        ("a: [b: c]\n", {"a": [{"b": "c"}]}),
        ("<<: x\n'1': a\n\"true\": b\n", {"<<": "x", "1": "a", "true": "b"}),
        ("a: |\n  12\n  text\nb: >\n  folded\n  true\n", {"a": "12\ntext\n", "b": "folded true\n"}),
        ("? a\n: b\n", {"a": "b"}),
        ("a: b\n  c\n\n  d\n", {"a": "b c\nd"}),
        ("k:\n- a\n- b\nj:\n  - c\n", {"k": ["a", "b"], "j": ["c"]}),
        ("a: 1.5\nb: -.5\nc: +1.\nd: 1.0e3\ne: -0\n", {"a": 1.5, "b": -0.5, "c": 1.0, "d": 1000.0, "e": 0}),
    ],
)
def test_documents_read_as_written(text: str, expected: object) -> None:
    assert typed(parse_yaml(text)) == typed(expected)


def typed(value: object) -> object:
    """`value` with the type of every part, so that `1 == True` or `1 == 1.0` cannot hide a difference."""
    if isinstance(value, dict):
        return ("mapping", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def all_problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    return [(each.line, each.column, each.message) for each in (caught.value, *caught.value.others)]


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    # Of anchors and aliases only the first: an alias bomb has hundreds, and one message says it all.
    text = (
        "a: &x !!str 1\nb: !!int &y 2\nc: *x\nd: 2025-02-30\nd: 1\n[a]: 2\n? {a: b}\n: c\ne: [*x, 1]\n"
        "---\nf: 2\n"
    )

    assert all_problems(text) == [
        (1, 4, f"anchor '&x': {ALIAS_MESSAGE}"),
        (2, 4, f"tag '!!int': {TAG_MESSAGE}"),
        (4, 4, "'2025-02-30' is not a real date: write an existing date as YYYY-MM-DD"),
        (5, 1, "duplicate key 'd': each key may appear once in a mapping; remove or rename one"),
        (6, 1, "keys must be plain words, got a list"),
        (7, 3, "keys must be plain words, got a mapping"),
        (
            10,
            1,
            "a second YAML document: a file holds one document; remove this '---' line and what follows, "
            "or merge it into the first",
        ),
    ]


def test_reading_stops_at_a_syntax_error_after_reporting_what_came_before() -> None:
    assert all_problems("a: 1\na: 2\nb: [c\n") == [
        (2, 1, "duplicate key 'a': each key may appear once in a mapping; remove or rename one"),
        (3, 4, UNCLOSED_LIST),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("%FOO\n---\na: 1\n", (1, 1, "directive '%FOO': directives are not allowed; remove this line")),
        ("a: 1\n%YAML 1.1\n", (2, 1, "directive '%YAML': directives are not allowed; remove this line")),
        (
            "a: 1\n%YAML 1.1\n---\nb: 2\n",
            (2, 1, "directive '%YAML': directives are not allowed; remove this line"),
        ),
        ("a:\n%b: 1\n", (2, 1, "directive '%b': directives are not allowed; remove this line")),
        ("a: '%YAML'\n", None),
    ],
)
def test_a_directive_is_refused_wherever_it_is(text: str, expected: tuple[int, int, str] | None) -> None:
    if expected is None:
        assert parse_yaml(text) == {"a": "%YAML"}
    else:
        assert all_problems(text) == [expected]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a: ! 1\n", "!<!>"),
        ("a: [!foo, !!int%41 2]\n", "!foo"),
        ("- éé\n- !!str x\n", "!!str"),
    ],
)
def test_tags_are_shown_as_written(text: str, written: str) -> None:
    assert all_problems(text)[0][2] == f"tag '{written}': {TAG_MESSAGE}"


def test_an_article_reports_every_problem_of_its_front_matter_on_the_file_s_lines() -> None:
    source = SourceFile(
        "content/articles/2025/a.md", "---\ntitle: A\ntitle: B\ndate: 2025-02-30\n---\nbody\n"
    )

    content = load_sources({}, [source])

    assert [(problem.line, problem.column) for problem in content.problems] == [(3, 1), (4, 7)]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(
    # PyYAML writes these line breaks unescaped inside quotes, where YAML folds them into a space.
    st.characters(blacklist_characters="\x85\u2028\u2029", blacklist_categories=("Cs",)),
    max_size=20,
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
    st.dates(),
    st.sampled_from(["NO", "010", "1e5", "2025-02-30", "~", "null", "True", "-0", "+1.", "<<", "%x", "&a"]),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=15,
)


@SETTINGS
@given(values, st.booleans())
def test_what_pyyaml_writes_reads_back_the_same(value: object, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True, sort_keys=False)

    assert typed(parse_yaml(text)) == typed(value)


@SETTINGS
@given(st.text(alphabet="ab:-[]{},&*!%'\"#?|>~ \n12.\t\x00\x1f\x85", max_size=40))
def test_any_text_is_read_or_refused_with_located_problems(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlProblem as problem:
        lines = len(text.splitlines()) + 1  # YAML breaks lines at U+0085 too, as `splitlines` does
        assert all(1 <= each.line <= lines and each.column >= 1 for each in (problem, *problem.others))


# --- articles -----------------------------------------------------------------------------------------------


def test_split_front_matter_and_body_line() -> None:
    text = "---\ntitle: A\ndate: 2025-05-19\n---\nFirst line.\n\nMore.\n"
    source = SourceFile("content/articles/2025/a.md", text)

    front, body, body_line = split_front_matter(source)

    assert front == "title: A\ndate: 2025-05-19\n"
    assert body == "First line.\n\nMore.\n"
    assert body_line == 5


def test_empty_front_matter_and_empty_body() -> None:
    assert split_front_matter(SourceFile("a.md", "---\n---\n")) == ("\n", "", 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: A\n---\nbody\n",
            "missing front matter: an article starts with a line '---', its YAML, then another '---'",
        ),
        ("", "missing front matter: an article starts with a line '---', its YAML, then another '---'"),
        (
            "---\ntitle: A\nbody\n",
            "unterminated front matter: add a line '---' after the article's YAML, before the body",
        ),
    ],
)
def test_front_matter_missing_or_unterminated(text: str, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        split_front_matter(SourceFile("content/articles/2025/a.md", text))

    assert (caught.value.line, caught.value.column, caught.value.message) == (1, 1, message)


def test_load_article_gives_slug_data_and_body() -> None:
    article = load_article(
        SourceFile("content/articles/2025/2025-05-19-a-b.md", "---\ntitle: A\n---\nHello [[x]].\n")
    )

    assert article.slug == "2025-05-19-a-b"
    assert article.document.data == {"title": "A"}
    assert article.document.line_offset == 1
    assert article.body == "Hello [[x]].\n"
    assert article.body_line == 4


def test_article_errors_count_the_opening_fence() -> None:
    # The duplicate key is on line 3 of the YAML, so on line 4 of the file.
    text = "---\ntitle: A\nsummary: B\ntitle: C\n---\nbody\n"

    with pytest.raises(YamlProblem) as caught:
        load_article(SourceFile("content/articles/2025/a.md", text))

    assert (caught.value.line, caught.value.column) == (4, 1)


def test_load_sources_reports_each_unreadable_file_and_keeps_the_rest() -> None:
    registries = {
        "actors": SourceFile("content/actors.yml", "- id: a\n  id: b\n"),
        "venues": SourceFile("content/venues.yml", "- id: v\n"),
    }
    articles = [
        SourceFile("content/articles/2025/b.md", "---\ntitle: [\n---\n"),
        SourceFile("content/articles/2025/a.md", "---\ntitle: A\n---\n"),
        SourceFile("content/articles/2025/c.md", "no front matter\n"),
    ]

    content = load_sources(registries, articles)

    assert list(content.registries) == ["venues"]
    assert [article.slug for article in content.articles] == ["a"]
    assert [problem.format() for problem in content.problems] == [
        "content/actors.yml:2:3: error: duplicate key 'id': each key may appear once in a mapping; "
        "remove or rename one",
        "content/articles/2025/b.md:3:1: error: YAML syntax: did not find expected node content",
        "content/articles/2025/c.md:1:1: error: missing front matter: an article starts with a line '---', "
        "its YAML, then another '---'",
    ]


# --- locate -------------------------------------------------------------------------------------------------

REGISTRY = """\
- id: alice-example
  name: Alice
  location: {lat: 1.5, lon: 2}
- id: bob-sample
  aliases:
    - Bob
    - Bobby
"""


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ((0, "id"), False, (1, 7)),
        ((0, "id"), True, (1, 3)),
        ((0, "location", "lon"), False, (3, 29)),
        ((0, "location", "lon"), True, (3, 24)),
        ((1, "aliases", 1), False, (7, 7)),
        ((1,), False, (4, 3)),
        ((), False, (1, 1)),
        # Beyond what exists: the deepest node that does.
        ((1, "name"), False, (4, 3)),
        ((0, "location", "alt"), False, (3, 13)),
        ((5, "id"), False, (1, 1)),
    ],
)
def test_locate(path: tuple[str | int, ...], key: bool, expected: tuple[int, int]) -> None:
    document = load_document(SourceFile("content/actors.yml", REGISTRY))

    assert locate(document, path, key=key) == expected


def test_locate_in_an_article_counts_the_opening_fence() -> None:
    article = load_article(SourceFile("a.md", "---\ntitle: A\nclaims:\n  - id: c\n    by: x\n---\n"))

    assert locate(article.document, ("claims", 0, "by")) == (5, 9)
    assert locate(article.document, ("claims", 0, "by"), key=True) == (5, 5)
    assert locate(article.document, ()) == (2, 1)


def test_locate_in_an_empty_document() -> None:
    document = load_document(SourceFile("content/venues.yml", ""))

    assert document.data is None
    assert locate(document, (0, "id")) == (1, 1)


# --- read_sources: the disk edge ----------------------------------------------------------------------------


def make_content(root: Path, files: dict[str, bytes]) -> Path:
    for name in REGISTRY_NAMES:
        files.setdefault(f"content/{name}.yml", b"")
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root / "content"


def test_read_sources_reads_registries_and_articles(tmp_path: Path) -> None:
    content = make_content(
        tmp_path,
        {
            "content/actors.yml": b"- id: a\n",
            "content/articles/2025/b.md": b"---\n---\n",
            "content/articles/2024/a.md": b"---\n---\n",
            "content/articles/2025/notes.txt": b"not an article",
        },
    )

    registries, articles, problems = read_sources(content, display_root=tmp_path)

    assert problems == []
    assert {name: source.path for name, source in registries.items()} == {
        "actors": "content/actors.yml",
        "venues": "content/venues.yml",
        "issues": "content/issues.yml",
        "events": "content/events.yml",
    }
    assert registries["actors"].text == "- id: a\n"
    assert [source.path for source in articles] == [
        "content/articles/2024/a.md",
        "content/articles/2025/b.md",
    ]


def test_missing_registry_is_reported(tmp_path: Path) -> None:
    content = make_content(tmp_path, {})
    (content / "venues.yml").unlink()

    registries, _, problems = read_sources(content, display_root=tmp_path)

    assert set(registries) == {"actors", "issues", "events"}
    assert problems == [Problem("content/venues.yml", 1, 1, "error", "missing registry: create venues.yml")]


def test_bad_utf8_is_located_in_characters(tmp_path: Path) -> None:
    # Line 2 has two two-byte characters before the bad byte: column 11 in characters (13 in bytes).
    content = make_content(tmp_path, {"content/actors.yml": "- id: a\n  name: éé".encode() + b"\xff\n"})

    registries, _, problems = read_sources(content, display_root=tmp_path)

    assert "actors" not in registries
    assert problems == [
        Problem("content/actors.yml", 2, 11, "error", "not valid UTF-8: save the file with UTF-8 encoding")
    ]


def test_bad_utf8_column_does_not_count_the_byte_order_mark(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"content/actors.yml": b"\xef\xbb\xbf- id: \xe9\n"})

    _, _, problems = read_sources(content, display_root=tmp_path)

    assert [(problem.line, problem.column) for problem in problems] == [(1, 7)]


def test_symbolic_link_is_refused_and_reported_where_it_is(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"content/articles/2025/real.md": b"---\n---\n"})
    (content / "articles/2025/link.md").symlink_to(content / "actors.yml")
    outside = tmp_path / "outside.yml"
    outside.write_bytes(b"")
    (content / "issues.yml").unlink()
    (content / "issues.yml").symlink_to(outside)

    registries, articles, problems = read_sources(content, display_root=tmp_path)

    assert "issues" not in registries
    assert [source.path for source in articles] == ["content/articles/2025/real.md"]
    refused = "symbolic links are not allowed under content/"
    assert problems == [
        Problem("content/issues.yml", 1, 1, "error", refused),
        Problem("content/articles/2025/link.md", 1, 1, "error", refused),
    ]


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"content/articles/2025/big.md": b"x" * (MAX_FILE_BYTES + 1)})

    _, articles, problems = read_sources(content, display_root=tmp_path)

    assert articles == []
    assert [problem.format() for problem in problems] == [
        "content/articles/2025/big.md:1:1: error: file is 1,000,001 bytes; the limit is 1,000,000"
    ]


def test_a_registry_may_be_larger_than_an_article_up_to_its_own_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A registry holds every entry of its kind in the story (5,000 events at 10,000 articles: 1.7 MB).
    events = b"# events\n" + b"x" * MAX_FILE_BYTES
    content = make_content(tmp_path, {"content/events.yml": events})

    registries, _, problems = read_sources(content, display_root=tmp_path)

    assert problems == []
    assert len(registries["events"].text) == len(events)

    monkeypatch.setattr(loader, "MAX_REGISTRY_BYTES", MAX_FILE_BYTES)
    registries, _, problems = read_sources(content, display_root=tmp_path)

    assert "events" not in registries
    assert [problem.format() for problem in problems] == [
        f"content/events.yml:1:1: error: file is {len(events):,} bytes; the limit is 1,000,000"
    ]


def test_total_content_size_is_capped_at_the_file_that_crosses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_CONTENT_BYTES", 250)
    files = {f"content/articles/2025/a{number}.md": b"x" * 100 for number in range(4)}
    content = make_content(tmp_path, files)

    _, articles, problems = read_sources(content, display_root=tmp_path)

    assert [article.path for article in articles] == [
        "content/articles/2025/a0.md",
        "content/articles/2025/a1.md",
    ]
    assert [problem.format() for problem in problems] == [
        "content/articles/2025/a2.md:1:1: error: content/ holds more than 250 bytes with this file; the "
        "files after it were not read: split the story into several sites or remove files"
    ]


def test_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"content/articles/2025/big.md": b"x" * MAX_FILE_BYTES})

    _, articles, problems = read_sources(content, display_root=tmp_path)

    assert problems == []
    assert len(articles) == 1


def test_folder_named_like_an_article_is_reported_not_a_crash(tmp_path: Path) -> None:
    content = make_content(tmp_path, {})
    (content / "articles/2025/folder.md").mkdir(parents=True)

    _, articles, problems = read_sources(content, display_root=tmp_path)

    assert articles == []
    assert [(problem.path, problem.severity) for problem in problems] == [
        ("content/articles/2025/folder.md", "error")
    ]
    assert problems[0].message.startswith("cannot read this file: ")


def test_crlf_is_normalised_and_bom_stripped(tmp_path: Path) -> None:
    content = make_content(
        tmp_path,
        {
            "content/actors.yml": b"\xef\xbb\xbf- id: a\r\n  name: A\r\n",
            "content/articles/2025/a.md": b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n",
        },
    )

    registries, articles, problems = read_sources(content, display_root=tmp_path)

    assert problems == []
    assert registries["actors"].text == "- id: a\n  name: A\n"
    assert articles[0].text == "---\ntitle: A\n---\nBody\n"
    article = load_article(articles[0])
    assert article.document.data == {"title": "A"}
    assert (article.body, article.body_line) == ("Body\n", 4)


def test_paths_outside_the_display_root_are_shown_as_given(tmp_path: Path) -> None:
    content = make_content(tmp_path / "project", {})
    (content / "venues.yml").unlink()

    _, _, problems = read_sources(content, display_root=tmp_path / "elsewhere")

    assert [problem.path for problem in problems] == [(content / "venues.yml").as_posix()]


SPLIT_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def split_front_matter_by_lines(text: str) -> tuple[str, str, int] | str:
    """What `split_front_matter` answers, worked out line by line; an error as its first word."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "missing"
    for number in range(1, len(lines)):
        if lines[number].rstrip() == "---":
            return "\n".join(lines[1:number]) + "\n", "\n".join(lines[number + 1 :]), number + 2
    return "unterminated"


def split_now(text: str) -> tuple[str, str, int] | str:
    try:
        return split_front_matter(SourceFile("a.md", text))
    except YamlProblem as problem:
        return problem.message.split()[0]


@SPLIT_SETTINGS
@given(
    st.lists(st.sampled_from(["---", "--- ", "----", " ---", "---\r", "--", "a: 1", "", "x---", "---\x0c"]))
)
def test_split_front_matter_as_line_by_line(lines: list[str]) -> None:
    text = "\n".join(lines)

    assert split_now(text) == split_front_matter_by_lines(text)


@SPLIT_SETTINGS
@given(st.text(alphabet="-\n a\r", max_size=30))
def test_split_front_matter_as_line_by_line_on_any_text(text: str) -> None:
    assert split_now(text) == split_front_matter_by_lines(text)


ITEM_SHAPES = [
    "claims:\n  - id: a\n    by: b\n  # a comment\n  - id: c\n    text: |\n      - not an item\n",
    "claims:\n- id: a\n- id: b\nissues: []\n",
    "claims: [a,  b ,c]  # flow\n",
    "claims: ['a', b]\n",
    "claims: [\n  a, b]\n",
    "claims:\n  -\n    id: a\n  - id: b\n",
    "title: x\nclaims: []\n",
]


@pytest.mark.parametrize("front", ITEM_SHAPES)
def test_item_places_agree_with_locate_whatever_the_list_looks_like(front: str) -> None:
    article = load_article(SourceFile("content/articles/2025/a.md", f"---\n{front}---\nBody.\n"))
    count = len(article.document.data["claims"])

    expected = [locate(article.document, ("claims", index)) for index in range(count)]
    assert item_places(article.document, "claims", count) == expected
