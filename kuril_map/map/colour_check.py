"""Check the map's colours against colour-vision deficiency, with numbers rather than hope.

The state fills and line colours in kuril_map.style come from the Okabe-Ito palette, chosen to
survive colour blindness. This module measures that claim: each colour is passed through a
simulation of protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009,
severity 1.0, applied in linear RGB as the paper specifies) and every pair that must be told
apart is compared with CIEDE2000, the colour difference that best matches what people see
(ΔE00 ≈ 1 is just noticeable; above about 10 two flat areas read as clearly different).

Fills are measured both as specified and as drawn: the map paints them at 75 % opacity over
the sea colour, which pulls every fill towards that light blue.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from kuril_map.map.style import LINE_STYLES, SEA_COLOUR, STATE_COLOURS

FILL_OPACITY = 0.75  # as in kuril_map.mapping._island_style

Matrix = tuple[tuple[float, float, float], ...]

# Machado et al. (2009), Table "severity 1.0"; rows map linear (R, G, B) to the simulated colour.
MACHADO_2009: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS: tuple[str, ...] = ("normal", *MACHADO_2009)

RGB = tuple[float, float, float]
Lab = tuple[float, float, float]


# --------------------------------------------------------------------------- colour maths


def hex_to_rgb(colour: str) -> RGB:
    """'#E69F00' -> (0.902, 0.624, 0.0), sRGB in 0..1."""
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def rgb_to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _from_linear(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(colour: str, vision: str) -> str:
    """The colour as seen with `vision` ("normal", "protanopia", "deuteranopia", "tritanopia")."""
    if vision == "normal":
        return colour.upper()
    m = MACHADO_2009[vision]
    lin = [_to_linear(c) for c in hex_to_rgb(colour)]
    out = tuple(_from_linear(sum(m[r][k] * lin[k] for k in range(3))) for r in range(3))
    return rgb_to_hex(out)  # type: ignore[arg-type]


def blend(colour: str, background: str, opacity: float) -> str:
    """`colour` painted at `opacity` over `background`, as the browser composites it (sRGB)."""
    fg, bg = hex_to_rgb(colour), hex_to_rgb(background)
    return rgb_to_hex(tuple(opacity * f + (1 - opacity) * b for f, b in zip(fg, bg, strict=True)))  # type: ignore[arg-type]


def to_lab(colour: str) -> Lab:
    """CIELAB (D65 white) of an sRGB colour."""
    r, g, b = (_to_linear(c) for c in hex_to_rgb(colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e76(lab1: Lab, lab2: Lab) -> float:
    """The plain Euclidean CIELAB distance (ΔE*ab 1976), for comparison with older sources."""
    return math.dist(lab1, lab2)


def delta_e2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005 formulation, kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean7 = ((c1 + c2) / 2) ** 7
    g = 0.5 * (1 - math.sqrt(c_mean7 / (c_mean7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    elif h2p - h1p > 180:
        dh = h2p - h1p - 360
    else:
        dh = h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))

    lm = (l1 + l2) / 2
    cm = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hm = (h1p + h2p + 360) / 2
    else:
        hm = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hm - 30))
        + 0.24 * math.cos(math.radians(2 * hm))
        + 0.32 * math.cos(math.radians(3 * hm + 6))
        - 0.20 * math.cos(math.radians(4 * hm - 63))
    )
    d_theta = 30 * math.exp(-(((hm - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cm**7 / (cm**7 + 25**7))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc = 1 + 0.045 * cm
    sh = 1 + 0.015 * cm * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh)
    )


def distance(colour1: str, colour2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two colours as seen with `vision`."""
    return delta_e2000(to_lab(simulate(colour1, vision)), to_lab(simulate(colour2, vision)))


# --------------------------------------------------------------------------- the map's palette


def _label(state: str | None) -> str:
    return state or "no state"


def state_fills(as_drawn: bool = False) -> dict[str, str]:
    """One fill per visually distinct colour, named by the states that share it (the Soviet
    and Russian states share one on purpose: one continuous administration)."""
    by_colour: dict[str, list[str]] = {}
    for state, colour in STATE_COLOURS.items():
        by_colour.setdefault(colour, []).append(_label(state))
    return {
        " / ".join(states): blend(colour, SEA_COLOUR, FILL_OPACITY) if as_drawn else colour
        for colour, states in by_colour.items()
    }


def line_colours() -> dict[str, str]:
    return {kind: ls.colour for kind, ls in LINE_STYLES.items()}


KINDS: tuple[str, ...] = (
    "state fills",
    "state fills as drawn",
    "claim outlines",
    "lines",
    "lines on sea",
)


def claim_pairs() -> list[tuple[str | None, str]]:
    """(administering state, claimant) pairs that occur in the history, for every territory
    drawn: a claimant's dashed outline is drawn over the administrator's fill."""
    from kuril_map import history

    h = history.load()
    pairs: set[tuple[str | None, str]] = {
        (p.administered_by, p.claimed_by[0])
        for t in h.territories
        for p in h.periods(t)
        if p.claimed_by
    }
    return sorted(pairs, key=lambda p: (p[0] or "", p[1]))


def _pairs(kind: str) -> Iterable[tuple[str, str, str, str]]:
    if kind in ("state fills", "state fills as drawn"):
        fills = state_fills(as_drawn=kind.endswith("as drawn"))
        for (a, ca), (b, cb) in combinations(fills.items(), 2):
            yield a, ca, b, cb
    elif kind == "claim outlines":
        for admin, claimant in claim_pairs():
            fill = blend(STATE_COLOURS.get(admin, STATE_COLOURS[None]), SEA_COLOUR, FILL_OPACITY)
            yield (
                f"{claimant} outline",
                STATE_COLOURS[claimant],
                f"{_label(admin)} fill",
                fill,
            )
    elif kind == "lines":
        for (a, ca), (b, cb) in combinations(line_colours().items(), 2):
            yield a, ca, b, cb
    elif kind == "lines on sea":
        for a, ca in line_colours().items():
            yield a, ca, "sea", SEA_COLOUR
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")


@dataclass(frozen=True)
class PaletteRow:
    """One pair of colours that must stay apart, under one kind of vision."""

    kind: str
    vision: str
    a: str
    b: str
    colour_a: str  # as simulated
    colour_b: str
    delta_e2000: float
    delta_e76: float


def palette_report(kinds: Iterable[str] = KINDS) -> list[PaletteRow]:
    """Every pair of every kind under every vision, with CIEDE2000 and ΔE76 distances."""
    rows: list[PaletteRow] = []
    for kind in kinds:
        for vision in VISIONS:
            for a, ca, b, cb in _pairs(kind):
                sa, sb = simulate(ca, vision), simulate(cb, vision)
                la, lb = to_lab(sa), to_lab(sb)
                rows.append(
                    PaletteRow(
                        kind,
                        vision,
                        a,
                        b,
                        sa,
                        sb,
                        round(delta_e2000(la, lb), 2),
                        round(delta_e76(la, lb), 2),
                    )
                )
    return rows


def min_distance(kind: str = "state fills", vision: str | None = None) -> float:
    """The smallest CIEDE2000 between any two colours of `kind`, under `vision` or any vision."""
    visions = VISIONS if vision is None else (vision,)
    return min(r.delta_e2000 for r in palette_report([kind]) if r.vision in visions)


def weakest_pairs(kind: str = "state fills") -> dict[str, PaletteRow]:
    """For each vision, the pair of `kind` that is hardest to tell apart."""
    out: dict[str, PaletteRow] = {}
    for row in palette_report([kind]):
        if row.vision not in out or row.delta_e2000 < out[row.vision].delta_e2000:
            out[row.vision] = row
    return out


def report_text() -> str:
    """A plain table for the command line or a docs page."""
    lines = [f"{'kind':22} {'vision':13} {'pair':45} {'ΔE00':>6} {'ΔE76':>6}"]
    for r in palette_report():
        pair = f"{r.a} {r.colour_a} – {r.b} {r.colour_b}"
        lines.append(f"{r.kind:22} {r.vision:13} {pair:45} {r.delta_e2000:6.1f} {r.delta_e76:6.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report_text())
