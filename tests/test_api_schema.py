"""The API against its own OpenAPI description: schemathesis generates requests from the
schema, valid and invalid, and checks every answer in-process against the WSGI app."""

import json

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from directory.opendata.api import openapi_schema
from partners_site.wsgi import application

# The focus areas of the shipped directory, which every test here loads: the schema the
# API serves over that data (checked below) is the one the requests are generated from.
SHIPPED_FOCUS_AREAS = [
    entry["fields"]["slug"]
    for entry in json.loads(
        (django_settings.BASE_DIR / "fixtures" / "partners.json").read_text(encoding="utf-8")
    )
    if entry["model"] == "directory.focusarea"
]

schema = schemathesis.openapi.from_dict(openapi_schema(SHIPPED_FOCUS_AREAS))
schema.app = application


@pytest.fixture
def directory_with_a_draft(shipped_directory, make_partner):
    make_partner(slug="a-draft", name_pl="Szkic", is_published=False)


@pytest.fixture
def connection_kept_across_requests():
    """The WSGI app closes the database connection after each request, which would end the
    test's transaction; Django's test client stops that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_schema_is_the_one_tested(client, directory_with_a_draft):
    served = client.get("/api/v1/openapi.json").json()

    assert served == json.loads(json.dumps(schema.raw_schema))


def years_reversed(query):
    try:
        return int(query["founded_from"]) > int(query["founded_to"])
    except (KeyError, TypeError, ValueError):
        return False


@schema.parametrize()
@settings(
    max_examples=100,
    # The same requests on every run, so that a failure can be reproduced.
    derandomize=True,
    database=None,
    deadline=None,
    # The database is filled once per operation, not per generated request: intended.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, directory_with_a_draft, connection_kept_across_requests):
    if years_reversed(case.query or {}):
        # A reversed year range fits the schema (which cannot relate two parameters) and
        # is refused, with its reason.
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        assert response.status_code == 400
        assert response.json()["errors"]
    else:
        response = case.call_and_validate()
    assert "a-draft" not in response.text
