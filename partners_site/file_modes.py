"""Files that hold secrets are readable by their owner only: the SQLite database (sessions,
two-factor devices) and backups of it. The umask would make them readable by everyone."""

import os
from pathlib import Path

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_FOLDER = 0o700
# SQLite keeps uncommitted and recent changes beside the database; it creates them with the
# database's mode, but ones left from before may be readable by everyone.
SQLITE_COMPANIONS = ("", "-journal", "-wal", "-shm")


def owner_only_folder(path):
    """Create `path` (or keep it) as a folder only its owner may open."""
    path = Path(path)
    path.mkdir(mode=OWNER_ONLY_FOLDER, exist_ok=True)
    path.chmod(OWNER_ONLY_FOLDER)
    return path


def create_owner_only_file(path):
    """Create `path` as a new, empty file only its owner may read; refuses an existing one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    os.close(descriptor)
    # The umask can only remove bits; this makes the mode exact.
    os.chmod(path, OWNER_ONLY_FILE)


def protect_sqlite_database(connection):
    """The SQLite database file of `connection` (created by the connection if it was
    missing) and its companions are made owner-only (on every new connection:
    directory/signals.py)."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    name = str(connection.settings_dict["NAME"])
    for suffix in SQLITE_COMPANIONS:
        path = Path(name + suffix)
        if path.is_file() and path.stat().st_mode & 0o077:
            path.chmod(OWNER_ONLY_FILE)
