"""Full exports built once per change of the data, then served as files.

An export is written into EXPORT_DIR under a name made of the page cache's current
generation (which every committed change moves) and a digest of what the export depends
on: format, language and the validated filters. It is written to a temporary file and
renamed when complete, so no reader ever gets half a file, and a failure while writing
leaves nothing behind. One export is built at a time on a machine, whatever the number of
processes (a lock on a file in the folder): a request that would start a second build is
told to come back (`Busy`), so building can never hold more than one worker. After each
build, the files of earlier generations are removed; of the current one, every export of
the whole directory is kept (a few: format, language, order), and of the filtered ones the
newest EXPORT_VARIANTS, so filtered requests cannot push the whole directory's exports out.
"""

import fcntl
import hashlib
import os
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from partners_site import page_cache

# Seconds a visitor is asked to wait while another export is being built.
RETRY_AFTER = 10
_BUILDING = ".building-"


class Busy(Exception):
    """Another export is being built on this machine."""


def folder():
    path = Path(settings.EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _generation():
    if not settings.PAGE_CACHE_ENABLED:
        # Outputs are not kept: each request builds its own file.
        return f"once{secrets.token_hex(8)}"
    try:
        return page_cache.current_generation()
    except Exception:  # noqa: BLE001 - the cache is down: build a file for this request
        return f"once{secrets.token_hex(8)}"


_WHOLE = "whole-"


def file_for(generation, variant, whole=False):
    """The file of export `variant` (format, language, filters) under `generation`;
    `whole` for an export of the whole directory, which is never pushed out by others."""
    extension = variant[0]
    digest = hashlib.sha256(repr(variant).encode()).hexdigest()[:32]
    return folder() / f"{generation}-{_WHOLE if whole else ''}{digest}.{extension}"


@contextmanager
def build_lock():
    """Held while an export is built; raises Busy at once if another build holds it."""
    with open(folder() / ".build.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build(path, write):
    """Call `write(file)` on a temporary file, then put it in place as `path`."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_BUILDING, suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clean_up(generation):
    """Remove files of other generations, leftovers of failed builds, and the oldest
    variants beyond EXPORT_VARIANTS. Runs under the build lock, so nothing it removes is
    being written; a file being served stays readable until it is closed."""
    current = []
    for path in folder().iterdir():
        if path.name.startswith(f"{generation}-{_WHOLE}"):
            continue
        if path.name.startswith(f"{generation}-"):
            current.append(path)
        elif path.name.startswith(_BUILDING) or not path.name.startswith("."):
            path.unlink(missing_ok=True)
    current.sort(key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for path in current[max(settings.EXPORT_VARIANTS, 1) :]:
        path.unlink(missing_ok=True)


def _download(path, filename, content_type):
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )


def response(variant, write, filename, content_type, whole=False):
    """The export `variant` as a download, built by `write(file)` unless it already
    exists for the current data. Raises Busy if it must be built and cannot be now."""
    generation = _generation()
    path = file_for(generation, variant, whole)
    try:
        return _download(path, filename, content_type)
    except FileNotFoundError:
        pass
    with build_lock():
        if not path.exists():
            build(path, write)
            clean_up(generation)
        # Opened under the lock: no clean-up removes it before.
        return _download(path, filename, content_type)
