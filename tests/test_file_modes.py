"""Secrets stay with their owner: the generated secret key, the SQLite database and the
backups (which hold session keys and two-factor tokens) are readable by their owner only,
whatever the umask."""

import os
import stat
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.backends.sqlite3.base import DatabaseWrapper

ROOT = Path(__file__).resolve().parent.parent


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask():
    """The usual umask, under which new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_make_creates_the_secret_key_owner_only(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), ".secret_key"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": "python3"},
    )
    assert result.returncode == 0, result.stderr
    key = tmp_path / ".secret_key"
    assert mode(key) == 0o600
    assert len(key.read_text().strip()) >= 50


def test_a_new_sqlite_database_is_owner_only(tmp_path, permissive_umask, django_db_blocker):
    database = DatabaseWrapper({**sqlite_settings(), "NAME": str(tmp_path / "site.sqlite3")})
    with django_db_blocker.unblock():
        try:
            database.ensure_connection()
            with database.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x)")
        finally:
            database.close()
    assert mode(tmp_path / "site.sqlite3") == 0o600


def test_an_existing_world_readable_sqlite_database_is_made_owner_only(tmp_path, django_db_blocker):
    path = tmp_path / "site.sqlite3"
    path.touch(mode=0o644)
    path.chmod(0o644)
    database = DatabaseWrapper({**sqlite_settings(), "NAME": str(path)})
    with django_db_blocker.unblock():
        try:
            database.ensure_connection()
        finally:
            database.close()
    assert mode(path) == 0o600


def sqlite_settings():
    from django.db import connections

    base = dict(connections["default"].settings_dict)
    base.update(ENGINE="django.db.backends.sqlite3", OPTIONS={}, TEST={})
    return base


@pytest.mark.django_db(transaction=True)
def test_backups_folder_and_files_are_owner_only(settings, tmp_path, permissive_umask):
    settings.BASE_DIR = tmp_path
    call_command("backup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    folder = tmp_path / "backups"
    assert mode(folder) == 0o700
    [written] = folder.iterdir()
    assert mode(written) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_backup_to_a_chosen_file_is_owner_only(tmp_path, permissive_umask):
    target = tmp_path / "partners.backup"
    call_command("backup", str(target), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert mode(target) == 0o600
