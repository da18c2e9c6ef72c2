"""boundaries.geojson: the boundary lines, one entry of LINES per line.

An entry says how the line's geometry is made (`make`), what it is checked against (it lies in
water or on land, the coasts it must run beside, a point in facts.json it must pass near) and
what the map says about it (`text`: names, dates, description, positions, sources). Adding a
line is adding an entry; the build stops with a message when a check fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from geobuild.common import (
    NE_CLAIM,
    NE_LAND,
    NE_MARITIME,
    NE_NOTE,
    BuildError,
    Local,
    distance_km,
    fact_point,
    feature,
    polygons,
    read_features,
    snap,
    source_url,
)
from geobuild.context import ANCHORS, PORTSMOUTH_LAT, SPLITS
from geobuild.medians import junction, median_line, median_offset

LINE_SIMPLIFY_DEG = 1e-4  # about 10 m


@dataclass(frozen=True)
class Inputs:
    """What a line's geometry is made from and checked against."""

    src: Path
    facts: dict[str, Any]
    coasts: dict[str, BaseGeometry]  # by name: the four islands (N03), Natural Earth coasts ...
    land: BaseGeometry  # all land, to check that a sea line stays in water
    lines: dict[str, BaseGeometry] = field(default_factory=dict)  # lines made so far, by id


@dataclass(frozen=True)
class Near:
    """A point of a boundary in facts.json (first one whose name starts with `point`, or the
    first) that the line must pass within `km` of."""

    fact: str
    point: str | None
    km: float


@dataclass(frozen=True)
class Line:
    """One boundary line: how it is made, what it is checked against, what it says."""

    id: str
    make: Callable[[Inputs], BaseGeometry]
    beside: tuple[str, ...]  # coasts (keys of Inputs.coasts) the line separates
    max_gap_km: float  # ... and passes within this distance of
    # name, dates, kind, description, positions, source, clause_id, geometry_source (where
    # "{near}" stands for the `near` point's coordinates)
    text: dict[str, Any]
    source_fact: str  # the facts.json boundary whose source gives source_url
    source_status: str = "confirmed"  # the first source with this status is used
    on_land: bool = False  # True for a land border; else the line must touch no land
    near: Near | None = None


# --------------------------------------------------------------------------- how lines are made


def vries_claim_line(inp: Inputs) -> BaseGeometry:
    """Natural Earth's "Japanese claim" line in the Vries Strait (the 1855 line)."""
    claim = read_features(inp.src / NE_CLAIM)
    if len(claim) != 1 or claim[0]["properties"].get("name") != "Japanese claim":
        raise BuildError("expected one 'Japanese claim' line in the claim-line extract")
    return claim[0]["shape"]


def maritime_line(
    featurecla: str, inside: tuple[float, float, float, float]
) -> Callable[[Inputs], BaseGeometry]:
    """The single Natural Earth maritime line of a class lying inside a lon/lat box."""

    def make(inp: Inputs) -> BaseGeometry:
        found = []
        for f in read_features(inp.src / NE_MARITIME):
            minx, miny, maxx, maxy = f["shape"].bounds
            in_box = (
                inside[0] <= minx and maxx <= inside[2] and inside[1] <= miny and maxy <= inside[3]
            )
            if f["properties"].get("featurecla") == featurecla and in_box:
                found.append(f["shape"])
        if len(found) != 1:
            raise BuildError(f"expected one {featurecla!r} line in {inside}, found {len(found)}")
        return found[0]

    return make


FIRST_KURIL_HALF_M = 12000.0  # metres each way from the strait centre: about 12 km wide


def first_kuril_median(inp: Inputs) -> BaseGeometry:
    """A 24 km median line between Shumshu and Kamchatka through the strait point of facts.json,
    from the Sea of Okhotsk (west) to the Pacific (east)."""
    fk = fact_point(inp.facts, "st_petersburg_1875", None)
    local = Local.equidistant(fk["lon"], fk["lat"])
    shum_p, kam_p = local.fwd(inp.coasts["shumshu"]), local.fwd(inp.coasts["kamchatka"])
    a, b = nearest_points(shum_p, kam_p)
    ax, ay = b.x - a.x, b.y - a.y
    n = math.hypot(ax, ay)
    across = (ax / n, ay / n)
    p0 = median_offset(shum_p, kam_p, (0.0, 0.0), across, 8000)
    along = (-across[1], across[0])

    def far(q: tuple[float, float]) -> bool:
        return math.hypot(q[0] - p0[0], q[1] - p0[1]) >= FIRST_KURIL_HALF_M

    one = median_line(shum_p, kam_p, p0, along, 1000, far)
    two = median_line(shum_p, kam_p, p0, (-along[0], -along[1]), 1000, far)
    line = local.inv(LineString([*reversed(two), *one[1:]]))
    return line.reverse() if line.coords[0][0] > line.coords[-1][0] else line


PARALLEL_OVERHANG_DEG = 0.08  # degrees of longitude, about 6 km offshore on each side


def fiftieth_parallel(inp: Inputs) -> BaseGeometry:
    """The 50th parallel across Natural Earth's Sakhalin, a little beyond each coast."""
    lat = PORTSMOUTH_LAT
    cut = LineString([(140.0, lat), (146.0, lat)]).intersection(inp.coasts["sakhalin"])
    xs = [x for part in getattr(cut, "geoms", [cut]) for x, _ in part.coords]
    return LineString(
        [(min(xs) - PARALLEL_OVERHANG_DEG, lat), (max(xs) + PARALLEL_OVERHANG_DEG, lat)]
    )


def two_island_median(inp: Inputs) -> BaseGeometry:
    """Points equally far from Kunashiri and from Shikotan + Habomai, from where that median
    meets the line of control out to 147°E, in the Pacific east of Shikotan."""
    local = Local.equidistant(146.2, 43.8)
    kun_p = local.fwd(inp.coasts["kunashiri"])
    pair_p = local.fwd(unary_union([inp.coasts["shikotan"], inp.coasts["habomai"]]))
    start = junction(local.fwd(inp.lines["line_of_control_1945"]), kun_p, pair_p)
    east_x = local.fwd(Point(147.0, 44.0)).x
    points = median_line(kun_p, pair_p, start, (1.0, 0.3), 2000, lambda q: q[0] >= east_x)
    return local.inv(LineString(points))


def same_as(line_id: str) -> Callable[[Inputs], BaseGeometry]:
    """The geometry of a line made earlier in LINES (one line, two periods or meanings)."""
    return lambda inp: inp.lines[line_id]


# --------------------------------------------------------------------------- the lines

VRIES_SOURCE = f"Natural Earth 'Japanese claim' line in the Vries Strait. {NE_NOTE}"
STP_SOURCE = (
    "Treaty for the Exchange of Sakhalin for the Kurile Islands (7 May 1875), Article {article}; "
    "MOFA/Russian MFA Joint Compendium"
)

LINES: tuple[Line, ...] = (
    Line(
        id="shimoda_1855",
        make=vries_claim_line,
        beside=("etorofu", "urup"),
        max_gap_km=30,
        near=Near("shimoda_1855", None, 5),
        source_fact="shimoda_1855",
        text={
            "name": "Treaty of Shimoda border (Vries Strait)",
            "year_from": 1855,
            "year_to": 1875,
            "date_from": "1855-02-07",
            "date_to": "1875-05-07",
            "instrument": "treaty",
            "kind": "agreed border",
            "description": (
                "The first Japan–Russia border, set by the Treaty of Shimoda in the Vries "
                "Strait, with Etorofu and the islands to its south on the Japanese side, "
                "Urup and the islands to its north on the Russian side, and Sakhalin left "
                "undivided."
            ),
            "positions": {},
            "source": "Treaty of Shimoda (7 Feb 1855), Article 2; MOFA, Japan",
            "clause_id": "shimoda_art2_en",
            "geometry_source": VRIES_SOURCE,
        },
    ),
    Line(
        id="st_petersburg_1875",
        make=first_kuril_median,
        beside=("shumshu", "kamchatka"),
        max_gap_km=8,
        near=Near("st_petersburg_1875", None, 1),
        source_fact="st_petersburg_1875",
        text={
            "name": "Treaty of Saint Petersburg border (First Kuril Strait)",
            "year_from": 1875,
            "year_to": 1945,
            "date_from": "1875-05-07",
            "date_to": "1945-08-18",
            "instrument": "treaty",
            "kind": "agreed border",
            "description": (
                "In exchange for Japan's rights on Sakhalin, Russia ceded the eighteen Kuril "
                "islands from Shumshu to Urup to Japan by the 1875 Treaty of Saint "
                "Petersburg, so the border ran through the First Kuril Strait between "
                "Shumshu and Cape Lopatka on Kamchatka until Soviet forces landed on Shumshu "
                "in August 1945."
            ),
            "positions": {},
            "source": STP_SOURCE.format(article=2),
            "clause_id": "st_petersburg_1875_art2",
            "geometry_source": (
                "Approximate: median line between Natural Earth's Shumshu and Kamchatka "
                "coasts, 24 km long, through the strait centre given in facts.json "
                f"({{near}}). {NE_NOTE}"
            ),
        },
    ),
    Line(
        id="la_perouse_1875",
        make=maritime_line("Marine Indicator Median", (140.0, 45.3, 143.0, 46.2)),
        beside=("sakhalin", "hokkaido"),
        max_gap_km=30,
        source_fact="st_petersburg_1875",
        text={
            "name": "La Pérouse (Sōya) Strait, 1875 Sakhalin–Hokkaido divide",
            "year_from": 1875,
            "year_to": 1905,
            "date_from": "1875-05-07",
            "date_to": "1905-09-05",
            "instrument": "treaty",
            "kind": "agreed border",
            "description": (
                "Once the 1875 treaty made all of Sakhalin Russian, La Pérouse (Sōya) Strait "
                "separated Russian Sakhalin from Japanese Hokkaido until the 1905 Treaty of "
                "Portsmouth moved the border north to the 50th parallel."
            ),
            "positions": {},
            "source": STP_SOURCE.format(article=1),
            "clause_id": None,
            "geometry_source": (
                f"Natural Earth maritime median line in La Pérouse Strait. {NE_NOTE}"
            ),
        },
    ),
    Line(
        id="portsmouth_1905",
        make=fiftieth_parallel,
        on_land=True,
        beside=("sakhalin_south", "sakhalin_north"),
        max_gap_km=0.1,
        source_fact="portsmouth_1905",
        text={
            "name": "Treaty of Portsmouth border (50th parallel, Sakhalin)",
            "year_from": 1905,
            "year_to": 1945,
            "date_from": "1905-09-05",
            "date_to": "1945-08",
            "instrument": "treaty",
            "kind": "agreed border",
            "description": (
                "After the Russo-Japanese War, Russia ceded Sakhalin south of the 50th "
                "parallel to Japan by the Treaty of Portsmouth, and the parallel became a "
                "land border across the island "
                "until Soviet forces took southern Sakhalin in August 1945; the Kurils were "
                "not affected."
            ),
            "positions": {},
            "source": "Treaty of Portsmouth (5 Sep 1905), Article IX",
            "clause_id": "portsmouth_art9",
            "geometry_source": (
                "The 50th parallel clipped to Natural Earth's Sakhalin coast, extended "
                f"about 6 km offshore on each side. {NE_NOTE}"
            ),
        },
    ),
    Line(
        # The disputed maritime indicator between Hokkaido and the islands: its note is
        # 'disputed_8' in this extract, not 'disputed_7' as the shared README says
        # ('disputed_7' duplicates the claim line in the Vries Strait).
        id="line_of_control_1945",
        make=maritime_line("Marine Indicator Disputed", (145.0, 42.9, 146.2, 45.0)),
        beside=("hokkaido", "hokkaido_n03", "kunashiri", "habomai"),
        max_gap_km=10,
        near=Near("line_of_control_today", "Midpoint", 1.5),
        source_fact="scapin_677_1946",
        text={
            "name": "Line of control between Hokkaido and Kunashiri / Habomai",
            "year_from": 1945,
            "year_to": None,
            "date_from": "1945-09-05",
            "date_to": None,
            "instrument": "occupation",
            "kind": "line of control",
            "description": (
                "Since Soviet forces took the four islands in August–September 1945, "
                "Japanese administration has ended at this line through the Nemuro Strait "
                "and the channel off Cape Nosappu; the Allied occupation directive "
                "SCAPIN-677 of 29 January 1946 told Japan's government to stop governing "
                "the islands beyond it, while stating that this was no final decision on "
                "their status."
            ),
            "positions": {
                "Russia": (
                    "Russia holds that this line is its state border, the islands having "
                    "become part of the USSR as a result of the Second World War."
                ),
                "Japan": (
                    "Japan holds that there is no border here, because the four islands "
                    "are Japanese territory."
                ),
            },
            "source": (
                "SCAPIN-677 (29 Jan 1946), copy published by the Cabinet Secretariat of "
                "Japan; line position: Natural Earth maritime indicator (approximate)"
            ),
            "clause_id": None,
            "geometry_source": (
                "Natural Earth 'Marine Indicator Disputed' line between Hokkaido and the "
                "islands (note 'disputed_8'); no official coordinate list has been "
                f"published for this line. {NE_NOTE}"
            ),
        },
    ),
    Line(
        id="japan_claim_line",
        make=same_as("shimoda_1855"),
        beside=("etorofu", "urup"),
        max_gap_km=30,
        near=Near("shimoda_1855", None, 5),
        source_fact="shimoda_1855",
        text={
            "name": "Japan's claimed border (Vries Strait)",
            "year_from": 1945,
            "year_to": None,
            "date_from": "1945",
            "date_to": None,
            "instrument": "declaration",
            "kind": "claim",
            "description": (
                "The Vries Strait line, where the 1855 treaty had set the border, that "
                "Japan has named as its border with Russia since Soviet forces took the four "
                "islands in 1945."
            ),
            "positions": {
                "Japan": (
                    "Japan holds that its border with Russia runs here, between Etorofu and Urup."
                ),
                "Russia": (
                    "Russia holds that no border runs here, because it regards all the "
                    "Kuril Islands, including the four islands Japan claims, as Russian "
                    "territory."
                ),
            },
            "source": "MOFA, Japan: Japan's position on the Northern Territories",
            "clause_id": None,
            "geometry_source": VRIES_SOURCE,
        },
    ),
    Line(
        id="jd1956_two_island_line",
        make=two_island_median,
        beside=("kunashiri", "shikotan", "habomai"),
        max_gap_km=35,
        source_fact="joint_declaration_1956",
        source_status="confirmed_secondary",
        text={
            "name": "1956 Joint Declaration two-island line (proposal, approximate)",
            "year_from": 1956,
            "year_to": None,
            "date_from": "1956-10-19",
            "date_to": None,
            "instrument": "declaration",
            "kind": "proposal",
            "description": (
                "An approximate line, drawn for this map and never agreed or surveyed, that "
                "would separate Shikotan and the Habomai islands, which the USSR agreed in "
                "the 1956 Joint Declaration to transfer to Japan after a peace treaty, "
                "from Kunashiri and Etorofu."
            ),
            "positions": {
                "Russia": (
                    "Russia holds that any transfer of Shikotan and the Habomai islands "
                    "would come only after a peace treaty and would leave sovereignty over "
                    "Etorofu and Kunashiri unchanged."
                ),
                "Japan": (
                    "Japan holds that the Declaration settles only part of the question, "
                    "and that a peace treaty must also decide the status of Etorofu and "
                    "Kunashiri."
                ),
            },
            "source": "Soviet-Japanese Joint Declaration (19 Oct 1956), Article 9",
            "clause_id": "jd1956_art9_en_unts",
            "geometry_source": (
                "Constructed: points equally far from Kunashiri and from Shikotan plus the "
                "Habomai islets (MLIT N03 coastlines), from the line of control east to "
                "147°E."
            ),
        },
    ),
)


# --------------------------------------------------------------------------- checks


def check_placement(line: Line, geom: BaseGeometry, inp: Inputs) -> None:
    """A sea line touches no land; every line passes within max_gap_km of each coast it
    separates."""
    if not line.on_land and geom.intersects(inp.land):
        raise BuildError(f"{line.id}: line crosses land")
    for name in line.beside:
        gap = distance_km(geom, inp.coasts[name])
        if gap > line.max_gap_km:
            raise BuildError(f"{line.id}: {gap:.1f} km from {name}, a coast it should run beside")


def check_near(line: Line, geom: BaseGeometry, inp: Inputs) -> str:
    """The line passes within `near.km` of its facts.json point; returns the point as text."""
    if line.near is None:
        return ""
    pt = fact_point(inp.facts, line.near.fact, line.near.point)
    local = Local.equidistant(pt["lon"], pt["lat"])
    off = local.fwd(geom).distance(local.fwd(Point(pt["lon"], pt["lat"]))) / 1000
    if off > line.near.km:
        raise BuildError(f"{line.id}: {off:.1f} km from {pt['point']!r} in facts.json")
    return f"{pt['lat']}°N {pt['lon']}°E"


def check_clause(line: Line, src: Path) -> None:
    """The clause a line points to is a text in data/sources/primary-texts/."""
    cid = line.text["clause_id"]
    if cid is not None and not (src / "primary-texts" / f"{cid}.json").is_file():
        raise BuildError(f"{line.id}: clause_id {cid!r} has no file in primary-texts/")


# --------------------------------------------------------------------------- building


def coasts(
    src: Path,
    islands: dict[str, BaseGeometry],
    hokkaido_n03: BaseGeometry,
    context: dict[str, BaseGeometry],
) -> tuple[dict[str, BaseGeometry], BaseGeometry]:
    """Coasts by name, and all land. Natural Earth coasts are the raw polygons at the first
    anchor of each context id (not the simplified map shapes); Sakhalin's halves are the
    map's, so the Portsmouth line is checked against what is drawn."""
    land_parts = [p for f in read_features(src / NE_LAND) for p in polygons(f["shape"])]
    out: dict[str, BaseGeometry] = {}
    for cid, anchors in ANCHORS.items():
        hits = [p for p in land_parts if p.contains(Point(anchors[0]))]
        if len(hits) == 1:
            out[cid] = hits[0]
    out |= {half: context[half] for _lat, *halves in SPLITS.values() for half in halves}
    out |= {**islands, "hokkaido_n03": hokkaido_n03}
    return out, unary_union([*land_parts, *islands.values()])


def make_line(line: Line, inp: Inputs) -> dict[str, Any]:
    """One checked feature of boundaries.geojson."""
    for name in line.beside:
        if name not in inp.coasts:
            raise BuildError(f"{line.id}: no coast named {name!r} to check against")
    if "{near}" in line.text["geometry_source"] and line.near is None:
        raise BuildError(f"{line.id}: geometry_source names {{near}} but the line has no near")
    geom = line.make(inp)
    check_placement(line, geom, inp)
    near = check_near(line, geom, inp)
    check_clause(line, inp.src)
    inp.lines[line.id] = geom
    props = {
        "id": line.id,
        **line.text,
        "geometry_source": line.text["geometry_source"].format(near=near),
        "source_url": source_url(inp.facts, line.source_fact, line.source_status),
    }
    return feature(props, snap(shapely.simplify(geom, LINE_SIMPLIFY_DEG)))


def build_boundaries(
    src: Path,
    facts: dict[str, Any],
    islands: dict[str, BaseGeometry],
    hokkaido_n03: BaseGeometry,
    context: dict[str, BaseGeometry],
) -> list[dict[str, Any]]:
    """Every line of LINES, in table order, made and checked."""
    shapes, land = coasts(src, islands, hokkaido_n03, context)
    inp = Inputs(src=src, facts=facts, coasts=shapes, land=land)
    ids = [line.id for line in LINES]
    if len(set(ids)) != len(ids):
        raise BuildError(f"LINES repeats an id: {ids}")
    return [make_line(line, inp) for line in LINES]
