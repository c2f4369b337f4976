"""The admin's two-factor pages: a member's own devices (enrolment, backup codes, removal)
and a superuser's reset of another member's devices. The rules are in two_factor.py."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.admin.two_factor import (
    PENDING_SESSION_KEY,
    EnrolForm,
    needs_enrolment,
    new_backup_codes,
    pending_device,
    qr_code_data_url,
    record,
    secret_text,
)


class TwoFactorViews:
    """The admin site's pages for a member's own devices, bound to `site`."""

    def __init__(self, site):
        self.site = site

    def may_enrol(self, request):
        return needs_enrolment(request) or self.site.has_permission(request)

    def context(self, request, **extra):
        if needs_enrolment(request):
            # Nothing to navigate to yet: no menu, no sidebar.
            base = {
                "site_header": self.site.site_header,
                "site_title": self.site.site_title,
                "has_permission": False,
                "is_nav_sidebar_enabled": False,
            }
        else:
            base = self.site.each_context(request)
        return {**base, **extra}

    def enrol(self, request):
        if not self.may_enrol(request):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        replacing = None
        replace = request.GET.get("replace", "")
        if replace.isdigit() and len(replace) < 19 and not needs_enrolment(request):
            replacing = TOTPDevice.objects.filter(
                user=request.user, confirmed=True, pk=replace
            ).first()
        device = pending_device(request)
        form = EnrolForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            return self.confirm_enrolment(request, device, form.cleaned_data["name"], replacing)
        context = self.context(
            request,
            title=_("Set up two-factor login"),
            form=form,
            qr_code=qr_code_data_url(device.config_url),
            secret=secret_text(device),
            replacing=replacing,
            first_device=needs_enrolment(request),
        )
        return TemplateResponse(request, "admin/two_factor/enrol.html", context)

    def confirm_enrolment(self, request, device, name, replacing):
        with transaction.atomic():
            device.name = name
            device.confirmed = True
            device.save(update_fields=["name", "confirmed"])
            request.session.pop(PENDING_SESSION_KEY, None)
            if replacing is not None:
                replacing.delete()
            django_otp.login(request, device)
            record(
                request,
                request.user,
                gettext("Set up two-factor device “%(name)s”.") % {"name": name},
            )
            needs_codes = not StaticDevice.objects.filter(
                user=request.user, token_set__isnull=False
            ).exists()
            codes = new_backup_codes(request.user) if needs_codes else None
        if codes:
            return self.show_backup_codes(request, codes)
        messages.success(request, gettext("Your authenticator app is set up."))
        return redirect("admin:two_factor")

    def show_backup_codes(self, request, codes):
        context = self.context(request, title=_("Your backup codes"), codes=codes)
        return TemplateResponse(request, "admin/two_factor/backup_codes.html", context)

    def devices(self, request):
        context = self.context(
            request,
            title=_("Your two-factor login"),
            authenticators=TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by(
                "pk"
            ),
            backup_codes_left=StaticToken.objects.filter(device__user=request.user).count(),
            require_2fa=settings.ADMIN_REQUIRE_2FA,
        )
        return TemplateResponse(request, "admin/two_factor/devices.html", context)

    def regenerate_backup_codes(self, request):
        if request.method != "POST":
            return redirect("admin:two_factor")
        codes = new_backup_codes(request.user)
        record(request, request.user, gettext("Made new backup codes."))
        return self.show_backup_codes(request, codes)

    def remove(self, request, device_id):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True, pk=device_id).first()
        if device is None:
            raise Http404(gettext("This device does not exist or was removed already."))
        last = (
            not TOTPDevice.objects.filter(user=request.user, confirmed=True)
            .exclude(pk=device.pk)
            .exists()
        )
        if request.method == "POST":
            with transaction.atomic():
                device.delete()
                if last:
                    # Backup codes alone are no way to sign in: they go with the last app.
                    StaticDevice.objects.filter(user=request.user).delete()
                record(
                    request,
                    request.user,
                    gettext("Removed two-factor device “%(name)s”.") % {"name": device.name},
                )
            messages.success(request, gettext("“%(name)s” was removed.") % {"name": device.name})
            if last and settings.ADMIN_REQUIRE_2FA:
                return redirect("admin:two_factor_enrol")
            return redirect("admin:two_factor")
        context = self.context(
            request, title=_("Remove a two-factor device"), device=device, last=last
        )
        return TemplateResponse(request, "admin/two_factor/remove.html", context)

    def urls(self):
        site = self.site
        return [
            path("two-factor/", site.admin_view(self.devices), name="two_factor"),
            path(
                "two-factor/set-up/",
                never_cache(csrf_protect(self.enrol)),
                name="two_factor_enrol",
            ),
            path(
                "two-factor/backup-codes/",
                site.admin_view(self.regenerate_backup_codes),
                name="two_factor_backup_codes",
            ),
            path(
                "two-factor/<int:device_id>/remove/",
                site.admin_view(self.remove),
                name="two_factor_remove",
            ),
        ]


def reset_view(model_admin):
    """A superuser's reset of another member's devices: the member enrols again at their
    next sign-in. No secret is ever shown."""

    def view(request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        member = model_admin.get_object(request, object_id)
        if member is None:
            raise Http404
        devices = list(django_otp.devices_for_user(member, confirmed=None))
        if request.method == "POST":
            with transaction.atomic():
                for device in devices:
                    device.delete()
                model_admin.log_change(
                    request,
                    member,
                    ngettext(
                        "Reset two-factor login: removed %(count)d device.",
                        "Reset two-factor login: removed %(count)d devices.",
                        len(devices),
                    )
                    % {"count": len(devices)},
                )
            messages.success(
                request,
                gettext(
                    "The two-factor login of %(user)s was reset: they set it up again at "
                    "their next sign-in."
                )
                % {"user": member.get_username()},
            )
            return redirect("admin:auth_user_change", member.pk)
        opts = model_admin.model._meta
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Reset two-factor login"),
            "opts": opts,
            "original": member,
            "devices": devices,
        }
        return TemplateResponse(request, "admin/two_factor/reset.html", context)

    view.__name__ = "reset_two_factor"
    return view
