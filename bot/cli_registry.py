"""`antt-bot registration|rating|commendation|dossier`: the registry an administrator keeps
at the command line (units registered for a plan's scheme and their outcome, ratings, their
dossier's documents, commendations). The rules are services/registrations.py's and
services/commendations.py's; the command line acts as the administrator (audited as "cli")."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from sqlalchemy import Connection

from bot.cli_language import cli_language, t
from campaign import commendations as commendation_rules
from campaign import registrations as rules
from campaign.catalogs import said
from campaign.recognition import level_label
from campaign.roster import parse_day
from services import commendations, registrations
from services.ports import CommendationView, NewCommendation, Outcome, UnitPlace
from services.refusals import Refused
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.sealing import Sealer

T = TypeVar("T")
HELP = {"help_option_names": ["--help", "-h"]}
RATING_SCHEME = "phan-loai-510"
MAX_DOCUMENT = 20 * 1024 * 1024  # read no more than this of a file (services refuse above)

registration_app = typer.Typer(
    help=t("cli_registry_registrations"), no_args_is_help=True, context_settings=HELP
)
rating_app = typer.Typer(
    help=t("cli_registry_ratings"), no_args_is_help=True, context_settings=HELP
)
commendation_app = typer.Typer(
    help=t("cli_registry_commendations"), no_args_is_help=True, context_settings=HELP
)
dossier_app = typer.Typer(
    help=t("cli_registry_dossiers"), no_args_is_help=True, context_settings=HELP
)


def _run(work: Callable[[Repository, datetime], T]) -> T:
    """Bring the database up to date and run `work` in one transaction on a repository that
    keeps documents in the data folder; a refusal ends the command with its reason."""
    from bot import cli  # the command line's own helpers (it registers this module's apps)

    settings = cli._settings()
    cli._migrate(settings)
    database = cli._database(settings)
    now = cli._now(settings)

    def transaction(connection: Connection) -> T:
        repository = Repository(
            connection, Sealer(settings.secret_key), PhotoFiles(settings.data_dir), settings.zone
        )
        return work(repository, now)

    try:
        return database.run_blocking(transaction)
    except Refused as error:
        raise cli._refused(error) from None
    finally:
        database.close()


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _on(text: str | None, now: datetime) -> date:
    if text is None:
        return now.date()
    parsed = parse_day(text)
    if parsed is None:
        raise _fail(t("cli_not_a_date_dd_mm", text=f"{text!r}"))
    return parsed


def _unit(repository: Repository, code: str) -> UnitPlace:
    unit = repository.unit_place_by_code(code)
    if unit is None:
        raise Refused(said("registration_unit_unknown"))
    return unit


Day = Annotated[str | None, typer.Option("--on", help=t("cli_registry_on"))]
Note = Annotated[str, typer.Option(help=t("cli_registry_note"))]
Decision = Annotated[str | None, typer.Option("--decision", help=t("cli_registry_decision"))]


# --- registrations


@registration_app.command("add", help=t("cli_registry_registration_add"))
def registration_add(
    unit: Annotated[str, typer.Argument(help=t("cli_registry_unit_code"))],
    scheme: Annotated[str, typer.Argument(help=t("cli_registry_scheme"))],
    on: Day = None,
    level: Annotated[str | None, typer.Option(help=t("cli_registry_level"))] = None,
    note: Note = "",
) -> None:
    lang = cli_language()

    def work(repository: Repository, now: datetime) -> tuple[int, list[str]]:
        made = registrations.register(
            repository,
            repository,
            None,
            unit_id=_unit(repository, unit).id,
            scheme=scheme,
            day=_on(on, now),
            now=now,
            level=level,
            note=note,
        )
        checked = registrations.checklist(repository, None, made.id)
        return made.id, [f"{i.item}: {checked.label(i.item, lang)}" for i in checked.items]

    number, items = _run(work)
    typer.echo(t("cli_registry_registered", number=number, unit=unit, scheme=scheme))
    for item in items:
        typer.echo(f"  - {item}")


@registration_app.command("outcome", help=t("cli_registry_registration_outcome"))
def registration_outcome(
    number: Annotated[int, typer.Argument(help=t("cli_registry_registration_number"))],
    outcome: Annotated[str, typer.Argument(help=t("cli_registry_outcome"))],
    on: Day = None,
    level: Annotated[str | None, typer.Option(help=t("cli_registry_level"))] = None,
    decision: Decision = None,
    note: Note = "",
) -> None:
    def work(repository: Repository, now: datetime) -> str:
        decided = Outcome(outcome, _on(on, now), level, decision, note)
        done = registrations.record_outcome(
            repository, repository, repository, None, number, decided, now
        )
        return rules.outcome_label(done.outcome, cli_language())

    typer.echo(t("cli_registry_outcome_recorded", number=number, outcome=_run(work)))


@registration_app.command("list", help=t("cli_registry_registration_list"))
def registration_list(
    unit: Annotated[str | None, typer.Option(help=t("cli_registry_under_unit"))] = None,
    year: Annotated[int | None, typer.Option(help=t("cli_registry_year"))] = None,
) -> None:
    lang = cli_language()

    def work(repository: Repository, now: datetime) -> list[str]:
        under = _unit(repository, unit).id if unit else _top(repository)
        lines = []
        for found in repository.registrations_under(under, year=year):
            items = repository.dossier(registrations.OWNER, found.id)
            done = sum(1 for i in items if i.status in ("uploaded", "accepted"))
            lines.append(
                t(
                    "cli_registry_registration_line",
                    number=found.id,
                    unit=found.unit.code,
                    name=found.unit.name,
                    scheme=found.scheme,
                    year=found.year,
                    outcome=rules.outcome_label(found.outcome, lang),
                    done=done,
                    total=len(items),
                )
            )
        return lines

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else t("cli_registry_none"))


def _top(repository: Repository) -> int:
    """The unit every other is under (the province)."""
    tops = [u for u in repository.work.units.open_units() if u.parent_id is None]
    if not tops:
        raise Refused(said("registration_unit_unknown"))
    return tops[0].id


# --- ratings


@rating_app.command("set", help=t("cli_registry_rating_set"))
def rating_set(
    unit: Annotated[str, typer.Argument(help=t("cli_registry_unit_code"))],
    rating: Annotated[str, typer.Argument(help=t("cli_registry_rating"))],
    year: Annotated[int, typer.Option(help=t("cli_registry_year"))],
    scheme: Annotated[str, typer.Option(help=t("cli_registry_rating_scheme"))] = RATING_SCHEME,
    note: Note = "",
) -> None:
    def work(repository: Repository, now: datetime) -> None:
        registrations.set_rating(
            repository,
            repository,
            None,
            unit_id=_unit(repository, unit).id,
            scheme=scheme,
            year=year,
            rating=rating,
            day=now.date(),
            now=now,
            note=note,
        )

    _run(work)
    label = rules.rating_label(rating, cli_language())
    typer.echo(t("cli_registry_rated", unit=unit, year=year, rating=label))


@rating_app.command("import", help=t("cli_registry_rating_import"))
def rating_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    year: Annotated[int, typer.Option(help=t("cli_registry_year"))],
    scheme: Annotated[str, typer.Option(help=t("cli_registry_rating_scheme"))] = RATING_SCHEME,
) -> None:
    """A CSV (UTF-8) of unit code and rating, a header line first; all or nothing."""
    try:
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8-sig"))))
    except UnicodeDecodeError:
        raise _fail(t("cli_is_not_utf", name=file.name)) from None
    wanted = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]

    def work(repository: Repository, now: datetime) -> int:
        for line, row in wanted:
            if len(row) < 2:
                raise Refused(said("cli_registry_csv_row", line=line))
            try:
                registrations.set_rating(
                    repository,
                    repository,
                    None,
                    unit_id=_unit(repository, row[0].strip()).id,
                    scheme=scheme,
                    year=year,
                    rating=row[1].strip(),
                    day=now.date(),
                    now=now,
                    note=row[2].strip() if len(row) > 2 else "",
                )
            except Refused as refused:  # which line, and nothing kept
                raise Refused(
                    said("cli_registry_csv_line", line=line, why=refused.reason)
                ) from None
        return len(wanted)

    typer.echo(t("cli_registry_rated_many", count=_run(work), year=year))


@rating_app.command("list", help=t("cli_registry_rating_list"))
def rating_list(
    year: Annotated[int, typer.Option(help=t("cli_registry_year"))],
    unit: Annotated[str | None, typer.Option(help=t("cli_registry_under_unit"))] = None,
    scheme: Annotated[str, typer.Option(help=t("cli_registry_rating_scheme"))] = RATING_SCHEME,
) -> None:
    lang = cli_language()

    def work(repository: Repository, now: datetime) -> list[str]:
        under = _unit(repository, unit).id if unit else _top(repository)
        ids = repository.work.units.subtree(under)
        return [
            f"{r.unit.code}  {r.unit.name}  {rules.rating_label(r.rating, lang)}"
            for r in repository.ratings(ids, scheme, year)
        ]

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else t("cli_registry_none"))


# --- commendations


@commendation_app.command("add", help=t("cli_registry_commendation_add"))
def commendation_add(
    form: Annotated[str, typer.Argument(help=t("cli_registry_form"))],
    level: Annotated[str, typer.Argument(help=t("cli_registry_level"))],
    member: Annotated[int | None, typer.Option(help=t("cli_registry_member"))] = None,
    unit: Annotated[str | None, typer.Option(help=t("cli_registry_unit_code"))] = None,
    reason: Annotated[str, typer.Option(help=t("cli_registry_reason"))] = "",
    on: Day = None,
    decision: Decision = None,
    authority: Annotated[str | None, typer.Option(help=t("cli_registry_authority"))] = None,
    proposed: Annotated[bool, typer.Option(help=t("cli_registry_proposed"))] = False,
    plan: Annotated[str | None, typer.Option(help=t("cli_registry_plan"))] = None,
) -> None:
    if (member is None) == (unit is None):
        raise _fail(t("cli_registry_member_or_unit"))

    def work(repository: Repository, now: datetime) -> int:
        subject = (
            ("member", member) if member is not None else ("unit", _unit(repository, unit or "").id)
        )
        made = commendations.record(
            repository,
            repository,
            repository,
            None,
            NewCommendation(
                subject_kind=subject[0],
                subject_id=subject[1],
                level=level,
                form=form,
                reason=reason,
                decided_on=_on(on, now),
                decision_no=decision,
                authority=authority,
                status="proposed" if proposed else "granted",
                plan_code=plan,
                phase_code=None,
                entered_by=None,
                now=now,
            ),
        )
        return made.id

    typer.echo(t("cli_registry_commendation_recorded", number=_run(work)))


@commendation_app.command("grant", help=t("cli_registry_commendation_grant"))
def commendation_grant(
    number: Annotated[int, typer.Argument(help=t("cli_registry_commendation_number"))],
    refuse: Annotated[bool, typer.Option(help=t("cli_registry_refuse"))] = False,
    on: Day = None,
    decision: Decision = None,
    authority: Annotated[str | None, typer.Option(help=t("cli_registry_authority"))] = None,
) -> None:
    def work(repository: Repository, now: datetime) -> CommendationView:
        return commendations.decide(
            repository,
            repository,
            None,
            number,
            "refused" if refuse else "granted",
            on=_on(on, now),
            now=now,
            decision_no=decision,
            authority=authority,
        )

    done = _run(work)
    status = t("commendation_status", status=done.status)
    typer.echo(t("cli_registry_commendation_decided", number=number, status=status))


@commendation_app.command("list", help=t("cli_registry_commendation_list"))
def commendation_list(
    unit: Annotated[str | None, typer.Option(help=t("cli_registry_under_unit"))] = None,
) -> None:
    lang = cli_language()

    def work(repository: Repository, now: datetime) -> list[CommendationView]:
        under = _unit(repository, unit).id if unit else _top(repository)
        return repository.commendations_under(under)

    found = _run(work)
    for c in found:
        typer.echo(
            f"{c.id}  {c.decided_on:%d/%m/%Y}  {c.subject_name}  "
            f"{commendation_rules.form_label(c.form, lang)} ({level_label(c.level, lang)})  "
            f"{t('commendation_status', status=c.status)}  {c.reason}"
        )
    if not found:
        typer.echo(t("cli_registry_none"))


# --- dossiers


@dossier_app.command("upload", help=t("cli_registry_dossier_upload"))
def dossier_upload(
    number: Annotated[int, typer.Argument(help=t("cli_registry_registration_number"))],
    item: Annotated[str, typer.Argument(help=t("cli_registry_item"))],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    with file.open("rb") as opened:
        data = opened.read(MAX_DOCUMENT + 1)

    def work(repository: Repository, now: datetime) -> None:
        registrations.upload(
            repository,
            repository,
            repository,
            None,
            number,
            item,
            data=data,
            name=file.name,
            now=now,
        )

    _run(work)
    typer.echo(t("cli_registry_uploaded", item=item, number=number))


def _review(number: int, item: str, decision: str, reason: str) -> None:
    def work(repository: Repository, now: datetime) -> None:
        registrations.review(
            repository, repository, repository, None, number, item, decision, reason, now
        )

    _run(work)
    typer.echo(t("cli_registry_reviewed", item=item, number=number, decision=decision))


@dossier_app.command("accept", help=t("cli_registry_dossier_accept"))
def dossier_accept(
    number: Annotated[int, typer.Argument(help=t("cli_registry_registration_number"))],
    item: Annotated[str, typer.Argument(help=t("cli_registry_item"))],
) -> None:
    _review(number, item, "accepted", "")


@dossier_app.command("return", help=t("cli_registry_dossier_return"))
def dossier_return(
    number: Annotated[int, typer.Argument(help=t("cli_registry_registration_number"))],
    item: Annotated[str, typer.Argument(help=t("cli_registry_item"))],
    reason: Annotated[str, typer.Option(help=t("cli_registry_reason"))],
) -> None:
    _review(number, item, "returned", reason)


@dossier_app.command("show", help=t("cli_registry_dossier_show"))
def dossier_show(
    number: Annotated[int, typer.Argument(help=t("cli_registry_registration_number"))],
) -> None:
    lang = cli_language()

    def work(repository: Repository, now: datetime) -> list[str]:
        checked = registrations.checklist(repository, None, number)
        return [
            f"{i.item}  {checked.label(i.item, lang)}: {t('dossier_status', status=i.status)}"
            + (f" — {i.note}" if i.note else "")
            for i in checked.items
        ]

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else t("cli_registry_none"))


__all__ = ["commendation_app", "dossier_app", "rating_app", "registration_app"]
