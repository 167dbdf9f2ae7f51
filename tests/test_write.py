"""Write stage: the output tree is replaced all or nothing, and never outside its folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import limit_file_size
from conftest import read_tree as tree

from generator.build.swap import STAGING_MARKER
from generator.build.write import MARKER, WriteError, WrittenFiles, write_tree
from generator.render.render import GeneratedPage


def pages(**markdown_by_path: str) -> dict[str, GeneratedPage]:
    return {
        path: GeneratedPage(path=path, markdown=markdown, source="content/actors.yml")
        for path, markdown in markdown_by_path.items()
    }


def siblings(out: Path) -> list[str]:
    """What sits beside the output folder: temporary folders must not be left there."""
    return sorted(path.name for path in out.parent.iterdir())


MARKER_TEXT = b"Written by newsgen generate; replaced on every run.\n"


def test_writes_pages_and_the_marker_and_leaves_nothing_beside(tmp_path: Path) -> None:
    out = tmp_path / "docs"

    write_tree(pages(**{"index.md": "# Home\n", "actors/alice-example.md": "# Alice\n"}), out)

    assert tree(out) == {
        "index.md": b"# Home\n",
        "actors/alice-example.md": b"# Alice\n",
        MARKER: MARKER_TEXT,
    }
    assert siblings(out) == ["docs"]


def test_writes_utf8_with_unix_newlines(tmp_path: Path) -> None:
    out = tmp_path / "docs"

    write_tree({"a.md": GeneratedPage(path="a.md", markdown="Über\nzwei\n", source="x")}, out)

    assert (out / "a.md").read_bytes() == "Über\nzwei\n".encode()


def test_replaces_a_previous_tree_completely(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree(pages(**{"old.md": "old", "actors/gone.md": "gone"}), out)

    write_tree(pages(**{"new.md": "new"}), out)

    assert tree(out) == {"new.md": b"new", MARKER: MARKER_TEXT}
    assert siblings(out) == ["docs"]


def test_an_empty_existing_folder_is_used(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()

    write_tree(pages(**{"a.md": "a"}), out)

    assert tree(out) == {"a.md": b"a", MARKER: MARKER_TEXT}


@pytest.mark.parametrize(
    "bad_path", ["../x.md", "a/../../x.md", "/tmp/x.md", "", ".", "a\\..\\..\\x.md", "C:x.md", "a\nb.md"]
)
def test_refuses_paths_escaping_the_output_folder(tmp_path: Path, bad_path: str) -> None:
    out = tmp_path / "docs"
    write_tree(pages(**{"keep.md": "keep"}), out)
    before = tree(tmp_path)

    with pytest.raises(WriteError) as caught:
        write_tree({"a.md": pages(a="a")["a"], bad_path: pages(x="x")["x"]}, out)

    assert str(caught.value) == f"refusing to write outside the output folder: {bad_path!r}"
    assert tree(tmp_path) == before
    assert siblings(out) == ["docs"]


def test_failure_on_first_write_leaves_no_output_and_no_temporary_folder(tmp_path: Path) -> None:
    out = tmp_path / "docs"

    with pytest.raises(WriteError):
        write_tree(pages(**{"a.md": "a", "../escape.md": "x"}), out)

    assert list(tmp_path.iterdir()) == []


def test_failure_while_writing_keeps_the_previous_tree(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree(pages(**{"keep.md": "keep"}), out)
    before = tree(tmp_path)

    # `a.md` is written as a file, then needed as a folder: the operating system refuses.
    with pytest.raises(WriteError) as caught:
        write_tree(pages(**{"a.md": "a", "a.md/b.md": "b"}), out)

    assert str(caught.value).startswith(f"cannot write {out}: ")
    assert tree(tmp_path) == before
    assert siblings(out) == ["docs"]


def test_refuses_a_non_empty_folder_not_written_by_newsgen(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")

    with pytest.raises(WriteError) as caught:
        write_tree(pages(**{"a.md": "a"}), out)

    assert str(caught.value) == (
        f"{out} exists and was not written by newsgen (no .newsgen-generated file): "
        "choose an empty or new folder"
    )
    assert tree(tmp_path) == {"docs/notes.md": b"mine"}
    assert siblings(out) == ["docs"]


def test_refuses_a_file_in_place_of_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.write_text("a file", encoding="utf-8")

    with pytest.raises(WriteError):
        write_tree(pages(**{"a.md": "a"}), out)

    assert out.read_text(encoding="utf-8") == "a file"
    assert siblings(out) == ["docs"]


@pytest.mark.parametrize("relative_out", ["content", "content/site", "."])
def test_refuses_to_write_into_or_over_the_content_folder(tmp_path: Path, relative_out: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "actors.yml").write_text("[]\n", encoding="utf-8")
    (tmp_path / MARKER).write_text("", encoding="utf-8")  # even a marked folder is not replaced
    before = tree(tmp_path)
    out = tmp_path / relative_out

    with pytest.raises(WriteError) as caught:
        write_tree(pages(**{"a.md": "a"}), out, protected=content)

    assert str(caught.value) == f"refusing to write into or over the content folder: {out.absolute()}"
    assert tree(tmp_path) == before


def test_an_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be", encoding="utf-8")

    with pytest.raises(WriteError) as caught:
        write_tree(pages(**{"a.md": "a"}), tmp_path / "blocked" / "docs")

    assert str(caught.value).startswith(f"cannot create a folder beside {tmp_path / 'blocked' / 'docs'}: ")


def test_a_full_disk_keeps_the_previous_tree_and_leaves_nothing_beside(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree(pages(**{"keep.md": "keep"}), out)
    before = tree(tmp_path)
    script = (
        "import sys; from pathlib import Path; from generator.render.render import GeneratedPage;"
        "from generator.build.write import WriteError, write_tree\n"
        "try:\n"
        "    write_tree({'big.md': GeneratedPage('big.md', 'x' * 4096, 's')}, Path(sys.argv[1]))\n"
        "except WriteError as error:\n"
        "    print(error); sys.exit(2)\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit_file_size(512),
    )

    assert result.returncode == 2, result.stderr
    assert result.stdout == f"cannot write {out}: File too large\n"
    assert tree(tmp_path) == before
    assert siblings(out) == ["docs"]


class _InterruptedPages(dict):
    """Pages whose iteration is interrupted half-way, as Ctrl-C would."""

    def items(self):  # type: ignore[override]
        for number, item in enumerate(super().items()):
            if number == 1:
                raise KeyboardInterrupt
            yield item


def test_ctrl_c_while_writing_keeps_the_previous_tree_and_leaves_nothing_beside(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_tree(pages(**{"keep.md": "keep"}), out)
    before = tree(tmp_path)

    with pytest.raises(KeyboardInterrupt):
        write_tree(_InterruptedPages(pages(**{"a.md": "a", "b.md": "b", "c.md": "c"})), out)

    assert tree(tmp_path) == before
    assert siblings(out) == ["docs"]


def test_written_files_go_beside_the_site_and_are_discarded_after(tmp_path: Path) -> None:
    written = WrittenFiles.beside(tmp_path / "site")
    written.write("feeds/actors/a.xml", b"<feed/>")
    written.write("data/claims.json", b"[]")

    assert written.folder.parent == tmp_path and (written.folder / STAGING_MARKER).is_file()
    assert written.paths == ["feeds/actors/a.xml", "data/claims.json"]
    assert (written.folder / "feeds/actors/a.xml").read_bytes() == b"<feed/>"
    with pytest.raises(WriteError, match="refusing to write outside the output folder"):
        written.write("../escape.xml", b"x")
    assert not (tmp_path / "escape.xml").exists()
    written.discard()
    assert list(tmp_path.iterdir()) == []
