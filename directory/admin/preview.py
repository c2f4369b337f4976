"""Staff preview of a partner as visitors would see it, drafts included.

It lives under the admin's address, so the public pages never look at who is signed in
(they stay cookie-free and cacheable) and a draft's public address stays a 404.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers


class PartnerPreviewAdminMixin:
    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="directory_partner_preview",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, obj):
        # A draft's public page is a 404: "View on site" shows the preview instead.
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("admin:directory_partner_preview", args=[obj.pk])

    def preview_view(self, request, object_id):
        partner = get_object_or_404(
            self.model._base_manager.prefetch_related("focus_areas"), pk=object_id
        )
        if not self.has_view_or_change_permission(request, partner):
            raise PermissionDenied
        response = TemplateResponse(
            request,
            "directory/partner_preview.html",
            {
                "partner": partner,
                "object": partner,
                "change_url": reverse("admin:directory_partner_change", args=[partner.pk]),
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response
