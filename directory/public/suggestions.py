"""Visitors' suggestions: a correction to a partner, or an organization to add.

The form pages are the only public pages that set a cookie (CSRF) and are never cached.
Abuse is refused without third-party services, each refusal with its own message:
a honeypot field people never see, a signed start time (too fast to be typed by a person,
or too old), length limits and URL validation, and a limit per client address.
"""

import hashlib
import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory import languages
from directory.models import Partner, Suggestion
from partners_site.client_address import client_ip

logger = logging.getLogger(__name__)

TOKEN_SALT = "directory.public.suggestions.started"
RATE_WINDOW_SECONDS = 60 * 60


def form_token(started_at=None):
    """A signed record of when the form was handed out, with a value of its own so that
    one form is sent once (a bot cannot fetch it once and post it again and again)."""
    started_at = time.time() if started_at is None else started_at
    token = {"started": started_at, "once": secrets.token_urlsafe(12)}
    return signing.dumps(token, salt=TOKEN_SALT, compress=False)


class HoneypotInput(forms.TextInput):
    """Never shows a value back, so a refused form does not trip the honeypot again."""

    def format_value(self, value):
        return None


class SuggestionForm(forms.ModelForm):
    # Hidden from people by the stylesheet; bots that fill in every field fill it in.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    REFUSALS = {
        "honeypot": _(
            "The form was not sent: a field meant to catch automated senders was filled in "
            "(some form-filling tools do this). Check your text and send it again."
        ),
        "too_fast": _(
            "The form was sent faster than a person can fill it in. Check your text and "
            "send it again."
        ),
        "expired": _(
            "The form was open for too long or was altered. Check your text and send it again."
        ),
    }

    class Meta:
        model = Suggestion
        fields = ["organization_name", "message", "source_url", "email"]
        labels = {
            "source_url": _("Source"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "source_url": _("The address of a public page that shows the fact, https://…"),
            "email": _("Only if we may ask you about this suggestion."),
        }
        error_messages = {
            "source_url": {"invalid": _("Enter the full address of a web page, https://…")},
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Suggestion.Kind.CORRECTION:
            del self.fields["organization_name"]
            self.fields["message"].label = _("What is wrong or missing?")
            self.fields["message"].help_text = _("Which fact, and what it should say.")
        else:
            self.fields["organization_name"].required = True
            self.fields["message"].label = _("What does the organization do?")
            self.fields["message"].help_text = _(
                "Its work on trust and safety, and why it belongs in the directory."
            )
        self.fields["source_url"].widget.attrs["placeholder"] = "https://"
        if not self.is_bound:
            self.initial["started"] = form_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            raise forms.ValidationError(self.REFUSALS["honeypot"], code="honeypot")
        token = self._token()
        age = None if token is None else time.time() - token["started"]
        if age is None or age > settings.SUGGESTION_FORM_MAX_AGE:
            self.renew_token()
            raise forms.ValidationError(self.REFUSALS["expired"], code="expired")
        if age < settings.SUGGESTION_MIN_SECONDS:
            raise forms.ValidationError(self.REFUSALS["too_fast"], code="too_fast")
        return cleaned

    def _token(self):
        try:
            token = signing.loads(self.data.get("started", ""), salt=TOKEN_SALT)
            return {"started": float(token["started"]), "once": str(token["once"])}
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def claim_token(self):
        """Whether this is the first time the form is sent (the check and the record in
        one step, in the counters every process shares)."""
        key = f"suggestions:form:{self._token()['once']}"
        try:
            return _counters().add(key, 1, settings.SUGGESTION_FORM_MAX_AGE)
        except Exception:  # noqa: BLE001 - without the cache, the other checks still apply
            logger.exception("Cannot record a sent suggestion form; accepting.")
            return True

    def renew_token(self):
        """The form shown again carries a fresh start time, and the sender's text."""
        self.data = self.data.copy()
        self.data["started"] = form_token()

    def refuse(self, message, code):
        self.add_error(None, forms.ValidationError(message, code=code))


def _counters():
    # Shared by every process (settings.CACHES["counters"]): a per-process count would let
    # each worker accept the whole limit again.
    return caches["counters"]


def _rate_key(request):
    # The address is hashed: the cache holds no address, only a count for an hour.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()
    return f"suggestions:sent:{digest}"


def over_rate_limit(request):
    try:
        return _counters().get(_rate_key(request), 0) >= settings.SUGGESTIONS_PER_HOUR
    except Exception:  # noqa: BLE001 - without the cache, the other checks still apply
        logger.exception("Cannot read the suggestion rate limit; accepting.")
        return False


def count_sent(request):
    key = _rate_key(request)
    try:
        counters = _counters()
        counters.add(key, 0, RATE_WINDOW_SECONDS)
        counters.incr(key)
    except Exception:  # noqa: BLE001
        logger.exception("Cannot count a suggestion for the rate limit.")


def notify_staff(suggestion):
    """Tell staff by e-mail, in plain text, with the sender's text quoted line by line.
    The sender's e-mail address stays in the admin, not in mailboxes."""
    admin_path = reverse("admin:directory_suggestion_change", args=[suggestion.pk])
    with translation.override(languages.default_language()):
        subject = str(_("New suggestion for the directory")) + f" #{suggestion.pk}"
        body = render_to_string(
            "directory/email/suggestion_notification.txt",
            {
                "suggestion": suggestion,
                # One line, whatever was sent: nothing the sender types can pose as a line
                # of the message's own.
                "organization_name": " ".join(suggestion.organization_name.split()),
                "quoted_message": "\n".join(
                    f"> {line}" for line in suggestion.message.splitlines()
                ),
                "admin_url": getattr(settings, "SITE_URL", "").rstrip("/") + admin_path,
            },
        )
    try:
        send_mail(subject, body, None, settings.SUGGESTIONS_NOTIFY_EMAILS)
    except Exception:  # noqa: BLE001 - the suggestion is stored; staff see it in the admin
        logger.exception("Cannot send the e-mail about suggestion %s.", suggestion.pk)


def accept(request, form, partner):
    """Store a valid suggestion and tell staff; None when a limit refuses it."""
    if over_rate_limit(request):
        form.refuse(
            _(
                "You have sent %(limit)s suggestions in the last hour, the most we accept "
                "from one address. Please send this one later; your text is kept below."
            )
            % {"limit": settings.SUGGESTIONS_PER_HOUR},
            "rate_limit",
        )
        return None
    if not form.claim_token():
        form.renew_token()
        form.refuse(form.REFUSALS["expired"], "expired")
        return None
    suggestion = form.save(commit=False)
    suggestion.kind = form.kind
    suggestion.partner = partner
    suggestion.language = translation.get_language()
    with transaction.atomic():
        suggestion.save()
        # After the commit, from the saved object (a read replica may not have it yet);
        # robust: nothing in the notice may fail the visitor's request.
        transaction.on_commit(lambda: notify_staff(suggestion), robust=True)
    count_sent(request)
    return suggestion


def suggestion_page(request, kind, partner=None):
    status = 200
    if request.method == "POST":
        form = SuggestionForm(request.POST, kind=kind)
        if form.is_valid() and accept(request, form, partner):
            return redirect("directory:suggestion-sent")
        rate_limited = form.has_error(forms.forms.NON_FIELD_ERRORS, "rate_limit")
        status = 429 if rate_limited else 400
    else:
        form = SuggestionForm(kind=kind)
    context = {
        "form": form,
        "kind": kind,
        "partner": partner,
        "retention_days": settings.SUGGESTION_EMAIL_RETENTION_DAYS,
    }
    return render(request, "directory/suggestion_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest_correction(request, slug):
    partner = get_object_or_404(Partner.objects.published(), slug=slug)
    return suggestion_page(request, Suggestion.Kind.CORRECTION, partner)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest_organization(request):
    return suggestion_page(request, Suggestion.Kind.ORGANIZATION)


@never_cache
def csrf_failure(request, reason=""):
    """A form sent without its security cookie or token: say why, in the page's language."""
    return render(request, "403_csrf.html", status=403)
