"""The document question any flow may ask (handlers.steps.DocumentStep): what it takes, what
it refuses (nothing kept), and how it words itself where files cannot be sent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from campaign.documents import DEFAULT_LIMIT
from campaign.roles import Role
from handlers.asking import Answer, Reask, Turn
from handlers.messages import Document, Incoming, Photo
from handlers.steps import DocumentStep
from services.ports import ChatState, MemberView
from tests.bot.test_documents_chat import EXE, PDF
from tests.conftest import JPEG
from tests.fakes.store import MemoryStore

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
OFFICER = MemberView(7, "Cán Bộ", Role.OFFICER, 3, "Công an xã", "vi")


def turn(store: MemoryStore, channel: str = "web", **sent: Any) -> Turn:
    incoming = Incoming(channel, "c1", "c1", "k1", **sent)
    state = ChatState(channel, "c1", "vi")
    return Turn(store, state, incoming, OFFICER, NOW, timedelta(minutes=30))


def answer(step: DocumentStep, store: MemoryStore, **sent: Any) -> object:
    current = turn(store, **sent)
    return step.accept(current, Answer(incoming=current.incoming))


def test_a_pdf_is_kept_unowned_and_its_id_is_the_answer() -> None:
    store = MemoryStore()
    step = DocumentStep("minutes", "deliverable_no_document", owner_kind="dossier_item")
    kept = answer(step, store, document=Document.of(PDF, "Biên bản.pdf"))
    assert isinstance(kept, int)
    shown = store.document(OFFICER, kept)
    assert shown is not None
    assert (shown.owner_kind, shown.owner_id, shown.original_name) == (
        "dossier_item",
        None,
        "Biên bản.pdf",
    )


def test_refusals_keep_nothing() -> None:
    store = MemoryStore()
    step = DocumentStep("minutes", "deliverable_no_document", owner_kind="dossier_item")
    with pytest.raises(Reask) as renamed:
        answer(step, store, document=Document.of(EXE, "bien-ban.pdf"))
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx)" in renamed.value.message
    with pytest.raises(Reask) as big:
        answer(step, store, document=Document(b"", "lon.pdf", DEFAULT_LIMIT + 1))
    assert "Tệp quá lớn" in big.value.message
    with pytest.raises(Reask) as typed:
        answer(step, store, text="gửi sau")
    assert "Bước này cần một tệp" in typed.value.message
    no_images = DocumentStep("sheet", "deliverable_no_document", owner_kind="x", images=False)
    with pytest.raises(Reask) as image:
        answer(no_images, store, document=Document.of(JPEG, "a.jpg"))
    assert "không nhận ảnh" in image.value.message
    assert store.__dict__.get("documents", {}) == {}


def test_a_photo_of_the_paper_is_a_document_where_images_are_taken() -> None:
    store = MemoryStore()
    step = DocumentStep("minutes", "deliverable_no_document", owner_kind="x")
    kept = answer(step, store, photo=Photo(JPEG, "image/jpeg"))
    assert isinstance(kept, int)
    shown = store.document(OFFICER, kept)
    assert shown is not None and shown.content_type == "image/jpeg"


def test_where_files_cannot_be_sent_the_question_says_so() -> None:
    step = DocumentStep("minutes", "deliverable_no_document", owner_kind="x")
    on_zalo = step.prompt(turn(MemoryStore(), channel="zalo")).text
    assert "Zalo không gửi được tệp cho bot: hãy chụp ảnh văn bản giấy" in on_zalo
    on_web = step.prompt(turn(MemoryStore(), channel="web"))
    assert "Zalo" not in on_web.text and on_web.asks_document
