"""Keep Python's garbage collector from pausing the server on every change of year.

The libraries and data the app loads (pandas, geopandas, shapely, pyproj, folium, the documents,
the rendered base map) leave millions of long-lived objects on the heap. Each full collection
walks all of them: measured in the server, about one full collection per change of year, each
taking 120-160 ms on this 2-core machine, which delayed the page by as much. Moving what exists
after the first script run into the collector's permanent generation (``gc.freeze``) means a
full collection only walks what sessions created since, a small part of the heap.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_after_first_run() -> bool:
    """Collect once, then freeze everything alive. Only the first call in a process does it
    (returns True); later calls return False at once, so the app may call it on every run."""
    global _frozen
    if _frozen:
        return False
    with _lock:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        _frozen = True
    return True
