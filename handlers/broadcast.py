"""/thongbao (/broadcast): a commune officer or an admin sends an announcement to everyone
under their unit, or to one role: the audience, the text, an optional photo, a preview of
exactly what recipients will see with how many it reaches, then send. The outbox paces it;
the sender is told the progress and gets a delivery report.

States: "audience" -> "text" -> "image" -> "confirm" (data: audience, text, image) -> sent,
or "confirm" -> "when" (a day and time to send it at) -> set to go then;
or "audience" -> "stop" (data: stop, the number of a broadcast still sending, to stop it);
or "audience" -> "unschedule" (data: unschedule, a broadcast set to go later, to cancel it).
Data "running" holds the numbers of the sender's broadcasts still sending when it opened,
"waiting" those set to go later (number and time) that the sender may cancel.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
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
LATER, UNSCHEDULE = "later", "unschedule"  # set to go at a time; taken back before it goes


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
    waiting = broadcasts.scheduled(turn.store, turn.member)
    for later in waiting:
        turn.say(
            "broadcast_waiting",
            number=later.number,
            when=_when(turn, later.send_at),
            text=later.text,
        )
    # The ones running are offered to stop; read once (a tally counts their rows).
    turn.state.data = {
        "running": [tally.broadcast_id for tally in running],
        "waiting": [[later.number, _when(turn, later.send_at)] for later in waiting],
    }
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
    stops += [
        (f"{UNSCHEDULE}:{number}", turn.t("broadcast_unschedule", number=number))
        for number, _ in turn.state.data.get("waiting", [])
    ]
    return Prompt(
        turn.t("broadcast_audience", unit=turn.member.unit_name),
        (*options, *stops, (LEAVE, turn.t("broadcast_cancel"))),
    )


def on_audience(turn: Turn, answer: Answer) -> Move:
    if answer.choice is None:
        data = turn.state.data
        offered = len(AUDIENCES) + len(data.get("running", [])) + len(data.get("waiting", []))
        return Stay(choice_refusal(turn, answer, offered + 1))
    if (left := cancelled(turn, answer)) is not None:
        return left
    if answer.choice.startswith(f"{STOP}:"):
        turn.state.data["stop"] = int(answer.choice.partition(":")[2])  # draft kept
        return Go("stop")
    if answer.choice.startswith(f"{UNSCHEDULE}:"):
        turn.state.data["unschedule"] = int(answer.choice.partition(":")[2])
        return Go("unschedule")
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
            (LATER, turn.t("broadcast_later")),
            (REWRITE, turn.t("broadcast_rewrite")),
            (LEAVE, turn.t("broadcast_cancel")),
        ),
    )


def on_confirm(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, 4))
    if (left := cancelled(turn, answer)) is not None:
        return left
    if answer.choice == REWRITE:
        return Go("text")
    if answer.choice == LATER:
        return Go("when")
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


# "when": the day and time a broadcast set to go later goes at (in the campaign's zone)
def ask_when(turn: Turn) -> Prompt | None:
    return Prompt(
        turn.t(
            "broadcast_when",
            example=_when(turn, _example(turn.now)),
            zone=_offset(turn.now),
            days=broadcasts.AHEAD_AT_MOST.days,
        ),
        ((LEAVE, turn.t("broadcast_cancel")),),
        free_text=True,
    )


def on_when(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if (left := cancelled(turn, answer)) is not None:
        return left
    send_at = typed_moment(turn.incoming.text or "", turn.now)
    if send_at is None:
        return Stay(turn.t("broadcast_when_shape", example=_when(turn, _example(turn.now))))
    problem = broadcasts.when_problem(send_at, turn.now)
    if problem is not None:
        return Stay(problem.get(turn.lang))
    data = turn.state.data
    try:
        number = broadcasts.schedule(
            turn.store,
            turn.member,
            data["audience"],
            data["text"],
            data.get("image"),
            send_at,
            turn.now,
        )
    except Refused as refused:
        turn.say_refused(refused)
        return Go(OUT)
    turn.say("broadcast_scheduled", number=number, when=_when(turn, send_at))
    return Go(OUT)


# "unschedule": take back a broadcast set to go later (data: unschedule)
def ask_unschedule(turn: Turn) -> Prompt | None:
    number = turn.state.data.get("unschedule")
    return Prompt(
        turn.t("broadcast_unschedule_confirm", number=number, when=_waiting_when(turn, number)),
        (
            (UNSCHEDULE, turn.t("broadcast_unschedule_yes")),
            (KEEP, turn.t("broadcast_unschedule_no")),
        ),
    )


def on_unschedule(turn: Turn, answer: Answer) -> Move:
    assert turn.member is not None
    if answer.choice is None:
        return Stay(choice_refusal(turn, answer, 2))
    number = int(turn.state.data.pop("unschedule", 0))
    if answer.choice != UNSCHEDULE:
        turn.say("broadcast_unschedule_kept", number=number, when=_waiting_when(turn, number))
        return Go(OUT)
    try:
        broadcasts.cancel(turn.store, turn.member, number, turn.now)
    except Refused as refused:  # it went meanwhile, or was cancelled already
        turn.say_refused(refused)
    else:
        turn.say("broadcast_unscheduled", number=number)
    return Go(OUT)


_MOMENT = re.compile(
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\s+(?P<h>\d{1,2})\s*[:hg]\s*(?P<i>\d{2})?)"
    r"|(?:(?P<h2>\d{1,2})\s*[:hg]\s*(?P<i2>\d{2})?\s+(?P<d2>\d{1,2})/(?P<m2>\d{1,2})(?:/(?P<y2>\d{4}))?)"
)


def typed_moment(typed: str, now: datetime) -> datetime | None:
    """ "25/12/2026 07:30", "25/12 7h30", "7:30 25/12/2026": a moment in `now`'s zone (the
    year left out: the next such day); None if it is not one."""
    match = _MOMENT.fullmatch(typed.strip().lower())
    if match is None:
        return None
    found = {key.rstrip("2"): value for key, value in match.groupdict().items() if value}
    try:
        moment = datetime(
            int(found.get("y", now.year)),
            int(found["m"]),
            int(found["d"]),
            int(found["h"]),
            int(found.get("i", 0)),
            tzinfo=now.tzinfo,
        )
        if "y" not in found and moment <= now:  # in December, "05/01 8h" is next January
            moment = moment.replace(year=now.year + 1)
    except ValueError:  # no such day or hour
        return None
    return moment


def _offset(now: datetime) -> str:
    """The zone as people read it: UTC+07:00."""
    minutes = int((now.utcoffset() or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _example(now: datetime) -> datetime:
    return (now + timedelta(days=1)).replace(hour=7, minute=30, second=0, microsecond=0)


def _when(turn: Turn, moment: datetime) -> str:
    return f"{moment.astimezone(turn.now.tzinfo):%d/%m/%Y %H:%M}"


def _waiting_when(turn: Turn, number: object) -> str:
    return next((when for n, when in turn.state.data.get("waiting", []) if n == number), "")


class BroadcastFlow(StateFlow):
    name = "broadcast"
    first = "audience"
    no_way_back = "nothing_to_go_back"
    states = MappingProxyType(
        {
            "audience": State(
                ask_audience, on_audience, goes=("stop", "unschedule", "text", "image", OUT)
            ),
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
                goes=("text", "when", OUT),
                back="image",
                preface=preview,
                lost=not_allowed,
            ),
            "stop": State(ask_stop, on_stop, goes=("audience", OUT), back="audience"),
            "when": State(ask_when, on_when, goes=(OUT,), typed=True, back="confirm"),
            "unschedule": State(ask_unschedule, on_unschedule, goes=(OUT,), back="audience"),
        }
    )

    def begin(self, turn: Turn, argument: str) -> Move:
        return begin(turn, argument)

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        if turn.state.step == "stop":  # not stopping after all: that one goes on
            return "broadcast_stop_kept", {"number": turn.state.data.get("stop")}
        if turn.state.step == "unschedule":
            number = turn.state.data.get("unschedule")
            return "broadcast_unschedule_kept", {
                "number": number,
                "when": _waiting_when(turn, number),
            }
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
