"""Registration: invite code -> unit and role -> (full name) -> (is that you?) -> privacy
notice -> bound.

An open code (not made for a rostered person) asks the newcomer's name. If the unit already
holds an unregistered person of that name and role (a roster import), the newcomer is asked
whether that is them: a namesake is never created silently, nor is a roster entry taken
over silently."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from campaign.codes import invite_code_in
from campaign.guessing import (
    PER_ADDRESS_FREE,
    PER_CHAT_FREE,
    address_key,
    chat_key,
    minutes_left,
)
from handlers.engine import Answer, EndFlow, Flow, Prompt, Reask, Step, Turn, choice_refusal
from handlers.steps import checked_text
from services.ports import InviteView, MemberView

ACCEPT, REFUSE = "accept", "refuse"
NEW_MEMBER = "new"  # the namesake question's "No, I am someone else"


def _checked(turn: Turn, typed: str) -> tuple[InviteView | None, str | None]:
    """The invite behind `typed`, or the message that says why it cannot be used. Unknown,
    used and expired say the same: which one it was would tell a guesser a code exists."""
    code = invite_code_in(typed)
    if code is None:
        return None, turn.t("invite_unknown", code=typed.strip()[:20])
    invite = turn.store.find_invite(code)
    if invite is None or invite.used or invite.expires_at <= turn.now:
        return None, turn.t("invite_unknown", code=code)
    if invite.misplaced:  # made before roles had to fit their unit: it binds nobody
        role = invite.role.label(turn.lang)
        return None, turn.t("invite_misplaced", code=code, role=role, unit=invite.unit_name)
    return invite, None


def _guessers(turn: Turn) -> dict[str, int]:
    """Who a wrong code is counted against, with their free tries: the chat, and the client
    address where the channel knows it (a new web chat is free to open, an address is not)."""
    incoming = turn.incoming
    free = {chat_key(incoming.channel, incoming.chat_id): PER_CHAT_FREE}
    if incoming.client_address:
        free[address_key(incoming.client_address)] = PER_ADDRESS_FREE
    return free


def _wait(turn: Turn, until: datetime) -> str:
    return turn.t("invite_wait", minutes=minutes_left(until - turn.now))


def invite_problem(turn: Turn, typed: str) -> tuple[InviteView | None, str | None]:
    """A code typed by someone registering: checked, unless this chat or address has typed
    too many wrong ones lately; a wrong one is counted."""
    guessers = _guessers(turn)
    until = turn.store.guess_wait(list(guessers), turn.now)
    if until is not None:
        return None, _wait(turn, until)
    invite, problem = _checked(turn, typed)
    if problem is not None:
        until = turn.store.guess_failed(guessers, turn.now)
        if until is not None:
            problem = f"{problem}\n{_wait(turn, until)}"
    return invite, problem


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


def _namesakes(turn: Turn) -> list[MemberView]:
    """The unregistered people of the invite's unit and role with the name typed (none for a
    code made for a rostered person: it names them already)."""
    invite = _invite(turn)
    name = turn.answers.get("full_name")
    if invite is None or invite.full_name or not name:
        return []
    return turn.store.unregistered_namesakes(invite, name)


def _namesake_option(person: MemberView) -> str:
    return f"m{person.id}"


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
        self._steps = (CodeStep(), FullNameStep(), NamesakeStep(), PrivacyStep())

    def steps(self, turn: Turn) -> Sequence[Step]:
        return self._steps

    def dropped_says(self, turn: Turn) -> str | None:
        return None  # a code typed and nothing else: nothing worth saying was dropped

    def finish(self, turn: Turn) -> None:
        if turn.answers.get("privacy") != ACCEPT:
            raise EndFlow(turn.t("privacy_refused"))
        # Accepted at the code step, checked again (not counted: no code was typed now).
        invite, problem = _checked(turn, turn.answers["code"])
        if problem or invite is None:
            raise EndFlow(problem or "")
        as_member = None
        said = turn.answers.get("namesake")
        if said not in (None, NEW_MEMBER):
            chosen = _chosen(turn, said)
            if chosen is None:  # someone registered as that person since the question
                raise EndFlow(turn.t("namesake_gone"))
            as_member = chosen.id
        incoming = turn.incoming
        member = turn.store.redeem_invite(
            invite.code,
            channel=incoming.channel,
            user_id=incoming.user_id,
            chat_id=incoming.chat_id,
            full_name=invite.full_name or turn.answers.get("full_name") or "",
            language=turn.lang,
            now=turn.now,
            as_member=as_member,
        )
        if member is None and as_member is not None and _chosen(turn, said) is None:
            raise EndFlow(turn.t("namesake_gone"))  # another chat became that person just now
        if member is None:  # used by someone else between our check and now
            raise EndFlow(turn.t("invite_unknown", code=invite.code))
        turn.member = member
        turn.say(
            "linked" if invite.links_member else "registered",
            name=member.full_name,
            role=member.role.label(turn.lang),
            unit=member.unit_name,
        )
