import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from directory.models import FocusArea, Partner

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests see freshly rendered pages (with their template context) and freshly counted
    figures; the page cache, the count cache and the cached cards have tests of their own,
    which turn them on."""
    settings.PAGE_CACHE_ENABLED = False
    settings.COUNT_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request through the test client
    leaves its page's language active (LocaleMiddleware never deactivates it), and a later
    test's reverse() would otherwise build that language's addresses."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def site_address(settings, tmp_path):
    """A fixed public address, unlike the test client's host, so that a test sees where an
    address came from; and a page cache generation of each test's own."""
    settings.SITE_URL = "https://partners.example.org"
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "page-cache-generation"


@pytest.fixture
def make_focus_area(db):
    def make(**overrides):
        number = next(_numbers)
        values = {
            "slug": f"area-{number}",
            "name_pl": f"Obszar {number}",
            "name_en": f"Area {number}",
            "position": number,
        }
        values.update(overrides)
        return FocusArea.objects.create(**values)

    return make


@pytest.fixture
def make_partner(db):
    def make(focus_areas=(), **overrides):
        number = next(_numbers)
        values = {
            "name_pl": f"Organizacja {number}",
            "name_en": f"Organization {number}",
            "mission_pl": f"Misja organizacji numer {number}.",
            "mission_en": f"Mission of organization number {number}.",
            "founding_year": 2000,
            "organization_type": Partner.OrganizationType.NONPROFIT,
            "is_published": True,
        }
        values.update(overrides)
        partner = Partner.objects.create(**values)
        partner.focus_areas.set(focus_areas)
        return partner

    return make


@pytest.fixture
def shipped_directory(db):
    """The directory as shipped: the `partners` fixture built from the announcement."""
    call_command("loaddata", "partners", verbosity=0)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    return client


@pytest.fixture
def member_of(client, django_user_model):
    """Signs in a new staff member of a role (a group): member_of("Editors") -> client."""

    def sign_in(group_name):
        user = django_user_model.objects.create_user(
            f"{group_name.lower()}-member", password="pass", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def export_folder(settings, tmp_path):
    """Each test builds its exports in a folder of its own."""
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


@pytest.fixture
def fresh_rate_limit(settings, tmp_path):
    """Each test counts suggestions from zero, in a folder of its own (as every process
    would share), whatever earlier runs left in the project's var/counters."""
    settings.CACHES = {
        **settings.CACHES,
        "counters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "counters"),
            "TIMEOUT": settings.CACHES["counters"]["TIMEOUT"],
        },
    }
