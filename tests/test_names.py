"""Names matched as people write them: transliteration and diacritic variants match, near words do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.domain.names import NameFinder, closest_name, spelling_key, words_match
from generator.load.loader import load_content
from generator.tools.report_import import KnownEntity, find_entities, known_entities

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelenskyy"),
        ("Zelenskyi", "Zelenskyy"),
        ("Zelenskij", "Zelenskyy"),
        ("Zelenski", "Zelenskyy"),
        ("Zelensky's", "Zelenskyy"),
        ("Зеленский", "Zelenskyy"),
        ("Umierov", "Umerov"),
        ("Medinskiy", "Medinsky"),
        ("Medinskii", "Medinsky"),
        ("Peskow", "Peskov"),
        ("Erdoğan", "Erdogan"),
        ("Sybiha", "Sybiha"),
        ("Shmyhall", "Shmyhal"),
        ("Kuleeba", "Kuleba"),
        ("Zaluzhnyi", "Zaluzhny"),
    ],
)
def test_spelling_variants_of_a_name_match(written: str, known: str) -> None:
    assert words_match(written, known)


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("Russian", "Russia"),
        ("German", "Germany"),
        ("Germans", "Germany"),
        ("Ukrainian", "Ukraine"),
        ("French", "France"),
        ("Italian", "Italy"),
        ("Finns", "Finnish"),
        ("Putina", "Putin"),
        ("Trumps", "Trump"),
        ("Macro", "Macron"),
        ("Merkel", "Merz"),
        ("Moscow", "Mosul"),
        ("Medvedev", "Medinsky"),
        ("Vatican", "Vietnam"),
        ("Zelenskyy", "Zelenska"),  # his wife is another actor
    ],
)
def test_near_but_different_words_do_not_match(written: str, known: str) -> None:
    assert not words_match(written, known)


def test_the_key_folds_diacritics_scripts_and_possessives() -> None:
    assert spelling_key("Zelenskyy’s") == spelling_key("Зеленский") == "zelensky"
    assert spelling_key("Ing-wen") == spelling_key("Ingwen") == spelling_key("Ingven") == "ingven"


def test_closest_name_suggests_by_spelling_and_nothing_when_far() -> None:
    known = ["volodymyr-zelenskyy", "vladimir-putin", "rustem-umerov"]

    assert closest_name("volodymyr-zelensky", known) == "volodymyr-zelenskyy"
    assert closest_name("rustem-umierov", known) == "rustem-umerov"
    assert closest_name("giorgia-meloni", known) is None


ENTITIES = [
    KnownEntity("volodymyr-zelenskyy", "actor", ("Volodymyr Zelenskyy", "Zelenskyy")),
    KnownEntity("rustem-umerov", "actor", ("Rustem Umerov", "Umerov")),
    KnownEntity("vladimir-medinsky", "actor", ("Vladimir Medinsky", "Medinsky")),
    KnownEntity("russia", "actor", ("Russia",)),
    KnownEntity("al-jazeera", "actor", ("Al Jazeera",)),
]


def test_import_finds_actors_as_reports_spell_them() -> None:
    text = (
        "Russian negotiator Vladimir Medinskiy met Umierov in Istanbul. President Zelensky said talks went "
        "on; Volodymyr Zelenskiy's office agreed. Al-Jazeerah and al jazeera reported it."
    )

    assert find_entities(text, ENTITIES) == ["vladimir-medinsky", "rustem-umerov", "volodymyr-zelenskyy"]


def test_no_name_of_the_shipped_registry_matches_another_entitys_name() -> None:
    loaded = load_content(ROOT / "content", display_root=ROOT)
    entities = known_entities({name: document.data for name, document in loaded.registries.items()})
    names = {(name, entity.id) for entity in entities for name in entity.names}

    def same_name(written: str, known: str) -> bool:
        pairs = list(zip(written.split(), known.split(), strict=False))
        return len(written.split()) == len(known.split()) and all(words_match(a, b) for a, b in pairs)

    clashes = {
        (name, other)
        for name, entity_id in names
        for other, other_id in names
        if entity_id != other_id and name != other and same_name(name, other)
    }
    assert clashes == set()


def test_the_shipped_registry_finds_only_the_named_entities_in_saved_news_pages() -> None:
    loaded = load_content(ROOT / "content", display_root=ROOT)
    entities = known_entities({name: document.data for name, document in loaded.registries.items()})
    pages = ROOT / "tests" / "fixtures" / "saved_pages"

    found = {
        page.stem: find_entities(page.read_text(encoding="utf-8"), entities)
        for page in sorted(pages.glob("*.txt"))
    }
    assert found == {
        "dw.com.uncork": ["germany", "turkey", "middle-east", "france", "united-states", "switzerland"],
        "reuters.com.parasite": ["donald-trump"],
        "salon.com.emissions": ["donald-trump", "united-states"],
        "vancouversun.com.microsoft": ["united-states", "donald-trump"],
    }


def test_the_name_finder_finds_names_as_written_longest_first_and_first_letter_in_either_case() -> None:
    finder = NameFinder(
        [
            ("giorgia-meloni", ("Giorgia Meloni", "Meloni")),
            ("meloni-office", ("Office of the Italian Prime Minister", "Meloni's office")),
            ("pope", ("The Pope",)),
            ("united-states", ("United States", "US")),
            ("usa-again", ("US",)),  # a name another entity has: the first keeps it
        ]
    )
    assert finder.ids("Meloni\u2019s office said the Pope and Meloni agree") == [
        "meloni-office",
        "pope",
        "giorgia-meloni",
    ]
    assert finder.ids("let us go; the US went") == ["united-states"]
    assert finder.ids("Melonis and pre-Meloni times") == []
    assert NameFinder([]).ids("anything") == []
