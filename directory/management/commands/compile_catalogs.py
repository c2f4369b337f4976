from django.core.management.base import BaseCommand, CommandError

from directory.translators.interface_catalog import CatalogProblem, compile_all, relative


class Command(BaseCommand):
    help = (
        "Compile every interface catalog (.po) into the .mo file the site reads, in pure "
        "Python: GNU gettext is not needed."
    )

    def handle(self, *args, **options):
        try:
            written = compile_all()
        except CatalogProblem as problem:
            raise CommandError(str(problem)) from problem
        for path in written:
            self.stdout.write(f"Compiled {relative(path)}.")
