"""The built-in channels' names and capabilities: data light enough for any process.

The plugins (telegram.py, zalo.py, web.py) take theirs from here, and the core's capability
table (handlers/channels.py) reads `BUILT_IN` by this module's name when first asked, so a job
or the CLI knows every channel without importing its adapter."""

from __future__ import annotations

from handlers.channels import Capabilities

TELEGRAM, ZALO, WEB = "telegram", "zalo", "web"
TELEGRAM_MAX_TEXT = 4096
ZALO_MAX_TEXT = 2000

BUILT_IN: dict[str, Capabilities] = {
    TELEGRAM: Capabilities(
        max_text=TELEGRAM_MAX_TEXT,
        buttons=True,
        location=True,
        photo_upload=True,
        edits=True,
        documents=True,
    ),
    # Zalo's servers fetch a photo from a URL of ours; no buttons, no place.
    ZALO: Capabilities(max_text=ZALO_MAX_TEXT, photo_by_url=True),
    # Its page shows any text, buttons and photos (from /files/), asks for a place, and reads
    # the chat's outbox rows itself.
    WEB: Capabilities(
        max_text=None,
        buttons=True,
        location=True,
        photo_upload=True,
        mailbox=True,
        documents=True,
    ),
}
