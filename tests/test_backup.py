"""`make backup` and `make restore`: the round trip keeps everything exactly, and a bad
file changes nothing. Runs on whichever database the suite runs on (SQLite or PostgreSQL)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import FocusArea, Partner

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every row that matters, every column: partners and focus areas in every language,
    their links, the history, users with their groups and devices."""
    return {
        "partners": list(Partner.objects.order_by("pk").values()),
        "links": list(Partner.focus_areas.through.objects.order_by("pk").values()),
        "focus_areas": list(FocusArea.objects.order_by("pk").values()),
        "partner_history": list(Partner.history.order_by("history_id").values()),
        "focus_area_history": list(FocusArea.history.order_by("history_id").values()),
        "users": list(User.objects.order_by("pk").values()),
        "memberships": list(User.groups.through.objects.order_by("pk").values()),
        "groups": list(Group.objects.order_by("pk", "permissions").values("name", "permissions")),
        "devices": list(TOTPDevice.objects.order_by("pk").values()),
    }


@pytest.fixture
def directory_with_history(make_partner, make_focus_area, django_user_model):
    editors, _created = Group.objects.get_or_create(name="Editors")
    editor = django_user_model.objects.create_user(
        "redaktorka", "r@example.org", "hasło-ąę", is_staff=True
    )
    editor.groups.add(editors)
    TOTPDevice.objects.create(user=editor, name="telefon")
    area = make_focus_area(name_pl="Ochrona dzieci", name_en="Child protection")
    partner = make_partner(
        name_pl="Fundacja Łódź",
        name_en="Łódź Foundation",
        mission_pl="Żółć i gęślą jaźń.",
        city_pl="Łódź",
        city_en="Lodz",
        focus_areas=[area],
    )
    partner.name_en = "Lodz Foundation"
    partner._history_user = editor
    partner.save()
    draft = make_partner(name_pl="Szkic", is_published=False)
    draft.delete()
    return partner


def test_backup_and_restore_round_trip_keeps_everything_exactly(tmp_path, directory_with_history):
    before = snapshot()
    assert before["partner_history"] and before["devices"] and before["memberships"]
    target = tmp_path / "backup.file"
    call_command("backup", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    assert target.is_file()

    # Everything changes after the backup...
    Partner.objects.all().delete()
    FocusArea.objects.update(name_en="Changed")
    User.objects.all().delete()
    Partner.objects.create(
        name_pl="Nowa", mission_pl="Nowa misja.", founding_year=2020, organization_type="charity"
    )
    assert snapshot() != before

    # ... and the restore brings back the state of the backup.
    call_command("restore", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    assert snapshot() == before
    assert Partner.objects.get().name_en == "Lodz Foundation"
    assert User.objects.get().check_password("hasło-ąę")


def test_backup_never_overwrites_a_file(tmp_path, db):
    existing = tmp_path / "existing"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing))
    assert existing.read_text() == "keep me"


def test_backup_into_a_missing_folder_explains(tmp_path, db):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "missing" / "backup"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"", "not a"),
        (b"hello, this is not a backup", "not a"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged|SQLite|not a PostgreSQL"),
        (b"PGDMP" + b"\x00" * 200, "damaged|not a PostgreSQL|not an SQLite"),
    ],
)
def test_restoring_a_bad_file_explains_and_changes_nothing(
    tmp_path, directory_with_history, content, message
):
    before = snapshot()
    source = tmp_path / "bad"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(source))
    assert snapshot() == before


def test_restoring_an_unrelated_database_explains_and_changes_nothing(
    tmp_path, directory_with_history
):
    import sqlite3

    other = tmp_path / "other.sqlite3"
    database = sqlite3.connect(other)
    database.execute("CREATE TABLE notes (text)")
    database.commit()
    database.close()
    before = snapshot()
    with pytest.raises(CommandError, match="not a backup of this site|not a PostgreSQL"):
        call_command("restore", str(other))
    assert snapshot() == before


def test_restore_needs_a_file_argument(db):
    with pytest.raises(CommandError, match="the following arguments are required: file"):
        call_command("restore")
