"""Pieces every command module shares: the date type, `--db`, opening an archive, and
how log warnings reach the terminal."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from scraper.archive.runlock import ArchiveBusy, RunLock
from scraper.archive.store import Archive, ArchiveError

DEFAULT_DB = "archive.db"


class DateParam(click.ParamType):
    """A day, written `2024-03-15` or, as Vietnamese sites write it, `15/03/2024`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        self.fail(f"{value!r} is not a date (use 2024-03-15 or 15/03/2024)", param, ctx)


DATE = DateParam()


class EnvError(click.ClickException):
    """A bad value in the environment: bad usage (exit 2), in one line, without the
    command's usage text since the command line was not at fault."""

    exit_code = 2


class EnvOption(click.Option):
    """An option that may come from an environment variable: a bad value from there is
    reported under the variable's name (``TUYENGIAO_DELAY``), not the option's."""

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        try:
            return super().process_value(ctx, value)
        except click.BadParameter as exc:
            if ctx.get_parameter_source(self.name) is not ParameterSource.ENVIRONMENT:
                raise
            where = f"{self.envvar} (environment variable)"
            raise EnvError(f"Invalid value for {where}: {exc.message}") from None


db_option = click.option(
    "--db",
    "db_path",
    cls=EnvOption,
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TUYENGIAO_DB",
    help="The archive database.",
)


def open_archive(path: Path, *, must_exist: bool = False) -> Archive:
    """The archive at `path` (created if missing, unless `must_exist`); errors as one line."""
    if must_exist and not path.is_file():
        raise click.ClickException(f"no archive at {path}")
    try:
        return Archive(path)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


def show_warnings() -> None:
    """Log warnings (a truncated body, a host skipped for robots.txt, a parser error on a
    page) to stderr, one line each, as `warning: …`; TUYENGIAO_DEBUG=1 shows everything,
    with the traceback of an unexpected error."""
    level = logging.DEBUG if os.environ.get("TUYENGIAO_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s")
    logging.addLevelName(logging.WARNING, "warning")


def _use_profiles(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    from scraper.sites.load import ProfileError
    from scraper.sites.registry import use_profiles

    try:
        use_profiles(value)
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from None


profiles_option = click.option(
    "--profiles",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="TUYENGIAO_PROFILES",
    is_eager=True,
    expose_value=False,
    callback=_use_profiles,
    help="A folder of site profiles (*.toml) added to the packaged ones; one of the same"
    " site replaces the packaged profile.",
)


EXIT_BUSY = 4
no_wait_option = click.option(
    "--no-wait",
    is_flag=True,
    help="When another command is writing the archive, exit 4 at once instead of waiting.",
)


@contextmanager
def writing(db_path: Path, command: str, *, no_wait: bool) -> Iterator[None]:
    """Hold the archive's lock (``scraper.archive.runlock``) while a command writes it:
    wait for another writer with a message, or exit 4 with ``--no-wait``."""
    lock = RunLock(db_path, command)
    try:
        lock.acquire(
            wait=not no_wait,
            on_wait=lambda who: click.echo(f"waiting: {who}…", err=True),
        )
    except ArchiveBusy as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_BUSY)
    except OSError as exc:
        raise click.ClickException(f"cannot lock {lock.path}: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def open_for_writing(path: Path, *, must_exist: bool = False) -> Archive:
    """`open_archive`, then mark the runs a dead process left `running` as `killed`
    (call while holding the lock: no other writer is alive)."""
    archive = open_archive(path, must_exist=must_exist)
    damage = archive.damage()
    if damage:
        archive.close()
        raise click.ClickException(
            f"{path} is damaged ({damage}); nothing written. `tuyengiao check` lists the"
            " problems; restore a copy, or `tuyengiao rebuild` it from its WARC files"
        )
    archive.close_dead_runs()
    return archive
