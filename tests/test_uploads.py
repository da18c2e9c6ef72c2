"""A teacher's own document: checked like a file in the folder, kept per session or in the
folder as configured, refused with one clear message, and never disturbing what is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuril_map.documents import load_documents
from kuril_map.documents.loading import MAX_BYTES
from kuril_map.documents.uploads import (
    FOLDER,
    SESSION,
    UploadError,
    add_upload,
    added_message,
    check_upload,
    safe_name,
    save_atomically,
    storage_mode,
    storage_note,
)

GOOD = (
    "---\ntitle: My handout\nperspective: teacher notes\n---\n"
    "In 1956 the Joint Declaration promised Shikotan and the Habomai islands.\n"
)
EXISTING = "Etorofu in 1855: the Treaty of Shimoda drew the first border.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "existing.txt").write_text(EXISTING, encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------- where uploads are kept


@pytest.mark.parametrize(
    ("env", "app_dir", "mode"),
    [
        ({}, Path("/home/teacher/kuril-map/kuril_map"), FOLDER),
        ({}, Path("/mount/src/kuril-map/kuril_map"), SESSION),
        ({"HOSTNAME": "streamlit"}, Path("/app/kuril_map"), SESSION),
        ({"KURIL_MAP_UPLOADS": "folder"}, Path("/mount/src/kuril-map/kuril_map"), FOLDER),
        ({"KURIL_MAP_UPLOADS": " Session "}, Path("/home/t/kuril_map"), SESSION),
        ({"KURIL_MAP_UPLOADS": "nonsense"}, Path("/home/t/kuril_map"), FOLDER),
    ],
)
def test_storage_mode_setting_and_default(env: dict, app_dir: Path, mode: str) -> None:
    assert storage_mode(env, app_dir) == mode


def test_storage_note_says_plainly_where_files_go(tmp_path: Path) -> None:
    assert "this browser session only" in storage_note(SESSION, tmp_path)
    assert str(tmp_path) in storage_note(FOLDER, tmp_path)


# ---------------------------------------------------------------- checking


def test_good_upload_is_tagged_at_once() -> None:
    doc = check_upload("handout.md", GOOD.encode(), loaded_ids=["existing"])
    assert doc.id == "handout" and doc.title == "My handout"
    assert doc.perspective == "teacher notes"
    assert {"shikotan", "habomai"} <= doc.passages[0].islands
    assert 1956 in doc.passages[0].years


@pytest.mark.parametrize(
    ("name", "raw", "words"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"PK\x03\x04\x00\x00zip", "binary file"),
        ("latin1.txt", "Étorofu in 1855".encode("latin-1"), "not UTF-8"),
        ("huge.txt", b"a" * (MAX_BYTES + 1), "over the 1,000,000-byte limit"),
        ("broken.md", b"---\ntitle: A\nno colon\n---\nText 1956.", "line 3: expected 'key: value'"),
        ("open.md", b"---\ntitle: A\nText.", "never closed"),
        ("notes.pdf", b"%PDF-1.4", "only .txt and .md"),
        ("README.md", b"How to add documents.", "README"),
        ("existing.txt", EXISTING.encode(), "already loaded"),
    ],
)
def test_bad_uploads_get_one_clear_message(name: str, raw: bytes, words: str) -> None:
    with pytest.raises(UploadError) as caught:
        check_upload(name, raw, loaded_ids=["existing"])
    message = str(caught.value)
    assert message.startswith(name), message
    assert words in message


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\t\\My notes.MD", "My_notes.md"),
        (".hidden.txt", "hidden.txt"),
        ("<script>.txt", "script.txt"),
        ("色丹島.txt", "色丹島.txt"),
    ],
)
def test_names_never_leave_the_folder(name: str, safe: str) -> None:
    assert safe_name(name) == safe


# ---------------------------------------------------------------- keeping


def test_session_upload_writes_nothing(folder: Path) -> None:
    loaded = load_documents(folder).documents
    before = snapshot(folder)
    added = add_upload("handout.md", GOOD.encode(), loaded, SESSION, folder)
    assert added.saved_to is None and added.document.id == "handout"
    assert snapshot(folder) == before


def test_folder_upload_is_saved_and_loads_next_time(folder: Path) -> None:
    loaded = load_documents(folder).documents
    added = add_upload("handout.md", GOOD.encode(), loaded, FOLDER, folder)
    assert added.saved_to == folder / "handout.md"
    assert added.saved_to.read_bytes() == GOOD.encode()
    assert added.document.path == added.saved_to
    reloaded = load_documents(folder)
    assert [d.id for d in reloaded.documents] == ["existing", "handout"]
    assert reloaded.problems == []
    assert not [p for p in folder.iterdir() if p.name.startswith(".upload-")]


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("existing.txt", b"Replacing the existing text about Kunashiri in 1945."),
        ("broken.md", b"---\nbad line\n---\nText."),
        ("binary.txt", b"\x00\x01"),
        ("empty.txt", b""),
    ],
)
@pytest.mark.parametrize("mode", [FOLDER, SESSION])
def test_refused_upload_changes_nothing(folder: Path, name: str, raw: bytes, mode: str) -> None:
    result = load_documents(folder)
    before_files = snapshot(folder)
    before_docs = [(d.id, d.title, [p.text for p in d.passages]) for d in result.documents]
    with pytest.raises(UploadError):
        add_upload(name, raw, result.documents, mode, folder)
    assert snapshot(folder) == before_files
    after = load_documents(folder).documents
    assert [(d.id, d.title, [p.text for p in d.passages]) for d in after] == before_docs


def test_atomic_save_never_overwrites(folder: Path) -> None:
    with pytest.raises(UploadError, match="already exists"):
        save_atomically(folder, "existing.txt", b"new text")
    assert (folder / "existing.txt").read_text(encoding="utf-8") == EXISTING
    path = save_atomically(folder / "new", "a.txt", b"Text.")
    assert path.read_bytes() == b"Text."


def test_folder_that_cannot_be_written_gives_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(UploadError, match="cannot be saved") as caught:
        add_upload("handout.md", GOOD.encode(), [], FOLDER, blocker)
    assert "KURIL_MAP_UPLOADS=session" in str(caught.value)


def test_added_message_says_where(folder: Path) -> None:
    session = add_upload("handout.md", GOOD.encode(), [], SESSION, folder)
    assert added_message(session) == "Added handout (1 passages), kept for this session."
    saved = add_upload("handout.md", GOOD.encode(), [], FOLDER, folder)
    assert added_message(saved) == f"Added handout (1 passages), kept in {folder / 'handout.md'}."
