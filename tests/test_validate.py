"""Validate stage: one broken input per case, with the exact line a contributor reads."""

from __future__ import annotations

import pytest
from conftest import (
    ACTORS,
    ACTORS_PATH,
    ARTICLE,
    ARTICLE_PATH,
    EVENTS_PATH,
    ISSUES_PATH,
    VALID,
    VENUES,
    VENUES_PATH,
    Mutation,
    Texts,
    another_report,
    append,
    check,
    load_texts,
    put,
    replace,
)

from generator.check.validate import validate_content


def rename(old: str, new: str) -> Mutation:
    def mutate(texts: Texts) -> None:
        texts[new] = texts.pop(old)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(texts: Texts) -> None:
        for mutation in mutations:
            mutation(texts)

    return mutate


def in_article(old: str, new: str) -> Mutation:
    return replace(ARTICLE_PATH, old, new)


def in_actors(old: str, new: str) -> Mutation:
    return replace(ACTORS_PATH, old, new)


def in_venues(old: str, new: str) -> Mutation:
    return replace(VENUES_PATH, old, new)


def in_events(old: str, new: str) -> Mutation:
    return replace(EVENTS_PATH, old, new)


A = ARTICLE_PATH  # shorter expected lines below

ERROR_CASES = [
    pytest.param(
        in_article("by: alice-example", "by: alice-exampel"),
        f"{A}:14:9: error: claims[0].by: unknown actor 'alice-exampel'. Did you mean 'alice-example'?",
        id="unknown-actor-did-you-mean",
    ),
    pytest.param(
        # 'exampleton' (a venue) is closer, but an actor is expected here.
        in_article("by: alice-example", "by: example"),
        f"{A}:14:9: error: claims[0].by: unknown actor 'example'. Did you mean 'alice-example'?",
        id="unknown-actor-suggests-an-actor-first",
    ),
    pytest.param(
        in_article("by: alice-example", "by: alice"),
        f"{A}:14:9: error: claims[0].by: unknown actor 'alice'. Did you mean 'alice-example' "
        "(Alice Example)?",
        id="unknown-actor-written-as-a-name",
    ),
    pytest.param(
        in_article("by: alice-example", "by: zed"),
        f"{A}:14:9: error: claims[0].by: unknown actor 'zed': add it to content/actors.yml first",
        id="unknown-actor-no-close-match",
    ),
    pytest.param(
        in_events("  venue: exampleton\n", "  venue: nowhere-town\n"),
        "content/events.yml:5:10: error: venue: unknown venue 'nowhere-town': "
        "add it to content/venues.yml first",
        id="unknown-venue",
    ),
    pytest.param(
        in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deals]\nevents"),
        f"{A}:8:10: error: issues[0]: unknown issue 'harbour-deals'. Did you mean 'harbour-deal'?",
        id="unknown-issue",
    ),
    pytest.param(
        in_article("by: alice-example", "by: exampleton"),
        f"{A}:14:9: error: claims[0].by: 'exampleton' is a venue, not an actor",
        id="venue-where-actor-expected",
    ),
    pytest.param(
        in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deal, alice-example]\nevents"),
        f"{A}:8:24: error: issues[1]: 'alice-example' is an actor, not an issue",
        id="actor-where-issue-expected",
    ),
    pytest.param(
        append(VENUES_PATH, "- id: alice-example\n  name: Alice Town\n  kind: city\n  summary: A town.\n"),
        "content/venues.yml:6:7: error: duplicate id 'alice-example': already used at "
        "content/actors.yml:1:7; ids must be unique across actors, venues, issues and events",
        id="duplicate-id-across-registries",
    ),
    pytest.param(
        append(ACTORS_PATH, "- id: Carol_Example\n  name: Carol Example\n  kind: person\n"),
        "content/actors.yml:11:7: error: id: 'Carol_Example' is not a valid id: use lowercase letters, "
        "digits and single hyphens (e.g. 'carol-example')",
        id="invalid-id",
    ),
    pytest.param(
        append(ACTORS_PATH, "- id: " + "c" * 65 + "\n  name: Carol\n  kind: person\n"),
        "content/actors.yml:11:7: error: id: is longer than 64 characters",
        id="id-too-long",
    ),
    pytest.param(
        in_actors("  name: Bob Sample\n", ""),
        "content/actors.yml:7:3: error: missing required field 'name'",
        id="missing-field-in-registry-entry",
    ),
    pytest.param(
        in_article("    by: alice-example\n", ""),
        f"{A}:13:5: error: claims[0]: missing required field 'by'",
        id="missing-field-in-claim",
    ),
    pytest.param(
        in_article("  publisher: Example Gazette\n", ""),
        f"{A}:5:3: error: source: missing required field 'publisher'",
        id="missing-nested-field",
    ),
    pytest.param(
        in_article("title: Harbour talks begin\n", ""),
        f"{A}:2:1: error: front matter is missing title: an article needs title, date, source and summary",
        id="missing-field-in-front-matter",
    ),
    pytest.param(
        in_article("title: Harbour talks begin", "title: '  '"),
        f"{A}:2:8: error: title: must not be empty",
        id="empty-text",
    ),
    pytest.param(
        in_actors("  role: Mayor", "  rol: Mayor"),
        "content/actors.yml:4:3: error: rol: unknown field 'rol'. Did you mean 'role'? Allowed fields: "
        "aliases, country, id, kind, leads, name, part_of, role, side, sources, speaks_for, summary, "
        "updates, wikidata",
        id="unknown-field",
    ),
    pytest.param(
        in_article("    stance: supports\n", "    stance: supports\n    speaker: x\n"),
        f"{A}:19:5: error: claims[0].speaker: unknown field 'speaker'. Allowed fields: about, by, "
        "conditions, date, event, id, issues, kind, position, quote, sources, stance, text, venue, via",
        id="unknown-field-in-claim",
    ),
    pytest.param(
        in_actors("kind: person", "kind: persn"),
        "content/actors.yml:3:9: error: kind: 'persn' is not allowed; use one of: person, organisation, "
        "state, group. Did you mean 'person'?",
        id="kind-not-allowed",
    ),
    pytest.param(
        in_article("stance: supports", "stance: support"),
        f"{A}:18:13: error: claims[0].stance: 'support' is not allowed; use one of: supports, opposes, "
        "conditional, neutral. Did you mean 'supports'?",
        id="stance-not-allowed",
    ),
    pytest.param(
        in_article("status: held", "status: done"),
        f"{A}:11:13: error: events[0].status: 'done' is not allowed; use one of: proposed, scheduled, held, "
        "declined, cancelled.",
        id="status-not-allowed",
    ),
    pytest.param(
        in_actors("name: Alice Example", "name: 42"),
        "content/actors.yml:2:9: error: name: expected text, got 42 (put it in quotes?)",
        id="number-as-text",
    ),
    pytest.param(
        in_actors("country: NO", "country: false"),
        "content/actors.yml:5:12: error: country: expected an ISO 3166-1 alpha-2 country code as "
        "text, such as "
        '"UA", got false (for Norway, write "NO" in quotes)',
        id="false-as-country",
    ),
    pytest.param(
        in_actors("country: NO", "country: 12"),
        "content/actors.yml:5:12: error: country: expected an ISO 3166-1 alpha-2 country code as "
        "text, such as "
        '"UA", got 12',
        id="number-as-country",
    ),
    pytest.param(
        in_actors("  role: Mayor", "  wikidata: 7747\n  role: Mayor"),
        "content/actors.yml:4:13: error: wikidata: expected a Wikidata id such as Q7747, got 7747 "
        "(write it with its Q: Q7747)",
        id="wikidata-without-q",
    ),
    pytest.param(
        in_article("by: alice-example", "by: 1.5"),
        f"{A}:14:9: error: claims[0].by: expected an id, got 1.5: use lowercase letters, digits and single "
        "hyphens",
        id="number-as-id",
    ),
    pytest.param(
        in_article("by: alice-example", "by: true"),
        f"{A}:14:9: error: claims[0].by: expected an id, got true (put it in quotes?)",
        id="boolean-as-id",
    ),
    pytest.param(
        in_article("by: alice-example", "by: examplton"),
        f"{A}:14:9: error: claims[0].by: unknown actor 'examplton': add it to content/actors.yml first "
        "(the similar 'exampleton' is a venue, not an actor)",
        id="unknown-actor-close-to-an-id-of-another-kind",
    ),
    pytest.param(
        append(ISSUES_PATH, "  parent: harbour-deal\n"),
        "content/issues.yml:4:11: error: parent: issue 'harbour-deal' cannot be its own parent; name "
        "a broader "
        "issue or remove 'parent'",
        id="issue-is-its-own-parent",
    ),
    pytest.param(
        both(
            append(ISSUES_PATH, "  parent: fishing-rights\n"),
            append(
                ISSUES_PATH,
                "- id: fishing-rights\n  title: Fishing rights\n  summary: Who may fish.\n  parent: "
                "harbour-deal\n",
            ),
            in_article("    issues: [harbour-deal]\n", "    issues: [harbour-deal, fishing-rights]\n"),
            in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deal, fishing-rights]\nevents"),
        ),
        "content/issues.yml:4:11: error: parent: the issues' parents form a loop (harbour-deal -> "
        "fishing-rights "
        "-> harbour-deal); remove 'parent' from one of them",
        id="issue-parents-form-a-loop",
    ),
    pytest.param(
        both(
            append(ACTORS_PATH, "- id: search\n  name: Search\n  kind: group\n  summary: A group.\n"),
            append(ARTICLE_PATH, "[[search]]\n"),
        ),
        "content/actors.yml:11:7: error: id: 'search' is reserved for the site's own pages; choose "
        "another id",
        id="reserved-id",
    ),
    pytest.param(
        both(
            append(ACTORS_PATH, "- id: com1\n  name: Com\n  kind: group\n  summary: A group.\n"),
            append(ARTICLE_PATH, "[[com1]]\n"),
        ),
        "content/actors.yml:11:7: error: id: 'com1' is a Windows device name and cannot be a file "
        "name; choose "
        "another id",
        id="windows-device-name-as-id",
    ),
    pytest.param(
        rename(ARTICLE_PATH, "content/articles/2025/index.md"),
        "content/articles/2025/index.md:1:1: error: file name: 'index' is reserved for the site's own pages; "
        "rename the file",
        id="reserved-article-slug",
    ),
    pytest.param(
        in_article("issues: [harbour-deal]\nevents", "issues: &i [harbour-deal]\nevents"),
        f"{A}:8:9: error: anchor '&i': anchors and aliases are not allowed; write the value out in full",
        id="anchor-in-front-matter",
    ),
    pytest.param(
        in_actors("name: Alice Example", "name: !!str Alice Example"),
        "content/actors.yml:2:9: error: tag '!!str': tags are not allowed; remove it (to keep a "
        "value as text, "
        "put it in quotes)",
        id="tag-in-registry",
    ),
    pytest.param(
        in_article("title: Harbour", "%YAML 1.2\ntitle: Harbour"),
        f"{A}:2:1: error: directive '%YAML': directives are not allowed; remove this line",
        id="directive-in-front-matter",
    ),
    pytest.param(
        append(ARTICLE_PATH, "Then [[ zed ]].\n"),
        f"{A}:22:9: error: unknown id 'zed' in mention [[...]]: mention an id from actors.yml, venues.yml, "
        "issues.yml or events.yml",
        id="unknown-mention-with-spaces",
    ),
    pytest.param(
        append(ARTICLE_PATH, "~~~\n```\n[[zed]]\n~~~\n[[zed]]\n"),
        f"{A}:26:3: error: unknown id 'zed' in mention [[...]]: mention an id from actors.yml, venues.yml, "
        "issues.yml or events.yml",
        id="unknown-mention-after-a-mismatched-fence",
    ),
    pytest.param(
        in_actors("country: NO", "country: Norway"),
        "content/actors.yml:5:12: error: country: expected an ISO 3166-1 alpha-2 country code such as "
        "\"UA\", got 'Norway'",
        id="country-not-a-code",
    ),
    pytest.param(
        in_actors("  role: Mayor", "  wikidata: X7747\n  role: Mayor"),
        "content/actors.yml:4:13: error: wikidata: expected a Wikidata id such as Q7747, got 'X7747'",
        id="wikidata-id",
    ),
    pytest.param(
        in_article("issues: [harbour-deal]\nevents", "issues: harbour-deal\nevents"),
        f"{A}:8:9: error: issues: expected a list, got 'harbour-deal'; write a list: issues: [harbour-deal]",
        id="string-where-list-expected",
    ),
    pytest.param(
        in_venues("{lat: 10.5, lon: -20.25}", "here"),
        "content/venues.yml:4:13: error: location: expected a mapping of fields, got 'here'",
        id="string-where-mapping-expected",
    ),
    pytest.param(
        append(ACTORS_PATH, "- carol-example\n"),
        "content/actors.yml:11:3: error: entry: expected a mapping of fields, got 'carol-example'",
        id="registry-entry-not-a-mapping",
    ),
    pytest.param(
        in_venues("lat: 10.5", "lat: 91"),
        "content/venues.yml:4:19: error: location.lat: latitude must be between -90 and 90, got 91",
        id="latitude-out-of-range",
    ),
    pytest.param(
        in_venues("lon: -20.25", "lon: -180.5"),
        "content/venues.yml:4:30: error: location.lon: longitude must be between -180 and 180, got -180.5",
        id="longitude-out-of-range",
    ),
    pytest.param(
        in_venues("lat: 10.5", "lat: north"),
        "content/venues.yml:4:19: error: location.lat: expected a number, got 'north'",
        id="latitude-not-a-number",
    ),
    pytest.param(
        in_article("https://example.org/harbour", "ftp://example.org/harbour"),
        f"{A}:6:8: error: source.url: expected an http(s) URL such as https://example.org/page, "
        "got 'ftp://example.org/harbour'",
        id="ftp-url",
    ),
    pytest.param(
        in_article("https://example.org/harbour", "javascript:alert(1)"),
        f"{A}:6:8: error: source.url: expected an http(s) URL such as https://example.org/page, "
        "got 'javascript:alert(1)'",
        id="javascript-url",
    ),
    pytest.param(
        in_actors("  role: Mayor", "  sources: [https://example.org, 'https:no-host']\n  role: Mayor"),
        "content/actors.yml:4:34: error: sources[1]: expected an http(s) URL such as "
        "https://example.org/page, got 'https:no-host'",
        id="url-without-host",
    ),
    pytest.param(
        in_article("date: 2025-05-19\nsource", "date: '2025-05-19'\nsource"),
        f"{A}:3:7: error: date: expected a date written YYYY-MM-DD without quotes, got '2025-05-19'",
        id="quoted-date",
    ),
    pytest.param(
        in_article("date: 2025-05-19\nsource", "date: 2025-02-30\nsource"),
        f"{A}:3:7: error: '2025-02-30' is not a real date: write an existing date as YYYY-MM-DD",
        id="impossible-date",
    ),
    pytest.param(
        in_article("event: harbour-meeting", "event: harbour-meting"),
        f"{A}:19:12: error: claims[0].event: unknown event 'harbour-meting'. Did you mean 'harbour-meeting'?",
        id="unknown-event-did-you-mean",
    ),
    pytest.param(
        in_article("event: harbour-meeting", "event: press-day"),
        f"{A}:19:12: error: claims[0].event: unknown event 'press-day': add it to content/events.yml first",
        id="unknown-event",
    ),
    pytest.param(
        in_article(
            "---\n[[",
            "  - id: alice-offer\n    by: bob-sample\n    kind: refusal\n    text: Bob refuses.\n"
            "    date: 2025-05-19\n---\n[[",
        ),
        f"{A}:20:9: error: claims[1].id: duplicate id 'alice-offer' (first used at line 13); ids of claims "
        "must be unique within an article",
        id="duplicate-claim-id",
    ),
    pytest.param(
        in_article(
            "claims:\n",
            "  - id: harbour-meeting\n    status: held\nclaims:\n",
        ),
        f"{A}:12:9: error: events[1].id: duplicate id 'harbour-meeting' (first used at line 10); ids of "
        "events must be unique within an article",
        id="duplicate-event-id",
    ),
    pytest.param(
        append(ARTICLE_PATH, "\nLater [[Bob|bob-sampel]] left.\n"),
        f"{A}:23:13: error: unknown id 'bob-sampel' in mention [[...]]. Did you mean 'bob-sample'?",
        id="unknown-mention-did-you-mean",
    ),
    pytest.param(
        both(
            in_actors("  name: Bob Sample\n", "  name: Bob Sample\n  aliases: [Roberto]\n"),
            append(ARTICLE_PATH, "\nLater [[Sample|roberto]] left.\n"),
        ),
        f"{A}:23:16: error: unknown id 'roberto' in mention [[...]]. Did you mean 'bob-sample' (Bob Sample)?",
        id="unknown-mention-written-as-a-name",
    ),
    pytest.param(
        append(ARTICLE_PATH, "Then [[zed]].\n"),
        f"{A}:22:8: error: unknown id 'zed' in mention [[...]]: mention an id from actors.yml, venues.yml, "
        "issues.yml or events.yml",
        id="unknown-mention",
    ),
    pytest.param(
        both(
            rename(ARTICLE_PATH, "content/articles/2025/harbour-talks.md"),
            put(
                "content/articles/2024/harbour-talks.md",
                another_report("2024-05-19"),
            ),
        ),
        "content/articles/2025/harbour-talks.md:1:1: error: duplicate article slug 'harbour-talks': "
        "content/articles/2024/harbour-talks.md has the same file name; slugs are URLs and must "
        "be unique across year folders",
        id="duplicate-slug",
    ),
    pytest.param(
        rename(ARTICLE_PATH, "content/articles/2025/Harbour Talks.md"),
        "content/articles/2025/Harbour Talks.md:1:1: error: file name 'Harbour Talks.md' is not a valid "
        "article slug: rename it to 'harbour-talks.md' (lowercase letters, digits and single hyphens)",
        id="file-name-not-a-slug",
    ),
    pytest.param(
        both(
            put(VENUES_PATH, "id: exampleton\nname: Exampleton\n"),
            in_events("  venue: exampleton\n", ""),
            in_article(" in [[exampleton]]", ""),
        ),
        "content/venues.yml:1:1: error: a registry is a YAML list of entries ('- id: ...'), got a mapping",
        id="registry-not-a-list",
    ),
    pytest.param(
        put(ARTICLE_PATH, "---\n- title: Harbour talks\n---\nBody.\n"),
        f"{A}:2:1: error: front matter must be a mapping of fields, got a list",
        id="front-matter-not-a-mapping",
    ),
    pytest.param(
        put(ARTICLE_PATH, "---\n---\nBody.\n"),
        f"{A}:2:1: error: front matter is empty: an article needs title, date, source and summary",
        id="front-matter-empty",
    ),
    pytest.param(
        append(ISSUES_PATH, "  parent: harbour-dael\n"),
        "content/issues.yml:4:11: error: parent: unknown issue 'harbour-dael'. Did you mean 'harbour-deal'?",
        id="unknown-parent-did-you-mean",
    ),
    pytest.param(
        append(ISSUES_PATH, "  parent: fishing-rights\n"),
        "content/issues.yml:4:11: error: parent: unknown issue 'fishing-rights': add it to "
        "content/issues.yml first",
        id="unknown-parent",
    ),
    pytest.param(
        in_article("summary: Talks on", "title: Again\nsummary: Talks on"),
        f"{A}:7:1: error: duplicate key 'title': each key may appear once in a mapping; remove or rename one",
        id="yaml-error-in-article",
    ),
]


@pytest.mark.parametrize(("mutation", "expected"), ERROR_CASES)
def test_one_mistake_one_message(mutation: Mutation, expected: str) -> None:
    content, lines = check(mutation)

    assert lines == [expected]
    assert content is None


WARNING_CASES = [
    pytest.param(
        in_actors("  summary: A fictional organisation.\n", ""),
        "content/actors.yml:7:7: warning: actor 'bob-sample' has no summary: add one sentence saying who or "
        "what it is",
        id="missing-summary",
    ),
    pytest.param(
        append(ACTORS_PATH, "- id: carol-example\n  name: Carol\n  kind: person\n  summary: Nobody.\n"),
        "content/actors.yml:11:7: warning: actor 'carol-example' is not mentioned by any article: mention it "
        "or remove it",
        id="entity-not-mentioned",
    ),
    pytest.param(
        both(
            append(ISSUES_PATH, "- id: fishing-rights\n  title: Fishing rights\n  summary: Who may fish.\n"),
            in_article("issues: [harbour-deal]\nevents", "issues: [harbour-deal, fishing-rights]\nevents"),
            in_events("  venue: exampleton\n", "  venue: exampleton\n  issues: [fishing-rights]\n"),
        ),
        "content/issues.yml:4:7: warning: issue 'fishing-rights' has no claims: "
        "its positions table will be empty",
        id="issue-without-claims",
    ),
    pytest.param(
        in_article("summary: Talks on the harbour began.", "summary: TODO two sentences."),
        f"{A}:7:10: warning: unfinished draft: replace this TODO with what the report says, or remove it",
        id="todo-marker-in-front-matter",
    ),
    pytest.param(
        in_actors("  role: Mayor of Exampleton\n", "  role: Mayor of Exampleton  # TODO check the role\n"),
        "content/actors.yml:4:32: warning: unfinished draft: replace this TODO with what the report says, or "
        "remove it",
        id="todo-marker-in-a-registry-comment",
    ),
]


@pytest.mark.parametrize(("mutation", "expected"), WARNING_CASES)
def test_warnings_do_not_stop_the_content(mutation: Mutation, expected: str) -> None:
    content, lines = check(mutation)

    assert lines == [expected]
    assert content is not None


def test_valid_fixture_has_no_problems_and_gives_typed_content() -> None:
    content, lines = validate_content(load_texts(VALID))

    assert lines == []
    assert content is not None
    assert [actor.id for actor in content.actors] == ["alice-example", "bob-sample"]
    assert content.actors[0].country == "NO"
    assert [venue.id for venue in content.venues] == ["exampleton"]
    assert [issue.id for issue in content.issues] == ["harbour-deal"]
    (article,) = content.articles
    assert (article.slug, article.path, article.body_line) == ("2025-05-19-harbour-talks", ARTICLE_PATH, 21)
    assert article.mentioned == ("alice-example", "bob-sample", "exampleton")
    assert article.front.claims[0].by == "alice-example"
    assert content.registry_paths == {
        "actors": "content/actors.yml",
        "venues": "content/venues.yml",
        "issues": "content/issues.yml",
        "events": "content/events.yml",
    }


def test_articles_are_ordered_by_date_then_slug() -> None:
    texts = dict(VALID)
    texts["content/articles/2025/2025-05-01-earlier.md"] = another_report("2025-05-01")
    texts["content/articles/2025/2025-05-19-another.md"] = another_report()

    content, problems = validate_content(load_texts(texts))

    assert problems == []
    assert content is not None
    assert [article.slug for article in content.articles] == [
        "2025-05-01-earlier",
        "2025-05-19-another",
        "2025-05-19-harbour-talks",
    ]


def test_all_errors_are_reported_at_once_and_sorted() -> None:
    content, lines = check(
        in_venues("lat: 10.5", "lat: 91"),
        in_article("stance: supports", "stance: support"),
        in_actors("kind: person", "kind: persn"),
        in_actors("  name: Bob Sample\n", ""),
    )

    assert content is None
    assert lines == [
        "content/actors.yml:3:9: error: kind: 'persn' is not allowed; use one of: person, organisation, "
        "state, group. Did you mean 'person'?",
        "content/actors.yml:7:3: error: missing required field 'name'",
        f"{A}:18:13: error: claims[0].stance: 'support' is not allowed; use one of: supports, opposes, "
        "conditional, neutral. Did you mean 'supports'?",
        "content/venues.yml:4:19: error: location.lat: latitude must be between -90 and 90, got 91",
    ]


def test_three_mistakes_in_one_document_give_three_problems() -> None:
    _, lines = check(
        in_article("title: Harbour talks begin", "title: 5"),
        in_article("status: held", "status: hled"),
        in_article("stance: supports", "stance: maybe"),
    )

    assert lines == [
        f"{A}:2:8: error: title: expected text, got 5 (put it in quotes?)",
        f"{A}:11:13: error: events[0].status: 'hled' is not allowed; use one of: proposed, scheduled, held, "
        "declined, cancelled. Did you mean 'held'?",
        f"{A}:18:13: error: claims[0].stance: 'maybe' is not allowed; "
        "use one of: supports, opposes, conditional, neutral.",
    ]


def test_errors_come_with_warnings_and_no_content() -> None:
    content, lines = check(
        in_actors("  summary: A fictional organisation.\n", ""),
        in_article("by: alice-example", "by: alice-exampel"),
    )

    assert content is None
    assert lines == [
        "content/actors.yml:7:7: warning: actor 'bob-sample' has no summary: add one sentence saying who or "
        "what it is",
        f"{A}:14:9: error: claims[0].by: unknown actor 'alice-exampel'. Did you mean 'alice-example'?",
    ]


def test_a_broken_article_does_not_make_its_entities_look_unused() -> None:
    # Only the broken article mentions these entities: saying "not mentioned by any article" would be false.
    content, lines = check(in_article("status: held", "status: done"))

    assert content is None
    assert len(lines) == 1
    assert "not mentioned" not in lines[0]


def test_a_type_error_does_not_hide_reference_errors_in_the_same_article() -> None:
    _, lines = check(
        in_article("title: Harbour talks begin", "title: 5"),
        in_article("stance: supports", "stance: maybe"),
        in_article("by: alice-example", "by: alice-exampel"),
        in_article("  - id: harbour-meeting\n", "  - id: harbour-meting\n"),
        in_article("event: harbour-meeting", "event: press-day"),
    )

    assert lines == [
        f"{A}:2:8: error: title: expected text, got 5 (put it in quotes?)",
        f"{A}:10:9: error: events[0].id: unknown event 'harbour-meting'. Did you mean 'harbour-meeting'?",
        f"{A}:14:9: error: claims[0].by: unknown actor 'alice-exampel'. Did you mean 'alice-example'?",
        f"{A}:18:13: error: claims[0].stance: 'maybe' is not allowed; use one of: supports, opposes, "
        "conditional, neutral.",
        f"{A}:19:12: error: claims[0].event: unknown event 'press-day': add it to content/events.yml first",
    ]


def test_an_event_with_a_type_error_still_counts_for_claims_that_name_it() -> None:
    _, lines = check(in_article("status: held", "status: done"))

    assert lines == [
        f"{A}:11:13: error: events[0].status: 'done' is not allowed; use one of: proposed, scheduled, held, "
        "declined, cancelled."
    ]


def test_ids_that_differ_only_in_case_are_refused_naming_both_places() -> None:
    _, lines = check(
        append(VENUES_PATH, "- id: Alice-Example\n  name: Alice Town\n  kind: city\n  summary: A town.\n")
    )

    assert lines == [
        "content/venues.yml:6:7: error: 'Alice-Example' differs from 'alice-example' "
        "(content/actors.yml:1:7) "
        "only in letter case; both become the same URL on some systems: use 'alice-example' or "
        "choose another "
        "name",
        "content/venues.yml:6:7: error: id: 'Alice-Example' is not a valid id: use lowercase "
        "letters, digits and "
        "single hyphens (e.g. 'alice-example')",
    ]


def test_article_slugs_that_differ_only_in_case_are_refused_naming_both_places() -> None:
    texts = {"content/articles/2025/2025-05-19-Harbour-Talks.md": another_report()}
    _, lines = check(lambda tree: tree.update(texts))

    assert lines == [
        "content/articles/2025/2025-05-19-Harbour-Talks.md:1:1: error: file name "
        "'2025-05-19-Harbour-Talks.md' "
        "is not a valid article slug: rename it to '2025-05-19-harbour-talks.md' (lowercase letters, "
        "digits and "
        "single hyphens)",
        f"{A}:1:1: error: file name: '2025-05-19-harbour-talks' differs from '2025-05-19-Harbour-Talks' "
        "(content/articles/2025/2025-05-19-Harbour-Talks.md) only in letter case; both become the "
        "same URL on "
        "some systems: use '2025-05-19-Harbour-Talks' or choose another name",
    ]


def test_a_long_chain_of_parents_without_a_loop_is_fine() -> None:
    chain = "".join(
        f"- id: topic-{number}\n  title: Topic {number}\n  summary: A topic.\n  parent: topic-{number + 1}\n"
        for number in range(200)
    )
    chain += "- id: topic-200\n  title: Top\n  summary: The top.\n"
    _, lines = check(append(ISSUES_PATH, chain))

    assert not [line for line in lines if "error" in line]


def test_mention_of_any_kind_of_entity_is_accepted() -> None:
    content, lines = check(append(ARTICLE_PATH, "About [[harbour-deal]] and [[Town|exampleton]].\n"))

    assert lines == []
    assert content is not None


def test_explicit_actor_list_is_checked() -> None:
    _, lines = check(in_article("summary: Talks", "actors: [exampleton]\nsummary: Talks"))

    assert lines == [f"{A}:7:10: error: actors[0]: 'exampleton' is a venue, not an actor"]


def test_fixture_strings_are_the_ones_the_cases_were_written_for() -> None:
    # The line and column numbers above depend on these texts; change them together.
    assert ACTORS.count("\n") == 10
    assert VENUES.count("\n") == 5
    assert ARTICLE.count("\n") == 21


NAMED_ACTORS = """\
- id: rustem-umerov
  name: Rustem Umerov
  kind: person
  summary: A minister.
- id: volodymyr-zelenskyy
  name: Volodymyr Zelenskyy
  kind: person
  summary: A president.
- id: vladimir-putin
  name: Vladimir Putin
  kind: person
  aliases: [Putin]
  summary: A president.
"""


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("vladimir-puttin", "Did you mean 'vladimir-putin'?"),
        ("zelensky", "Did you mean 'volodymyr-zelenskyy' (Volodymyr Zelenskyy)?"),
        ("zelenskiy", "Did you mean 'volodymyr-zelenskyy' (Volodymyr Zelenskyy)?"),
        ("umierov", "Did you mean 'rustem-umerov'?"),
        ("putin", "Did you mean 'vladimir-putin' (Vladimir Putin)?"),
        ("putn", "Did you mean 'vladimir-putin' (Vladimir Putin)?"),
    ],
)
def test_an_actor_written_as_people_write_the_name_is_suggested(written: str, suggestion: str) -> None:
    _, lines = check(append(ACTORS_PATH, NAMED_ACTORS), in_article("by: alice-example", f"by: {written}"))
    errors = [line for line in lines if ": error: " in line]
    assert errors == [f"{A}:14:9: error: claims[0].by: unknown actor '{written}'. {suggestion}"]


def test_a_name_of_another_kind_is_not_suggested() -> None:
    # 'Lighthouse' is a venue's name: an actor is expected, so no venue is offered.
    venue = "- id: beacon\n  name: Lighthouse\n  kind: city\n  summary: A lighthouse.\n"
    _, lines = check(append(VENUES_PATH, venue), in_article("by: alice-example", "by: lighthose"))
    errors = [line for line in lines if ": error: " in line]
    assert errors == [
        f"{A}:14:9: error: claims[0].by: unknown actor 'lighthose': add it to content/actors.yml first"
    ]
