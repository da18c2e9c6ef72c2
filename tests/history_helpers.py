"""Shared helpers for the history tests: a writable copy of the fixture, edits, builds."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kuril_map.history_build import Built, HistoryError, Paths, build

FIXTURE = Path(__file__).parent / "fixtures" / "history"
FIXTURE_TODAY = date(2026, 12, 1)


def fixture_paths(root: Path) -> Paths:
    """The build's inputs inside a fixture root (no geometry or clause files to check)."""
    return Paths(
        history=root / "data" / "history", sources=root / "data" / "sources" / "history", root=root
    )


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    return root


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in one fixture file; fails loudly if the text is not there."""
    path = root / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    path = root / "data" / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def build_fixture(root: Path, today: date = FIXTURE_TODAY) -> Built:
    return build(fixture_paths(root), today)


def errors_of(root: Path, today: date = FIXTURE_TODAY) -> list[str]:
    """The build's error messages (asserting that it failed)."""
    try:
        build_fixture(root, today)
    except HistoryError as exc:
        return exc.errors
    raise AssertionError("the build accepted the edited fixture")


def one_error(root: Path, *needles: str) -> str:
    """The single error that contains every needle (file, key, problem)."""
    errors = errors_of(root)
    matching = [e for e in errors if all(n in e for n in needles)]
    assert matching, f"no error with {needles}; errors:\n" + "\n".join(errors)
    return matching[0]
