"""Remove the senders' e-mail addresses from suggestions resolved long enough ago.

Run it daily from cron; the privacy note on the suggestion forms promises it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import Suggestion


class Command(BaseCommand):
    help = (
        "Remove the senders' e-mail addresses from suggestions accepted or rejected more "
        "than --days days ago (SUGGESTION_EMAIL_RETENTION_DAYS by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUGGESTION_EMAIL_RETENTION_DAYS,
            help="Keep addresses this many days after a suggestion is resolved.",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        cutoff = timezone.now() - timedelta(days=days)
        # update(): no history entry is needed, and the history never held the address.
        removed = (
            Suggestion.objects.resolved()
            .filter(handled_at__lte=cutoff)
            .exclude(email="")
            .update(email="")
        )
        self.stdout.write(f"Removed the e-mail address from {removed} resolved suggestion(s).")
