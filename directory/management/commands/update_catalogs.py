from django.core.management.base import BaseCommand, CommandError

from directory.translators.interface_catalog import CatalogProblem, compile_all, extract, relative


class Command(BaseCommand):
    help = (
        "Re-extract the interface strings into locale/<language>/LC_MESSAGES/django.po for "
        "every language of the site (no source locations), then compile them. "
        "Extracting needs GNU gettext."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-compile", action="store_true", help="Extract only; leave the .mo files."
        )

    def handle(self, *args, no_compile=False, **options):
        try:
            extract()
            written = [] if no_compile else compile_all()
        except CatalogProblem as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write("Extracted the interface strings.")
        for path in written:
            self.stdout.write(f"Compiled {relative(path)}.")
