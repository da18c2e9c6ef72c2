"""places.geojson: a few labelled points for orientation (Cape Nosappu and five towns)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shapely.geometry import Point

from geobuild.common import NE_PLACES, BuildError, fact_point, feature, read_features


def build_places(src: Path, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """A few labelled points: Cape Nosappu (facts.json) and towns from Natural Earth."""
    cape = fact_point(facts, "line_of_control_today", "Cape Nosappu")
    out = [
        feature(
            {
                "id": "cape_nosappu",
                "name": "Cape Nosappu",
                "name_ja": "納沙布岬",
                "name_ru": "мыс Носаппу",
                "kind": "cape",
                "source_url": cape["url"],
            },
            Point(cape["lon"], cape["lat"]),
        )
    ]
    towns = {
        "Kushiro": ("kushiro", "釧路", "Кусиро"),
        "Yuzhno Sakhalinsk": ("yuzhno_sakhalinsk", "ユジノサハリンスク", "Южно-Сахалинск"),
        "Korsakov": ("korsakov", "コルサコフ", "Корсаков"),
        "Severo Kurilsk": ("severo_kurilsk", "セベロクリリスク", "Северо-Курильск"),
        "Petropavlovsk Kamchatskiy": (
            "petropavlovsk_kamchatsky",
            "ペトロパブロフスク・カムチャツキー",
            "Петропавловск-Камчатский",
        ),
    }
    names = {
        "Yuzhno Sakhalinsk": "Yuzhno-Sakhalinsk",
        "Severo Kurilsk": "Severo-Kurilsk",
        "Petropavlovsk Kamchatskiy": "Petropavlovsk-Kamchatsky",
    }
    found = {f["properties"]["NAME"]: f["shape"] for f in read_features(src / NE_PLACES)}
    for ne_name, (pid, ja, ru) in towns.items():
        if ne_name not in found:
            raise BuildError(f"Natural Earth places has no {ne_name!r}")
        props = {
            "id": pid,
            "name": names.get(ne_name, ne_name),
            "name_ja": ja,
            "name_ru": ru,
            "kind": "town",
            "source_url": "https://www.naturalearthdata.com/",
        }
        out.append(feature(props, found[ne_name]))
    return out
