"""Management commands given bad files or arguments fail with a clear message and change
nothing."""

import pytest
from django.core.management import CommandError, call_command

from directory.models import FocusArea, Partner
from tests.test_backup import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(make_partner, make_focus_area):
    make_partner(name_pl="Fundacja", name_en="Foundation", focus_areas=[make_focus_area()])
    return snapshot()


BAD_FILES = {
    "missing": None,
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not a catalog": b"name,mission\nA,B\n",
    "broken catalog": b'msgid "a\nmsgstr ',
    "wrong encoding": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Zażółć"\nmsgstr "x"\n'.encode("cp1250"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("command", ["import_content_po", "restore"])
def test_bad_files_are_refused_clearly_and_change_nothing(tmp_path, directory, command, kind):
    path = tmp_path / "input.file"
    if BAD_FILES[kind] is not None:
        path.write_bytes(BAD_FILES[kind])
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path))
    message = str(refused.value)
    assert "input.file" in message
    assert "Traceback" not in message
    assert snapshot() == directory


@pytest.mark.parametrize(
    "arguments",
    [
        ["import_content_po"],
        ["import_content_po", "x.po", "--language"],
        ["export_content_po", "--language", "xx"],
        ["translation_status", "--fail-under", "lots"],
        ["restore"],
        ["backup", "a", "b"],
    ],
)
def test_bad_arguments_are_refused_clearly_and_change_nothing(directory, arguments):
    with pytest.raises(CommandError) as refused:
        call_command(*arguments)
    assert str(refused.value)
    assert snapshot() == directory
    assert Partner.objects.count() == 1
    assert FocusArea.objects.count() == 1
