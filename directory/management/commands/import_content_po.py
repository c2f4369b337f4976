from django.core.management.base import BaseCommand, CommandError

from directory.data.progress import bar
from directory.translators.content_catalog import CatalogError
from directory.translators.content_import import import_catalog


def shorten(text, width=70):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Command(BaseCommand):
    help = (
        "Apply a content catalog (.po) made with export_content_po and translated in any .po "
        "editor: translated, non-fuzzy entries whose Polish text still matches. All or "
        "nothing; a report says what was applied, unchanged and skipped, and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .po file, e.g. locale/en/LC_MESSAGES/content.po.")
        parser.add_argument(
            "--language", help="Fail unless the file holds this language (its Language header)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; change nothing."
        )

    def handle(self, *args, file, language=None, dry_run=False, **options):
        try:
            with bar(self.stderr, desc="Checking entries", unit=" entries") as progress:
                report = import_catalog(file, language=language, dry_run=dry_run, progress=progress)
        except CatalogError as error:
            raise CommandError(str(error)) from error

        verb = "Would apply" if dry_run else "Applied"
        for key, old, new in report.applied:
            self.stdout.write(f"{verb} {key}: {shorten(old) or '(empty)'!s} -> {shorten(new)}")
        for key in report.confirmed:
            verb_confirm = "Would confirm" if dry_run else "Confirmed"
            self.stdout.write(f"{verb_confirm} {key}: the translation fits the new Polish text")
        for reason, keys in report.skipped_by_reason().items():
            self.stdout.write(f"Skipped {len(keys)} ({reason}):")
            for key in keys:
                self.stdout.write(f"  {key}")
        summary = report.summary()
        if dry_run:
            self.stdout.write(f"{summary} Dry run: nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(summary))
