"""An article's references checked at once: the same answer as checking them field by field."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.validate import (
    _ARTICLE_REFERENCES,
    _CLAIM_REFERENCES,
    _EVENT_REFERENCES,
    _all_known,
    _records,
    _references_known,
    _Registry,
)

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.sampled_from(["alice", "bob", "paris", "deal", " alice", "Alice", "nobody", ""])
values = st.one_of(
    st.none(),
    ids,
    st.integers(),
    st.lists(st.one_of(ids, st.integers(), st.just([]), st.just({})), max_size=3),
    st.just({"a": 1}),
)
FIELDS = ("by", "via", "venue", "issues", "actors", "venues")
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=4)
fronts = st.fixed_dictionaries(
    {},
    optional={
        "issues": values,
        "actors": values,
        "venues": values,
        "events": st.one_of(st.lists(st.one_of(records, st.integers()), max_size=3), values),
        "claims": st.one_of(st.lists(st.one_of(records, st.integers()), max_size=3), values),
    },
)


def known_field_by_field(registry: _Registry, front: dict[str, Any]) -> bool:
    checks = [(front, _ARTICLE_REFERENCES)]
    checks += [(event, _EVENT_REFERENCES) for _, event in _records(front, "events")]
    checks += [(claim, _CLAIM_REFERENCES) for _, claim in _records(front, "claims")]
    return all(
        _all_known(registry, record.get(field_name), many, expected)
        for record, references in checks
        for field_name, expected, many in references
    )


@SETTINGS
@given(fronts)
def test_references_known_at_once_exactly_when_known_field_by_field(front: dict[str, Any]) -> None:
    registry = _Registry()
    for kind, entity_id in (("actor", "alice"), ("actor", "bob"), ("venue", "paris"), ("issue", "deal")):
        registry.add(kind, entity_id)
    events, claims = _records(front, "events"), _records(front, "claims")

    assert _references_known(registry, front, events, claims) == known_field_by_field(registry, front)
