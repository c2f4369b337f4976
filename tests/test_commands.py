from io import StringIO

from django.core.management import call_command

from directory.models import Partner


def test_first_start_loads_the_directory(db):
    out = StringIO()
    call_command("load_directory_if_empty", stdout=out)
    assert Partner.objects.count() == 9


def test_later_starts_leave_edited_data_alone(make_partner):
    make_partner(name_pl="Własny wpis")
    out = StringIO()
    call_command("load_directory_if_empty", stdout=out)
    assert Partner.objects.count() == 1
    assert "nothing loaded" in out.getvalue()
