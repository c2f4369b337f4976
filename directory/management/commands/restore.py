from django.core.management.base import BaseCommand, CommandError

from directory.data import backup
from directory.data.progress import bar


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `manage.py backup` "
        "(`make backup`). A file that is not a complete backup changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to restore.")

    def handle(self, *args, **options):
        try:
            with bar(self.stderr, desc="Restoring", unit=" steps") as progress:
                backup.restore(options["file"], progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database restored from {options['file']}")
