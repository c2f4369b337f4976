"""Staff accounts in the admin: a superuser sees who has which two-factor devices and can
reset them (recorded in the member's history), but no secret or backup code is ever shown.
django-otp's own admin pages show and edit the secrets, so they are replaced."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.admin import two_factor_views
from directory.admin.forms import BoundedManyToManyMixin

User = get_user_model()


class DeviceListAdmin(admin.ModelAdmin):
    """A list to look at; a member's devices are reset from their account page."""

    list_display = ["user", "name", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name"]
    fields = ["user", "name", "created_at", "last_used_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(confirmed=True)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuthenticatorAdmin(DeviceListAdmin):
    pass


class BackupCodesAdmin(DeviceListAdmin):
    list_display = ["user", "codes_left", "created_at", "last_used_at"]
    fields = ["user", "codes_left", "created_at", "last_used_at"]
    readonly_fields = ["codes_left"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(codes=Count("token_set"))

    @admin.display(description=_("codes left"), ordering="codes")
    def codes_left(self, obj):
        return obj.codes


class DirectoryUserAdmin(BoundedManyToManyMixin, UserAdmin):
    change_form_template = "admin/two_factor/user_change_form.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reset-two-factor/",
                self.admin_site.admin_view(two_factor_views.reset_view(self)),
                name="auth_user_reset_two_factor",
            ),
            *super().get_urls(),
        ]


class DirectoryGroupAdmin(BoundedManyToManyMixin, GroupAdmin):
    pass


for model, model_admin in [
    (TOTPDevice, AuthenticatorAdmin),
    (StaticDevice, BackupCodesAdmin),
    (User, DirectoryUserAdmin),
    (Group, DirectoryGroupAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
