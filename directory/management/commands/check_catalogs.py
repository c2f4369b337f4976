from django.core.management.base import BaseCommand, CommandError

from directory.translators.catalog_checks import (
    check_compiled,
    check_complete,
    check_current,
    check_format,
    check_same_plural_forms,
)
from directory.translators.interface_catalog import CatalogProblem


class Command(BaseCommand):
    help = (
        "Check the gettext catalogs as CI does: the format of every catalog (GNU gettext's "
        "msgfmt --check: header, plural forms, placeholders), one Plural-Forms per language, "
        ".mo files that match their .po files, no fuzzy or missing interface strings, and "
        "catalogs that re-extracting the strings (makemessages) would not change. Needs GNU "
        "gettext."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="Skip the re-extraction check (the slowest step).",
        )

    def handle(self, *args, no_extract=False, **options):
        checks = [
            ("format", check_format),
            ("plural forms", check_same_plural_forms),
            ("compiled catalogs", check_compiled),
            ("complete interface", check_complete),
        ]
        if not no_extract:
            checks.append(("current", check_current))
        failed = []
        for name, check in checks:
            try:
                problems = check()
            except CatalogProblem as problem:
                problems = [str(problem)]
            if problems:
                failed.append(name)
                self.stderr.write(f"{name}:")
                for problem in problems:
                    self.stderr.write(f"  {problem}")
            elif options["verbosity"] >= 1:
                self.stdout.write(f"{name}: OK")
        if failed:
            raise CommandError(f"The catalogs fail these checks: {', '.join(failed)}.")
