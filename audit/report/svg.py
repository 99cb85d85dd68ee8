"""Small inline SVG charts drawn by the tool: bars, columns and trend lines.

No charting library and no network: a few rectangles and a polyline are all the
overview needs. Labels go through `escape`, so a publisher called `<script>` is text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape


def bar(parts: Sequence[tuple[int, str]], top: int, width: int = 220, height: int = 12) -> Markup:
    """One horizontal bar of stacked parts (count, css class), scaled so `top` fills it."""
    x = 0.0
    rects = []
    for count, css in parts:
        w = width * count / top if top else 0
        if w > 0:
            rects.append(f'<rect class="{escape(css)}" x="{x:.1f}" y="0" width="{max(w, 1):.1f}" height="{height}"/>')
            x += w
    return Markup(f'<svg class="bar" width="{width}" height="{height}" role="img">{"".join(rects)}</svg>')


def columns(points: Sequence[tuple[str, int]], width: int = 640, height: int = 120) -> Markup:
    """Vertical bars, one per (label, value), with the first and last labels below."""
    if not points:
        return Markup("")
    top = max(v for _, v in points) or 1
    step = width / len(points)
    body = []
    for i, (label, value) in enumerate(points):
        h = (height - 18) * value / top
        body.append(f'<rect class="col" x="{i * step + 1:.1f}" y="{height - 18 - h:.1f}" '
                    f'width="{max(step - 2, 1):.1f}" height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>')
    first, last = points[0][0], points[-1][0]
    body.append(f'<text x="0" y="{height - 4}">{escape(first)}</text>')
    if len(points) > 1:
        body.append(f'<text x="{width}" y="{height - 4}" text-anchor="end">{escape(last)}</text>')
    body.append(f'<text x="{width}" y="10" text-anchor="end">max {top}</text>')
    return Markup(f'<svg class="columns" width="{width}" height="{height}" role="img">{"".join(body)}</svg>')


def trend(values: Sequence[int], width: int = 140, height: int = 28) -> Markup:
    """A line through the values over the runs, the last one dotted."""
    if not values:
        return Markup("")
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / max(len(values) - 1, 1)

    def y(v: int) -> float:
        return height - 3 - (height - 6) * (v - low) / span

    points = " ".join(f"{i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    lx, ly = (len(values) - 1) * step, y(values[-1])
    return Markup(f'<svg class="trend" width="{width}" height="{height}" role="img">'
                  f'<title>{escape(" → ".join(str(v) for v in values))}</title>'
                  f'<polyline points="{points}"/><circle cx="{lx:.1f}" cy="{ly:.1f}" r="2.5"/></svg>')
