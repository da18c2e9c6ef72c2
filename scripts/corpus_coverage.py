"""Print how well the documents cover each island and period: the gaps to fill in seeds/.

Three reports, each by the same rules as the app (`kuril_map.documents.excerpts` and `.periods`):

- every era of the history (data/history.json): the passages whose years fall in it
  (`select_excerpts`), in brackets how many name the island itself rather than only a group
  term ("the four islands", 北方四島, Южные Курилы), and the best-ranked one's document;
- each treaty day: the span the panel chooses around it (`passages_for`), how many passages it
  shows (one per text, a clause once) and the first one's document;
- every year from 1644 to today, on its last day: which spans the panel chose (the day's year
  ±1, ±2, ±5, ±10, ±25 years, or the era), the years with fewer than --min cited passages, and
  the years where every passage shown speaks of the four islands only as a group.

    .venv/bin/python scripts/corpus_coverage.py              # seeds/ (or $KURIL_MAP_SEEDS)
    .venv/bin/python scripts/corpus_coverage.py --seeds DIR  # another folder
    .venv/bin/python scripts/corpus_coverage.py --min 2      # exit 1 if a cell or year has fewer
    .venv/bin/python scripts/corpus_coverage.py --table      # the corpus as a Markdown table

The table (for docs/DOCUMENTS.md) lists every document by the folder it sits in, with its
language, source and licence, from the front matter alone.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the script runs without the package being installed
    sys.path.insert(0, str(ROOT))

from kuril_map import history, paths  # noqa: E402
from kuril_map.documents import Document, load_documents  # noqa: E402
from kuril_map.documents.excerpts import Excerpt, island_matches, select_excerpts  # noqa: E402
from kuril_map.documents.front_matter import split_front_matter  # noqa: E402
from kuril_map.documents.loading import document_files, read_text  # noqa: E402
from kuril_map.documents.periods import ERA, TREATY_DAYS, is_cited, passages_for  # noqa: E402
from kuril_map.documents.tagging import ALL_FOUR  # noqa: E402
from kuril_map.islands import ISLAND_IDS  # noqa: E402


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
        rows.append((f"{span.label:<31}{span.start}-{span.end}  " + "  ".join(parts)).rstrip())
    return rows, cells


def header() -> str:
    return f"{'span':<31}{'years':<11}" + "  ".join(f"{i:<35}" for i in ISLAND_IDS).rstrip()


def treaty_rows(documents: list[Document]) -> list[str]:
    """For each treaty day and island: the span chosen, the passages shown, the first one."""
    rows = []
    for day in TREATY_DAYS:
        parts = []
        for island_id in ISLAND_IDS:
            chosen = passages_for(documents, island_id, day)
            first = chosen.excerpts[0].document.id if chosen.excerpts else "-"
            parts.append(f"{chosen.span.label:<9} {len(chosen.excerpts):>2} {first[:22]:<22}")
        rows.append((f"{day.isoformat():<12}" + "  ".join(parts)).rstrip())
    return rows


def _runs(years: list[int]) -> str:
    """'1799–1820, 1884' for a sorted list of years."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs) or "none"


def yearly_rows(documents: list[Document], minimum: int) -> tuple[list[str], int]:
    """Every year from 1644 to today, on its last day: the spans chosen, the thin years, the
    years shown with group passages only. Returns the rows and the number of thin years."""
    h = history.load()
    days = [min(date(y, 12, 31), h.end) for y in range(h.start.year, h.end.year + 1)]
    rows, thin_total = [], 0
    for island_id in ISLAND_IDS:
        spans: Counter[str] = Counter()
        thin, group_only = [], []
        for day in days:
            chosen = passages_for(documents, island_id, day)
            kind = "era" if chosen.span.kind == ERA else f"±{chosen.span.reach}"
            spans[kind] += 1
            if sum(map(is_cited, chosen.excerpts)) < minimum:
                thin.append(day.year)
            if chosen.excerpts and all(e.group for e in chosen.excerpts):
                group_only.append(day.year)
        order = ["±1", "±2", "±5", "±10", "±25", "era"]
        counts = ", ".join(f"{k} {spans[k]}" for k in order if spans[k])
        rows += [
            f"{island_id}: {counts}",
            f"    fewer than {minimum} cited passages: {_runs(thin)}",
            f"    group passages only: {_runs(group_only)}",
        ]
        thin_total += len(thin)
    return rows, thin_total


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
    thin = sum(c.count < args.min for c in era_cells)
    empty = sum(c.count == 0 for c in era_cells)
    print(f"\nera cells: {len(era_cells)}, empty: {empty}, under {args.min}: {thin}")
    print("\ntreaty days: the span chosen, passages shown, the first one's document\n")
    print(f"{'day':<12}" + "  ".join(f"{i:<35}" for i in ISLAND_IDS).rstrip())
    print("\n".join(treaty_rows(docs)))
    minimum = max(args.min, 2)
    print(
        "\nevery year from 1644, on its last day: the spans chosen (years around it, or its era)\n"
    )
    rows, thin_years = yearly_rows(docs, minimum)
    print("\n".join(rows))
    return 1 if thin or (args.min and thin_years) else 0


if __name__ == "__main__":
    sys.exit(main())
