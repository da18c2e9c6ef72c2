"""Lines of points equally far from two coasts, walked step by step in projected metres.

The constructed boundary lines (the First Kuril Strait, the 1956 two-island line) are such
median lines; the coasts come from the extracts, so the line moves if a coast does.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geobuild.common import BuildError


def median_offset(
    a: BaseGeometry, b: BaseGeometry, p: tuple[float, float], n: tuple[float, float], w: float
) -> tuple[float, float]:
    """The point on p + t*n (|t| <= w) equally far from a and b, by bisection."""

    def gap(t: float) -> float:
        q = Point(p[0] + t * n[0], p[1] + t * n[1])
        return q.distance(a) - q.distance(b)

    lo, hi = -w, w
    g_lo, g_hi = gap(lo), gap(hi)
    if (g_lo > 0) == (g_hi > 0):
        raise BuildError(f"median search found no crossing within {w / 1000:.0f} km of {p}")
    for _ in range(50):
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if (g_mid > 0) == (g_lo > 0):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    t = (lo + hi) / 2
    return (p[0] + t * n[0], p[1] + t * n[1])


def median_line(
    a: BaseGeometry,
    b: BaseGeometry,
    start: tuple[float, float],
    heading: tuple[float, float],
    step: float,
    stop: Callable[[tuple[float, float]], bool],
    search: float = 6000.0,
    max_steps: int = 400,
) -> list[tuple[float, float]]:
    """Walk along the line of points equally far from a and b (projected metres).

    Each step goes `step` metres along the current heading, then slides sideways onto the
    median; the heading follows the line. Stops when `stop(point)` is true.
    """
    pts = [start]
    px, py = start
    hx, hy = heading
    norm = math.hypot(hx, hy)
    hx, hy = hx / norm, hy / norm
    for _ in range(max_steps):
        c = (px + step * hx, py + step * hy)
        q = median_offset(a, b, c, (-hy, hx), search)
        dx, dy = q[0] - px, q[1] - py
        d = math.hypot(dx, dy)
        hx, hy = dx / d, dy / d
        px, py = q
        pts.append(q)
        if stop(q):
            return pts
    raise BuildError("median line did not reach its end point")


def junction(line: BaseGeometry, a: BaseGeometry, b: BaseGeometry) -> tuple[float, float]:
    """The point on `line` where the nearer of a and b changes (one change expected)."""
    n = 2000
    prev = None
    for i in range(n + 1):
        t = line.length * i / n
        q = line.interpolate(t)
        sign = q.distance(a) > q.distance(b)
        if prev is not None and sign != prev[0]:
            lo, hi = prev[1], t
            for _ in range(40):
                mid = (lo + hi) / 2
                if (line.interpolate(mid).distance(a) > line.interpolate(mid).distance(b)) == (
                    prev[0]
                ):
                    lo = mid
                else:
                    hi = mid
            p = line.interpolate((lo + hi) / 2)
            return (p.x, p.y)
        prev = (sign, t)
    raise BuildError("the line of control never passes equally near Kunashiri and Habomai")
