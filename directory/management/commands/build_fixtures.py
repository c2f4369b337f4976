from django.core.management.base import BaseCommand, CommandError

from directory.data.announcement import (
    FIXTURE_PATH,
    SourceDataError,
    build_fixture,
    read_sources,
    render_fixture,
)


class Command(BaseCommand):
    help = (
        "Build fixtures/partners.json from the announcement (Polish names and missions, "
        "verbatim) and the curated facts in fixtures/source/partners.toml."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if the committed fixture differs from a fresh build.",
        )

    def handle(self, *args, check=False, **options):
        try:
            fixture = render_fixture(build_fixture(*read_sources()))
        except (SourceDataError, KeyError, ValueError, OSError) as error:
            raise CommandError(f"Cannot build the fixture: {error}") from error

        current = FIXTURE_PATH.read_text(encoding="utf-8") if FIXTURE_PATH.exists() else None
        if check:
            if current != fixture:
                raise CommandError(
                    f"{FIXTURE_PATH.name} is not what its sources build. "
                    "Run `python manage.py build_fixtures` and commit the result."
                )
            self.stdout.write(f"{FIXTURE_PATH.name} is current.")
            return
        if current == fixture:
            self.stdout.write(f"{FIXTURE_PATH.name} is already current.")
            return
        FIXTURE_PATH.write_text(fixture, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {FIXTURE_PATH}."))
