from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import Partner


def test_synthetic_partners_are_realistic_and_clearly_marked(shipped_directory):
    call_command("generate_partners", "50", stdout=StringIO())
    synthetic = Partner.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 50
    for partner in synthetic:
        assert partner.mission_pl.startswith("[Dane syntetyczne]")
        assert partner.mission_en.startswith("[Synthetic data]")
        assert 1 <= partner.focus_areas.count() <= 3
        assert partner.search_document.strip()
        assert partner.name_sort_pl and partner.name_sort_en
    assert any(set("ąćęłńóśźż") & set(p.name_pl.lower() + p.mission_pl) for p in synthetic)
    assert len(set(synthetic.values_list("founding_year", flat=True))) > 5
    assert len(set(synthetic.values_list("country", flat=True))) > 3
    # They are found and sorted like any partner.
    assert Partner.objects.search("dziecko").filter(slug__startswith="synthetic-").exists()


def test_more_can_be_added_and_all_removed(shipped_directory):
    call_command("generate_partners", "10", stdout=StringIO())
    call_command("generate_partners", "5", stdout=StringIO())
    assert Partner.objects.filter(slug__startswith="synthetic-").count() == 15
    call_command("generate_partners", "--remove", stdout=StringIO())
    assert Partner.objects.count() == 9


@pytest.mark.parametrize("arguments", [[], ["0"], ["-5"]])
def test_bad_counts_are_refused_with_a_message(shipped_directory, arguments):
    with pytest.raises(CommandError, match="how many"):
        call_command("generate_partners", *arguments, stdout=StringIO())
    assert Partner.objects.count() == 9


def test_without_focus_areas_nothing_is_added(db):
    with pytest.raises(CommandError, match="no focus areas"):
        call_command("generate_partners", "3", stdout=StringIO())
    assert not Partner.objects.exists()
