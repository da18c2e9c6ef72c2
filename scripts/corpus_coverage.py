"""Print how well the documents cover each island and period: the gaps to fill in seeds/.

For every island and every era of the history (data/history.json), and for a short window
around each treaty year, it counts the passages the excerpt panel would show (the same rule as
the app: `kuril_map.documents.excerpts.select_excerpts`) and names the best-ranked one's
document. A count in brackets is how many of them name the island itself rather than only a
group term ("the four islands", 北方四島, Южные Курилы), so a period covered only by group terms
stands out.

    .venv/bin/python scripts/corpus_coverage.py              # seeds/ (or $KURIL_MAP_SEEDS)
    .venv/bin/python scripts/corpus_coverage.py --seeds DIR  # another folder
    .venv/bin/python scripts/corpus_coverage.py --min 2      # exit 1 if a cell has fewer
    .venv/bin/python scripts/corpus_coverage.py --table      # the corpus as a Markdown table

The table (for docs/DOCUMENTS.md) lists every document by the folder it sits in, with its
language, source and licence, from the front matter alone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the script runs without the package being installed
    sys.path.insert(0, str(ROOT))

from kuril_map import history, paths  # noqa: E402
from kuril_map.documents import Document, load_documents  # noqa: E402
from kuril_map.documents.excerpts import Excerpt, island_matches, select_excerpts  # noqa: E402
from kuril_map.documents.front_matter import split_front_matter  # noqa: E402
from kuril_map.documents.loading import document_files, read_text  # noqa: E402
from kuril_map.documents.tagging import ALL_FOUR  # noqa: E402
from kuril_map.islands import ISLAND_IDS  # noqa: E402

TREATY_YEARS = (1855, 1875, 1905, 1945, 1951, 1956, 1993)
WINDOW = 1  # a treaty year's window: the year before, the year itself and the year after


@dataclass(frozen=True)
class Span:
    """A row of the report: an era or a treaty window."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """What one island finds in one span."""

    count: int
    by_name: int  # passages naming the island itself, not only a group term
    first: str  # id of the best-ranked passage's document, or "-"


def eras() -> list[Span]:
    """The eras of the history (the one list the app uses)."""
    h = history.load()
    return [Span(e.id, e.start.year, (e.end or h.end).year) for e in h.eras]


def treaty_windows() -> list[Span]:
    """A few years around each treaty year, where its texts should surface."""
    return [Span(f"{y} ±{WINDOW}", y - WINDOW, y + WINDOW) for y in TREATY_YEARS]


def names_island(excerpt: Excerpt, island_id: str) -> bool:
    """True when the passage names the island itself, not only a group term."""
    return any(m.value != ALL_FOUR for m in island_matches(excerpt.passage, island_id))


def cell(documents: list[Document], island_id: str, span: Span) -> Cell:
    """Count the passages the panel would show for this island and span."""
    found = select_excerpts(documents, island_id, span.start, span.end)
    by_name = sum(names_island(e, island_id) for e in found)
    return Cell(len(found), by_name, found[0].document.id if found else "-")


def table(documents: list[Document], spans: list[Span]) -> tuple[list[str], list[Cell]]:
    """Rows of text for the spans, and every cell (for the --min check)."""
    rows, cells = [], []
    for span in spans:
        parts = []
        for island_id in ISLAND_IDS:
            c = cell(documents, island_id, span)
            cells.append(c)
            parts.append(f"{c.count:>3} ({c.by_name:>2}) {c.first[:26]:<26}")
        rows.append(f"{span.label:<28}{span.start}-{span.end}  " + "  ".join(parts))
    return rows, cells


def header() -> str:
    return f"{'span':<28}{'years':<11}" + "  ".join(f"{i:<35}" for i in ISLAND_IDS).rstrip()


def _cell_text(value: str) -> str:
    """A front matter value made safe for one Markdown table cell."""
    return value.replace("|", "\\|").replace("\n", " ")


def corpus_table(folder: Path) -> str:
    """Markdown table of the documents: folder, id, language, title, source, licence."""
    rows = [
        "| folder | document | lang | title | source | licence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path in document_files(folder):
        meta, _ = split_front_matter(read_text(path), path.name)
        where = path.parent.relative_to(folder).as_posix()
        where = "seeds/" + where if where != "." else "seeds"
        title = _cell_text(meta.get("title", "(inferred from the text)"))
        title = title if len(title) <= 70 else title[:69] + "…"
        source = _cell_text(meta.get("publisher", ""))
        if meta.get("url"):
            source = f"[{source or meta['url']}]({meta['url']})"
        rows.append(
            f"| {where} | `{path.stem}` | {meta.get('language', '')} | {title} | {source} | "
            f"{meta.get('licence', '')} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=None, help="documents folder")
    parser.add_argument("--min", type=int, default=0, help="exit 1 if an era cell has fewer")
    parser.add_argument("--table", action="store_true", help="print the corpus table instead")
    args = parser.parse_args(argv)
    if args.table:
        print(corpus_table(args.seeds or paths.seeds_dir()))
        return 0
    result = load_documents(args.seeds)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    docs = result.documents
    passages = sum(len(d.passages) for d in docs)
    print(f"{len(docs)} documents, {passages} passages")
    print("each cell: passages (of them naming the island itself) first document\n")
    print(header())
    era_rows, era_cells = table(docs, eras())
    print("\n".join(era_rows))
    print()
    window_rows, _ = table(docs, treaty_windows())
    print("\n".join(window_rows))
    thin = sum(c.count < args.min for c in era_cells)
    empty = sum(c.count == 0 for c in era_cells)
    print(f"\nera cells: {len(era_cells)}, empty: {empty}, under {args.min}: {thin}")
    return 1 if thin else 0


if __name__ == "__main__":
    sys.exit(main())
