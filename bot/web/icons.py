"""Draws the web chat's icons (favicon, home-screen icons) into bot/web/static.

Run once when the design changes (`python -m bot.web.icons`); the PNG and ICO files are
committed, so serving them needs nothing but the files. icon.svg is the same drawing.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

STATIC = Path(__file__).resolve().parent / "static"
RED = (139, 26, 26)
GOLD = (224, 160, 0)
WHITE = (255, 255, 255)


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size: int, *, rounded: bool = True) -> Image.Image:
    """A white shield with a gold star on the page's red, drawn at 4x and scaled down."""
    from PIL import Image, ImageDraw  # a drawing tool: importing this module costs nothing

    big = size * 4
    scale = big / 512
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=int(96 * scale), fill=RED)
    else:  # a maskable icon: the phone rounds it itself
        pen.rectangle((0, 0, big - 1, big - 1), fill=RED)
    shield = [(256, 88), (392, 136), (392, 256), (376, 320), (332, 376), (256, 424)]
    shield += [(180, 376), (136, 320), (120, 256), (120, 136)]
    pen.polygon([(x * scale, y * scale) for x, y in shield], fill=WHITE)
    pen.polygon([(x * scale, y * scale) for x, y in _star(256, 250, 92, 38)], fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for size in (192, 512):
        draw(size).save(STATIC / f"icon-{size}.png", optimize=True)
    draw(64).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


if __name__ == "__main__":
    main()
