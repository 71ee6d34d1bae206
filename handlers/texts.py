"""Every sentence the bot says in a chat: the Fluent catalogs `campaign/locales/<language>/*.ftl`
(message ids are the keys used here, e.g. `text("menu", "en")`)."""

from __future__ import annotations

from campaign.catalogs import text

__all__ = ["text"]
