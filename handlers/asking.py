"""What every flow is given and gives back: the turn (one message being handled, the chat's
state, what to say), a question (`Prompt`) and its answer (`Answer`). Typed choices are read
here and only here (`resolve`), for every flow and desk."""

from __future__ import annotations

from abc import ABC
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar, cast

from campaign import documents as kinds
from campaign.areas import DEFAULT_AREAS, ContentArea
from campaign.catalogs import text
from campaign.localized import Language
from campaign.normalize import fold, label_matches, small_number
from handlers.channels import capabilities
from handlers.messages import Choice, Incoming, Notice, Outgoing
from services import documents
from services.ports import ChatState, DocumentStore, FileJobStore, MemberView, Store
from services.refusals import Refused

CONFIRM = "__confirm__"
SKIP = "__skip"
# "Bỏ qua" typed at a desk's photo step whose button reads "Không kèm ảnh", folded.
_SKIP_WORDS = frozenset({"bo qua", "skip", "khong", "khong anh", "khong kem anh", "no", "no photo"})
SAVE, BACK, CANCEL = "save", "back", "cancel"


class Reask(Exception):
    """The answer was refused: say why, ask the same step again, change nothing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EndFlow(Exception):
    """The flow cannot go on (say why and drop it), e.g. an invite used meanwhile."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Again:
    """The step stays open with a partial value (a pick list being built tap by tap)."""

    partial: Any


@dataclass(frozen=True)
class Prompt:
    text: str
    options: tuple[tuple[str, str], ...] = ()  # (option id, label)
    asks_location: bool = False
    # Typed text is an answer of its own here (a note, a time, a name): an option is picked by
    # typing its whole label, never a part of it ("qua" is a note, not "Bỏ qua").
    free_text: bool = False
    # Options that act at once and cannot be undone (a tip closed as unfounded): a typed part
    # never picks them ("không" is "no", not "✖ Không có cơ sở"); their number or label does.
    whole_only: frozenset[str] = frozenset()
    # Takes a document (PDF, DOCX, XLSX, images): the web page offers its file button.
    asks_document: bool = False


@dataclass(frozen=True)
class Answer:
    choice: str | None = None  # an option id of the current prompt
    incoming: Incoming | None = None
    # Typed text that names several options (a part of each label): (number, label) of each.
    candidates: tuple[tuple[int, str], ...] = ()
    sure: bool = False  # a candidate is an option a typed part never picks (Prompt.whole_only)

    @property
    def text(self) -> str | None:
        return self.incoming.text if self.incoming else None


@dataclass
class Turn:
    """One incoming message being handled: the state to change and what to say."""

    store: Store
    state: ChatState
    incoming: Incoming
    member: MemberView | None
    now: datetime  # aware, in the campaign's zone
    flow_timeout: timedelta
    replies: list[Outgoing] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    language_override: Language | None = None
    # The content areas this member's active plan runs (the 2024 plan's when none is loaded).
    areas: tuple[ContentArea, ...] = DEFAULT_AREAS
    # The message answers a sealed question (an informant's name): keep no copy of it.
    conceal_input: bool = False

    @property
    def lang(self) -> Language:
        return self.language_override or self.state.language

    def speaking(self, language: Language) -> Turn:
        """The same turn, worded for someone else (a notice in its reader's language)."""
        return replace(self, language_override=language)

    def t(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)

    def say(self, key: str, **values: Any) -> None:
        self.replies.append(Outgoing(text=self.t(key, **values)))

    def say_refused(self, refused: Refused) -> None:
        """A service's refusal, worded in this chat's language."""
        self.replies.append(Outgoing(text=refused.reason.get(self.lang)))

    @property
    def answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = self.state.data.setdefault("answers", {})
        return answers


class BaseFlow(ABC):
    """What every flow declares beyond its questions: what /huy and leaving it say."""

    name: str

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        """What /huy says at the current question (a text key and its values)."""
        return "cancelled", {}

    def dropped_says(self, turn: Turn) -> str | None:
        """What to say when the flow is left for another command or a menu tap."""
        return "abandoned" if turn.state.data.get("answers") else None


def render(turn: Turn, prompt: Prompt, *, prefix: str | None = None) -> Outgoing:
    seq = turn.state.prompt_seq
    body = prompt.text if prefix is None else f"{prefix}\n\n{prompt.text}"
    return Outgoing(
        text=body,
        choices=tuple(Choice(id=f"{seq}.{oid}", label=label) for oid, label in prompt.options),
        asks_location=prompt.asks_location,
        location_label=turn.t("share_location") if prompt.asks_location else None,
        asks_document=prompt.asks_document,
    )


def document_prompt(
    turn: Turn, question: str, options: tuple[tuple[str, str], ...], *, images: bool
) -> Prompt:
    """A question taking a document (and a photo, if `images`): where the person cannot send
    a file (Zalo), it says so and where they can."""
    declared = capabilities(turn.incoming.channel)
    if declared is not None and not declared.documents:
        where = "document_not_here_photo" if images else "document_not_here"
        question = f"{question}\n{turn.t(where)}"
    return Prompt(
        question, options, whole_only=frozenset(oid for oid, _ in options), asks_document=True
    )


def document_store(turn: Turn) -> DocumentStore:
    """The turn's store as the documents' port: every store a turn is given (the repository,
    the tests' MemoryStore) is one, but `Store` is declared above `DocumentStore` in
    services/ports.py and cannot name it yet."""
    return cast(DocumentStore, turn.store)


def file_requests(turn: Turn) -> FileJobStore:
    """The turn's store as the file requests' port (charts, workbooks and reports are drawn
    once the turn commits, bot/drawer.py); declared after `Store`, as `DocumentStore` is."""
    return cast(FileJobStore, turn.store)


def show_document(turn: Turn, document_id: int, caption: str) -> None:
    """A kept document for the reader to open (audited): a link on the web, a document on
    Telegram, where to find it on Zalo; refused alike if it is gone or not theirs to see."""
    assert turn.member is not None
    try:
        shown, data = documents.open_document(
            document_store(turn), turn.store, turn.member, document_id, turn.now
        )
    except Refused as refused:
        turn.say_refused(refused)
        return
    incoming = turn.incoming
    token = turn.store.save_file(
        incoming.channel, incoming.chat_id, shown.original_name, shown.content_type, data, turn.now
    )
    turn.replies.append(Outgoing(text=caption, file_url=f"/files/{token}"))


def oversized(turn: Turn) -> str | None:
    """Why the document sent is refused by its size (over the limit, or cut short unread before
    it was whole), in the reader's language; None: it is not."""
    sent = turn.incoming.document
    if sent is None or (sent.size <= kinds.DEFAULT_LIMIT and len(sent.data) >= sent.size):
        return None
    return kinds.too_big(sent.size).get(turn.lang)


def kept_document(turn: Turn, *, owner_kind: str, images: bool) -> int | None:
    """The document sent as the answer, checked by its bytes and kept (its owner attached later
    by the desk): its id. None: the message holds none. Refused (wrong kind, too big): Reask
    with why, nothing kept."""
    sent = turn.incoming.document
    if sent is None:
        return None
    assert turn.member is not None, "documents are taken from members only"
    if sent.size > kinds.DEFAULT_LIMIT or len(sent.data) < sent.size:
        raise Reask(kinds.too_big(sent.size).get(turn.lang))
    if not images and (kinds.sniff(sent.data) or "").startswith("image/"):
        raise Reask(turn.t("document_not_an_image"))
    try:
        return documents.keep(
            document_store(turn),
            turn.store,
            turn.member,
            data=sent.data,
            name=sent.name,
            unit_id=turn.member.unit_id,
            owner_kind=owner_kind,
            owner_id=None,
            now=turn.now,
        )
    except Refused as refused:
        raise Reask(refused.reason.get(turn.lang)) from None


def typed_skip(answer: Answer, skip: str) -> Answer:
    """A desk's "Không kèm ảnh" button answered by typing "Bỏ qua" (or "skip"), as the entry
    flows' photo steps word it: the same as the button `skip`."""
    if answer.choice is None and fold(answer.text or "") in _SKIP_WORDS:
        return replace(answer, choice=skip)
    return answer


def tapped_before(turn: Turn) -> str | None:
    """The option of a tap on the question just answered (another button of it: a mind
    changed, or the same one again: a double tap), else None."""
    seq, _, option = (turn.incoming.choice or "").partition(".")
    return option if seq == str(turn.state.prompt_seq - 1) else None


def stale(turn: Turn, prompt: Prompt) -> None:
    """A tap on an old button: a polite note and the current question. A second tap on the
    question just answered is a double tap: it gets no reply at all."""
    if tapped_before(turn) is None:
        turn.replies.append(render(turn, prompt, prefix=turn.t("stale_choice")))


def resolve(turn: Turn, prompt: Prompt) -> Answer | None:
    """Match the message to the prompt's options: a button, its number, its label or a part of
    the label that fits one option only (marks and case forgiven: Zalo has no buttons). The one
    place typed choices are read, for every flow and desk.

    None means the tapped button belongs to an older prompt.
    """
    incoming = turn.incoming
    if incoming.choice is not None:
        seq, _, option = incoming.choice.partition(".")
        valid = {oid for oid, _ in prompt.options}
        if seq != str(turn.state.prompt_seq) or option not in valid:
            return None
        return Answer(choice=option, incoming=incoming)
    if incoming.text is not None and prompt.options:
        typed = incoming.text.strip()
        number = small_number(typed)
        if number is not None:
            if 1 <= number <= len(prompt.options):
                return Answer(choice=prompt.options[number - 1][0], incoming=incoming)
            return Answer(incoming=incoming)
        labels = [label for _, label in prompt.options]
        found = label_matches(typed, labels, partial=not prompt.free_text)
        whole = label_matches(typed, labels, partial=False)
        final = [i for i in found if i not in whole and prompt.options[i][0] in prompt.whole_only]
        if len(found) == 1 and not final:
            return Answer(choice=prompt.options[found[0]][0], incoming=incoming)
        if found:
            candidates = tuple((i + 1, labels[i]) for i in found)
            return Answer(incoming=incoming, candidates=candidates, sure=bool(final))
    return Answer(incoming=incoming)


def choice_refusal(turn: Turn, answer: Answer, count: int) -> str:
    """Why an answer is not one of the choices: quote what was typed, if anything was; list the
    options it could mean when it fits several."""
    shown = (answer.text or "").strip()[:40]
    if answer.candidates:
        options = "\n".join(f"{number}. {label}" for number, label in answer.candidates)
        key = "bad_choice_sure" if answer.sure else "bad_choice_many"
        return turn.t(key, answer=shown, options=options)
    if not shown:  # a photo or a location where a choice was asked
        return turn.t("bad_choice_tap", count=count)
    return turn.t("bad_choice", answer=shown, count=count)


class Place(Protocol):
    """A unit offered to pick: its id (the button), code and name (typed)."""

    @property
    def id(self) -> int: ...

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


P = TypeVar("P", bound=Place)


def picked_place(places: Sequence[P], answer: Answer) -> list[P]:
    """The unit tapped, or typed by its code, its whole name or a part of its name (beyond the
    buttons, or on Zalo): every unit it may be, so that the desk can say how many."""
    if answer.choice is not None:
        return [p for p in places if str(p.id) == answer.choice]
    typed = fold(answer.text or "")
    if not typed:
        return []
    # A whole name first: "Thôn 1" is not also "Thôn 10", "Thôn 11"...
    return (
        [p for p in places if fold(p.code) == typed]
        or [p for p in places if fold(p.name) == typed]
        or [p for p in places if typed in fold(p.name)]
    )
