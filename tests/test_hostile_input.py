"""Hostile input: generated query strings, paths, Accept-Language values and form posts
at every public address and every admin form never cause a server error, are never
reflected unescaped, and are answered with a clear message."""

import string
import time
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.public.filters import LIST_QUERY
from tests.public_urls import public_paths

pytestmark = pytest.mark.django_db

# A script that would run if any reflected value were not escaped.
PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
EXECUTABLE = [b"<script>alert(1)", b"<img src=x onerror"]

fuzz = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text, including control characters, quotes, markup and very long values.
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.printable, max_size=60),
    st.sampled_from(
        ["", "0", "-1", "9" * 40, "1e9", "NaN", "\x00", "%00", "../../etc/passwd", "' OR 1=1 --"]
    ),
).map(lambda text: text + PAYLOAD if len(text) % 3 == 0 else text)
parameter_names = st.one_of(
    st.sampled_from(LIST_QUERY.parameters), st.text(min_size=1, max_size=20)
)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_handled(response, where):
    assert response.status_code < 500, where
    content_type = response.get("Content-Type", "")
    # Markup is where a reflected value could run; JSON and CSV are data (and nosniff).
    if "html" in content_type or "xml" in content_type:
        content = body(response)
        for executable in EXECUTABLE:
            assert executable not in content, where


@pytest.fixture
def site(make_partner, make_focus_area):
    area = make_focus_area(slug="obszar")
    partner = make_partner(slug="fundacja", focus_areas=[area], country="PL")
    return {"slug": partner.slug, "area": area.slug}


@pytest.fixture
def every_public_path(site):
    return public_paths({"slug": site["slug"], "language": "pl"}) + public_paths(
        {"slug": site["area"], "language": "en"}
    )


@fuzz
@given(query=st.lists(st.tuples(parameter_names, hostile_text), max_size=6))
def test_generated_query_strings_at_every_public_address(client, every_public_path, query):
    for path in every_public_path:
        # Followed: a query that is not canonical is redirected to the one that is.
        response = client.get(path, query, follow=True)
        assert_handled(response, (path, query))


@fuzz
@given(segment=hostile_text, language=st.sampled_from(["pl", "en", "xx", ""]))
def test_generated_paths(client, site, segment, language):
    # Percent-encoded as a browser sends it; the server sees the decoded text.
    encoded = quote(segment, safe="/")
    for template in ["/{language}/{segment}", "/{language}/partners/{segment}/", "/{segment}"]:
        # One leading slash: the test client would read "//x" as a host name.
        path = "/" + template.format(language=language, segment=encoded).lstrip("/")
        response = client.get(path)
        assert_handled(response, path)


@fuzz
@given(accept_language=st.one_of(st.text(max_size=300), st.just("pl;q=" + "9" * 500)))
def test_generated_accept_language_headers(client, site, accept_language):
    for path in ["/", "/en/", reverse("directory:partner-list")]:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
        assert_handled(response, (path, accept_language))


@fuzz
@given(fields=st.dictionaries(parameter_names, hostile_text, max_size=5))
def test_posts_to_public_addresses_are_handled(client, every_public_path, fields):
    # The test client skips the CSRF check, so each view sees the post itself.
    for path in every_public_path:
        response = client.post(path, fields)
        assert_handled(response, path)


SUGGESTION_FIELDS = ["organization_name", "message", "source_url", "email", "homepage"]


@fuzz
@given(
    fields=st.fixed_dictionaries({}, optional=dict.fromkeys(SUGGESTION_FIELDS, hostile_text)),
    aged=st.booleans(),
    forwarded=hostile_text,
)
def test_generated_suggestions_are_stored_or_refused_with_a_message(
    client, site, fields, aged, forwarded
):
    from directory.models import Suggestion
    from directory.public.suggestions import form_token

    # A form handed out a minute ago passes the time check; one handed out now does not.
    token = form_token(time.time() - (60 if aged else 0))
    for name, kwargs in [
        ("directory:suggest-correction", {"slug": site["slug"]}),
        ("directory:suggest-organization", None),
    ]:
        before = Suggestion.objects.count()
        response = client.post(
            reverse(name, kwargs=kwargs),
            {**fields, "started": token},
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        assert_handled(response, (name, fields))
        if response.status_code == 302:
            assert Suggestion.objects.count() == before + 1
        else:
            assert response.status_code in (400, 429), (name, fields)
            assert b'class="notice notice-error"' in response.content
            assert Suggestion.objects.count() == before


ADMIN_MODELS = [model._meta.label_lower for model in admin.site._registry]


def many_to_many_forms(user, partner):
    """(address, field) of each many-to-many field in the admin's forms."""
    return [
        (reverse("admin:auth_group_add"), "permissions"),
        (reverse("admin:auth_user_change", args=[user.pk]), "groups"),
        (reverse("admin:auth_user_change", args=[user.pk]), "user_permissions"),
        (reverse("admin:directory_partner_add"), "focus_areas"),
        (reverse("admin:directory_partner_change", args=[partner.pk]), "focus_areas"),
    ]


def test_an_out_of_range_id_in_a_many_to_many_field_is_an_invalid_choice(
    staff_client, django_user_model, make_partner
):
    # Found by the test below: SQLite cannot even compare such a number.
    user = django_user_model.objects.create_user("member")
    for url, field in many_to_many_forms(user, make_partner()):
        response = staff_client.post(url, {"name": "Reviewers", field: ["9" * 40]})
        assert response.status_code == 200, (url, field)
        assert "9" * 40 in response.context["adminform"].form.errors[field][0], (url, field)


def test_every_many_to_many_field_in_the_admin_refuses_out_of_range_ids(rf, admin_user):
    from directory.admin.forms import BoundedModelMultipleChoiceField

    request = rf.get("/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for db_field in model._meta.many_to_many:
            form_field = model_admin.formfield_for_dbfield(db_field, request)
            assert isinstance(form_field, BoundedModelMultipleChoiceField), db_field
            checked += 1
    assert checked == 4


@settings(fuzz, max_examples=10)
@given(data=st.data())
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_generated_posts_to_every_admin_form(staff_client, site, label, data):
    model = apps.get_model(label)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = [reverse(f"{info}_add")]
    existing = model._default_manager.first()
    if existing is not None:
        urls.append(reverse(f"{info}_change", args=[existing.pk]))
    for url in urls:
        form_page = staff_client.get(url)
        if form_page.status_code == 403:
            # The admin offers no such form (axes' logs are read-only).
            continue
        fields = list(form_page.context["adminform"].form.fields)
        values = data.draw(
            st.fixed_dictionaries({}, optional=dict.fromkeys(fields, hostile_text)), label=url
        )
        response = staff_client.post(url, {**values, "_save": "Save"})
        assert_handled(response, (url, values))
        if response.status_code == 200:
            # Refused: the page says what to correct.
            assert b"errornote" in response.content, (url, values)
        else:
            assert response.status_code == 302, (url, values)


@fuzz
@given(
    username=hostile_text,
    password=hostile_text,
    token=st.one_of(st.none(), hostile_text),
)
def test_generated_admin_logins(client, username, password, token):
    fields = {"username": username, "password": password}
    if token is not None:
        fields["otp_token"] = token
    response = client.post("/en/admin/login/", fields)
    assert_handled(response, fields)
    assert response.status_code in (200, 403, 429)
