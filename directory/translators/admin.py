"""The admin's Translations page: per language what is translated and stale (the figures of
`manage.py translation_status`), the content catalog to download (what `export_content_po`
writes) and a translated one to upload, checked first as `import_content_po --dry-run`
would and applied only when confirmed, all or nothing, as the uploader's change."""

import base64
import hashlib
import secrets
import tempfile
import zlib
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from directory.languages import choices, local_name, translation_languages
from directory.models import FocusArea, Partner
from directory.translators import content_catalog, content_export, content_import, status
from directory.translators.interface_catalog import MSGID_LANGUAGE

# The shipped directory's catalog is 23 kB (1.5 kB a partner or focus area), so 10 MB holds
# some six thousand; larger uploads stop being read at the limit. The file waits in the
# session between check and confirmation, compressed (about a quarter of its size).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SESSION_KEY = "content_catalog_upload"
# How the page says the command's reasons for skipping an entry.
SKIP_REASONS = {
    content_import.SKIP_UNTRANSLATED: _("not translated"),
    content_import.SKIP_FUZZY: _("marked fuzzy (needs review) in the file"),
    content_import.SKIP_SOURCE_CHANGED: _(
        "the Polish text has changed since the file was downloaded: download it again"
    ),
}


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stops reading an upload as soon as it passes MAX_UPLOAD_BYTES."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


class CatalogUploadForm(forms.Form):
    catalog = forms.FileField(
        label=_("Translated content catalog (.po)"),
        help_text=_("The file you downloaded here, translated in Poedit or another .po editor."),
    )


def may_import(user):
    """Importing changes translations of partners and focus areas: Translators, Editors
    and superusers."""
    return all(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model in (Partner, FocusArea)
    )


def report_digest(report):
    """What a report says, so that the confirmation applies exactly what was shown."""
    text = repr((report.language, report.applied, report.confirmed, report.unchanged))
    return hashlib.sha256((text + repr(report.skipped)).encode()).hexdigest()


def run_import(data, name, **options):
    """import_catalog on uploaded bytes (polib reads files, and guesses whether a string
    is a path, so the bytes go to a temporary file first)."""
    with tempfile.NamedTemporaryFile(suffix=".po") as file:
        file.write(data)
        file.flush()
        return content_import.import_catalog(Path(file.name), name=name, **options)


class TranslationsAdminMixin:
    """The Translations page and its download and upload, on the partner admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "translation-status/",
                view(self.translation_status),
                name="directory_translation_status",
            ),
            path(
                "translations/<str:language>/content.po",
                view(self.download_catalog),
                name="directory_content_catalog",
            ),
            path(
                "translations/upload/",
                view(csrf_exempt(self.upload_catalog)),
                name="directory_content_catalog_upload",
            ),
            path(
                "translations/confirm/",
                view(self.confirm_catalog),
                name="directory_content_catalog_confirm",
            ),
            path("translations/guide/", view(self.translating_guide), name="directory_translating"),
            *super().get_urls(),
        ]

    def translations_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": _("Translations"),
            "opts": self.model._meta,
            "may_import": may_import(request.user),
            "max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
            **extra,
        }

    def translation_status(self, request):
        """The figures of `manage.py translation_status`, the downloads and the upload."""
        if not self.has_view_permission(request):
            raise Http404
        interface = status.interface_status()
        content = status.content_status()
        languages = [
            {
                "code": code,
                "name": name,
                "interface": interface[code],
                "content": content.get(code),
                "msgids": code == MSGID_LANGUAGE,
            }
            for code, name in choices()
        ]
        context = self.translations_context(
            request,
            languages=languages,
            form=CatalogUploadForm(),
            stale_list_url=reverse("admin:directory_partner_changelist") + "?translations=stale",
            stale_focus_area_url=(
                reverse("admin:directory_focusarea_changelist") + "?translations=stale"
            ),
        )
        return TemplateResponse(request, "admin/directory/translation_status.html", context)

    def download_catalog(self, request, language):
        if not self.has_view_permission(request):
            raise Http404
        if language not in translation_languages():
            raise Http404(gettext("This site has no translation language with this code."))
        text = str(content_export.build_catalog(language))
        response = HttpResponse(text, content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="content-{language}.po"'
        return response

    def translating_guide(self, request):
        """TRANSLATING.md, as it is in the deployed code."""
        if not self.has_view_permission(request):
            raise Http404
        guide = Path(settings.BASE_DIR) / "TRANSLATING.md"
        if not guide.is_file():
            raise Http404
        return HttpResponse(guide.read_text(encoding="utf-8"), "text/plain; charset=utf-8")

    def upload_catalog(self, request):
        # The size limit must be in place before the body is read, so CSRF is checked
        # after (csrf_protect below), not by the middleware.
        request.upload_handlers = [LimitedUploadHandler(request)]
        return csrf_protect(self.check_upload)(request)

    def check_upload(self, request):
        if not may_import(request.user):
            raise Http404
        if request.method != "POST":
            return redirect("admin:directory_translation_status")
        form = CatalogUploadForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            return self.upload_error(
                request,
                gettext("The file is larger than %(size)d MB; nothing was changed.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        if not form.is_valid():
            return self.upload_error(request, " ".join(form.errors["catalog"]))
        upload = form.cleaned_data["catalog"]
        name = Path(upload.name).name[:100]
        data = upload.read()
        try:
            report = run_import(data, name, dry_run=True)
        except content_catalog.CatalogError as error:
            return self.upload_error(request, str(error), catalog_problem=True)
        token = secrets.token_urlsafe(16)
        request.session[UPLOAD_SESSION_KEY] = {
            "token": token,
            "name": name,
            "data": base64.b64encode(zlib.compress(data)).decode(),
            "digest": report_digest(report),
        }
        return self.show_report(request, report, name, token)

    def show_report(self, request, report, name, token, changed_since=False):
        context = self.translations_context(
            request,
            title=_("Check the upload"),
            report=report,
            language_name=local_name(report.language),
            file_name=name,
            token=token,
            skipped=[
                (SKIP_REASONS.get(reason, reason), keys)
                for reason, keys in report.skipped_by_reason().items()
            ],
            changed_since=changed_since,
        )
        return TemplateResponse(request, "admin/directory/content_catalog_report.html", context)

    def upload_error(self, request, message, catalog_problem=False):
        context = self.translations_context(
            request,
            title=_("This file cannot be imported"),
            message=message,
            catalog_problem=catalog_problem,
            form=CatalogUploadForm(),
        )
        return TemplateResponse(
            request, "admin/directory/content_catalog_error.html", context, status=400
        )

    def confirm_catalog(self, request):
        if not may_import(request.user):
            raise Http404
        if request.method != "POST":
            return redirect("admin:directory_translation_status")
        pending = request.session.get(UPLOAD_SESSION_KEY)
        if not pending or not secrets.compare_digest(
            pending["token"], str(request.POST.get("token", ""))
        ):
            return self.upload_error(
                request,
                gettext(
                    "This upload is no longer waiting for confirmation (it was applied or "
                    "replaced by another). Upload the file again."
                ),
            )
        data = zlib.decompress(base64.b64decode(pending["data"]))
        name = pending["name"]
        reason = gettext("Imported from the content catalog %(file)s") % {"file": name}
        try:
            with transaction.atomic():
                report = run_import(data, name, change_reason=reason)
                if report_digest(report) != pending["digest"]:
                    # Someone changed the texts since the check: show what it does now.
                    transaction.set_rollback(True)
                    pending["digest"] = report_digest(report)
                    request.session[UPLOAD_SESSION_KEY] = pending
                    return self.show_report(
                        request, report, name, pending["token"], changed_since=True
                    )
        except content_catalog.CatalogError as error:
            return self.upload_error(request, str(error), catalog_problem=True)
        del request.session[UPLOAD_SESSION_KEY]
        self.message_user(
            request,
            gettext(
                "Imported %(file)s: %(applied)d applied, %(confirmed)d confirmed, "
                "%(unchanged)d unchanged, %(skipped)d skipped."
            )
            % {
                "file": name,
                "applied": len(report.applied),
                "confirmed": len(report.confirmed),
                "unchanged": len(report.unchanged),
                "skipped": len(report.skipped),
            },
        )
        return redirect("admin:directory_translation_status")
