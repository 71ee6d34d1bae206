"""`antt-bot model add|event|list|show|link`: the registry of models and typical units for
admins, through the same rules as the chat's /mohinh (services/models.py), audited as "cli"."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli_language import cli_language, t
from campaign import models as registry
from campaign.catalogs import said
from campaign.localized import Language
from campaign.recognition import LEVELS, level_label
from services import models
from services.models import Draft
from services.ports import ModelEventView, ModelView
from services.refusals import Refused
from storage.members import MemberRepository
from storage.models import ModelRepository
from storage.notices import NoticeRepository
from storage.unit_of_work import UnitOfWork

model_app = typer.Typer(
    help=t("cli_model_help"),
    no_args_is_help=True,
    context_settings={"help_option_names": ["--help", "-h"]},
)


def _line(model: ModelView) -> str:
    return registry.summary(
        cli_language(),
        reference=model.reference,
        name=model.name,
        scheme=model.scheme,
        status=model.status,
        unit=model.unit_name,
    )


def _unit_id(store: ModelRepository, code: str) -> int:
    place = store.place(code)
    if place is None:
        raise Refused(said("cli_model_no_unit", code=code))
    return place.id


@model_app.command("add", help=t("cli_model_add_help"))
def model_add(
    unit: Annotated[str, typer.Argument(help=t("cli_model_unit_help"))],
    name: Annotated[str, typer.Argument(help=t("cli_model_name_help"))],
    scheme: Annotated[str, typer.Option(help=t("cli_model_scheme_help"))],
    category: Annotated[str, typer.Option(help=t("cli_model_category_help"))] = "model",
    started: Annotated[str | None, typer.Option(help=t("cli_day_dd_mm_yyyy_today"))] = None,
    copied_from: Annotated[
        str | None, typer.Option("--from", help=t("cli_model_from_help"))
    ] = None,
    area: Annotated[str, typer.Option(help=t("cli_model_area_help"))] = "",
) -> None:
    from bot.cli import _day, _now, _serve, _settings

    settings = _settings()
    started_on = _day(started, settings)

    def work(unit_of_work: UnitOfWork) -> ModelView:
        store = ModelRepository(unit_of_work)
        draft = Draft(
            category=category,
            scheme=registry.scheme_code(scheme) or scheme,
            name=name,
            unit_id=_unit_id(store, unit),
            started_on=started_on,
            origin="replicated" if copied_from else "new",
            replicated_from=copied_from,
            area_text=area,
        )
        notices = NoticeRepository(unit_of_work)
        members = MemberRepository(unit_of_work)
        return models.register(store, members, notices, None, draft, now=_now(settings))

    typer.echo(t("cli_model_added", line=_line(_serve(settings, work))))


@model_app.command("event", help=t("cli_model_event_help"))
def model_event(
    reference: Annotated[str, typer.Argument(help=t("cli_model_reference_help"))],
    kind: Annotated[str, typer.Argument(help=", ".join(registry.EVENTS))],
    on: Annotated[str | None, typer.Option(help=t("cli_day_dd_mm_yyyy_today"))] = None,
    level: Annotated[str | None, typer.Option(help=", ".join(LEVELS))] = None,
    outcome: Annotated[str | None, typer.Option(help=", ".join(registry.OUTCOMES))] = None,
    reason: Annotated[str, typer.Option(help=t("cli_model_reason_help"))] = "",
    decision: Annotated[str | None, typer.Option(help=t("cli_model_decision_help"))] = None,
) -> None:
    from bot.cli import _day, _now, _serve, _settings

    settings = _settings()
    day = _day(on, settings)
    event = registry.Event(kind, level, outcome, reason, decision)

    def work(unit_of_work: UnitOfWork) -> ModelView:
        store, notices = ModelRepository(unit_of_work), NoticeRepository(unit_of_work)
        return models.record(store, notices, None, reference, event, on=day, now=_now(settings))

    typer.echo(t("cli_model_recorded", line=_line(_serve(settings, work))))


@model_app.command("list", help=t("cli_model_list_help"))
def model_list(
    unit: Annotated[str, typer.Argument(help=t("cli_model_unit_help"))],
    name: Annotated[str | None, typer.Option(help=t("cli_model_name_help"))] = None,
) -> None:
    from bot.cli import _serve, _settings

    def work(unit_of_work: UnitOfWork) -> list[ModelView]:
        store = ModelRepository(unit_of_work)
        return models.models_of(store, None, _unit_id(store, unit), name=name)

    found = _serve(_settings(), work)
    if not found:
        typer.echo(t("cli_model_none"))
    for model in found:
        typer.echo(_line(model))


@model_app.command("show", help=t("cli_model_show_help"))
def model_show(
    reference: Annotated[str, typer.Argument(help=t("cli_model_reference_help"))],
) -> None:
    from bot.cli import _serve, _settings

    lang = cli_language()
    model, events = _serve(
        _settings(), lambda work: models.history(ModelRepository(work), None, reference)
    )
    typer.echo(_line(model))
    typer.echo(
        t(
            "cli_model_facts",
            category=registry.category_label(model.category, lang),
            origin=registry.origin_label(model.origin, lang),
            copied=model.replicated_from or "-",
            started=f"{model.started_on:%d/%m/%Y}",
        )
    )
    for event in events:
        typer.echo(f"  {event_line(event, lang)}")


def event_line(event: ModelEventView, lang: Language) -> str:
    """One event as a history lists it: day, what, level, outcome, decision, reason, who."""
    parts = [f"{event.happened_on:%d/%m/%Y}", registry.event_label(event.kind, lang)]
    if event.level:
        parts.append(level_label(event.level, lang))
    if event.outcome:
        parts.append(registry.outcome_label(event.outcome, lang))
    if event.decision_no:
        parts.append(event.decision_no)
    if event.reason:
        parts.append(event.reason)
    if event.by_name:
        parts.append(event.by_name)
    return " · ".join(parts)


@model_app.command("link", help=t("cli_model_link_help"))
def model_link(
    entry: Annotated[str, typer.Argument(help=t("cli_model_entry_help"))],
    reference: Annotated[str, typer.Argument(help=t("cli_model_reference_help"))],
) -> None:
    from bot.cli import _now, _serve, _settings

    settings = _settings()

    def work(unit_of_work: UnitOfWork) -> ModelView:
        store, notices = ModelRepository(unit_of_work), NoticeRepository(unit_of_work)
        return models.link_entry(store, notices, None, entry, reference, now=_now(settings))

    model = _serve(settings, work)
    typer.echo(t("cli_model_linked", entry=entry.strip().upper(), line=_line(model)))
