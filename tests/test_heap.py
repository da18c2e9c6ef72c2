"""The heap is frozen once per process, after the first run."""

from __future__ import annotations

import gc

from kuril_map import heap


def test_freezes_once(monkeypatch) -> None:
    monkeypatch.setattr(heap, "_frozen", False)
    before = gc.get_freeze_count()
    try:
        assert heap.freeze_after_first_run() is True
        assert gc.get_freeze_count() > before
        assert heap.freeze_after_first_run() is False
    finally:
        gc.unfreeze()
