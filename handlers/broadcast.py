"""/thongbao (/broadcast): a commune officer or an admin sends an announcement to everyone
under their unit, or to one role: the audience, the text, an optional photo, a preview of
exactly what recipients will see with how many it reaches, then send. The outbox paces it;
the sender is told the progress and gets a delivery report.

State: flow "broadcast"; steps "audience", "text", "image", "confirm" (data: audience, text,
image), or "stop" (data: stop, the number of a broadcast still sending, to stop it); data
"running" holds the numbers of the sender's broadcasts still sending when the desk opened.
"""

from __future__ import annotations

from collections.abc import Callable

from campaign.normalize import clean_text
from campaign.roles import AUDIENCES, Role
from campaign.text import LANGUAGES, Language
from handlers.engine import (
    Prompt,
    Turn,
    choice_refusal,
    leave_desk,
    render,
    resolve,
    stale,
    typed_skip,
)
from handlers.messages import Outgoing
from handlers.texts import text

MAX_MESSAGE = 2000  # one Zalo message (or photo caption); Telegram takes twice that
SENDERS = (Role.OFFICER, Role.ADMIN)
LEAVE, SKIP, SEND, REWRITE = "leave", "skip", "send", "rewrite"
STOP, KEEP = "stop", "keep"  # stopping a broadcast still sending, or letting it go on
STEPS = ("audience", "text", "image", "confirm")


class BroadcastDesk:
    def __init__(self, on_leave: Callable[[Turn], None]) -> None:
        self.on_leave = on_leave

    def start(self, turn: Turn, typed: str = "") -> None:
        """`/thongbao`; the text may come with it (`/thongbao Họp lúc 19 giờ`)."""
        assert turn.member is not None
        if turn.member.role not in SENDERS:
            turn.say("broadcast_not_allowed")
            self.on_leave(turn)
            return
        running = turn.store.broadcasts_running(turn.member)
        for tally in running:
            turn.say(
                "broadcast_running",
                number=tally.broadcast_id,
                sent=tally.sent,
                failed=tally.failed,
                left=tally.left,
                total=tally.total,
            )
        turn.state.flow = "broadcast"
        # The ones running are offered to stop; read once (a tally counts their rows).
        turn.state.data = {"running": [tally.broadcast_id for tally in running]}
        given = clean_text(typed)
        if given and len(given) <= self._limit(turn):
            turn.state.data["text"] = given  # the text step is skipped (/quaylai reaches it)
        elif given:
            turn.say("bad_too_long", length=len(given), limit=self._limit(turn))
        self._ask(turn, "audience")

    def handle(self, turn: Turn) -> None:
        step = turn.state.step
        if step == "text":
            self._text(turn)
        elif step == "image":
            self._image(turn)
        else:
            prompt = self._prompt(turn)
            answer = resolve(turn, prompt)
            if answer is None:
                stale(turn, prompt)
            elif answer.choice is None:
                refusal = choice_refusal(turn, answer, len(prompt.options))
                turn.replies.append(render(turn, prompt, prefix=refusal))
            elif answer.choice == LEAVE:
                turn.say("broadcast_cancelled")
                leave_desk(turn, self.on_leave)
            elif step == "confirm":
                self._confirm(turn, answer.choice)
            elif step == "stop":
                self._stop(turn, answer.choice)
            elif answer.choice.startswith(f"{STOP}:"):
                turn.state.data["stop"] = int(answer.choice.partition(":")[2])  # draft kept
                self._ask(turn, "stop")
            else:
                self._audience(turn, answer.choice)

    def reprompt(self, turn: Turn) -> None:
        if turn.state.step == "confirm":
            self._preview(turn)
        else:
            turn.replies.append(render(turn, self._prompt(turn)))

    def back(self, turn: Turn) -> None:
        """/quaylai: the step before (the answer given there is kept until changed)."""
        step = turn.state.step or "audience"
        if step == "audience":
            turn.say("nothing_to_go_back")
            self.reprompt(turn)
            return
        self._ask(turn, "audience" if step == "stop" else STEPS[STEPS.index(step) - 1])

    def dropped_says(self, turn: Turn) -> str | None:
        return "broadcast_abandoned" if self._has_draft(turn) else None

    def _has_draft(self, turn: Turn) -> bool:
        return bool(turn.state.data.get("text"))

    def cancelled_says(self, turn: Turn) -> tuple[str, dict[str, object]]:
        if turn.state.step == "stop":  # not stopping after all: that one goes on
            return "broadcast_stop_kept", {"number": turn.state.data.get("stop")}
        return "broadcast_cancelled", {}

    # Steps
    def _audience(self, turn: Turn, audience: str) -> None:
        assert turn.member is not None
        if turn.store.broadcast_audience(turn.member, audience).total == 0:
            turn.replies.append(render(turn, self._prompt(turn), prefix=turn.t("broadcast_nobody")))
            return
        turn.state.data["audience"] = audience
        self._ask(turn, "image" if turn.state.data.get("text") else "text")

    def _text(self, turn: Turn) -> None:
        incoming = turn.incoming
        if incoming.choice is not None:  # a button of an earlier step
            self._late_audience_tap(turn, incoming.choice)
            return
        typed = clean_text(incoming.text or incoming.caption or "")
        limit = self._limit(turn)
        problem = None
        if not typed and incoming.photo is not None:
            problem = turn.t("broadcast_text_first")
        elif not typed:
            problem = turn.t("bad_empty", prompt="").strip()
        elif len(typed) > limit:
            problem = turn.t("bad_too_long", length=len(typed), limit=limit)
        if problem is not None:
            turn.replies.append(render(turn, self._prompt(turn), prefix=problem))
            return
        turn.state.data["text"] = typed
        if incoming.photo is not None:  # a photo with its caption: both at once
            turn.state.data["image"] = turn.store.save_shared_photo(incoming.photo, turn.now)
            self._to_preview(turn)
            return
        self._ask(turn, "image")

    def _stop(self, turn: Turn, choice: str) -> None:
        assert turn.member is not None
        number = int(turn.state.data.pop("stop", 0))
        if choice != STOP:
            self._ask(turn, "audience")
            return
        stopped = turn.store.stop_broadcast(turn.member, number, turn.now)
        if stopped is None:
            turn.say("broadcast_stop_too_late", number=number)
        else:
            turn.say("broadcast_stopped", number=number, sent=stopped.sent, left=stopped.not_sent)
        if self._has_draft(turn):
            turn.say("broadcast_abandoned")
        leave_desk(turn, self.on_leave)

    def _late_audience_tap(self, turn: Turn, choice: str) -> None:
        """Another button of the audience question just answered: the officer changed their
        mind (or cancels). The same button again is a double tap: no reply."""
        seq, _, option = choice.partition(".")
        if seq != str(turn.state.prompt_seq - 1) or option == turn.state.data.get("audience"):
            stale(turn, self._prompt(turn))
        elif option == LEAVE:
            turn.say("broadcast_cancelled")
            leave_desk(turn, self.on_leave)
        elif option in AUDIENCES:
            turn.state.step = "audience"
            self._audience(turn, option)
        else:
            stale(turn, self._prompt(turn))

    def _image(self, turn: Turn) -> None:
        photo = turn.incoming.photo
        if photo is not None:
            turn.state.data["image"] = turn.store.save_shared_photo(photo, turn.now)
        else:
            prompt = self._prompt(turn)
            answer = resolve(turn, prompt)
            if answer is None:
                stale(turn, prompt)
                return
            answer = typed_skip(answer, SKIP)
            if answer.choice == LEAVE:
                turn.say("broadcast_cancelled")
                leave_desk(turn, self.on_leave)
                return
            if answer.choice != SKIP:
                turn.replies.append(render(turn, prompt, prefix=turn.t("bad_kind_photo_or_none")))
                return
            turn.state.data["image"] = None
        self._to_preview(turn)

    def _to_preview(self, turn: Turn) -> None:
        turn.state.step = "confirm"
        turn.state.prompt_seq += 1
        self._preview(turn)

    def _confirm(self, turn: Turn, choice: str) -> None:
        assert turn.member is not None
        if choice == REWRITE:
            self._ask(turn, "text")
            return
        data = turn.state.data
        messages = {lang: self._message(turn, lang) for lang in LANGUAGES}
        number, reached = turn.store.start_broadcast(
            turn.member, data["audience"], data["text"], data.get("image"), messages, turn.now
        )
        turn.say("broadcast_started", number=number, total=reached.total)
        leave_desk(turn, self.on_leave)

    # Prompts
    def _ask(self, turn: Turn, step: str) -> None:
        turn.state.step = step
        turn.state.prompt_seq += 1
        turn.replies.append(render(turn, self._prompt(turn)))

    def _prompt(self, turn: Turn) -> Prompt:
        assert turn.member is not None
        step = turn.state.step
        leave = (LEAVE, turn.t("broadcast_cancel"))
        if step == "text":
            return Prompt(turn.t("broadcast_text", limit=self._limit(turn)))
        if step == "image":
            return Prompt(
                turn.t("broadcast_image"),
                ((SKIP, turn.t("deliverable_no_file")), leave),
                whole_only=frozenset({SKIP}),  # "ảnh" typed is not "Không kèm ảnh"
            )
        if step == "confirm":
            return Prompt(
                self._reach_line(turn),
                (
                    (SEND, turn.t("broadcast_send")),
                    (REWRITE, turn.t("broadcast_rewrite")),
                    leave,
                ),
            )
        if step == "stop":
            number = turn.state.data.get("stop")
            return Prompt(
                turn.t("broadcast_stop_confirm", number=number),
                ((STOP, turn.t("broadcast_stop_yes")), (KEEP, turn.t("broadcast_stop_no"))),
            )
        options = [(code, turn.t("broadcast_to", audience=code)) for code in AUDIENCES]
        stops = [
            (f"{STOP}:{number}", turn.t("broadcast_stop", number=number))
            for number in turn.state.data.get("running", [])
        ]
        return Prompt(
            turn.t("broadcast_audience", unit=turn.member.unit_name), (*options, *stops, leave)
        )

    def _preview(self, turn: Turn) -> None:
        turn.replies.append(self._message(turn, turn.lang))
        turn.replies.append(render(turn, self._prompt(turn)))

    def _reach_line(self, turn: Turn) -> str:
        assert turn.member is not None
        reach = turn.store.broadcast_audience(turn.member, turn.state.data["audience"])
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

    def _limit(self, turn: Turn) -> int:
        """The longest text that still goes as one Zalo message with its header."""
        assert turn.member is not None
        unit = turn.member.unit_name
        return MAX_MESSAGE - max(
            len(text("broadcast_header", lang, unit=unit)) + 1 for lang in LANGUAGES
        )

    def _message(self, turn: Turn, lang: Language) -> Outgoing:
        """The announcement as a recipient reading `lang` sees it."""
        assert turn.member is not None
        header = text("broadcast_header", lang, unit=turn.member.unit_name)
        body = f"{header}\n{turn.state.data['text']}"
        image = turn.state.data.get("image")
        return Outgoing(text=body, image_url=f"/files/{image}" if image else None)
