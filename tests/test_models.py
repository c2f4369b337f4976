import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from directory.models import MIN_FOUNDING_YEAR, Partner


def test_partner_saved_without_slug_gets_one_from_its_polish_name(make_partner):
    with override("en"):
        partner = make_partner(name_pl="Fundacja Łódzka", name_en="Lodz Foundation")
    assert partner.slug == "fundacja-lodzka"


def test_slugs_stay_unique(make_partner):
    first = make_partner(name_pl="Fundacja Łódzka")
    second = make_partner(name_pl="Fundacja Łódzka")
    third = make_partner(name_pl="Fundacja łódzka!")
    assert [first.slug, second.slug, third.slug] == [
        "fundacja-lodzka",
        "fundacja-lodzka-2",
        "fundacja-lodzka-3",
    ]


def test_a_given_slug_is_kept(make_partner):
    partner = make_partner(slug="own-slug", name_pl="Inna nazwa")
    partner.name_pl = "Zmieniona nazwa"
    partner.save()
    assert partner.slug == "own-slug"


def test_long_names_give_slugs_that_fit_the_column(make_partner):
    name = "Bardzo długa nazwa organizacji " * 6
    first = make_partner(name_pl=name)
    second = make_partner(name_pl=name)
    assert len(first.slug) <= 80
    assert len(second.slug) <= 80
    assert second.slug.endswith("-2")


@pytest.mark.parametrize("year", [MIN_FOUNDING_YEAR - 1, 2101])
def test_database_rejects_founding_year_out_of_range(make_partner, year):
    partner = make_partner()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.filter(pk=partner.pk).update(founding_year=year)


def test_validation_rejects_a_founding_year_in_the_future(make_partner):
    partner = make_partner()
    partner.founding_year = timezone.now().year + 1
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "founding_year" in error.value.message_dict


def test_validation_rejects_a_founding_year_before_the_range(make_partner):
    partner = make_partner()
    partner.founding_year = MIN_FOUNDING_YEAR - 1
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "founding_year" in error.value.message_dict


def test_validation_and_the_database_accept_this_year(make_partner):
    partner = make_partner()
    partner.founding_year = timezone.now().year
    partner.full_clean()  # raises ValidationError if the year is refused
    partner.save()
    partner.refresh_from_db()
    assert partner.founding_year == timezone.now().year


def test_sources_must_be_web_addresses_or_citations(make_partner):
    partner = make_partner(sources=["https://example.org/about", "Annual report 2010"])
    partner.full_clean()
    partner.sources = ["https://not a url"]
    with pytest.raises(ValidationError):
        partner.full_clean()


def test_published_leaves_out_drafts(make_partner):
    visible = make_partner(is_published=True)
    make_partner(is_published=False)
    assert list(Partner.objects.published()) == [visible]


def test_english_falls_back_to_polish(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="", mission_en="")
    with override("en"):
        assert partner.name == "Fundacja"
        assert partner.mission == partner.mission_pl


def test_natural_keys_are_slugs(make_partner, make_focus_area):
    area = make_focus_area(slug="child-safety")
    partner = make_partner(slug="iwf")
    assert Partner.objects.get_by_natural_key("iwf") == partner
    assert partner.natural_key() == ("iwf",)
    assert area.__class__.objects.get_by_natural_key("child-safety") == area
