"""Registration: invite code -> unit and role -> (full name) -> (is that you?) -> privacy
notice -> bound.

An open code (not made for a rostered person) asks the newcomer's name. If the unit already
holds an unregistered person of that name and role (a roster import), the newcomer is asked
whether that is them: a namesake is never created silently, nor is a roster entry taken
over silently."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.asking import Answer, EndFlow, Prompt, Reask, Turn, choice_refusal
from handlers.engine import Flow, Step
from handlers.steps import checked_text
from services import registration
from services.ports import InviteView, MemberView
from services.refusals import Refused

ACCEPT, REFUSE = "accept", "refuse"
NEW_MEMBER = "new"  # the namesake question's "No, I am someone else"


def invite_problem(turn: Turn, typed: str) -> tuple[InviteView | None, str | None]:
    """A code typed by someone registering, or what the chat says about it (a wrong one is
    counted against this chat and its client address)."""
    incoming = turn.incoming
    guessers = registration.guessers(incoming.channel, incoming.chat_id, incoming.client_address)
    try:
        return registration.try_invite_code(turn.store, typed, guessers, turn.now), None
    except Refused as refused:
        return None, refused.reason.get(turn.lang)


def _invite(turn: Turn) -> InviteView | None:
    return registration.invite_by_code(turn.store, turn.answers.get("code") or "")


def _invite_found(turn: Turn) -> str:
    """What the code typed invites to (empty if it is not a code any more)."""
    invite = _invite(turn)
    if invite is None:
        return ""
    return turn.t("invite_found", role=invite.role.label(turn.lang), unit=invite.unit_name)


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
        found = _invite_found(turn)
        return Prompt(f"{found}\n{turn.t('ask_full_name')}".strip())

    def accept(self, turn: Turn, answer: Answer) -> Any:
        name = checked_text(turn, answer)
        if not 2 <= len(name) <= 120 or not any(ch.isalpha() for ch in name):
            raise Reask(turn.t("bad_name"))
        return name


def _namesakes(turn: Turn) -> list[MemberView]:
    """The unregistered people of the invite's unit and role with the name typed (none for a
    code made for a rostered person: it names them already)."""
    code = turn.answers.get("code") or ""
    return registration.namesakes(turn.store, code, turn.answers.get("full_name"))


def _namesake_option(person: MemberView) -> str:
    return f"m{person.id}"


def _namesake_id(option: str) -> int:
    return int(option[1:])


class NamesakeStep(Step):
    key = "namesake"

    def applies(self, turn: Turn) -> bool:
        return bool(_namesakes(turn))

    def label(self, turn: Turn) -> str:
        return turn.t("namesake_label")

    def prompt(self, turn: Turn) -> Prompt:
        found = _namesakes(turn)
        first = found[0]
        role = first.role.label(turn.lang)
        if len(found) == 1:
            return Prompt(
                turn.t("namesake_one", name=first.full_name, role=role, unit=first.unit_name),
                ((_namesake_option(first), turn.t("yes")), (NEW_MEMBER, turn.t("no"))),
            )
        return Prompt(
            turn.t("namesake_many", count=len(found), role=role, unit=first.unit_name),
            (
                *((_namesake_option(p), p.full_name) for p in found),
                (NEW_MEMBER, turn.t("namesake_none")),
            ),
        )

    def accept(self, turn: Turn, answer: Answer) -> Any:
        options = [_namesake_option(p) for p in _namesakes(turn)] + [NEW_MEMBER]
        if answer.choice not in options:
            raise Reask(choice_refusal(turn, answer, len(options)))
        return answer.choice

    def show(self, turn: Turn, value: Any) -> str:
        chosen = _chosen(turn, value)
        return turn.t("no") if chosen is None else chosen.full_name


def _chosen(turn: Turn, value: Any) -> MemberView | None:
    """The rostered person the newcomer said they are, if they are still unregistered."""
    return next((p for p in _namesakes(turn) if _namesake_option(p) == value), None)


class PrivacyStep(Step):
    key = "privacy"

    def prompt(self, turn: Turn) -> Prompt:
        found = _invite_found(turn)
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
        self._steps = (CodeStep(), FullNameStep(), NamesakeStep(), PrivacyStep())

    def steps(self, turn: Turn) -> Sequence[Step]:
        return self._steps

    def dropped_says(self, turn: Turn) -> str | None:
        return None  # a code typed and nothing else: nothing worth saying was dropped

    def finish(self, turn: Turn) -> None:
        if turn.answers.get("privacy") != ACCEPT:
            raise EndFlow(turn.t("privacy_refused"))
        said = turn.answers.get("namesake")
        namesake_id = None if said in (None, NEW_MEMBER) else _namesake_id(said)
        incoming = turn.incoming
        try:
            registered = registration.register(
                turn.store,
                turn.answers["code"],
                full_name=turn.answers.get("full_name"),
                namesake_id=namesake_id,
                channel=incoming.channel,
                user_id=incoming.user_id,
                chat_id=incoming.chat_id,
                language=turn.lang,
                now=turn.now,
            )
        except Refused as refused:
            raise EndFlow(refused.reason.get(turn.lang)) from None
        member = registered.member
        turn.member = member
        turn.say(
            "linked" if registered.linked else "registered",
            name=member.full_name,
            role=member.role.label(turn.lang),
            unit=member.unit_name,
        )
