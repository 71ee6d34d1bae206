"""/thongbao (/broadcast): a commune officer or an admin sends an announcement to everyone
under their unit, or to one role: the audience, the text, an optional photo, a preview of
exactly what recipients will see with how many it reaches, then send. The outbox paces it;
the sender is told the progress and gets a delivery report.

States: "audience" -> "text" -> "image" -> "confirm" (data: audience, text, image) -> sent;
or "audience" -> "stop" (data: stop, the number of a broadcast still sending, to stop it).
Data "running" holds the numbers of the sender's broadcasts still sending when it opened.
"""

from __future__ import annotations

from types import MappingProxyType

from campaign.localized import Language
from campaign.normalize import clean_text
from campaign.roles import AUDIENCES
from handlers.asking import Answer, Prompt, Turn, choice_refusal, tapped_before, typed_skip
from handlers.messages import Outgoing
from handlers.states import OUT, REFUSED, STALE, Go, Move, State, StateFlow, Stay
from services import broadcasts
from services.refusals import Refused

LEAVE, SKIP, SEND, REWRITE = "leave", "skip", "send", "rewrite"
STOP, KEEP = "stop", "keep"  # stopping a broadcast still sending, or letting it go on


def begin(turn: Turn, typed: str) -> Move:
    """`/thongbao`; the text may come with it (`/thongbao Họp lúc 19 giờ`)."""
    assert turn.member is not None
    try:
        running = broadcasts.running(turn.store, turn.member)
    except Refused as refused:
        turn.say_refused(refused)
        return REFUSED
    for tally in running:
        turn.say(
            "broadcast_running",
            number=tally.broadcast_id,
            sent=tally.sent,
            failed=tally.failed,
            left=tally.left,
            total=tally.total,
        )
    # The ones running are offered to stop; read once (a tally counts their rows).
    turn.state.data = {"running": [tally.broadcast_id for tally in running]}
    given = clean_text(typed)
    if given and len(given) <= _limit(turn):
        turn.state.data["text"] = given  # the text step is skipped (/quaylai reaches it)
    elif given:
        turn.say("bad_too_long", length=len(given), limit=_limit(turn))
    return Go("audience")


def cancelled(turn: Turn, answer: Answer) -> Move | None:
    if answer.choice != LEAVE:
        return None
    turn.say("broadcast_cancelled")
    return Go(OUT)


# "audience": who it goes to (or a broadcast still sending, to stop)
def ask_audience(turn: Turn) -> Prompt | None:
    assert turn.member is not None
    options = [(code, turn.t("broadcast_to", audience=code)) for code in AUDIENCES]
    stops = [
        (f"{STOP}:{number}", turn.t("broadcast_stop", number=number))
        for number in turn.state.data.get("running", [])
    ]
    return Prompt(
        turn.t("broadcast_audience", unit=turn.member.unit_name),
        (*options, *stops, (LEAVE, turn.t("broadcast_cancel"))),
    )


def on_audience(turn: Turn, answer: Answer) -> Move:
    if answer.choice is None:
        return Stay(
            choice_refusal(
                turn, answer, len(AUDIENCES) + len(turn.state.data.get("running", [])) + 1
            )
        )
    if (left := cancelled(turn, answer)) is not None:
        return left
    if answer.choice.startswith(f"{STOP}:"):
        turn.state.data["stop"] = int(answer.choice.partition(":")[2])  # draft kept
        return Go("stop")
    return to_audience(turn, answer.choice, Stay(turn.t("broadcast_nobody")))


def to_audience(turn: Turn, audience: str, nobody: Move) -> Move:
    assert turn.member is not None
    try:
        broadcasts.choose_audience(turn.store, turn.member, audience)
    except Refused:
        return nobody  # worded by the caller: a question asked again, or the way back to it
    turn.state.data["audience"] = audience
    return Go("image" if turn.state.data.get("text") else "text")


# "text": the announcement (a photo with its caption gives both at once)
def ask_text(turn: Turn) -> Prompt | None:
    return Prompt(turn.t("broadcast_text", limit=_limit(turn)))


def on_text(turn: Turn, answer: Answer) -> Move:
    incoming = turn.incoming
    if incoming.choice is not None:  # a button of an earlier question
        return late_audience_tap(turn)
    typed = clean_text(incoming.text or incoming.caption or "")
    limit = _limit(turn)
    if not typed and incoming.photo is not None:
        return Stay(turn.t("broadcast_text_first"))
    if not typed:
        return Stay(turn.t("bad_empty", prompt="").strip())
    if len(typed) > limit:
        return Stay(turn.t("bad_too_long", length=len(typed), limit=limit))
    turn.state.data["text"] = typed
    if incoming.photo is not None:  # a photo with its caption: both at once
        turn.state.data["image"] = turn.store.save_shared_photo(incoming.photo, turn.now)
        return Go("confirm")
    return Go("image")


def late_audience_tap(turn: Turn) -> Move:
    """Another button of the audience question just answered: the officer changed their
    mind (or cancels). The same button again is a double tap: no reply."""
    option = tapped_before(turn)
    if option is None or option == turn.state.data.get("audience"):
        return STALE
    if option == LEAVE:
        turn.say("broadcast_cancelled")
        return Go(OUT)
    if option in AUDIENCES:
        return to_audience(turn, option, Go("audience", prefix=turn.t("broadcast_nobody")))
    return STALE


# "image": a photo to go with it, or none
def ask_image(turn: Turn) -> Prompt | None:
    return Prompt(
        turn.t("broadcast_image"),
        ((SKIP, turn.t("deliverable_no_file")), (LEAVE, turn.t("broadcast_cancel"))),
        whole_only=frozenset({SKIP}),  # "ảnh" typed is not "Không kèm ảnh"
    )


def on_image(turn: Turn, answer: Answer) -> Move:
    photo = turn.incoming.photo
    if photo is not None:
        turn.state.data["image"] = turn.store.save_shared_photo(photo, turn.now)
        return Go("confirm")
    answer = typed_skip(answer, SKIP)
    if (left := cancelled(turn, answer)) is not None:
        return left
    if answer.choice != SKIP:
        return Stay(turn.t("bad_kind_photo_or_none"))
    turn.state.data["image"] = None
    return Go("confirm")


# "confirm": the announcement as recipients will see it, how many it reaches; send
def preview(turn: Turn) -> None:
    turn.replies.append(_message(turn, turn.lang))


def ask_confirm(turn: Turn) -> Prompt | None:
    try:
        reach_line = _reach_line(turn)
    except Refused:  # no longer allowed to broadcast (a role changed meanwhile)
        return None
    return Prompt(
        reach_line,
        (
            (SEND, turn.t("broadcast_send")),
            (REWRITE, turn.t("broadcast_rewrite")),
            (LEAVE, turn.t("broadcast_cancel")),
        ),
    )


def on_confirm(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, 3))
    if (left := cancelled(turn, answer)) is not None:
        return left
    if answer.choice == REWRITE:
        return Go("text")
    data = turn.state.data
    try:
        started = broadcasts.start(
            turn.store, turn.member, data["audience"], data["text"], data.get("image"), turn.now
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say("broadcast_started", number=started.number, total=started.reached.total)
    return Go(OUT)


def not_allowed(turn: Turn, answering: bool) -> Move:
    turn.say("broadcast_not_allowed")
    return Go(OUT)


# "stop": stop a broadcast still sending (data: stop)
def ask_stop(turn: Turn) -> Prompt | None:
    number = turn.state.data.get("stop")
    return Prompt(
        turn.t("broadcast_stop_confirm", number=number),
        ((STOP, turn.t("broadcast_stop_yes")), (KEEP, turn.t("broadcast_stop_no"))),
    )


def on_stop(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, 2))
    number = int(turn.state.data.pop("stop", 0))
    if answer.choice != STOP:
        return Go("audience")
    try:
        stopped = broadcasts.stop(turn.store, turn.member, number, turn.now)
    except Refused as refused:  # it finished meanwhile, or it is not theirs
        turn.say_refused(refused)
    else:
        turn.say("broadcast_stopped", number=number, sent=stopped.sent, left=stopped.not_sent)
    if turn.state.data.get("text"):
        turn.say("broadcast_abandoned")
    return Go(OUT)


class BroadcastFlow(StateFlow):
    name = "broadcast"
    first = "audience"
    no_way_back = "nothing_to_go_back"
    states = MappingProxyType(
        {
            "audience": State(ask_audience, on_audience, goes=("stop", "text", "image", OUT)),
            "text": State(
                ask_text,
                on_text,
                goes=("audience", "text", "image", "confirm", OUT),
                typed=True,
                back="audience",
            ),
            "image": State(ask_image, on_image, goes=("confirm", OUT), back="text"),
            "confirm": State(
                ask_confirm,
                on_confirm,
                goes=("text", OUT),
                back="image",
                preface=preview,
                lost=not_allowed,
            ),
            "stop": State(ask_stop, on_stop, goes=("audience", OUT), back="audience"),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        if turn.state.step == "stop":  # not stopping after all: that one goes on
            return "broadcast_stop_kept", {"number": turn.state.data.get("stop")}
        return "broadcast_cancelled", {}

    def dropped_says(self, turn: Turn) -> str | None:
        return "broadcast_abandoned" if turn.state.data.get("text") else None


def _reach_line(turn: Turn) -> str:
    assert turn.member is not None
    reach = broadcasts.reach(turn.store, turn.member, turn.state.data["audience"])
    channels = ", ".join(
        f"{turn.t('channel', channel=channel)} {count}"
        for channel, count in sorted(reach.reachable.items())
    )
    unreached = turn.t("broadcast_unreached", count=reach.unreached) if reach.unreached else ""
    audience = turn.t("broadcast_to", audience=turn.state.data["audience"])
    return turn.t(
        "broadcast_preview",
        total=reach.total,
        audience=audience,
        channels=channels,
        unreached=unreached,
    )


def _limit(turn: Turn) -> int:
    assert turn.member is not None
    return broadcasts.text_limit(turn.member)


def _message(turn: Turn, lang: Language) -> Outgoing:
    """The announcement as a recipient reading `lang` sees it."""
    assert turn.member is not None
    data = turn.state.data
    return broadcasts.announcement(turn.member, data["text"], data.get("image"), lang)
