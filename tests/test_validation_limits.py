"""The limits of a partner's facts hold the same wherever a value comes in: the model, the
admin's form, the list's filters and the pages that show them."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from directory.admin.forms import SourcesField
from directory.models import MIN_FOUNDING_YEAR
from directory.public.filters import PartnerFilter

LONGEST_SOURCE = "Raport " + "x" * 493


def input_named(html, name):
    return re.search(rf'<input[^>]* name="{name}"[^>]*>', html).group(0)


def test_a_source_may_be_500_characters_long_and_no_longer(make_partner):
    partner = make_partner(sources=[LONGEST_SOURCE])
    partner.full_clean()
    partner.sources = [LONGEST_SOURCE + "x"]
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    with override("en"):
        assert error.value.message_dict["sources"] == [
            "A source can be at most 500 characters long."
        ]


@pytest.mark.parametrize(
    ("source", "valid"),
    [
        ("https://example.org/about", True),
        ("http://example.org/about", True),
        ("https://not a url", False),
        ("http://", False),
        # Other schemes are not web addresses: they are kept as citations.
        ("ftp://example.org/report.pdf", True),
        ("Raport roczny 2010", True),
    ],
)
def test_sources_are_http_addresses_or_citations(make_partner, source, valid):
    partner = make_partner(sources=[source])
    if valid:
        partner.full_clean()
    else:
        with pytest.raises(ValidationError):
            partner.full_clean()


def test_the_admin_reports_each_source_line_over_the_limit():
    field = SourcesField(required=False)
    assert field.clean(LONGEST_SOURCE) == [LONGEST_SOURCE]
    with pytest.raises(ValidationError) as error:
        field.clean(f"https://example.org\n{LONGEST_SOURCE}x\nhttps://bad host/")
    with override("en"):
        assert error.value.messages == [
            "Line 2 is longer than 500 characters.",
            "Line 3 is not a valid web address: https://bad host/",
        ]
    with override("pl"):
        assert error.value.messages[0] == "Wiersz 2 ma więcej niż 500 znaków."


def test_the_filters_take_the_founding_years_the_model_allows():
    this_year = timezone.now().year
    form = PartnerFilter({"founded_from": MIN_FOUNDING_YEAR, "founded_to": this_year}).form
    assert form.is_valid(), form.errors
    for name, year in (("founded_from", MIN_FOUNDING_YEAR - 1), ("founded_to", this_year + 1)):
        form = PartnerFilter({name: year}).form
        assert not form.is_valid()
        assert name in form.errors


def test_the_year_inputs_say_the_same_limits(client, db):
    with override("en"):
        html = client.get("/en/partners/").content.decode()
    this_year = timezone.now().year
    for name in ("founded_from", "founded_to"):
        year_input = input_named(html, name)
        assert f'min="{MIN_FOUNDING_YEAR}"' in year_input
        assert f'max="{this_year}"' in year_input
    assert 'maxlength="200"' in input_named(html, "q")


def test_a_partner_page_links_only_web_addresses(client, make_partner):
    partner = make_partner(
        sources=["https://example.org/a", "http://example.org/b", "ftp://example.org/c"]
    )
    html = client.get(partner.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/a" rel="noopener external">' in html
    assert '<a href="http://example.org/b" rel="noopener external">' in html
    assert '<a href="ftp://' not in html
    assert "<li>ftp://example.org/c</li>" in html
