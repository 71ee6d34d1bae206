"""Commendations of people and collectives: recorded by an officer or admin over the subject,
proposed by a team leader for a member of their team (the commune's officers told), granted
or refused above; the person told in their language when granted. Every change audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from campaign import commendations as rules
from campaign.catalogs import said, text
from campaign.recognition import level_label
from campaign.registrations import decision_problem
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from services.ports import (
    Audited,
    CommendationView,
    MemberStore,
    MemberView,
    NewCommendation,
    NoticeStore,
    RegistryStore,
)
from services.refusals import Refused

POLICE = (Role.OFFICER, Role.ADMIN)
PROPOSERS = (Role.LEADER, Role.DEPUTY)


def _subject_unit(store: RegistryStore, subject_kind: str, subject_id: int) -> tuple[int, str]:
    """The unit a subject sits in (a member's unit, or the unit itself) and its name."""
    if subject_kind == "member":
        member = store.member_by_id(subject_id)
        if member is None:
            raise Refused(said("commendation_subject_not_found"))
        return member.unit_id, member.full_name
    unit = store.unit_place(subject_id)
    if unit is None or not unit.open:
        raise Refused(said("commendation_subject_not_found"))
    return unit.id, unit.name


def _may_record(store: RegistryStore, actor: MemberView | None, unit_id: int) -> bool:
    if actor is None:
        return True
    unit = store.unit_place(unit_id)
    return actor.role in POLICE and unit is not None and actor.unit_id in unit.chain


def record(
    store: RegistryStore,
    notices: NoticeStore,
    people: MemberStore,
    actor: MemberView | None,
    new: NewCommendation,
) -> CommendationView:
    """An officer or admin records one (granted, or proposed to a higher level); a leader
    proposes one for a member of their own team (the officers told)."""
    problem = rules.problem(
        subject_kind=new.subject_kind, level=new.level, form=new.form
    ) or decision_problem(None, new.decision_no)
    if problem is not None:
        raise Refused(problem)
    unit_id, _ = _subject_unit(store, new.subject_kind, new.subject_id)
    proposing = actor is not None and actor.role in PROPOSERS
    if proposing:
        assert actor is not None
        if new.subject_kind != "member" or unit_id != actor.unit_id or new.subject_id == actor.id:
            raise Refused(said("commendation_own_team_only"))
    elif not _may_record(store, actor, unit_id):
        raise Refused(said("commendation_not_allowed"))
    status = "proposed" if proposing else new.status
    if status not in ("proposed", "granted"):
        raise Refused(said("commendation_decision_unknown", decision=status))
    commendation_id = store.add_commendation(
        replace(new, status=status, entered_by=actor.id if actor else None)
    )
    notices.audit(
        Audited(
            "commendation.added",
            "commendations",
            str(commendation_id),
            new.now,
            actor_member_id=actor.id if actor else None,
            details={
                "subject": f"{new.subject_kind}:{new.subject_id}",
                "form": new.form,
                "level": new.level,
                "status": status,
            },
            actor=None if actor else "cli",
        )
    )
    made = store.commendation(commendation_id)
    assert made is not None
    if proposing:
        assert actor is not None
        _tell_officers(notices, people, made, actor, new.now)
    elif status == "granted":
        _tell_member(notices, store, made, new.now)
    return made


def decide(
    store: RegistryStore,
    notices: NoticeStore,
    actor: MemberView | None,
    commendation_id: int,
    decision: str,
    *,
    on: date,
    now: datetime,
    decision_no: str | None = None,
    authority: str | None = None,
) -> CommendationView:
    """Grant or refuse a proposed one (an officer or admin over the subject); the person told
    when granted."""
    found = store.commendation(commendation_id)
    if found is None or not _may_record(store, actor, found.subject_unit_id):
        raise Refused(said("commendation_not_found"))
    problem = rules.decision_problem(found.status, decision) or decision_problem(None, decision_no)
    if problem is not None:
        raise Refused(problem)
    store.decide_commendation(
        commendation_id,
        status=decision,
        on=on,
        decision_no=decision_no or found.decision_no,
        authority=authority or found.authority,
    )
    notices.audit(
        Audited(
            f"commendation.{decision}",
            "commendations",
            str(commendation_id),
            now,
            actor_member_id=actor.id if actor else None,
            details={"before": found.status, "after": decision, "decision_no": decision_no},
            actor=None if actor else "cli",
        )
    )
    after = store.commendation(commendation_id)
    assert after is not None
    if decision == "granted":
        _tell_member(notices, store, after, now)
    return after


def proposed_under(store: RegistryStore, actor: MemberView) -> list[CommendationView]:
    """Proposals waiting for the actor's decision (of members and units under them)."""
    if actor.role not in POLICE:
        raise Refused(said("commendation_not_allowed"))
    return [c for c in store.commendations_under(actor.unit_id) if c.status == "proposed"]


def of_member(store: RegistryStore, member: MemberView) -> list[CommendationView]:
    """The member's own commendations granted (their record)."""
    return [c for c in store.commendations_of("member", [member.id]) if c.status == "granted"]


def _tell_member(
    notices: NoticeStore, store: RegistryStore, made: CommendationView, now: datetime
) -> None:
    if made.subject_kind != "member":
        return
    member = store.member_by_id(made.subject_id)
    if member is None:
        return
    lang = member.language
    words = text(
        "commendation_granted_told",
        lang,
        form=rules.form_label(made.form, lang),
        level=level_label(made.level, lang),
        reason=made.reason or "—",
    )
    notices.notify([Notice(member.id, Outgoing(text=words))], now)


def _tell_officers(
    notices: NoticeStore,
    people: MemberStore,
    made: CommendationView,
    proposer: MemberView,
    now: datetime,
) -> None:
    told = [
        Notice(
            officer.id,
            Outgoing(
                text=text(
                    "commendation_proposed_told",
                    officer.language,
                    leader=proposer.full_name,
                    member=made.subject_name,
                    form=rules.form_label(made.form, officer.language),
                    reason=made.reason or "—",
                )
            ),
        )
        for officer in people.commune_officers(made.subject_unit_id)
    ]
    if told:
        notices.notify(told, now)


__all__ = ["decide", "of_member", "proposed_under", "record"]
