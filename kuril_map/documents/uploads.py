"""A teacher's own documents, added from the app: checked, tagged at once, then kept.

Where an upload is kept is a setting, because the answer differs by where the app runs:
- "session" (the default): kept in this browser session only and gone when the tab closes;
  right for any copy others can open, where one visitor's file must never reach other
  visitors or the disk.
- "folder": written into the documents folder (paths.seeds_dir()), so it is there next time;
  right for a teacher running the app on their own computer, who sets KURIL_MAP_UPLOADS=folder.
Only that explicit setting shares uploads: guessing the host (Community Cloud or not) would
make every other host share one visitor's file with the next by default.

An upload is refused with one message naming the problem for exactly the reasons a file in
the folder would be (empty, binary, not UTF-8, too large, broken front matter), and also when
its name is not .txt/.md or clashes with a loaded document: nothing loaded is ever replaced.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kuril_map.documents.front_matter import DocumentError
from kuril_map.documents.loading import (
    MAX_BYTES,
    SUFFIXES,
    Document,
    decode_text,
    parse_document,
)
from kuril_map.i18n import _

MODE_ENV = "KURIL_MAP_UPLOADS"
FOLDER, SESSION = "folder", "session"
MODES = (FOLDER, SESSION)
SESSION_KEY = "uploaded_documents"  # st.session_state key of the session's uploads
_SAFE_STEM = re.compile(r"[^\w.\-]+")


class UploadError(ValueError):
    """An upload that cannot be added; the message names the file and the problem."""


def storage_mode(env: Mapping[str, str] | None = None) -> str:
    """ "folder" only when KURIL_MAP_UPLOADS=folder is set; "session" otherwise, including
    for a value it does not know (the private choice when in doubt)."""
    env = os.environ if env is None else env
    chosen = env.get(MODE_ENV, "").strip().lower()
    return FOLDER if chosen == FOLDER else SESSION


def safe_name(name: str) -> str:
    """The uploaded file's name, without any folder part and with only letters, digits,
    '_', '-' and '.', so it can never point outside the documents folder."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    stem = _SAFE_STEM.sub("_", stem).strip("._") or "document"
    return stem + suffix.lower()


def check_upload(name: str, raw: bytes, loaded_ids: Iterable[str]) -> Document:
    """The upload as a tagged Document, or UploadError saying plainly what is wrong."""
    clean = safe_name(name)
    stem, suffix = os.path.splitext(clean)
    if suffix not in SUFFIXES:
        raise UploadError(f"{name}: only .txt and .md files can be added")
    if stem.upper() == "README":
        raise UploadError(f"{name}: README files are instructions, not documents; rename it")
    if stem in set(loaded_ids):
        raise UploadError(
            f"{name}: a document named {stem!r} is already loaded; rename the file to add it"
        )
    if len(raw) > MAX_BYTES:
        raise UploadError(f"{name}: {len(raw):,} bytes is over the {MAX_BYTES:,}-byte limit")
    try:
        return parse_document(decode_text(raw, clean), Path(clean), doc_id=stem)
    except DocumentError as error:
        raise UploadError(str(error)) from None


def save_atomically(folder: Path, name: str, raw: bytes) -> Path:
    """Write the file into `folder` all at once (a hidden temporary file, then a rename), so
    a reader never sees half a document; an existing file is never overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    if target.exists():
        raise UploadError(f"{name}: {target.name} already exists in the documents folder")
    handle, temp = tempfile.mkstemp(prefix=".upload-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


@dataclass(frozen=True)
class Added:
    """An accepted upload: the document, and the file it was saved to (None: session only)."""

    document: Document
    saved_to: Path | None


def add_upload(name: str, raw: bytes, loaded: Iterable[Document], mode: str, folder: Path) -> Added:
    """Check an upload against what is loaded, then keep it as `mode` says. Raises
    UploadError before anything is written, so a refused file changes nothing."""
    document = check_upload(name, raw, [d.id for d in loaded])
    if mode == SESSION:
        return Added(document, None)
    try:
        path = save_atomically(folder, name, raw)
    except OSError as error:
        raise UploadError(
            f"{name}: cannot be saved in {folder} ({error.strerror or error}); "
            f"set {MODE_ENV}=session to keep uploads for the session only"
        ) from None
    return Added(parse_document(decode_text(raw, path.name), path, doc_id=path.stem), path)


def added_message(added: Added) -> str:
    """What the app says once a file is in: its id, how many passages, where it is kept."""
    where = (
        _("for this session")
        if added.saved_to is None
        else _("in {path}").format(path=added.saved_to)
    )
    return _("Added {name} ({count} passages), kept {where}.").format(
        name=added.document.id, count=len(added.document.passages), where=where
    )


def storage_note(mode: str, folder: Path) -> str:
    """Where uploads are kept, in one plain sentence for the app."""
    if mode == SESSION:
        return _(
            "Files you add are kept for this browser session only: they are not saved, and "
            "nobody else sees them. Add them again next time."
        )
    return _("Files you add are saved in the documents folder ({folder}) and stay there.").format(
        folder=folder
    )
