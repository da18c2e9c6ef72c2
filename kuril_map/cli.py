"""Command line: `python -m kuril_map status|excerpts|export|atlas|serve` (installed as
`kuril-map`).

Bad input (an unknown island, a date out of range, a negative --limit, an output file that
cannot be written) exits with status 2 and one line that says what is wrong, never a
traceback. Output is UTF-8 whatever the terminal says it can show, so Japanese and Russian
names never stop a run on a console set to another code page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kuril_map import __version__, history, paths, summaries
from kuril_map.i18n import LANGUAGES, language
from kuril_map.islands import (
    UnknownIslandError,
    UnknownTerritoryError,
    get_island,
    resolve_island,
    resolve_territory,
)
from kuril_map.names import NAMING_MODES

if TYPE_CHECKING:  # the documents load lazily: `status` starts faster without them
    from kuril_map.documents import Document


class UsageError(Exception):
    """Input the user can fix; printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse's own errors (a missing --year, --limit -1) in the same one line as ours,
    instead of the usage block followed by the message."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"kuril-map: error: {message} (see: {self.prog} --help)\n")


def _year(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError as err:
        raise UsageError(f"year must be a whole number, got {raw!r}") from err
    h = history.load()
    if not h.start.year <= value <= h.end.year:
        raise UsageError(
            f"year {value} is outside the history: {h.start.year} to {h.end.year} (today)"
        )
    return value


def _day(args: argparse.Namespace) -> date:
    """The day asked for: --date, else --year as it ended (31 Dec, or today this year)."""
    h = history.load()
    if getattr(args, "date", None):
        try:
            day = date.fromisoformat(args.date)
        except ValueError as err:
            raise UsageError(f"date must be YYYY-MM-DD, got {args.date!r}") from err
        try:
            return h.check_day(day)
        except history.DateOutOfRangeError as err:
            raise UsageError(str(err)) from err
    if getattr(args, "year", None):
        return min(date(_year(args.year), 12, 31), h.end)
    raise UsageError("give --date YYYY-MM-DD or --year YYYY")


def _island(raw: str) -> str | None:
    if raw.strip().casefold() == "all":
        return None
    try:
        return resolve_island(raw)
    except UnknownIslandError as err:
        raise UsageError(str(err)) from err


def _territories(raw: str | None) -> tuple[str, ...]:
    """--island: any name form of any territory on the map; 'all' is the four islands,
    'region' every territory."""
    if raw is None or raw.strip().casefold() == "all":
        return summaries.territories_in("islands")
    if raw.strip().casefold() == "region":
        return summaries.territories_in("region")
    try:
        return (resolve_territory(raw),)
    except UnknownTerritoryError as err:
        raise UsageError(str(err)) from err


def cmd_status(args: argparse.Namespace) -> str:
    day = _day(args)
    lang = args.lang
    h = history.load()
    rows = [summaries.status_row(t, day, "both", lang) for t in _territories(args.island)]
    era = h.era_on(day)
    if args.json:
        payload = {
            "date": day.isoformat(),
            "era": {"id": era.id, "name": era.name.get(lang)},
            "territories": rows,
            "lines_in_force": summaries.lines_in_force(day, lang),
            "data_as_of": h.data_as_of.isoformat(),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    lines = [f"{history.display_date(day, 'day', lang)} — {era.name.get(lang)}"]
    for r in rows:
        lines.append(f"  {r['name']}: {r['status']}")
        lines.extend(f"      {change['text']}" for change in r["changes"])
    force = summaries.lines_in_force(day, lang)
    lines.append("  " + "; ".join(force) if force else "  —")
    return "\n".join(lines)


def _document_record(doc: Any) -> dict[str, Any]:
    """A document's citation fields for --json: the one list both records below use, so an
    excerpt's "document" and its "sources" cannot drift apart."""
    return {
        "id": doc.id,
        "title": doc.title,
        "publisher": doc.publisher,
        "date": doc.date,
        "url": doc.url,
        "language": doc.language,
        "perspective": doc.perspective,
    }


def _source_record(doc: Any) -> dict[str, Any]:
    """A source of an excerpt: its citation fields and its kind (article, primary source, ...)."""
    return {**_document_record(doc), "kind": doc.kind}


def _excerpt_record(excerpt: Any) -> dict[str, Any]:
    doc = excerpt.document
    passage = excerpt.passage
    return {
        "sources": [_source_record(d) for d in excerpt.all_sources],
        "text": passage.text,
        "islands": sorted(passage.islands),
        "years": sorted(passage.years),
        "matched": [m.text for m in passage.matches],
        "score": round(excerpt.score, 3),
        "document": _document_record(doc),
    }


def _excerpts(args: argparse.Namespace, documents: list[Any], island: str | None, day: date):
    """The panel's choice: the span of years for the day and its excerpts, or a search within
    that span and the island when --query is given; documents of the --perspective(s) only; the
    same text once, a clause once (English, or --lang where the command has it)."""
    from dataclasses import replace

    from kuril_map.documents.excerpts import dedupe, one_language, with_perspectives
    from kuril_map.documents.periods import passages_for
    from kuril_map.documents.search import search

    pool = with_perspectives(documents, args.perspective)
    lang = getattr(args, "lang", None) or "en"
    selection = passages_for(pool, island, day, lang)
    if args.query:
        found = search(pool, args.query, island_id=island or "all", years=selection.span.years)
        selection = replace(selection, excerpts=one_language(dedupe(found), lang), nearest=None)
    if args.limit is not None:
        selection = replace(selection, excerpts=selection.excerpts[: max(args.limit, 0)])
    return selection


def _documents(seeds: str | None) -> list[Document]:
    """The documents of `--seeds` (or the default folder); each file skipped is named on stderr,
    the rest still load."""
    from kuril_map.documents import load_documents

    folder = Path(seeds) if seeds else None
    if folder is not None and not folder.is_dir():
        raise UsageError(f"documents folder not found: {folder}")
    result = load_documents(folder)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return result.documents


def cmd_excerpts(args: argparse.Namespace) -> str:
    from kuril_map.documents.excerpts import GROUP_LABEL, excerpts_markdown
    from kuril_map.documents.periods import ERA

    day = _day(args)
    island = _island(args.island)
    selection = _excerpts(args, _documents(args.seeds), island, day)
    excerpts, span = selection.excerpts, selection.span
    h = history.load()
    era = h.era_on(day)
    name = get_island(island).label if island else "all four islands"
    why = (
        f"the era {era.name.en}"
        if span.kind == ERA
        else f"the years around {day.isoformat()}"
        if excerpts or args.query
        else "every span tried"
    )
    first, last = selection.tried
    empty = f"No document in the collection speaks of {name} in {first}–{last}."
    if args.json or args.format == "json":
        payload = {
            "island": island or "all",
            "date": day.isoformat(),
            "year": day.year,
            "span": {"start": span.start, "end": span.end, "kind": span.kind, "reach": span.reach},
            "era": {
                "id": era.id,
                "name": era.name.en,
                "start": era.start.isoformat(),
                "end": (era.end or h.end).isoformat(),
            },
            "nearest": selection.nearest.isoformat() if selection.nearest else None,
            "excerpts": [
                {
                    **_excerpt_record(e),
                    "relevance": GROUP_LABEL if e.group else "names the island",
                    "translations": [_excerpt_record(t) for t in e.translations],
                }
                for e in excerpts
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if args.format == "markdown":
        heading = f"Sources: {name}, {span.label}"
        return excerpts_markdown(excerpts, heading).rstrip("\n")
    lines = [f"{len(excerpts)} excerpts on {name}, {span.label} ({why})"]
    if not excerpts and not args.query:
        lines.append(empty)
        if selection.nearest:
            lines.append(f"Nearest day with passages: {selection.nearest.isoformat()}")
    for e in excerpts:
        highlighted = "".join(f"[{t}]" if hit else t for t, hit in e.segments)
        lines += ["", f"({GROUP_LABEL})"] if e.group else [""]
        lines.append(highlighted)
        for doc in e.all_sources:
            cite = " — ".join(str(b) for b in (doc.title, doc.publisher, doc.date, doc.url) if b)
            lines.append(f"    {cite} ({doc.perspective or 'not stated'})")
        if e.translations:
            other = ", ".join(dict.fromkeys(t.document.language or "?" for t in e.translations))
            lines.append(
                f"    also in: {other} ({', '.join(t.document.id for t in e.translations)})"
            )
    return "\n".join(lines)


def _limit(raw: str) -> int:
    """--limit: how many excerpts at most, a whole number from 0 up."""
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {raw!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _write(out: Path, text: str) -> None:
    """Write the file, or say in one line why it cannot be (no traceback for a bad path)."""
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write {out}: {err.strerror or err}") from None


def cmd_export(args: argparse.Namespace) -> str:
    from kuril_map.map.export import export_html

    day = _day(args)
    island = _island(args.island) if args.island else None
    out = _html_output(args.output)
    with language(args.lang):  # the map's legend, labels and panels in the reader's language
        _write(out, export_html(day, island, args.naming))
    return f"wrote {out} ({out.stat().st_size // 1024} KB): map of {day}, works offline"


def _html_output(raw: str) -> Path:
    """An .html path whose folder exists or can be made; else one line saying why not."""
    out = Path(raw)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"output must be an .html file, got {out.name!r}")
    if out.is_dir():
        raise UsageError(f"output is a folder, not a file: {out}")
    if out.parent.exists() and not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: {out.parent} is a file, not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"cannot make the folder {out.parent}: {err.strerror or err}") from err
    return out


def cmd_atlas(args: argparse.Namespace) -> str:
    from kuril_map.atlas.build import build_atlas

    out = _html_output(args.output)
    _write(out, build_atlas(_documents(args.seeds)))
    return f"wrote {out} ({out.stat().st_size // 1024} KB): the atlas, every date, works offline"


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the app: `streamlit run` on the page this package carries, in this process, so
    Ctrl+C stops it as it stops Streamlit. Streamlit's own options pass through, e.g.
    `kuril-map serve --server.port 8600`; `.streamlit/config.toml` beside the page applies
    whatever the working directory."""
    import click
    from streamlit.web import cli as streamlit_cli

    if not paths.PAGE_FILE.is_file():
        raise UsageError(f"the app's page is missing: {paths.PAGE_FILE}")
    run = ["run", str(paths.PAGE_FILE), *args.streamlit_options]
    try:
        return streamlit_cli.main.main(args=run, prog_name="streamlit", standalone_mode=False) or 0
    except click.UsageError as err:  # a mistyped Streamlit option, e.g. --server.prot
        raise UsageError(f"{err.format_message()} (see: streamlit run --help)") from None


def _add_day(p: argparse.ArgumentParser) -> None:
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="YYYY-MM-DD")
    when.add_argument("--year", help="a year, as it ended (31 Dec; today for this year)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kuril-map",
        description="Who administered and who claimed the Kuril Islands / Northern Territories.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("status", help="who administered and who claimed each territory on a day")
    _add_day(p)
    p.add_argument(
        "--island",
        help="any name form of any territory on the map (Shumshu, 占守島, Karafuto, …); "
        "'all' (default): the four islands; 'region': every territory",
    )
    p.add_argument("--lang", choices=list(LANGUAGES), default="en", help="language of the text")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("excerpts", help="passages from the documents on an island and era")
    p.add_argument("--island", required=True, help="any name form, or 'all'")
    _add_day(p)
    p.add_argument("--seeds", help="documents folder (default: $KURIL_MAP_SEEDS or seeds/)")
    p.add_argument("--limit", type=_limit, default=None, help="at most this many excerpts")
    p.add_argument("--lang", choices=list(LANGUAGES), default="en", help="clauses in this language")
    p.add_argument("--query", help="only passages with all these words (any language)")
    p.add_argument(
        "--perspective",
        action="append",
        metavar="NAME",
        help="only documents of this perspective, e.g. 'primary source' (repeatable)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="markdown: the excerpts with full citations, as the app's download gives them",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.set_defaults(func=cmd_excerpts)

    p = sub.add_parser("export", help="a self-contained HTML map of a day (works offline)")
    _add_day(p)
    p.add_argument("--island", help="island to outline as selected")
    p.add_argument("--lang", choices=list(LANGUAGES), default="en", help="language of the map")
    p.add_argument(
        "--naming", choices=list(NAMING_MODES), default="both", help="place names on the map"
    )
    p.add_argument("-o", "--output", required=True, help="FILE.html")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "atlas", help="the whole atlas (every date, island and era) as one offline HTML file"
    )
    p.add_argument("-o", "--output", required=True, help="FILE.html")
    p.add_argument("--seeds", help="documents folder (default: $KURIL_MAP_SEEDS or seeds/)")
    p.set_defaults(func=cmd_atlas)

    p = sub.add_parser(
        "serve",
        help="start the app in the browser (Streamlit); other options go to `streamlit run`",
        epilog="e.g. kuril-map serve --server.port 8600 --server.address 0.0.0.0",
    )
    p.set_defaults(func=cmd_serve, streamlit_options=[])
    return parser


def use_utf8_output() -> None:
    """Print UTF-8 whatever the console's code page (cp1252 on many Windows machines, 'C' in
    a bare container): 択捉島 and Итуруп must not end a run with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # absent when replaced (tests)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")


def utf8_argument(arg: str) -> str:
    """An argument as typed: under an ASCII locale ('C') Python keeps the bytes of 択捉島 as
    undecodable escapes, so a UTF-8 name would not be recognised. Decoded as UTF-8 if it can
    be; left as it is otherwise."""
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeError:
        return arg


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for input the user can fix)."""
    use_utf8_output()
    parser = build_parser()
    args, extra = parser.parse_known_args(
        [utf8_argument(a) for a in (sys.argv[1:] if argv is None else argv)]
    )
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "serve":
        args.streamlit_options = extra
    try:
        result = args.func(args)
        if isinstance(result, int):
            return result
        print(result)
    except UsageError as err:
        print(f"kuril-map: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
