"""Text that reads as something else: deceptive URLs, hidden or reordering characters, odd file names."""

from __future__ import annotations

import pytest
from conftest import ARTICLE_PATH, another_report
from test_validate import ACTORS_PATH, Mutation, check, in_actors, in_article

from generator.tools.scaffold import ScaffoldError, check_article_name, check_new_id

A = ARTICLE_PATH
EVIL = "https://bbc.co.uk@evil.example/harbour"


def disguised(place: str, field: str, host: str, user: str, written: str) -> str:
    return (
        f"{place}: error: {field}: a user name before '@' disguises where a link leads (to '{host}', not to "
        f"'{user}'); write the page's own address, with nothing between '//' and its host, got {written}"
    )


DISGUISED_URLS = [
    pytest.param(
        in_article("url: https://example.org/harbour", f"url: {EVIL}"),
        disguised(f"{A}:6:8", "source.url", "evil.example", "bbc.co.uk", repr(EVIL)),
        id="source-url",
    ),
    pytest.param(
        in_actors(
            "  role: Mayor",
            "  sources: ['https://example.org', 'http://a:b@evil.example']\n  role: Mayor",
        ),
        disguised(f"{ACTORS_PATH}:4:36", "sources[1]", "evil.example", "a:b", "'http://a:b@evil.example'"),
        id="entity-sources",
    ),
    pytest.param(
        in_article("    stance: supports\n", "    stance: supports\n    sources: [https://x.example\\@y]\n"),
        disguised(f"{A}:19:15", "claims[0].sources[0]", "y", "x.example\\", "'https://x.example\\\\@y'"),
        id="claim-sources-backslash",
    ),
]
"""Every URL field refuses a user name before the host."""


def test_an_address_with_at_in_its_path_is_fine() -> None:
    content, lines = check(in_article("https://example.org/harbour", "https://example.org/@harbour?by=a@b"))

    assert lines == []
    assert content is not None


def test_a_file_name_with_a_trailing_line_break_is_not_a_valid_slug() -> None:
    _, lines = check(lambda tree: tree.update({"content/articles/2025/2025-05-19-x\n.md": another_report()}))

    assert lines == [
        "content/articles/2025/2025-05-19-x\\n.md:1:1: error: file name '2025-05-19-x\\n.md' is not a valid "
        "article slug: rename it to '2025-05-19-x.md' (lowercase letters, digits and single hyphens)",
    ]


def test_new_refuses_an_id_or_article_name_with_a_trailing_line_break() -> None:
    with pytest.raises(ScaffoldError, match="is not a valid article name"):
        check_article_name("harbour-talks\n")
    with pytest.raises(ScaffoldError, match="is not a valid id"):
        check_new_id("alice-example\n", set())


def hidden(place: str, field: str, character: str, where: str, why: str) -> str:
    return (
        f"{place}: error: {field}hidden character {character} {where}: {why}; delete it (if your editor does "
        "not show it, retype the text around it)"
    )


REORDERS = "it changes the order in which the text around it is shown"
INVISIBLE = "it is invisible, so two texts that look the same differ"
CONTROL = "it is a control character, not text"


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        pytest.param(
            in_actors("name: Alice Example", "name: Alice \u202eelpmaxE"),
            hidden(
                f"{ACTORS_PATH}:2:9", "name: ", "U+202E RIGHT-TO-LEFT OVERRIDE", "after 'Alice '", REORDERS
            ),
            id="override-in-name",
        ),
        pytest.param(
            in_actors("name: Alice Example", 'name: "Alice\\u2066 Example"'),
            hidden(f"{ACTORS_PATH}:2:9", "name: ", "U+2066 LEFT-TO-RIGHT ISOLATE", "after 'Alice'", REORDERS),
            id="isolate-written-as-an-escape",
        ),
        pytest.param(
            in_actors("  role: Mayor", "  aliases: [Alice, 'Al\u200bice']\n  role: Mayor"),
            hidden(f"{ACTORS_PATH}:4:20", "aliases[1]: ", "U+200B ZERO WIDTH SPACE", "after 'Al'", INVISIBLE),
            id="zero-width-space-in-alias",
        ),
        pytest.param(
            in_article("title: Harbour talks begin", "title: Harbour talks be\u00adgin"),
            hidden(f"{A}:2:8", "title: ", "U+00AD SOFT HYPHEN", "after 'Harbour talks be'", INVISIBLE),
            id="soft-hyphen-in-title",
        ),
        pytest.param(
            in_article("    text: Alice offers", "    text: \u200eAlice offers"),
            hidden(
                f"{A}:16:11",
                "claims[0].text: ",
                "U+200E LEFT-TO-RIGHT MARK",
                "at the start of the text",
                REORDERS,
            ),
            id="mark-in-claim-text",
        ),
        pytest.param(
            in_article("  publisher: Example Gazette", '  publisher: "Example\\eGazette"'),
            hidden(
                f"{A}:5:14",
                "source.publisher: ",
                "U+001B ESCAPE",
                "after 'Example'",
                "it is a control character, not text",
            ),
            id="control-character-as-an-escape",
        ),
        *DISGUISED_URLS,
    ],
)
def test_deceptive_text_in_yaml_is_refused(mutation: Mutation, expected: str) -> None:
    content, lines = check(mutation)

    assert lines == [expected]
    assert content is None


def test_a_hidden_character_in_a_key_is_named_beside_the_unknown_field() -> None:
    content, lines = check(
        in_article("    stance: supports\n", '    stance: supports\n    "quote\\u200d": x\n')
    )

    assert lines == [
        hidden(
            f"{A}:19:5", "claims[0].quote\\u200d: ", "U+200D ZERO WIDTH JOINER", "after 'quote'", INVISIBLE
        ),
        f"{A}:19:5: error: claims[0].quote\\u200d: unknown field 'quote\\u200d'. Did you mean 'quote'? "
        "Allowed fields: about, by, conditions, date, event, id, issues, kind, position, quote, sources, "
        "stance, text, venue, via",
    ]
    assert content is None


def test_control_characters_in_an_article_body_are_refused_each_where_it_is() -> None:
    # U+001A marks the generator's own HTML blocks in a page: content can never write one.
    body = "[[Alice|alice-example]] said\x1a\nno.\n\x00\tTabs\r\nand line breaks are fine\x7f \x85.\n"
    content, lines = check(in_article("[[Alice|alice-example]] met [[bob-sample]] in [[exampleton]].", body))

    assert lines == [
        hidden(f"{A}:21:29", "", "U+001A SUBSTITUTE", "after 'alice-example]] said'", CONTROL),
        hidden(f"{A}:23:1", "", "U+0000 NULL", "at the start of the line", CONTROL),
        hidden(f"{A}:24:25", "", "U+007F DELETE", "after 'line breaks are fine'", CONTROL),
        hidden(f"{A}:24:27", "", "U+0085 NEXT LINE", "after 'ne breaks are fine\\x7f '", CONTROL),
    ]
    assert content is None


def test_joiners_that_spell_a_script_are_fine() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    content, lines = check(in_actors("  role: Mayor", f"  aliases: [{persian}, 👨\u200d👩]\n  role: Mayor"))

    assert lines == []
    assert content is not None


@pytest.mark.parametrize("aliases", ["[\u0645, \u0645\u200d, \u0645]", "[\u0645, \u200d\u0645, \u0645]"])
def test_a_joiner_that_ends_or_starts_a_text_is_refused_beside_a_text_in_the_same_script(
    aliases: str,
) -> None:
    # Every text of a file is searched at once first: the texts must not join each other's letters.
    content, lines = check(in_actors("  role: Mayor", f"  aliases: {aliases}\n  role: Mayor"))

    assert [line.split(": error: ")[1].split(" after")[0].split(" at the")[0] for line in lines] == [
        "aliases[1]: hidden character U+200D ZERO WIDTH JOINER"
    ]
    assert content is None


def test_bidi_controls_in_an_article_body_are_refused_each_where_it_is() -> None:
    body = (
        "[[Alice|alice-example]] said \u202eevil\u202c.\nPersian \u200fmarks\u200c are fine.\n\u2067x\u2069"
    )
    content, lines = check(in_article("[[Alice|alice-example]] met [[bob-sample]] in [[exampleton]].", body))

    fix = (
        ". Prose in a right-to-left script needs no such control; a mark such as U+200F RIGHT-TO-LEFT "
        "MARK is allowed"
    )
    assert lines == [
        hidden(f"{A}:21:30", "", "U+202E RIGHT-TO-LEFT OVERRIDE", "after 'lice-example]] said '", REORDERS)
        + fix,
        hidden(
            f"{A}:21:35",
            "",
            "U+202C POP DIRECTIONAL FORMATTING",
            "after 'example]] said \\u202eevil'",
            REORDERS,
        )
        + fix,
        hidden(f"{A}:23:1", "", "U+2067 RIGHT-TO-LEFT ISOLATE", "at the start of the line", REORDERS) + fix,
        hidden(f"{A}:23:3", "", "U+2069 POP DIRECTIONAL ISOLATE", "after '\\u2067x'", REORDERS) + fix,
    ]
    assert content is None
