"""A translator downloads the English content catalog in the admin, translates one entry as
a PO editor would, uploads it, reads the report, confirms, and sees the text on the site."""

import polib
import pytest
from django.contrib.auth.models import Permission
from django.utils.translation import override

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_translator_round_trips_the_content_catalog_in_the_browser(
    page,
    console_errors,
    off_site_requests,
    accessibility_problems,
    django_user_model,
    make_partner,
    tmp_path,
):
    partner = make_partner(slug="fundacja", name_pl="Fundacja Dzieci", name_en="")
    translator = django_user_model.objects.create_user("tlumacz", password="pw", is_staff=True)
    # The Translators group of the migrations (a browser test's database starts empty).
    translator.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="directory",
            codename__in=["change_partner", "view_partner", "change_focusarea", "view_focusarea"],
        )
    )
    page.goto("/en/admin/login/")
    page.fill("#id_username", "tlumacz")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/")
    page.get_by_role("link", name="Translation status").click()
    assert accessibility_problems() is None

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download content-en.po").click()
    downloaded = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(downloaded)
    assert downloaded.name == "content-en.po"

    catalog = polib.pofile(str(downloaded))
    catalog.find("Fundacja Dzieci", msgctxt="partner/fundacja/name").msgstr = "Children's Fund"
    catalog.save()

    page.set_input_files("#id_catalog", str(downloaded))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    applied = page.locator("#applied tbody tr")
    assert applied.count() == 1
    assert "Children's Fund" in applied.inner_text()
    assert accessibility_problems() is None
    with page.expect_navigation():
        page.get_by_role("button", name="Apply these translations").click()
    assert "Imported content-en.po: 1 applied" in page.inner_text(".messagelist")

    with override("en"):
        page.goto(partner.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Children's Fund"
    assert console_errors == []
    assert off_site_requests == []
