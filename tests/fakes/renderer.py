"""A typed fake of `services.ports.Renderer`: it records what it drew and returns small bytes."""

from __future__ import annotations

from campaign.localized import Language
from services.ports import GradingBoard, Ranking, Renderer


class Drawn(Renderer):
    """Draws `images` chart images per ranking, one workbook, one grades workbook."""

    def __init__(self, images: int = 2) -> None:
        self.images = images
        self.drawn: list[tuple[Ranking, Language]] = []

    def charts(self, board: Ranking, lang: Language) -> list[bytes]:
        self.drawn.append((board, lang))
        return [f"png{n}".encode() for n in range(self.images)]

    def xlsx(self, board: Ranking, lang: Language) -> bytes:
        return b"xlsx"

    def grades_xlsx(self, board: GradingBoard, lang: Language) -> bytes:
        return b"grades"


__all__ = ["Drawn"]
