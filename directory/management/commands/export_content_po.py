from django.core.management.base import BaseCommand, CommandError

from directory.data.progress import bar
from directory.languages import translation_languages
from directory.translators.content_catalog import CatalogError, catalog_path
from directory.translators.content_export import build_catalog
from directory.translators.status import content_totals


class Command(BaseCommand):
    help = (
        "Write the partners' and focus areas' texts as a gettext catalog for translators, "
        "locale/<language>/LC_MESSAGES/content.po: the Polish text as msgid, a key in "
        "msgctxt, stale translations as fuzzy with the previous Polish text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            help="One translation language (default: every language but the source).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if a committed catalog differs from a fresh export.",
        )

    def handle(self, *args, language=None, check=False, **options):
        languages = [language] if language else translation_languages()
        if not languages:
            raise CommandError("The site has no language besides the source language.")
        stale = []
        for code in languages:
            rows = sum(count for _model, count in content_totals())
            try:
                with bar(
                    self.stderr, desc=f"Exporting {code}", total=rows, unit=" rows"
                ) as progress:
                    text = str(build_catalog(code, progress))
            except CatalogError as error:
                raise CommandError(str(error)) from error
            path = catalog_path(code)
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if check:
                if current != text:
                    stale.append(path)
                continue
            if current == text:
                self.stdout.write(f"{path} is already current.")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {path}."))
        if check:
            if stale:
                names = ", ".join(str(path) for path in stale)
                raise CommandError(
                    f"Not what the database exports: {names}. Run "
                    "`python manage.py export_content_po` and commit the result."
                )
            self.stdout.write("The content catalogs are current.")
