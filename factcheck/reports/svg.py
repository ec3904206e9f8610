"""Geometry for the inline SVG diagrams; templates/_svg.html.j2 draws it.

The layout is plain numbers and strings, so every label reaches the page through
Jinja's autoescaping like any other text.
"""

from __future__ import annotations

import zlib
from typing import Any

# Okabe–Ito: distinguishable with the common colour-vision deficiencies
SIDE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F")
NO_SIDE = "#6B7280"
MIX_COLOURS = {
    "named": "#0072B2",
    "partisan": "#D55E00",
    "anonymous": "#8E8E8E",
    "unattributed": "#E69F00",
    "hedged": "#6A3D9A",
}

NODE_W, NODE_H = 204, 42
COL_GAP, ROW_GAP = 70, 14
MARGIN, HEADER = 12, 26
LABEL_CHARS = 26  # what fits in NODE_W at 12.5px bold


def tint(colour: str, amount: float = 0.86) -> str:
    """`colour` mixed with white: fills light enough for dark text."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)


# the same side has the same colour in every diagram of every report
FIXED_SIDES = {"UA": 0, "RU": 1, "US": 2, "EU": 3, "IL": 4, "NATO": 5, "PS": 6}


def side_colour(side: str) -> str:
    index = FIXED_SIDES.get(side)
    if index is None:
        index = zlib.crc32(side.encode()) % len(SIDE_COLOURS)
    return SIDE_COLOURS[index]


def side_colours(sides: list[str | None]) -> dict[str, str]:
    """The colour of each side present, sides sorted."""
    return {side: side_colour(side) for side in sorted({s for s in sides if s})}


def clip(text: str | None, width: int = LABEL_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def provenance_layout(graph: dict[str, Any], *, uid: str) -> dict[str, Any]:
    """Place the layered provenance graph: one column per role depth, origin on the left."""
    columns = max(int(graph.get("columns", 2)), 1)
    nodes = graph.get("nodes", [])
    colours = side_colours([n["side"] for n in nodes])
    per_column: dict[int, list[dict[str, Any]]] = {}
    for node in nodes:
        per_column.setdefault(node["column"], []).append(node)
    rows = max((len(v) for v in per_column.values()), default=1)
    height = MARGIN * 2 + HEADER + rows * NODE_H + (rows - 1) * ROW_GAP
    width = MARGIN * 2 + columns * NODE_W + (columns - 1) * COL_GAP
    placed: dict[str, dict[str, Any]] = {}
    for column, members in per_column.items():
        # centre short columns against the tallest one
        offset = (rows - len(members)) * (NODE_H + ROW_GAP) / 2
        for i, node in enumerate(members):
            colour = colours.get(node["side"] or "", NO_SIDE)
            meta = [node["side"] or "no side"]
            if node["kind"] not in (None, "unknown", "anonymous"):
                meta.append(node["kind"])
            if node["partisan"]:
                meta.append("partisan")
            if node["anonymous"]:
                meta.append("anonymous")
            placed[node["id"]] = {
                "x": MARGIN + column * (NODE_W + COL_GAP),
                "y": round(MARGIN + HEADER + offset + i * (NODE_H + ROW_GAP), 1),
                "w": NODE_W,
                "h": NODE_H,
                "label": clip(node["source"]),
                "meta": clip(" · ".join(m for m in meta if m), 34),
                "title": f"{node['source']} ({', '.join(node['roles'])}; {node['attributions']} attribution(s))",
                "fill": tint(colour),
                "stroke": colour,
                "dashed": node["anonymous"],
                "thick": node["partisan"],
            }
    edges = []
    for edge in graph.get("edges", []):
        a, b = placed.get(edge["from"]), placed.get(edge["to"])
        if a is None or b is None:
            continue
        x1, y1 = a["x"] + a["w"], a["y"] + a["h"] / 2
        x2, y2 = b["x"] - 6, b["y"] + b["h"] / 2
        bend = (x2 - x1) / 2
        edges.append(
            {
                "d": f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}",
                "width": min(1.5 + edge["attributions"] * 0.5, 5),
                "dashed": edge["anonymous"],
                "title": f"{edge['attributions']} attribution(s)",
            }
        )
    headers = []
    for column in range(columns):
        name = "origin" if column == 0 else "publisher" if column == columns - 1 else "relay"
        if columns == 1:
            name = "publisher"
        headers.append({"x": MARGIN + column * (NODE_W + COL_GAP) + NODE_W / 2, "text": name})
    legend = [{"label": side, "colour": colour} for side, colour in colours.items()]
    return {
        "uid": uid,
        "width": width,
        "height": height,
        "nodes": list(placed.values()),
        "edges": edges,
        "headers": headers,
        "header_y": MARGIN + 14,
        "legend": legend,
        "empty": not nodes,
    }


BAR_LABEL_W, BAR_W, BAR_H, BAR_GAP = 170, 560, 18, 16
BAR_RIGHT = 70


def mix_layout(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked 100 % bars of the sourcing mix; each row is a `mix_summary` dict with a `label`."""
    top = 34  # room for the legend
    bars = []
    y = top
    for row in rows:
        x = BAR_LABEL_W
        segments = []
        for cat in row["categories"]:
            w = round(cat["share"] * BAR_W, 1)
            if w > 0:
                segments.append(
                    {
                        "x": x,
                        "w": w,
                        "colour": MIX_COLOURS[cat["name"]],
                        "title": f"{cat['label']}: {cat['count']} ({cat['share']:.0%})",
                        "text": f"{cat['share']:.0%}" if w >= 34 else "",
                    }
                )
            x += w
        hedged = row["hedged"]
        bars.append(
            {
                "y": y,
                "label": clip(row["label"], 24),
                "title": row["label"],
                "segments": segments,
                "total": row["total"],
                "hedged_w": round(hedged["share"] * BAR_W, 1),
                "hedged_title": f"hedged: {hedged['count']} ({hedged['share']:.0%})",
                "bold": bool(row.get("emphasis")),
            }
        )
        y += BAR_H + 5 + BAR_GAP + (10 if row.get("emphasis") else 0)
    legend = []
    lx = BAR_LABEL_W
    for name in ("named", "partisan", "anonymous", "unattributed", "hedged"):
        label = "hedged (overlaps)" if name == "hedged" else name
        legend.append({"x": lx, "colour": MIX_COLOURS[name], "label": label})
        lx += 30 + len(label) * 7.5
    return {
        "width": BAR_LABEL_W + BAR_W + BAR_RIGHT,
        "height": y - BAR_GAP + 8,
        "bar_x": BAR_LABEL_W,
        "bar_w": BAR_W,
        "bar_h": BAR_H,
        "bars": bars,
        "legend": legend,
    }
