"""Page HTML kept in its most compact in-memory form: the same text, fewer bytes."""

from __future__ import annotations

from generator.build.compact import compact_html


def test_page_html_is_kept_in_its_most_compact_form() -> None:
    english = "<p>Ada North &#10003; supports the \u201ctruce\u201d \u2014 caf\u00e9</p>"
    decoded = "<p>Ada North \u2713 supports the \u201ctruce\u201d \u2014 caf\u00e9</p>"
    # One byte per character, and the same text: the references stand for the same characters.
    assert (
        compact_html(decoded)
        == "<p>Ada North &#10003; supports the &#8220;truce&#8221; &#8212; caf\u00e9</p>"
    )
    assert compact_html(decoded).encode("latin-1")
    assert compact_html(english) == english.replace("\u201c", "&#8220;").replace("\u201d", "&#8221;").replace(
        "\u2014", "&#8212;"
    )
    cyrillic = "<p>" + "\u041f\u0443\u0442\u0456\u043d " * 50 + "\u2713</p>"
    assert compact_html(cyrillic) == cyrillic  # references would take more memory than the characters
    assert compact_html("<p>plain</p>") == "<p>plain</p>"
