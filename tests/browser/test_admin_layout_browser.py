"""The Polish admin names everything in Polish, and the partner list fits common laptop
widths without cutting columns. Screenshots go to $SCREENSHOT_DIR (default: a temporary
folder) for a person to look at."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils.translation import override

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def screenshot_dir(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def english_names():
    """Every section and model name of the admin index, in English."""
    with override("en"):
        names = set()
        for model in admin.site._registry:
            names.add(str(apps.get_app_config(model._meta.app_label).verbose_name))
            names.add(str(model._meta.verbose_name_plural).capitalize())
    return names


def test_the_polish_admin_index_has_no_untranslated_names(staff_page, console_errors):
    staff_page.goto("/pl/admin/")
    assert staff_page.title().endswith("Administracja Katalogu partnerów")
    assert "Katalog partnerów" in staff_page.inner_text("#site-name")
    captions = staff_page.locator("#content-main .module caption").all_inner_texts()
    rows = staff_page.locator("#content-main .module th[scope=row]").all_inner_texts()
    shown = {text.strip() for text in captions + rows}
    for name in ["Blokady logowania", "Logowanie dwuskładnikowe", "Aplikacje uwierzytelniające"]:
        assert any(name.lower() == text.lower() for text in shown), (name, shown)
    untranslated = {
        name for name in english_names() if name.lower() in {text.lower() for text in shown}
    }
    assert untranslated == set()
    assert not any("_" in text for text in shown), shown
    assert staff_page.locator("link[rel=icon]").get_attribute("href").endswith(".svg")
    assert console_errors == []


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_partner_list_fits_the_screen_without_cutting_columns(
    staff_page, console_errors, make_partner, make_focus_area, screenshot_dir, width
):
    area = make_focus_area(name_pl="Przeciwdziałanie terroryzmowi i ekstremizmowi brutalnemu")
    for number in range(5):
        make_partner(
            name_pl=f"Międzynarodowe Stowarzyszenie Infolinii Internetowych numer {number}",
            abbreviation="INHOPE",
            focus_areas=[area],
        )
    staff_page.set_viewport_size({"width": width, "height": 800})
    staff_page.goto("/pl/admin/directory/partner/")
    staff_page.screenshot(path=screenshot_dir / f"partner-list-{width}.png", full_page=True)
    page_width = staff_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width
    table = staff_page.locator("#result_list")
    box = table.bounding_box()
    assert box["x"] + box["width"] <= width
    # The last column is whole: its header's right edge is inside the table's box.
    last = staff_page.locator("#result_list thead th").last.bounding_box()
    assert last["x"] + last["width"] <= box["x"] + box["width"] + 1
    results = staff_page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert console_errors == []
