"""Texts that exist in Vietnamese and English."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")


class Localized(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    vi: str
    en: str

    def get(self, lang: Language) -> str:
        return self.vi if lang == "vi" else self.en


def L(vi: str, en: str) -> Localized:
    return Localized(vi=vi, en=en)
