from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.models import FocusArea, Partner


class Command(BaseCommand):
    help = (
        "Load the directory's data (the `partners` fixture) into an empty database; "
        "a database that already has partners or focus areas is left as it is."
    )

    def handle(self, *args, **options):
        if Partner.objects.exists() or FocusArea.objects.exists():
            self.stdout.write("The directory already has data; nothing loaded.")
            return
        call_command("loaddata", "partners", verbosity=options["verbosity"])
