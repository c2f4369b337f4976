from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from directory.languages import language_name
from directory.translators.interface_catalog import MSGID_LANGUAGE, CatalogProblem
from directory.translators.status import content_status, content_totals, interface_status


class Command(BaseCommand):
    help = (
        "Per language: the interface catalog's translated, fuzzy and missing strings, and "
        "the content's translated, stale and missing texts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-under",
            type=float,
            metavar="PERCENT",
            help="Exit with an error when any language's interface or content coverage is lower.",
        )

    def row(self, code, first, second, third, percent, note=""):
        label = f"{code} {language_name(code)}"
        self.stdout.write(
            f"  {label:<16}{first:>11}{second:>7}{third:>9}{str(percent) + '%':>10}{note}"
        )

    def handle(self, *args, fail_under=None, **options):
        if fail_under is not None and not 0 <= fail_under <= 100:
            raise CommandError("--fail-under takes a percentage from 0 to 100.")
        try:
            interface = interface_status()
        except CatalogProblem as problem:
            raise CommandError(str(problem)) from problem
        content = content_status()

        self.stdout.write("Interface (locale/<language>/LC_MESSAGES/django.po)")
        self.stdout.write(
            f"  {'language':<16}{'translated':>11}{'fuzzy':>7}{'missing':>9}  coverage"
        )
        for code, counts in interface.items():
            note = ""
            if not counts.has_catalog:
                note = "  no catalog yet"
            elif code == MSGID_LANGUAGE:
                note = "  (the msgids are English)"
            self.row(code, counts.translated, counts.fuzzy, counts.missing, counts.percent, note)

        with translation.override(None):
            rows = ", ".join(
                f"{count} {model._meta.verbose_name_plural}" for model, count in content_totals()
            )
        self.stdout.write(f"Content ({rows})")
        self.stdout.write(
            f"  {'language':<16}{'translated':>11}{'stale':>7}{'missing':>9}  coverage"
        )
        for code, counts in content.items():
            self.row(code, counts.translated, counts.stale, counts.missing, counts.percent)

        if fail_under is None:
            return
        low = [
            f"interface {code} {counts.percent}%"
            for code, counts in interface.items()
            if counts.coverage < fail_under
        ] + [
            f"content {code} {counts.percent}%"
            for code, counts in content.items()
            if counts.coverage < fail_under
        ]
        if low:
            raise CommandError(f"Coverage under {fail_under:g}%: {', '.join(low)}.")
        self.stdout.write(f"Every language is at least {fail_under:g}% translated.")
