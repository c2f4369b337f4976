"""Security headers, security.txt, cookies and the production deployment checks."""

import functools
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings

from tests.live_servers import production_environment, run_in_project

# What the settings give a production start (DEBUG off); the tests run with DEBUG on.
PRODUCTION = {
    "SECURE_HSTS_SECONDS": 63072000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
}


def run_in_production(args, **settings):
    return run_in_project(args, production_environment(**settings))


def directives(policy):
    """A Content-Security-Policy as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


PUBLIC_PATHS = ["/en/", "/pl/", "/en/partners/", "/pl/partnerzy/", "/en/about/"]


@pytest.fixture
def secure_client(client):
    """A client whose requests arrive over https, as behind the production proxy."""
    client.get = functools.partial(client.get, secure=True)
    client.post = functools.partial(client.post, secure=True)
    return client


@pytest.mark.django_db
@override_settings(**PRODUCTION)
@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/en/admin/login/", "/.well-known/security.txt"])
def test_every_response_carries_the_security_headers(secure_client, path, make_partner):
    make_partner()
    response = secure_client.get(path)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response


@pytest.mark.django_db
# The static file served from the source folders, as whitenoise does in development: the
# test needs no collectstatic.
@override_settings(**PRODUCTION, WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_error_pages_and_static_files_carry_the_headers_too(secure_client):
    for path, status in [("/en/partners/no-such-partner/", 404), ("/static/css/site.css", 200)]:
        response = secure_client.get(path)
        assert response.status_code == status, path
        assert response["Content-Security-Policy"], path
        assert response["Strict-Transport-Security"], path
        assert response["X-Frame-Options"] == "DENY", path


@pytest.mark.django_db
def test_content_security_policy_allows_only_this_sites_own_files(client):
    policy = directives(client.get("/en/")["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    every_source = [source for sources in policy.values() for source in sources]
    assert not [source for source in every_source if "unsafe" in source or source == "*"]
    assert not [source for source in every_source if source.startswith(("http:", "https:"))]


@pytest.mark.django_db
def test_permissions_policy_denies_every_powerful_feature(client):
    policy = client.get("/en/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "fullscreen"]:
        assert features[feature] == "()"
    assert set(features.values()) == {"()"}


@pytest.mark.django_db
@override_settings(SECURITY_CONTACT_EMAIL="security@partners.example.org")
def test_security_txt_says_how_to_report_a_vulnerability(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@partners.example.org"
    assert fields["Canonical"] == "https://partners.example.org/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "pl, en"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # RFC 9116: in the future, and less than a year ahead.
    assert datetime.now(UTC) < expires < datetime.now(UTC) + timedelta(days=365)


@pytest.mark.django_db
def test_security_txt_answers_only_reads(client):
    assert client.post("/.well-known/security.txt").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_set_no_cookie_and_do_not_vary_on_it(client, path, make_partner):
    make_partner()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    assert response.cookies == {}
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_admin_cookies_are_secure_host_only_and_same_site(secure_client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "correct-horse")
    login_page = secure_client.get("/en/admin/login/")
    csrf = login_page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    assert csrf["path"] == "/" and not csrf["domain"]
    response = secure_client.post(
        "/en/admin/login/",
        {"username": "boss", "password": "correct-horse", "csrfmiddlewaretoken": csrf.value},
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]


def test_production_settings_are_the_strict_ones():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.DEBUG, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.ADMIN_REQUIRE_2FA]))"
    )
    result = run_in_production(["-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[false, 63072000, true, true, true, "__Host-sessionid", "__Host-csrftoken", '
        "true, true, true]"
    )


def test_deployment_checks_pass_in_production():
    result = run_in_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stderr
    assert re.search(r"System check identified no issues \(0 silenced\)", result.stdout)


def test_admin_address_is_configurable():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "from django.utils import translation; translation.activate('en'); "
        "print(reverse('admin:index'))"
    )
    result = run_in_production(["-c", code], ADMIN_URL="/office-7f3a/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/en/office-7f3a/"


def test_a_production_start_sends_the_headers(tmp_path):
    """The real production settings, not overrides: a request over https to a page that
    needs no database."""
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "response = Client().get('/.well-known/security.txt', secure=True, "
        "HTTP_HOST='partners.example.org'); "
        "print(json.dumps({'status': response.status_code, **dict(response.headers)}))"
    )
    result = run_in_production(
        ["-c", code], DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert directives(headers["Content-Security-Policy"])["default-src"] == ["'none'"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
