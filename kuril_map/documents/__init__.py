"""The source documents: reading them, cutting them into passages, tagging, choosing, searching.

- `front_matter`: the `---` block of `key: value` lines that opens a document;
- `cleaning`: page furniture removed by named rules;
- `passages`: text cut into passages of a few sentences;
- `loading`: files read safely, metadata inferred, a folder loaded;
- `tagging`: the islands and years a passage speaks of;
- `passage_dates`: the days a passage speaks of, and how close they lie to a day;
- `excerpts`: the passages for an island and a span of years, ranked, highlighted, cited;
- `periods`: the span of years shown for a day, and what the panel shows for it;
- `search`: full-text search in three languages;
- `uploads`: documents a user adds from the page.

The names most callers need are re-exported here.
"""

from kuril_map.documents.excerpts import Excerpt, dedupe, select_excerpts
from kuril_map.documents.front_matter import DocumentError
from kuril_map.documents.loading import (
    Document,
    LoadResult,
    clauses_for_lines,
    load_document,
    load_documents,
    parse_document,
)
from kuril_map.documents.passages import Passage

__all__ = [
    "Document",
    "DocumentError",
    "Excerpt",
    "LoadResult",
    "Passage",
    "clauses_for_lines",
    "dedupe",
    "load_document",
    "load_documents",
    "parse_document",
    "select_excerpts",
]
