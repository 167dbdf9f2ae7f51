"""The commonest YAML slips of a newsroom, each with the one message that says where to edit and how."""

from __future__ import annotations

import pytest
from conftest import ACTORS, ARTICLE, ARTICLE_PATH, VALID, load_texts

from generator.check.validate import validate_content
from generator.domain.kinds import ARTICLE_MODEL, join_words, required_fields

A = ARTICLE_PATH
R = "content/actors.yml"


def messages_about(path: str, old: str, new: str) -> list[str]:
    """Every problem reported in `path` once `old` (found exactly once) is changed into `new`."""
    texts = dict(VALID)
    assert texts[path].count(old) == 1, f"{old!r} must occur once in {path}"
    texts[path] = texts[path].replace(old, new)
    _, problems = validate_content(load_texts(texts))
    return [problem.format() for problem in problems if problem.path == path]


ARTICLE_CASES = [
    pytest.param(
        "    kind: offer\n",
        "     kind: offer\n",
        f"{A}:15:6: error: `kind:` is indented more than `by:` above, so it reads as more of its text: "
        "indent `kind:` 4 spaces like `by:` above",
        id="indented-too-deep",
    ),
    pytest.param(
        "    kind: offer\n",
        "   kind: offer\n",
        f"{A}:15:4: error: `kind:` is indented less than `by:` above: "
        "indent `kind:` 4 spaces like `by:` above",
        id="indented-too-shallow",
    ),
    pytest.param(
        # Back at the margin it is a field of the front matter; the error shows only on the next line.
        "    kind: offer\n",
        "kind: offer\n",
        f"{A}:15:1: error: `kind:` is indented less than the fields around it: "
        "indent `kind:` 4 spaces like `by:` above",
        id="indented-to-the-margin-is-named-not-the-line-after",
    ),
    pytest.param(
        "     by: alice-example\n".removeprefix(" "),
        "     by: alice-example\n",
        f"{A}:14:6: error: `by:` is indented more than `id:` above, so it reads as more of its text: "
        "indent `by:` 4 spaces like `id:` above",
        id="first-field-after-the-dash-too-deep",
    ),
    pytest.param(
        "text: Alice offers to sell the harbour.",
        "text: Alice said: sell the harbour.",
        f"{A}:16:11: error: this text contains ': ' — put the whole text in double quotes: "
        'text: "Alice said: sell the harbour."',
        id="colon-in-a-text",
    ),
    pytest.param(
        "title: Harbour talks begin",
        "title: Putin said: no",
        f"{A}:2:8: error: this text contains ': ' — put the whole text in double quotes: "
        'title: "Putin said: no"',
        id="colon-in-the-title",
    ),
    pytest.param(
        "title: Harbour talks begin",
        'title: "He said "no""',
        f'{A}:2:8: error: quotes inside quotes: this text ends at its second "; put single quotes around '
        'it: title: \'He said "no"\' (or write \\" for each " inside: title: "He said \\"no\\"")',
        id="nested-double-quotes",
    ),
    pytest.param(
        "title: Harbour talks begin",
        'title: "Deal" is near',
        f'{A}:2:8: error: quotes inside quotes: this text ends at its second "; put single quotes around '
        'it: title: \'"Deal" is near\' (or write \\" for each " inside: title: "\\"Deal\\" is near")',
        id="quoted-word-then-more-text",
    ),
    pytest.param(
        "title: Harbour talks begin",
        "title: 'Alice's harbour'",
        f"{A}:2:8: error: quotes inside quotes: this text ends at its second '; put double quotes around "
        "it: title: \"Alice's harbour\" (or write '' for each ' inside: title: 'Alice''s harbour')",
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        "title: Harbour talks begin",
        'title: "Harbour talks begin',
        f'{A}:2:8: error: this text opens with " but never closes it: '
        'add the closing " at the end of the text',
        id="quote-never-closed",
    ),
    pytest.param(
        "summary: Talks on the harbour began.",
        'summary: "Talks on the harbour began.\nissues: [harbour-deal]\nevents: "x"',
        f'{A}:7:10: error: this text opens with " but does not close it on this line (the " 2 lines '
        'below does): add the closing " at the end of the text',
        id="quote-closed-lines-later",
    ),
    pytest.param(
        "    issues: [harbour-deal]\n    stance",
        "    issues: harbour-deal, harbour-deal\n    stance",
        f"{A}:17:13: error: claims[0].issues: expected a list, got 'harbour-deal, harbour-deal'; "
        "write a list: issues: [harbour-deal, harbour-deal]",
        id="list-written-as-text",
    ),
    pytest.param(
        "    kind: offer\n",
        "\tkind: offer\n",
        f"{A}:15:1: error: tab character: indent YAML with spaces only",
        id="tab-in-the-indentation",
    ),
    pytest.param(
        "text: Alice offers",
        "text:\tAlice offers",
        f"{A}:16:10: error: tab character: replace it with a space (YAML files here take spaces only)",
        id="tab-after-a-key",
    ),
    pytest.param(
        ARTICLE.split("---\n")[1],
        "",
        f"{A}:2:1: error: front matter is empty: an article needs title, date, source and summary",
        id="empty-front-matter",
    ),
    pytest.param(
        ARTICLE.split("---\n")[1],
        "title: Harbour talks begin\ndate: 2025-05-19\n",
        f"{A}:2:1: error: front matter is missing source and summary: an article needs title, date, "
        "source and summary",
        id="partial-front-matter",
    ),
]

REGISTRY_CASES = [
    pytest.param(
        "  kind: person\n",
        "   kind: person\n",
        f"{R}:3:4: error: `kind:` is indented more than `name:` above, so it reads as more of its text: "
        "indent `kind:` 2 spaces like `name:` above",
        id="indented-too-deep",
    ),
    pytest.param(
        "  kind: person\n",
        " kind: person\n",
        f"{R}:3:2: error: `kind:` is indented less than `name:` above: "
        "indent `kind:` 2 spaces like `name:` above",
        id="indented-too-shallow",
    ),
    pytest.param(
        "  kind: person\n",
        "kind: person\n",
        f"{R}:3:1: error: `kind:` is indented less than `name:` above: "
        "indent `kind:` 2 spaces like `name:` above",
        id="indented-to-the-margin",
    ),
    pytest.param(
        "role: Mayor of Exampleton",
        "role: Mayor: since 2020",
        f"{R}:4:9: error: this text contains ': ' — put the whole text in double quotes: "
        'role: "Mayor: since 2020"',
        id="colon-in-a-text",
    ),
    pytest.param(
        "name: Alice Example",
        'name: "Alice "Al" Example"',
        f'{R}:2:9: error: quotes inside quotes: this text ends at its second "; put single quotes around '
        'it: name: \'Alice "Al" Example\' (or write \\" for each " inside: name: "Alice \\"Al\\" Example")',
        id="nested-double-quotes",
    ),
    pytest.param(
        "  role: Mayor of Exampleton\n",
        "  role: Mayor of Exampleton\n  aliases: Ally, Al E.\n",
        f"{R}:5:12: error: aliases: expected a list, got 'Ally, Al E.'; write a list: aliases: [Ally, Al E.]",
        id="list-written-as-text",
    ),
    pytest.param(
        "  kind: person\n",
        "  kind:\tperson\n",
        f"{R}:3:8: error: tab character: replace it with a space (YAML files here take spaces only)",
        id="tab-after-a-key",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), ARTICLE_CASES)
def test_article_slip_gets_one_located_message_with_the_fix(old: str, new: str, expected: str) -> None:
    assert messages_about(A, old, new) == [expected]


@pytest.mark.parametrize(("old", "new", "expected"), REGISTRY_CASES)
def test_registry_slip_gets_one_located_message_with_the_fix(old: str, new: str, expected: str) -> None:
    assert messages_about(R, old, new) == [expected]


def test_the_fields_an_article_needs_are_read_from_the_model() -> None:
    needed = join_words(required_fields(ARTICLE_MODEL))

    assert messages_about(A, ARTICLE.split("---\n")[1], "") == [
        f"{A}:2:1: error: front matter is empty: an article needs {needed}"
    ]


def test_every_line_with_a_tab_is_reported() -> None:
    new = ACTORS.replace("  kind: person\n", "\tkind: person\n").replace("  kind: organisation", "\tkind: x")

    texts = {**VALID, R: new}
    _, problems = validate_content(load_texts(texts))

    assert [problem.format() for problem in problems if problem.path == R] == [
        f"{R}:3:1: error: tab character: indent YAML with spaces only",
        f"{R}:9:1: error: tab character: indent YAML with spaces only",
    ]
