"""Registration: invite code -> unit and role -> (full name) -> privacy notice -> bound."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from campaign.codes import normalize_invite_code
from handlers.engine import Answer, EndFlow, Flow, Prompt, Reask, Step, Turn, choice_refusal
from handlers.ports import InviteView
from handlers.steps import checked_text

ACCEPT, REFUSE = "accept", "refuse"


def invite_problem(turn: Turn, typed: str) -> tuple[InviteView | None, str | None]:
    """The invite behind `typed`, or the message that says why it cannot be used."""
    code = normalize_invite_code(typed)
    shown = typed.strip()[:20]
    if code is None:
        return None, turn.t("invite_unknown", code=shown)
    invite = turn.store.find_invite(code)
    if invite is None:
        return None, turn.t("invite_unknown", code=code)
    if invite.used:
        return None, turn.t("invite_used", code=code)
    if invite.expires_at <= turn.now:
        return None, turn.t("invite_expired", code=code)
    return invite, None


def _invite(turn: Turn) -> InviteView | None:
    code = turn.answers.get("code")
    return turn.store.find_invite(code) if code else None


class CodeStep(Step):
    key = "code"

    def prompt(self, turn: Turn) -> Prompt:
        return Prompt(turn.t("ask_invite"))

    def accept(self, turn: Turn, answer: Answer) -> Any:
        typed = checked_text(turn, answer)
        invite, problem = invite_problem(turn, typed)
        if problem or invite is None:
            raise Reask(problem or "")
        return invite.code


class FullNameStep(Step):
    key = "full_name"

    def applies(self, turn: Turn) -> bool:
        invite = _invite(turn)
        return invite is not None and not invite.full_name

    def label(self, turn: Turn) -> str:
        return turn.t("ask_full_name")

    def prompt(self, turn: Turn) -> Prompt:
        invite = _invite(turn)
        found = (
            turn.t("invite_found", role=invite.role.label(turn.lang), unit=invite.unit_name)
            if invite
            else ""
        )
        return Prompt(f"{found}\n{turn.t('ask_full_name')}".strip())

    def accept(self, turn: Turn, answer: Answer) -> Any:
        name = checked_text(turn, answer)
        if not 2 <= len(name) <= 120 or not any(ch.isalpha() for ch in name):
            raise Reask(turn.t("bad_name"))
        return name


class PrivacyStep(Step):
    key = "privacy"

    def prompt(self, turn: Turn) -> Prompt:
        invite = _invite(turn)
        found = (
            turn.t("invite_found", role=invite.role.label(turn.lang), unit=invite.unit_name)
            if invite
            else ""
        )
        return Prompt(
            f"{found}\n\n{turn.t('privacy')}",
            ((ACCEPT, turn.t("privacy_accept")), (REFUSE, turn.t("privacy_refuse"))),
        )

    def accept(self, turn: Turn, answer: Answer) -> Any:
        if answer.choice not in (ACCEPT, REFUSE):
            raise Reask(choice_refusal(turn, answer, 2))
        return answer.choice


class RegistrationFlow(Flow):
    name = "register"
    confirm = False

    def __init__(self) -> None:
        self._steps = (CodeStep(), FullNameStep(), PrivacyStep())

    def steps(self, turn: Turn) -> Sequence[Step]:
        return self._steps

    def finish(self, turn: Turn) -> None:
        if turn.answers.get("privacy") != ACCEPT:
            raise EndFlow(turn.t("privacy_refused"))
        invite, problem = invite_problem(turn, turn.answers["code"])
        if problem or invite is None:
            raise EndFlow(problem or "")
        incoming = turn.incoming
        member = turn.store.redeem_invite(
            invite.code,
            channel=incoming.channel,
            user_id=incoming.user_id,
            chat_id=incoming.chat_id,
            full_name=invite.full_name or turn.answers.get("full_name") or "",
            language=turn.lang,
            now=turn.now,
        )
        if member is None:  # used by someone else between our check and now
            raise EndFlow(turn.t("invite_used", code=invite.code))
        turn.member = member
        turn.say(
            "linked" if invite.links_member else "registered",
            name=member.full_name,
            role=member.role.label(turn.lang),
            unit=member.unit_name,
        )
