"""The diagrams' drawing vocabulary: memory lines, layers, operations, boxes and labels as SVG.

The STM and LTM colours come from :data:`lstm_viz.presentation.style.COLOURS`; everything else is
drawn in ``currentColor``, so an SVG inlined in a page takes the page's text colour, and the two
line colours are lightened when the book's theme is dark (``html[data-theme="dark"]``).

No label is smaller than 16 drawing units: a diagram is drawn :data:`WIDTH` wide and scales to its
column, about 330 px on a 375 px phone, so its smallest label is still over 11 CSS px there.
Labels never sit across a wire, so none needs a halo.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lstm_viz.presentation.style import COLOURS

__all__ = ["HEIGHT", "PALETTE", "WIDTH", "Canvas"]

SVG_NS = "http://www.w3.org/2000/svg"
#: The default drawing size (the viewBox); every SVG scales to its container's width.
WIDTH, HEIGHT = 460, 300


def _mix(colour: str, towards: int, amount: float) -> str:
    """``colour`` (#rrggbb) moved ``amount`` of the way to grey level ``towards`` (0 or 255)."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (towards - c) * amount):02x}" for c in channels)


def _palette() -> dict[str, dict[str, str]]:
    stm, ltm = COLOURS["stm"], COLOURS["ltm"]
    return {
        "light": {
            "stm-line": stm,
            "ltm-line": ltm,
            "stm-text": _mix(stm, 0, 0.3),
            "ltm-text": _mix(ltm, 0, 0.1),
        },
        "dark": {
            "stm-line": _mix(stm, 255, 0.15),
            "ltm-line": _mix(ltm, 255, 0.4),
            "stm-text": _mix(stm, 255, 0.25),
            "ltm-text": _mix(ltm, 255, 0.45),
        },
    }


#: The STM and LTM colours of the diagrams in the light and the dark theme: the lines are
#: COLOURS' own in light mode; labels are a little darker there, and everything lighter in dark
#: mode, so that each keeps its contrast against the page.
PALETTE: dict[str, dict[str, str]] = _palette()


def _style() -> str:
    """CSS of every diagram: colours from PALETTE, the rest in the page's text colour."""
    light, dark = PALETTE["light"], PALETTE["dark"]
    on_dark = 'html[data-theme="dark"] .lstm-dg'
    return (
        "svg.lstm-dg{display:block;width:100%;height:auto;max-width:42rem;margin:0 auto;"
        "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
        ".lstm-dg text{fill:currentColor;font-size:16px}"
        ".lstm-dg .wire{stroke:currentColor;stroke-width:1.6;fill:none}"
        ".lstm-dg .head{fill:currentColor}"
        f".lstm-dg path.ltm{{stroke:{light['ltm-line']};stroke-width:4;fill:none}}"
        f".lstm-dg path.stm{{stroke:{light['stm-line']};stroke-width:4;fill:none}}"
        f".lstm-dg .head.ltm{{fill:{light['ltm-line']}}}"
        f".lstm-dg .head.stm{{fill:{light['stm-line']}}}"
        f".lstm-dg text.ltm{{fill:{light['ltm-text']};font-weight:600}}"
        f".lstm-dg text.stm{{fill:{light['stm-text']};font-weight:600}}"
        ".lstm-dg .layer{fill:var(--pst-color-background,Canvas);stroke:currentColor;"
        "stroke-width:1.6}"
        ".lstm-dg .op{fill:var(--pst-color-background,Canvas);stroke:currentColor;stroke-width:1.6}"
        ".lstm-dg .op-sign{font-size:19px;font-weight:600}"
        ".lstm-dg .black{fill:#262626;stroke:currentColor;stroke-width:1.6}"
        ".lstm-dg text.on-black{fill:#f5f5f5}"
        ".lstm-dg .opened{fill:none;stroke:currentColor;stroke-width:1.2;stroke-dasharray:2 4;"
        "opacity:0.6}"
        ".lstm-dg .gate{fill:none;stroke:currentColor;stroke-width:1.4;stroke-dasharray:7 5}"
        ".lstm-dg text.note{font-style:italic}"
        ".lstm-dg text.gate-name{font-weight:600}"
        f"{on_dark} path.ltm{{stroke:{dark['ltm-line']}}}"
        f"{on_dark} path.stm{{stroke:{dark['stm-line']}}}"
        f"{on_dark} .head.ltm{{fill:{dark['ltm-line']}}}"
        f"{on_dark} .head.stm{{fill:{dark['stm-line']}}}"
        f"{on_dark} text.ltm{{fill:{dark['ltm-text']}}}"
        f"{on_dark} text.stm{{fill:{dark['stm-text']}}}"
        f"{on_dark} .black{{fill:#0b0b0b}}"
    )


class Canvas:
    """The drawing vocabulary shared by the four pictures: lines, layers, operations, boxes."""

    def __init__(
        self, name: str, title: str, desc: str, *, width: int = WIDTH, height: int = HEIGHT
    ) -> None:
        self.name, self.width, self.height = name, width, height
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "viewBox": f"0 0 {width} {height}",
                "class": "lstm-dg",
                "role": "img",
                "aria-labelledby": f"{name}-title {name}-desc",
                "id": name,
            },
        )
        ET.SubElement(self.root, "title", {"id": f"{name}-title"}).text = title
        ET.SubElement(self.root, "desc", {"id": f"{name}-desc"}).text = desc
        ET.SubElement(self.root, "style").text = _style()
        self.back = ET.SubElement(self.root, "g")  # boxes behind everything else
        self.front = ET.SubElement(self.root, "g")

    def resize(self, *, height: int) -> None:
        """Make the drawing ``height`` tall. The width stays the same
        (:data:`~lstm_viz.presentation.diagrams.canvas.WIDTH` by default), so that every
        picture's labels keep one size on a phone."""
        self.height = height
        self.root.set("viewBox", f"0 0 {self.width} {height}")

    def path(self, points: list[tuple[float, float]], cls: str, *, arrow: bool = False) -> None:
        """A polyline through ``points``; ``arrow`` puts a head at its last point."""
        d = "M" + " L".join(f"{x:g} {y:g}" for x, y in points)
        ET.SubElement(self.front, "path", {"d": d, "class": cls})
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self._head(x1, y1, (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0), cls)

    def _head(self, x: float, y: float, dx: int, dy: int, cls: str) -> None:
        size = 9 if cls in ("ltm", "stm") else 7
        # The tip at (x, y), the base `size` back along the direction (dx, dy).
        bx, by = x - dx * size, y - dy * size
        px, py = -dy * size * 0.55, dx * size * 0.55
        points = f"{x:g},{y:g} {bx + px:g},{by + py:g} {bx - px:g},{by - py:g}"
        ET.SubElement(self.front, "polygon", {"points": points, "class": f"head {cls}"})

    def text(
        self,
        x: float,
        y: float,
        words: str,
        cls: str = "",
        *,
        anchor: str = "middle",
        sub: str = "",
    ) -> None:
        """A label; ``sub`` is set as a subscript after ``words``."""
        attrs = {"x": f"{x:g}", "y": f"{y:g}", "text-anchor": anchor}
        if cls:
            attrs["class"] = cls
        element = ET.SubElement(self.front, "text", attrs)
        element.text = words
        if sub:
            tspan = ET.SubElement(element, "tspan", {"class": "sub", "dy": "4"})
            tspan.text = sub

    def layer(self, x: float, y: float, label: str, *, width: float = 40) -> None:
        """A one-neuron layer (σ or tanh) centred at (x, y)."""
        ET.SubElement(
            self.front,
            "rect",
            {
                "x": f"{x - width / 2:g}",
                "y": f"{y - 14:g}",
                "width": f"{width:g}",
                "height": "28",
                "rx": "5",
                "class": "layer",
            },
        )
        self.text(x, y + 5, label)

    def op(self, x: float, y: float, sign: str) -> None:
        """A component-wise operation (× or +) on the wires meeting at (x, y)."""
        ET.SubElement(self.front, "circle", {"cx": f"{x:g}", "cy": f"{y:g}", "r": "12"})
        self.front[-1].set("class", "op")
        self.text(x, y + 6.5, sign, "op-sign")

    def box(self, x0: float, y0: float, x1: float, y1: float, cls: str) -> None:
        """A rectangle behind the drawing: the black box, its opened outline, or a gate."""
        ET.SubElement(
            self.back,
            "rect",
            {
                "x": f"{x0:g}",
                "y": f"{y0:g}",
                "width": f"{x1 - x0:g}",
                "height": f"{y1 - y0:g}",
                "rx": "8",
                "class": cls,
            },
        )

    def svg(self) -> str:
        return ET.tostring(self.root, encoding="unicode")
