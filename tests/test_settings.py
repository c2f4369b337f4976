"""Start-up in production mode fails loudly when configuration is missing."""

import os

import pytest
from django.conf import settings

from tests.live_servers import development_environment, run_in_project

PROJECT = settings.BASE_DIR


def start(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"}
    }
    env.update(environment)
    return run_in_project(["manage.py", "check"], env)


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"DEBUG": "0", "ALLOWED_HOSTS": "example.org", "CONTACT_EMAIL": "a@b.org"},
            "SECRET_KEY is not set",
        ),
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": "x" * 50,
                "ALLOWED_HOSTS": "example.org",
                "CONTACT_EMAIL": "a@b.org",
            },
            "SITE_URL is not set",
        ),
        (
            {"DEBUG": "1", "SITE_URL": "https://example.org/directory/"},
            "SITE_URL must be a scheme and a host",
        ),
        ({"DEBUG": "1", "SITE_URL": "example.org"}, "SITE_URL must be a scheme and a host"),
        (
            {"DEBUG": "0", "SECRET_KEY": "x" * 50, "CONTACT_EMAIL": "a@b.org"},
            "ALLOWED_HOSTS is not set",
        ),
        (
            {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"},
            "CONTACT_EMAIL is not set",
        ),
        ({}, "SECRET_KEY is not set"),
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DEBUG": "1", "PROXY_COUNT": "-1"}, "PROXY_COUNT must be 0 or more"),
    ],
)
def test_production_start_without_required_settings_fails_clearly(environment, message):
    result = start(**environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_every_setting_of_the_settings_package_reaches_django():
    from partners_site.settings import admin_access, storage

    for module in (admin_access, storage):
        names = [name for name in vars(module) if name.isupper() and name != "BASE_DIR"]
        assert names
        for name in names:
            assert hasattr(settings, name), (module.__name__, name)


def test_production_start_with_required_settings_succeeds():
    result = start(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="partners.example.org",
        SITE_URL="https://partners.example.org",
        CONTACT_EMAIL="corrections@partners.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_database_url_selects_the_database():
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    result = run_in_project(
        ["-c", code],
        development_environment(DATABASE_URL="postgres://someone@db.example:5432/partners"),
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "partners"]


def test_languages_are_polish_first_then_english():
    assert settings.LANGUAGE_CODE == "pl"
    assert [code for code, _name in settings.LANGUAGES] == ["pl", "en"]
    assert settings.LOCALE_PATHS == [PROJECT / "locale"]
