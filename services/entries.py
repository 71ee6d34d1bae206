"""Logging an entry and reading one's own: what a member saved, who is told (an urgent tip
goes at once to every reachable commune officer, credited teammates hear they were named),
what /cuatoi shows, and the content areas of the plan running over the member's unit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from campaign.areas import ContentArea, FieldKind
from campaign.catalogs import text
from campaign.localized import Language
from handlers.messages import Notice, Outgoing
from services.models import pick as pick_model
from services.ports import (
    EntryStore,
    EntryView,
    MemberStore,
    MemberView,
    ModelStore,
    NewEntry,
    NoticeStore,
    PlanStore,
)

RECENT = 10  # entries /cuatoi lists


@dataclass(frozen=True)
class Answers:
    """A finished entry's answers, sorted by what becomes of them."""

    given: Mapping[str, Any]  # every answer, by field key (the time, the kind, urgency)
    details: Mapping[str, Any]  # the answers kept readable (no sealed ones, no photos)
    sealed: Mapping[str, str]  # an informant's answers, as tokens from `seal_answer`
    photos: tuple[int, ...] = ()  # attachment ids
    teammates: tuple[int, ...] = ()  # members credited with it


@dataclass(frozen=True)
class Logged:
    reference: str
    urgent: bool
    officers_told: int  # commune officers an urgent entry was sent to (0: call them)
    teammates_told: tuple[int, ...] = ()


def is_urgent(area: ContentArea, given: Mapping[str, Any]) -> bool:
    """The area's urgency answer says so (a tip marked urgent)."""
    if not area.urgent_when:
        return False
    key, value = area.urgent_when
    return bool(given.get(key) == value)


def log_entry(
    entries: EntryStore,
    members: MemberStore,
    notices: NoticeStore,
    member: MemberView,
    area: ContentArea,
    answers: Answers,
    *,
    delivery_key: str,
    now: datetime,
    public_answers: Callable[[Language], str],
    models: ModelStore | None = None,
) -> Logged:
    """Save the entry and tell who must know. `public_answers(language)`: the entry's answers
    as commanders read them (no sealed ones, no photos), worded in that language, for an
    urgent entry's notice; `delivery_key` makes a redelivered message save nothing twice;
    `models`: the registry a model entry's pick is checked against (without it, none is linked)."""
    given = dict(answers.given)
    if answers.teammates:  # only the member's team is credited, whichever door sent the ids
        on_roster = {m.id for m in members.team_roster(member)}
        answers = replace(answers, teammates=tuple(t for t in answers.teammates if t in on_roster))
    urgent = is_urgent(area, given)
    kind = str(given.get(area.kind_field or "", area.code) or area.code)
    occurred_at = area.occurred_at(given, now)
    reference = entries.save_entry(
        NewEntry(
            member_id=member.id,
            unit_id=member.unit_id,
            content_area=area.code,
            prefix=area.prefix,
            kind=kind,
            details=dict(answers.details),
            occurred_at=occurred_at,
            created_at=now,
            delivery_key=delivery_key,
            urgent=urgent,
            sealed=dict(answers.sealed),
            participant_ids=answers.teammates,
            attachment_ids=answers.photos,
            progress="received" if area.tracked else None,
            model_id=named_model(models, member, area, answers.details),
        )
    )
    told: list[Notice] = []
    officers: list[MemberView] = []
    if urgent:
        officers = members.commune_officers(member.unit_id)
        told += [
            Notice(
                officer.id,
                Outgoing(
                    text=text(
                        "urgent_notice",
                        officer.language,
                        reference=reference,
                        member=member.full_name,
                        unit=member.unit_name,
                        details=public_answers(officer.language),
                    )
                ),
            )
            for officer in officers
        ]
    if answers.teammates:
        when = area.happened(given, occurred_at.astimezone(now.tzinfo))
        told += teammate_notices(
            members, member, area, answers.teammates, "teammate_notice", when, reference
        )
    notices.notify(told, now)
    return Logged(reference, urgent, len(officers), answers.teammates)


def named_model(
    models: ModelStore | None, member: MemberView, area: ContentArea, details: Mapping[str, Any]
) -> int | None:
    """The registered model a model entry names, if the member may name it (a model of their
    commune, not dropped), whichever door sent the answer; else None (a typed name)."""
    for spec in area.fields:
        picked = details.get(spec.key)
        if spec.kind is FieldKind.MODEL and isinstance(picked, dict) and models is not None:
            model = pick_model(models, member, str(picked.get("reference", "")))
            return model.id if model is not None and model.id == picked.get("id") else None
    return None


def teammate_notices(
    members: MemberStore,
    author: MemberView,
    area: ContentArea | None,
    teammates: Sequence[int],
    key: str,
    when: str,
    reference: str,
    area_code: str = "",
) -> list[Notice]:
    """What teammates credited on an entry (or taken off it, `key`) are told, each in their
    language (the author's for one no longer on the team)."""
    languages = {m.id: m.language for m in members.team_roster(author)}
    said = []
    for teammate in teammates:
        language = languages.get(teammate, author.language)
        name = area.name.get(language) if area is not None else area_code
        body = text(
            key,
            language,
            member=author.full_name,
            area=name[:1].lower() + name[1:],
            when=when,
            reference=reference,
        )
        said.append(Notice(teammate, Outgoing(text=body)))
    return said


@dataclass(frozen=True)
class MyEntries:
    """What /cuatoi shows: the latest entries (logged or credited) and the month's counts."""

    recent: list[EntryView]
    month_counts: dict[str, int]  # entries this month, by content area code
    month_start: datetime


def my_entries(entries: EntryStore, member: MemberView, now: datetime) -> MyEntries:
    """The member's latest entries, and how many of each area happened this month (the
    month the entries happened in, in the zone of `now`)."""
    recent = entries.recent_entries(member.id, RECENT)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    return MyEntries(
        recent, entries.counts_between(member.id, month_start, next_month), month_start
    )


def plan_areas(plans: PlanStore, member: MemberView, day: date) -> tuple[ContentArea, ...]:
    """The content areas of the plans running over the member's unit on `day` (empty: none
    runs, and the built-in areas are offered)."""
    return plans.plan_areas(member.unit_id, day)
