from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.data import backup
from directory.data.progress import bar
from partners_site.file_modes import owner_only_folder


class Command(BaseCommand):
    help = (
        "Write the whole database (partners in every language, history, users) to a file: "
        "an SQLite copy or a pg_dump archive, whichever the database is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="Where to write the backup (a new file); by default backups/<date>.",
        )

    def handle(self, *args, **options):
        try:
            target = options["file"]
            if not target:
                folder = owner_only_folder(Path(settings.BASE_DIR) / "backups")
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                target = folder / f"partners-{stamp}{backup.default_suffix()}"
            with bar(self.stderr, desc="Writing the backup", unit=" steps") as progress:
                written = backup.backup(target, progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {written}")
