"""A third language is a settings change: the site serves it, falling back to Polish."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.utils.html import escape

# Runs under tests/settings_third_language.py in a process of its own, on a test database
# of the same kind as the suite's, and prints what it saw as JSON.
SCRIPT = r"""
import json, sys
from io import StringIO
import django
django.setup()
from django.conf import settings
from django.utils.html import escape
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

setup_test_environment()
old_name = connection.settings_dict["NAME"]
connection.creation.create_test_db(verbosity=0, autoclobber=True)
seen = {}
try:
    call_command("loaddata", "partners", verbosity=0)
    from directory.models import Partner
    client = Client()
    with override("de"):
        home = reverse("directory:partner-list")
        detail = reverse("directory:partner-detail", kwargs={"slug": "gifct"})
    seen["list_url"] = home
    seen["list"] = client.get(home).content.decode()
    seen["detail_status"] = client.get(detail).status_code
    seen["detail"] = client.get(detail).content.decode()
    gifct = Partner.objects.get(slug="gifct")
    seen["mission_pl"] = gifct.mission_pl
    seen["name_pl"] = gifct.name_pl
    gifct.name_de = "Globales Internetforum gegen Terrorismus"
    gifct.save()
    seen["detail_translated"] = client.get(detail).content.decode()
    with override_settings(LOCALE_PATHS=[sys.argv[1]]):
        call_command("export_content_po", "--language", "de", stdout=StringIO())
    status = StringIO()
    call_command("translation_status", stdout=status)
    seen["status"] = status.getvalue()
finally:
    connection.creation.destroy_test_db(old_name, verbosity=0)
print(json.dumps(seen))
"""


def test_a_third_language_is_served_with_fallback_to_polish(tmp_path):
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "tests.settings_third_language",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "locale")],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])

    assert seen["list_url"].startswith("/de/")
    assert '<html lang="de">' in seen["list"]
    # Nothing is translated into German yet: names and missions show in Polish.
    assert seen["name_pl"] in seen["list"]
    assert seen["detail_status"] == 200
    assert escape(seen["mission_pl"]) in seen["detail"]
    assert 'lang="pl"' in seen["detail"]
    # A German name, once there, is shown instead.
    assert "Globales Internetforum gegen Terrorismus" in seen["detail_translated"]

    catalog = (tmp_path / "locale" / "de" / "LC_MESSAGES" / "content.po").read_text()
    assert '"Language: de\\n"' in catalog
    assert 'msgctxt "partner/gifct/mission"' in catalog
    german = [line for line in seen["status"].splitlines() if line.strip().startswith("de ")]
    assert len(german) == 2  # interface and content
    assert "no catalog yet" in german[0]
