"""Texts that are data: a plan's labels (its YAML) and a few sentences built at run time, in
Vietnamese and English. Every other text is in the message catalogs (campaign/catalogs.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from pydantic import BaseModel, ConfigDict

# A language code the catalogs offer ("vi", "en", ...; campaign.catalogs.languages()).
Language = str


class Localized(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    vi: str
    en: str

    def get(self, lang: Language) -> str:
        """The text in that language; Vietnamese for a language it does not have."""
        found = self.__dict__.get(lang)
        return found if isinstance(found, str) else self.vi


def L(vi: str, en: str) -> Localized:
    return Localized(vi=vi, en=en)


class _Offered(Sequence[Language]):
    """The languages the catalogs offer now (the settings choose them at start)."""

    def _codes(self) -> tuple[Language, ...]:
        from campaign.catalogs import languages

        return languages()

    @overload
    def __getitem__(self, index: int) -> Language: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Language]: ...
    def __getitem__(self, index: int | slice) -> Language | Sequence[Language]:
        return self._codes()[index]

    def __len__(self) -> int:
        return len(self._codes())


LANGUAGES: Sequence[Language] = _Offered()
