"""Whole-database backups, exact to the byte of every row: SQLite through its online
backup API, PostgreSQL through pg_dump and pg_restore. Users, permissions, history and every
language's columns are rows like the others, so they all come back as they were."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

from directory.data.progress import NoProgress
from partners_site import page_cache
from partners_site.file_modes import create_owner_only_file

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(Exception):
    """What went wrong, in words for the person running the command."""


def vendor():
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def default_suffix():
    return ".sqlite3" if vendor() == "sqlite" else ".pgdump"


def _sqlite_connection():
    connection.ensure_connection()
    return connection.connection


def _pg_environment():
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; it comes with the PostgreSQL client "
            "(apt-get install postgresql-client)."
        )
    return path


# SQLite copies this many pages (4 kB each by default) per step, reporting progress between.
SQLITE_PAGES_PER_STEP = 1024


def _run_tool(command, progress):
    """Run pg_dump or pg_restore with --verbose, one step of progress per line it reports;
    (exit status, its error lines)."""
    process = subprocess.Popen(
        [*command, "--verbose"],
        env=_pg_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    for line in process.stderr:
        lines.append(line.rstrip())
        progress.update(1)
    status = process.wait()
    errors = [line for line in lines if "error" in line.lower()] or lines[-5:]
    return status, "\n".join(errors)


def backup(target, progress=None):
    """Write the whole database to `target` (a new file); `progress` hears how far it is."""
    progress = NoProgress() if progress is None else progress
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another file name.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    # A backup holds session keys and two-factor secrets: owner-only from its first byte
    # (pg_dump and SQLite write into the existing file and keep its mode). A partial file
    # left by an interrupted backup is never continued.
    partial.unlink(missing_ok=True)
    create_owner_only_file(partial)
    try:
        if vendor() == "sqlite":
            destination = sqlite3.connect(partial)
            try:
                _sqlite_connection().backup(
                    destination,
                    pages=SQLITE_PAGES_PER_STEP,
                    progress=lambda _status, left, total: progress.show(total - left, total),
                )
            finally:
                destination.close()
        else:
            status, errors = _run_tool(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
                progress,
            )
            if status != 0:
                raise BackupError(f"pg_dump failed: {errors}")
        # Only a complete backup gets the requested name.
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def check_backup(source):
    """Refuse anything that is not a complete backup of this kind of database, before the
    database is touched."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist or is not a file.")
    with source.open("rb") as file:
        header = file.read(16)
    if vendor() == "sqlite":
        if header != SQLITE_HEADER:
            raise BackupError(f"{source} is not an SQLite backup.")
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                status = backup_db.execute("PRAGMA integrity_check").fetchone()[0]
                tables = {
                    name
                    for (name,) in backup_db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                }
            finally:
                backup_db.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is damaged: {error}.") from error
        if status != "ok":
            raise BackupError(f"{source} is damaged: {status}.")
        if not {"django_migrations", "directory_partner"} <= tables:
            raise BackupError(f"{source} is an SQLite database but not a backup of this site.")
    else:
        if not header.startswith(PG_CUSTOM_HEADER):
            raise BackupError(f"{source} is not a PostgreSQL backup made by `make backup`.")
        result = subprocess.run(
            [_pg_tool("pg_restore"), "--list", str(source)], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupError(f"{source} is damaged: {result.stderr.strip()}")
        if "TABLE public directory_partner" not in result.stdout:
            raise BackupError(f"{source} is a PostgreSQL backup but not of this site.")


def restore(source, progress=None):
    """Replace the whole database with the backup in `source`, all or nothing."""
    progress = NoProgress() if progress is None else progress
    check_backup(source)
    if vendor() == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            # One step: the database is replaced at once, under a lock.
            backup_db.backup(_sqlite_connection())
        finally:
            backup_db.close()
    else:
        connection.close()
        status, errors = _run_tool(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            progress,
        )
        if status != 0:
            raise BackupError(f"pg_restore failed and the database was left as it was: {errors}")
    # A restore replaces rows without a model signal: no page rendered before it may be
    # served again.
    page_cache.new_generation()
