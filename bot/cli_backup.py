"""`antt-bot backup [FILE]` and `antt-bot restore FILE`: the work is storage/backup.py's; this
says its progress and refusals in the admin's language."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.cli_language import t
from bot.settings import SECRET_KEY_FILE, Settings
from storage import backup
from storage.backup import BackupError, Said, Source

HELP = {"help_option_names": ["--help", "-h"]}
BACKUPS_FOLDER = "backups"  # in the data dir, when no ANTT_BACKUP_DIR is set
VERDICTS = {  # whether the key at hand opens the restored informants
    "opens": "backup_key_opens",
    "no_informants": "backup_key_no_informants",
    "wrong": "backup_key_wrong",
    "missing": "backup_key_missing",
}


def _say(said: Said) -> None:
    typer.echo(t(said.key, **said.values))


def _warn(key: str) -> None:
    typer.secho(t(key), fg=typer.colors.YELLOW, err=True)


def _failed(error: BackupError) -> typer.Exit:
    typer.secho(t(error.said.key, **error.said.values), fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _os_failed(error: OSError) -> typer.Exit:
    """A folder that cannot be made or written, a full disk: said plainly, not a traceback."""
    where = error.filename if error.filename is not None else ""
    reason = error.strerror or type(error).__name__
    return _failed(BackupError("backup_os_error", path=str(where), error=reason))


def source_of(settings: Settings) -> Source:
    return Source(settings.data_dir, settings.resolved_database_url, settings.secret_key)


def _passphrase(settings: Settings, passphrase_file: Path | None, *, confirm: bool) -> str:
    if passphrase_file is not None:
        lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if settings.backup_passphrase:
        return settings.backup_passphrase
    return str(
        typer.prompt(t("backup_passphrase_prompt"), hide_input=True, confirmation_prompt=confirm)
    )


PassphraseFile = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file", exists=True, dir_okay=False, help=t("cli_backup_passphrase_file_help")
    ),
]


def backup_command(
    file: Annotated[Path | None, typer.Argument(help=t("cli_backup_file_help"))] = None,
    encrypt: Annotated[
        bool | None, typer.Option("--encrypt/--plain", help=t("cli_backup_encrypt_help"))
    ] = None,
    passphrase_file: PassphraseFile = None,
    with_key: Annotated[
        bool, typer.Option("--with-key", help=t("cli_backup_with_key_help"))
    ] = False,
) -> None:
    from bot import cli

    settings = cli._settings()
    # Encrypted when asked, or when a passphrase is configured and --plain was not given.
    sealed = encrypt if encrypt is not None else bool(settings.backup_passphrase or passphrase_file)
    passphrase = _passphrase(settings, passphrase_file, confirm=True) if sealed else ""
    if sealed and not passphrase:
        raise cli._fail(t("backup_passphrase_empty"))
    if file is None:
        folder = settings.backup_dir or settings.data_dir / BACKUPS_FOLDER
        file = folder / backup.default_name(datetime.now(settings.zone), encrypted=sealed)
    try:
        backup.make_backup(
            source_of(settings), file, passphrase=passphrase, with_key=with_key, say=_say
        )
    except BackupError as error:
        raise _failed(error) from None
    except OSError as error:
        raise _os_failed(error) from None
    _warn("backup_with_key_warning" if with_key else "backup_key_left_out")


def restore_command(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help=t("cli_restore_file_help"))
    ],
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help=t("cli_restore_data_dir_help"))
    ] = None,
    passphrase_file: PassphraseFile = None,
    yes: Annotated[bool, typer.Option("--yes", help=t("cli_restore_yes_help"))] = False,
) -> None:
    from pydantic import ValidationError

    from bot import cli

    overrides = {"data_dir": data_dir} if data_dir is not None else {}
    try:
        # Not load_settings: it would make a new secret key in the data dir, and the key the
        # backup's informants were sealed under is the one to put there.
        settings = Settings(**overrides)
    except ValidationError:
        cli._settings()  # says the bad setting as every command does
        raise
    passphrase = ""
    if backup.is_encrypted(file):
        passphrase = _passphrase(settings, passphrase_file, confirm=False)
    key = settings.secret_key
    if not key and (settings.data_dir / SECRET_KEY_FILE).is_file():
        key = (settings.data_dir / SECRET_KEY_FILE).read_text(encoding="ascii").strip()
    url = settings.resolved_database_url
    if data_dir is not None and url.startswith("sqlite"):
        # A data dir named for the restore takes its SQLite database too: never the live file
        # the environment's ANTT_DATABASE_URL may name.
        url = f"sqlite:///{(data_dir / 'antt.db').resolve()}"
    target = Source(settings.data_dir, url, key)
    try:
        restored = backup.restore_backup(
            file, target, passphrase=passphrase, overwrite=yes, say=_say
        )
    except BackupError as error:
        raise _failed(error) from None
    except OSError as error:
        raise _os_failed(error) from None
    os.chmod(settings.data_dir, 0o700)
    _say(Said("backup_restored", {"folder": str(settings.data_dir)}))
    verdict = VERDICTS[restored.key]
    if restored.key in ("wrong", "missing"):
        _warn(verdict)
    else:
        typer.echo(t(verdict))
