"""Visitors' suggestions, as staff review them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from directory.models.partners import Partner
from directory.models.validators import SOURCE_LENGTH


class SuggestionQuerySet(models.QuerySet):
    def resolved(self):
        return self.filter(status__in=[SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED])


SUGGESTION_MESSAGE_LENGTH = 2000


class SuggestionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    ORGANIZATION = "organization", _("New organization")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in-review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """A visitor's correction to a partner, or an organization they suggest adding.

    Written only by the public form (directory/suggestions.py); staff review it in the
    admin. What the sender typed is stored as text and only ever shown escaped.
    """

    MESSAGE_LENGTH = SUGGESTION_MESSAGE_LENGTH
    NAME_LENGTH = 200
    URL_LENGTH = SOURCE_LENGTH
    Kind = SuggestionKind
    Status = SuggestionStatus
    RESOLVED = (Status.ACCEPTED, Status.REJECTED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("partner"),
        help_text=_("The partner the suggestion concerns."),
    )
    organization_name = models.CharField(
        _("organization's name"), max_length=NAME_LENGTH, blank=True
    )
    message = models.TextField(_("what is wrong or missing"), max_length=MESSAGE_LENGTH)
    source_url = models.URLField(_("source"), max_length=URL_LENGTH)
    email = models.EmailField(_("sender's e-mail address"), blank=True)
    language = models.CharField(_("language of the form"), max_length=15)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        permissions = [
            ("view_suggestion_email", _("Can see the e-mail addresses of senders")),
        ]
        indexes = [models.Index(fields=["status", "handled_at"], name="suggestion_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SuggestionKind.values), name="suggestion_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SuggestionStatus.values),
                name="suggestion_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(message=""), name="suggestion_message_not_empty"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), SUGGESTION_MESSAGE_LENGTH),
                name="suggestion_message_length",
            ),
        ]

    def __str__(self):
        subject = self.partner or self.organization_name or self.get_kind_display()
        return f"#{self.pk} {subject}"
