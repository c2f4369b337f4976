"""A partner saved without the admin's form (the shell, an import) with only what the model
requires renders in every public output, complete; what could not render is refused by the
database itself."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import IntegrityError, transaction

from directory.models import FocusArea, Partner
from tests.public_urls import public_paths

REQUIRED = {
    "name_pl": "Minimalna",
    "mission_pl": "Misja.",
    "founding_year": 2000,
    "organization_type": Partner.OrganizationType.CHARITY,
}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_complete(response, path):
    assert response.status_code == 200, path
    data = body(response)
    kind = response["Content-Type"]
    if "csv" in kind:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert [row["slug"] for row in rows] == ["minimalna"], path
        assert rows[0]["organization_type"] == "charity"
    elif "json" in kind:
        json.loads(data)
    elif "xml" in kind:
        ET.fromstring(data)
    elif "text/plain" in kind:
        assert data.strip(), path
    else:
        assert data.rstrip().endswith(b"</html>"), path


@pytest.mark.parametrize(
    "missing",
    [
        {"organization_type": ""},
        {"organization_type": "no-such-type"},
        {"mission_pl": ""},
        {"mission_pl": None},
        {"name_pl": None, "slug": "no-name"},
        {"name_pl": "", "slug": "no-name"},
    ],
)
def test_the_database_refuses_a_partner_that_could_not_render(db, missing):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(**{**REQUIRED, "is_published": True, **missing})


@pytest.mark.parametrize("missing", [{"name_pl": None}, {"name_pl": ""}])
def test_the_database_refuses_a_focus_area_without_a_polish_name(db, missing):
    with pytest.raises(IntegrityError), transaction.atomic():
        FocusArea.objects.create(slug="no-name", **missing)


def test_a_partner_with_only_its_required_fields_renders_in_every_output(client, db):
    partner = Partner.objects.create(**REQUIRED, is_published=True)
    # A focus area with only its name, under the same slug, so every address with a slug
    # has something to show.
    area = FocusArea.objects.create(name_pl=REQUIRED["name_pl"])
    assert area.slug == partner.slug
    partner.focus_areas.set([area])
    paths = [
        *public_paths({"slug": partner.slug, "language": "en"}),
        "/sitemap-partners.xml",
        "/sitemap-focus-areas.xml",
    ]
    for path in paths:
        for params in ({}, {"lang": "all"}):
            # Pages read no `lang` and redirect to their address without it.
            assert_complete(client.get(path, params, follow=True), path)
