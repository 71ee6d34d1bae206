"""The web chat page's own texts (its buttons, hints, the welcome), from the catalogs.

Served as a script (`/page-texts.js`) that the page loads before chat.js, for every language
offered: the page follows the chat's language without asking again, and needs nothing from
outside the server. chat.js fills the `{name}` placeholders itself."""

from __future__ import annotations

import json

from campaign.catalogs import languages, text

# chat.js's name of each text -> its catalog message (page.ftl)
PAGE_TEXTS = {
    "title": "page_title",
    "subtitle": "page_subtitle",
    "conversation": "page_conversation",
    "message": "page_message",
    "placeholder": "page_placeholder",
    "send": "page_send",
    "photo": "page_photo",
    "document": "page_document",
    "documentTooBig": "page_document_too_big",
    "locate": "page_locate",
    "noLocation": "page_no_location",
    "welcome": "page_welcome",
    "busy": "page_busy",
    "offline": "page_offline",
    "failed": "page_failed",
    "error": "page_error",
    "tooLong": "page_too_long",
    "noGeolocation": "page_no_geolocation",
    "locating": "page_locating",
    "locationFailed": "page_location_failed",
}
# The values chat.js puts in: left as "{name}" for it.
_FILLED_BY_THE_PAGE = {name: "{" + name + "}" for name in ("status", "length", "limit", "size")}


def page_texts() -> dict[str, dict[str, str]]:
    return {
        lang: {name: text(key, lang, **_FILLED_BY_THE_PAGE) for name, key in PAGE_TEXTS.items()}
        for lang in languages()
    }


def page_texts_script() -> str:
    return f"window.ANTT_PAGE_TEXTS = {json.dumps(page_texts(), ensure_ascii=False)};\n"
