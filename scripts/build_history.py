"""Check the history in data/history/ and write it as one JSON document, data/history.json.

    .venv/bin/python scripts/build_history.py              # check, then write data/history.json
    .venv/bin/python scripts/build_history.py --out FILE   # write elsewhere
    .venv/bin/python scripts/build_history.py --check      # exit 1 if the committed file is stale

The format of the TOML files is docs/HISTORY.md. Every problem is listed with the file, the
entry and the key; nothing is written until there are none. The output has sorted keys and no
timestamp, so the same files always give the same bytes. Warnings (unused sources, words to use
with caution) are printed but do not stop the build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kuril_map.history_build import HistoryError, Paths, build, render  # noqa: E402

DEFAULT_OUT = ROOT / "data" / "history.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument(
        "--check", action="store_true", help="only compare with the existing file; exit 1 if stale"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        built = build(Paths.of_repo(args.root.resolve()))
    except HistoryError as exc:
        print(exc, file=sys.stderr)
        return 1
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    text = render(built.document)
    out: Path = args.out
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != text:
            print(
                f"{out} is out of date with data/history/; rebuild it with: "
                ".venv/bin/python scripts/build_history.py",
                file=sys.stderr,
            )
            return 1
        print(f"{out} is up to date.")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
