"""The heap is frozen once per process, after the first run."""

from __future__ import annotations

import gc

from kuril_map import gc_freeze


def test_freezes_once(monkeypatch) -> None:
    monkeypatch.setattr(gc_freeze, "_frozen", False)
    before = gc.get_freeze_count()
    try:
        assert gc_freeze.freeze_after_first_run() is True
        assert gc.get_freeze_count() > before
        assert gc_freeze.freeze_after_first_run() is False
    finally:
        gc.unfreeze()
