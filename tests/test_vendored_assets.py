"""Third-party scripts the site serves: a release without known vulnerabilities, with its
licence beside it."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders

# CVE-2022-31160 (an XSS in checkboxradio's label handling) is fixed in jQuery UI 1.13.2.
FIRST_FIXED_JQUERY_UI = (1, 13, 2)


def served_jquery_ui():
    path = finders.find(settings.JQUERY_UI_URL)
    assert path, f"{settings.JQUERY_UI_URL} is not among the static files"
    return path


def test_the_admin_serves_a_jquery_ui_release_without_known_vulnerabilities():
    with open(served_jquery_ui(), encoding="utf-8") as script:
        banner = script.read(200)
    version = re.search(r"jQuery UI - v(\d+)\.(\d+)\.(\d+)", banner)
    assert version, banner
    assert tuple(int(part) for part in version.groups()) >= FIRST_FIXED_JQUERY_UI


def test_jquery_ui_is_served_with_its_licence():
    licence = finders.find(settings.JQUERY_UI_URL.rsplit("/", 1)[0] + "/LICENSE.txt")
    assert licence
    with open(licence, encoding="utf-8") as text:
        assert "Permission is hereby granted, free of charge" in text.read()


def test_the_api_reference_serves_swagger_ui_with_its_licence():
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"):
        assert finders.find(f"vendor/swagger-ui/{name}"), name
    with open(finders.find("vendor/swagger-ui/LICENSE"), encoding="utf-8") as text:
        assert "Apache License" in text.read()
