"""Build data/geo/*.geojson from the extracts in data/sources/ and data/territories.toml.

Run from the repo root:  .venv/bin/python scripts/build_geo.py [--out DIR] [--sources DIR]

Every layer the map draws is derived here and nowhere else, so a reviewer can see how each line
and polygon was made and re-run it; the steps live in scripts/geobuild/, one module per layer
(start with its __init__.py). The output is byte-for-byte reproducible: coordinates are
snapped to a 1e-5 degree grid (about 1 m), keys are sorted and features come in a fixed order.
The build checks its own results (areas against published figures, lines lying in water
between the right coasts) and stops with a message instead of writing doubtful data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the script runs without the package being installed
    sys.path.insert(0, str(ROOT))

from geobuild.common import FACTS, BuildError, read_json, write_collection  # noqa: E402
from geobuild.context import AREA_CHECKS, build_context  # noqa: E402
from geobuild.four_islands import build_island_shapes, facts_for_islands, island_features  # noqa: E402
from geobuild.lines import build_boundaries  # noqa: E402
from geobuild.places import build_places  # noqa: E402


def build(src: Path, out: Path) -> dict[str, Any]:
    """Build every layer from `src` into `out`; returns measured areas and file sizes."""
    facts = read_json(src / FACTS)
    out.mkdir(parents=True, exist_ok=True)
    island_shapes, hokkaido_n03 = build_island_shapes(src)
    islands, measured = island_features(island_shapes, facts)
    context, context_shapes, context_areas = build_context(src, island_shapes)
    boundaries = build_boundaries(src, facts, island_shapes, hokkaido_n03, context_shapes)
    places = build_places(src, facts)
    sizes = {
        "islands.geojson": write_collection(out / "islands.geojson", islands),
        "boundaries.geojson": write_collection(out / "boundaries.geojson", boundaries),
        "context.geojson": write_collection(out / "context.geojson", context),
        "places.geojson": write_collection(out / "places.geojson", places),
    }
    return {"areas": measured, "context_areas": context_areas, "sizes": sizes}


def _report(result: dict[str, Any], facts: dict[str, Any], out: Path) -> Iterable[str]:
    official = facts_for_islands(facts)
    yield f"wrote {out}"
    for name, size in result["sizes"].items():
        yield f"  {name:20s} {size / 1024:7.1f} KB"
    yield "areas (equal-area projection) vs official (MOFA/GSI 2020):"
    for island_id, area in result["areas"].items():
        off = official[island_id]["area_km2"]
        pct = 100 * (area - off) / off
        yield f"  {island_id:10s} {area:8.1f} km2  official {off:5d}  {pct:+.1f} %"
    yield "context areas vs published figures:"
    for check in AREA_CHECKS:
        area = result["context_areas"][check.id]
        yield f"  {check.id:14s} {area:8.0f} km2  published {check.what}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "geo")
    args = parser.parse_args(argv)
    try:
        result = build(args.sources, args.out)
    except BuildError as exc:
        print(f"build_geo: {exc}", file=sys.stderr)
        return 1
    for line in _report(result, read_json(args.sources / FACTS), args.out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
