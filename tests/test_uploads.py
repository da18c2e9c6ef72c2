"""A teacher's own document: checked like a file in the folder, kept per session or in the
folder as configured, refused with one clear message, and never disturbing what is loaded."""

from __future__ import annotations

import tomllib
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
ROOT = Path(__file__).resolve().parents[1]
EXISTING = "Etorofu in 1855: the Treaty of Shimoda drew the first border.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "existing.txt").write_text(EXISTING, encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------- where uploads are kept


@pytest.mark.parametrize(
    ("env", "mode"),
    [
        ({}, SESSION),  # private unless configured, on any host
        ({"HOSTNAME": "streamlit"}, SESSION),
        ({"KURIL_MAP_UPLOADS": "folder"}, FOLDER),
        ({"KURIL_MAP_UPLOADS": " Folder "}, FOLDER),
        ({"KURIL_MAP_UPLOADS": " Session "}, SESSION),
        ({"KURIL_MAP_UPLOADS": "nonsense"}, SESSION),
        ({"KURIL_MAP_UPLOADS": ""}, SESSION),
    ],
)
def test_uploads_are_private_unless_the_folder_is_chosen(env: dict, mode: str) -> None:
    assert storage_mode(env) == mode


def test_default_is_session_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KURIL_MAP_UPLOADS", raising=False)
    assert storage_mode() == SESSION


def test_streamlit_refuses_files_over_the_documents_limit() -> None:
    """Streamlit's own cap (whole MB, 1 at least) matches the 1 MB document limit, so a
    visitor cannot make the server take in 200 MB only for the app to refuse it."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 1
    assert MAX_BYTES <= 1024 * 1024


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


# ---------------------------------------------------------------- in the app


class _Chosen:
    """What st.file_uploader puts in session state: a name and the bytes."""

    def __init__(self, name: str, raw: bytes) -> None:
        self.name, self._raw = name, raw

    def getvalue(self) -> bytes:
        return self._raw


@pytest.mark.parametrize("mode", [FOLDER, SESSION])
def test_refused_files_keep_what_was_already_added(
    monkeypatch: pytest.MonkeyPatch, folder: Path, mode: str
) -> None:
    """One good file, then a too-large, a binary, an empty and a Latin-1 one: each refusal is
    one message naming the file, and the good file stays (in the session or the folder)."""
    from kuril_map.ui import sources_panel

    state: dict = {}
    monkeypatch.setattr(sources_panel.st, "session_state", state)
    loaded = load_documents(folder).documents
    files = [
        ("handout.md", GOOD.encode(), "success", "Added handout"),
        ("huge.txt", b"a" * (MAX_BYTES + 1), "error", "huge.txt: 1,000,001 bytes is over"),
        ("binary.txt", b"PK\x03\x04\x00zip", "error", "binary.txt: "),
        ("empty.txt", b"", "error", "empty.txt: "),
        ("latin1.txt", "Étorofu 1855".encode("latin-1"), "error", "not UTF-8"),
    ]
    for name, raw, level, words in files:
        key = sources_panel._upload_key()
        state[key] = _Chosen(name, raw)
        sources_panel._on_upload(key, loaded, mode, folder)
        said_level, said = state.pop(sources_panel.UPLOAD_MESSAGE_KEY)
        assert (said_level, len(said.splitlines())) == (level, 1), said
        assert words in said
    kept = [d.id for d in sources_panel.session_documents()]
    on_disk = sorted(p.name for p in folder.iterdir())
    if mode == SESSION:
        assert (kept, on_disk) == (["handout"], ["existing.txt"])
    else:
        assert (kept, on_disk) == ([], ["existing.txt", "handout.md"])
