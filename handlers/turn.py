"""One incoming message, handled as one unit of work against the store.

The caller runs `process` inside one database transaction and sends the replies only after
that transaction committed, so "Đã lưu" is never said about something that was not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from campaign.localized import Language
from handlers.asking import Turn
from handlers.front_desk import FrontDesk
from handlers.messages import Incoming, Outgoing
from services.ports import MemberView, Store

RECENT_KEYS = 20


def process(
    store: Store,
    front_desk: FrontDesk,
    incoming: Incoming,
    *,
    now: datetime,
    default_language: Language,
    flow_timeout: timedelta,
    keep_history: bool = False,
    answer_redeliveries: bool = True,
    menu_changed: Callable[[MemberView, Language], None] | None = None,
) -> list[Outgoing]:
    """The replies to send. A redelivered message changes nothing. It gets the first answer
    again where the client waits for one (an HTTP retry); on a messenger
    (`answer_redeliveries=False`) the first answer may or may not have gone out before a
    restart, so the member is shown the question they are at, if any, and nothing else.
    `menu_changed` hears of a chat whose member's role or language this message changed
    (a registration, a link, /lang): the commands that chat's menu should list."""
    # Lock first: a redelivery racing its original waits here, then finds it already handled.
    state, member = store.lock_chat(
        incoming.channel,
        incoming.chat_id,
        incoming.user_id,
        default_language,
        incoming.delivery_key if answer_redeliveries else None,
    )
    if answer_redeliveries:
        earlier = store.replies_for(incoming.channel, incoming.chat_id, incoming.delivery_key)
        if earlier is not None:
            return earlier
    # Messengers keep no replay copies, nor does the web chat for strangers: a redelivery
    # there is known by its key on the chat row.
    redelivered = incoming.delivery_key in state.recent_keys and (
        not answer_redeliveries or member is None
    )
    if member is not None and not redelivered:
        store.touch_identity(incoming.channel, incoming.user_id, incoming.chat_id, now)
        if state.updated_at is None:
            state.language = member.language
    turn = Turn(
        store=store,
        state=state,
        incoming=incoming,
        member=member,
        now=now,
        flow_timeout=flow_timeout,
    )
    if redelivered:
        front_desk.current_question(turn)  # read-only: nothing is saved
        return turn.replies
    spoken = state.language
    front_desk.handle(turn)
    if menu_changed is not None and _menu_changed(member, turn.member, spoken, state.language):
        assert turn.member is not None
        menu_changed(turn.member, state.language)
    state.recent_keys = [*state.recent_keys, incoming.delivery_key][-RECENT_KEYS:]
    store.save_chat(state, now)
    replies = turn.replies
    if turn.member is None:
        # A stranger (not registered, even after this message) costs one small chat row,
        # deleted within hours (scheduler housekeeping): no history, no replay copy, no
        # notices, so anyone can write to the bot without growing its database.
        return replies
    store.notify(turn.notices, now)
    if keep_history:
        replies = store.append_history(incoming, replies, now, conceal=turn.conceal_input)
    if answer_redeliveries:  # only where a retry must get the same answer (the web chat)
        store.remember_replies(
            incoming.channel, incoming.delivery_key, incoming.chat_id, replies, now
        )
    return replies


def _menu_changed(
    before: MemberView | None, after: MemberView | None, spoken: Language, speaks: Language
) -> bool:
    if after is None:
        return False
    return before is None or before.role != after.role or spoken != speaks
