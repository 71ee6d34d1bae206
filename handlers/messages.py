"""What crosses between channel adapters and the conversation core.

Adapters turn their channel's updates into an `Incoming` and render each `Outgoing`;
no channel type ever reaches the core.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Photo:
    """A photo as received; it is written to disk only if a photo step accepts it."""

    data: bytes = field(repr=False)
    content_type: str  # checked from the bytes by the adapter

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Document:
    """A file as received (a report, minutes, a spreadsheet); its kind is told from its bytes
    only when a question takes it (campaign.documents), never from its name."""

    data: bytes = field(repr=False)  # empty when the sender's file was over the limit unread
    name: str  # as the sender named it
    size: int  # as sent: a file over the limit is refused by its size, before it is read

    @classmethod
    def of(cls, data: bytes, name: str) -> Document:
        return cls(data=data, name=name, size=len(data))


@dataclass(frozen=True)
class Incoming:
    channel: str  # a channel plugin's name (bot/channels/registry.py)
    chat_id: str
    user_id: str
    delivery_key: str  # unique per channel: a redelivery carries the same key
    text: str | None = None
    choice: str | None = None  # the id of a tapped button
    location: Location | None = None
    photo: Photo | None = None
    caption: str | None = None  # typed with the photo (a broadcast takes it as its text)
    document: Document | None = None
    display_name: str | None = None
    # Why the message cannot be read, as a text key: "unsupported" (a sticker, a voice note,
    # withheld content), "photo_failed" (the photo could not be fetched), "edited".
    problem: str | None = None
    # The client's network address, where the channel knows it (the web chat; a messenger's
    # updates come from its servers): wrong invite codes are counted per address too.
    client_address: str | None = None


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Outgoing:
    text: str
    choices: tuple[Choice, ...] = ()
    image_url: str | None = None
    file_url: str | None = None
    # A hint for adapters with keyboards: offer the "share location" button with this prompt.
    asks_location: bool = False
    location_label: str | None = None  # the button's text, in the reader's language
    asks_document: bool = False  # a hint for pages with a file picker: this question takes one
    # The main menu: adapters with a persistent keyboard (Telegram's reply keyboard) use it.
    menu: bool = False
    id: int | None = None  # set where the channel keeps a history (the web chat)
    from_user: bool = False  # a history line the member sent
    client_id: str | None = None  # on such a line: the id the sender's client gave it
    # Shown once and never stored by us (a revealed informant): no history, no replay copy.
    ephemeral: bool = False

    def with_id(self, message_id: int) -> Outgoing:
        return replace(self, id=message_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "image_url": self.image_url,
            "file_url": self.file_url,
            "asks_location": self.asks_location,
            "location_label": self.location_label,
            "asks_document": self.asks_document,
            "menu": self.menu,
            "id": self.id,
            "from_user": self.from_user,
            "client_id": self.client_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outgoing:
        return cls(
            text=str(data["text"]),
            choices=tuple(Choice(id=c["id"], label=c["label"]) for c in data.get("choices", [])),
            image_url=data.get("image_url"),
            file_url=data.get("file_url"),
            asks_location=bool(data.get("asks_location", False)),
            location_label=data.get("location_label"),
            asks_document=bool(data.get("asks_document", False)),
            menu=bool(data.get("menu", False)),
            id=data.get("id"),
            from_user=bool(data.get("from_user", False)),
            client_id=data.get("client_id"),
        )


@dataclass
class Notice:
    """A message for another member (an urgent tip for commune officers, a teammate credited)."""

    member_id: int
    message: Outgoing
    extra: dict[str, Any] = field(default_factory=dict)


class Sent(StrEnum):
    """How one attempt to send a message through a messenger ended."""

    OK = "ok"
    BLOCKED = "blocked"  # the person blocked the bot (403): never try that chat again
    REFUSED = "refused"  # the messenger refused this message (another 4xx): retrying cannot help
    LATER = "later"  # the messenger is unreachable or failing (network, 5xx): try again later
    TOO_FAST = "too_fast"  # 429: wait `retry_after` seconds before sending on this channel


@dataclass(frozen=True)
class SendResult:
    kind: Sent
    retry_after: float = 0.0

    @classmethod
    def ok(cls) -> SendResult:
        return cls(Sent.OK)


# One request of a message to a messenger, tried once when called (see the outbox).
Piece = Callable[[], Awaitable[SendResult]]
