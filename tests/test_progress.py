"""Long commands show a progress bar on a terminal and only their one-line summary
anywhere else (CI, cron, a pipe)."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.translators import content_export


class Terminal(StringIO):
    def isatty(self):
        return True


def run(*arguments, stderr):
    stdout = StringIO()
    call_command(*arguments, stdout=stdout, stderr=stderr)
    return stdout.getvalue()


COMMANDS = [
    (["generate_partners", "300"], "Adding partners"),
    (["export_content_po", "--language", "en", "--check"], "Exporting en"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("arguments, label", COMMANDS)
def test_off_a_terminal_only_the_summary_is_written(shipped_directory, arguments, label):
    stderr = StringIO()
    output = run(*arguments, stderr=stderr)
    assert stderr.getvalue() == ""
    assert len(output.strip().splitlines()) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("arguments, label", COMMANDS)
def test_on_a_terminal_a_progress_bar_is_shown(shipped_directory, arguments, label):
    terminal = Terminal()
    run(*arguments, stderr=terminal)
    assert f"\r{label}:" in terminal.getvalue()
    assert "|" in terminal.getvalue()


@pytest.mark.django_db
def test_the_import_reports_progress_on_a_terminal(shipped_directory, tmp_path):
    path = tmp_path / "content-en.po"
    path.write_text(str(content_export.build_catalog("en")))
    terminal, quiet = Terminal(), StringIO()
    output = run("import_content_po", str(path), "--dry-run", stderr=quiet)
    assert quiet.getvalue() == ""
    assert output.strip().splitlines()[-1].startswith("en: 0 applied")
    run("import_content_po", str(path), "--dry-run", stderr=terminal)
    assert "\rChecking entries:" in terminal.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_report_progress_on_a_terminal(make_partner, tmp_path):
    make_partner()
    target = tmp_path / "backup"
    terminal, quiet = Terminal(), StringIO()
    output = run("backup", str(target), stderr=terminal)
    assert output.startswith("Backup written to")
    assert "\rWriting the backup:" in terminal.getvalue()
    output = run("restore", str(target), stderr=quiet)
    assert quiet.getvalue() == ""
    assert output.strip().splitlines() == [f"Database restored from {target}"]
