"""Chart geometry for the HTML page: computed here, drawn as inline SVG by the template
(so labels from papers pass through the template's autoescaping)."""

from __future__ import annotations

from typing import Any, Sequence

VERDICT_COLOURS = {"supported": "#2e7d32", "contradicted": "#c62828", "not_found": "#9e9e9e"}


def verdict_bars(counts: dict[str, int], width: int = 420, bar_h: int = 22) -> dict[str, Any]:
    """Horizontal bars: claims by verdict."""
    top = max(counts.values()) if counts else 0
    label_w = 110
    bars = []
    for i, (name, n) in enumerate(counts.items()):
        w = 0 if not top else round((width - label_w - 40) * n / top, 1)
        bars.append({"label": name.replace("_", " "), "n": n, "x": label_w, "y": 8 + i * (bar_h + 8),
                     "w": w, "h": bar_h, "colour": VERDICT_COLOURS.get(name, "#607d8b")})
    return {"width": width, "height": 16 + len(bars) * (bar_h + 8), "bars": bars}


def relevance_bars(decisions: Sequence[dict[str, Any]], threshold: float, width: int = 720) -> dict[str, Any]:
    """One bar per candidate paper (score 0..1) with the keep threshold as a line."""
    label_w, bar_h, gap = 300, 14, 5  # 300 px holds a 40-character label at 12 px
    plot_w = width - label_w - 50
    bars = []
    for i, d in enumerate(decisions):
        title = d.get("title") or "untitled"
        bars.append({"label": title if len(title) <= 40 else title[:38].rstrip() + "…", "score": d["score"],
                     "x": label_w, "y": 6 + i * (bar_h + gap), "w": round(plot_w * max(0.0, min(1.0, d["score"])), 1),
                     "h": bar_h, "colour": "#1565c0" if d["kept"] else "#b0bec5"})
    return {"width": width, "height": 12 + len(bars) * (bar_h + gap), "bars": bars,
            "threshold_x": round(label_w + plot_w * threshold, 1), "threshold": threshold}


def reproduction_bars(pairs: Sequence[dict[str, Any]], width: int = 520) -> dict[str, Any]:
    """Claimed vs reproduced values (same unit), grouped per claim."""
    pairs = [p for p in pairs if isinstance(p.get("claimed"), (int, float)) and isinstance(p.get("reproduced"), (int, float))]
    top = max([max(p["claimed"], p["reproduced"]) for p in pairs] or [1.0]) or 1.0
    label_w, bar_h = 90, 12
    plot_w = width - label_w - 60
    groups = []
    for i, p in enumerate(pairs):
        y = 8 + i * (2 * bar_h + 14)
        groups.append({"label": p["id"], "y": y, "x": label_w,
                       "claimed": p["claimed"], "cw": round(plot_w * p["claimed"] / top, 1),
                       "reproduced": p["reproduced"], "rw": round(plot_w * p["reproduced"] / top, 1), "h": bar_h})
    return {"width": width, "height": 16 + len(groups) * (2 * bar_h + 14), "groups": groups}
