"""The admin's Translations page: download a language's content catalog, upload a translated
one, see what it would do, confirm, all or nothing, as the uploader's change."""

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import Partner
from directory.translators import admin as translations_admin
from directory.translators import content_export, content_import

pytestmark = pytest.mark.django_db

STATUS = "/en/admin/directory/partner/translation-status/"
UPLOAD = "/en/admin/directory/partner/translations/upload/"
CONFIRM = "/en/admin/directory/partner/translations/confirm/"


@pytest.fixture
def translator(client, django_user_model):
    user = django_user_model.objects.create_user("tlumacz", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    return user


@pytest.fixture
def partner(make_partner):
    return make_partner(slug="fundacja", name_pl="Fundacja", name_en="", mission_en="")


def download(client, language="en"):
    response = client.get(f"/en/admin/directory/partner/translations/{language}/content.po")
    assert response.status_code == 200
    return response


def translated(client, **msgstrs):
    """The downloaded English catalog with some entries translated, as a PO editor saves it."""
    catalog = polib.pofile(download(client).content.decode())
    for entry in catalog:
        if entry.msgctxt in msgstrs:
            entry.msgstr = msgstrs[entry.msgctxt]
    return str(catalog).encode()


def upload(client, data, name="content-en.po"):
    return client.post(UPLOAD, {"catalog": SimpleUploadedFile(name, data)})


def test_the_download_is_what_export_content_po_writes(client, translator, partner):
    response = download(client)
    assert response["Content-Disposition"] == 'attachment; filename="content-en.po"'
    expected = str(content_export.build_catalog("en"))
    assert response.content.decode() == expected


def test_there_is_no_download_of_the_source_language(client, translator):
    assert client.get("/en/admin/directory/partner/translations/pl/content.po").status_code == 404


def test_an_upload_shows_the_dry_run_report_and_changes_nothing(client, translator, partner):
    data = translated(client, **{"partner/fundacja/name": "Foundation"})
    response = upload(client, data)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.applied == [("partner/fundacja/name", "", "Foundation")]
    assert response.context["skipped"] == [
        (
            translations_admin.SKIP_REASONS[content_import.SKIP_UNTRANSLATED],
            ["partner/fundacja/mission"],
        )
    ]
    partner.refresh_from_db()
    assert partner.name_en == ""


def test_confirming_applies_it_as_the_translators_change(client, translator, partner):
    response = upload(client, translated(client, **{"partner/fundacja/name": "Foundation"}))
    response = client.post(CONFIRM, {"token": response.context["token"]})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name_en == "Foundation"
    record = partner.history.latest()
    assert record.history_user == translator
    assert "content-en.po" in record.history_change_reason
    # A second confirmation of the same upload does nothing more.
    assert client.post(CONFIRM, {"token": response.wsgi_request.POST["token"]}).status_code == 400


def test_a_forged_token_applies_nothing(client, translator, partner):
    upload(client, translated(client, **{"partner/fundacja/name": "Foundation"}))
    assert client.post(CONFIRM, {"token": "forged"}).status_code == 400
    partner.refresh_from_db()
    assert partner.name_en == ""


def test_texts_changed_since_the_check_are_shown_again_before_anything_is_applied(
    client, translator, partner
):
    response = upload(client, translated(client, **{"partner/fundacja/name": "Foundation"}))
    token = response.context["token"]
    Partner.objects.filter(pk=partner.pk).update(name_pl="Fundacja Nowa")
    response = client.post(CONFIRM, {"token": token})
    assert response.status_code == 200
    assert response.context["changed_since"]
    partner.refresh_from_db()
    assert partner.name_en == ""


@pytest.mark.parametrize(
    "data, message, catalog_problem",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "is not a readable .po file", True),
        # An empty upload is refused by the form, before the file is read as a catalog.
        (b"", "The submitted file is empty.", False),
        (b'msgid "X"\nmsgstr "Y"\n', "does not say which language it holds", True),
        (
            b'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgctxt "partner/nie-ma/name"\n'
            b'msgid "X"\nmsgstr "Y"\n',
            "there is no partner with the slug 'nie-ma'",
            True,
        ),
        (
            b'msgid ""\nmsgstr ""\n"Language: pl\\n"\n\nmsgid "X"\nmsgstr "Y"\n',
            "pl is the source language",
            True,
        ),
    ],
)
def test_a_bad_file_gets_the_commands_message_and_changes_nothing(
    client, translator, partner, data, message, catalog_problem
):
    response = upload(client, data, name="<b>bad</b>.po")
    assert response.status_code == 400
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert ("Nothing was changed" in html) == catalog_problem
    assert "<b>bad</b>" not in html
    partner.refresh_from_db()
    assert partner.name_en == ""


def test_a_text_too_long_for_its_field_is_refused_all_or_nothing(client, translator, partner):
    data = translated(
        client,
        **{"partner/fundacja/name": "Foundation", "partner/fundacja/mission": "M" * 10},
    )
    max_length = Partner._meta.get_field("name_en").max_length
    data = data.replace(b'msgstr "Foundation"', b'msgstr "' + b"F" * (max_length + 1) + b'"')
    response = upload(client, data)
    assert response.status_code == 400
    assert "the field holds at most" in response.content.decode()
    partner.refresh_from_db()
    assert partner.mission_en == ""


def test_an_upload_over_the_size_limit_is_refused(client, translator, partner, monkeypatch):
    monkeypatch.setattr(translations_admin, "MAX_UPLOAD_BYTES", 1000)
    response = upload(client, translated(client) + b"#" * 2000)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_an_upload_needs_the_csrf_token(translator, partner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(translator)
    response = upload(client, b"whatever")
    assert response.status_code == 403


def test_staff_who_may_only_view_cannot_upload(client, django_user_model, partner):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_partner"))
    client.force_login(viewer)
    assert client.get(STATUS).status_code == 200
    assert "Upload a translated catalog" not in client.get(STATUS).content.decode()
    assert upload(client, b"x").status_code == 404


def test_the_page_links_to_the_instructions_for_interface_strings(client, translator):
    html = client.get(STATUS).content.decode()
    assert "/en/admin/directory/partner/translations/guide/" in html
    guide = client.get("/en/admin/directory/partner/translations/guide/")
    assert "Poedit" in guide.content.decode()
