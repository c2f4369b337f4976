import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_stale_translation_is_marked_in_its_language_tab(
    staff_page, make_partner, off_site_requests
):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    staff_page.goto(f"/en/admin/directory/partner/{partner.pk}/change/")
    note = staff_page.locator("#id_name_en_helptext")
    # The English tab opens first in the English admin, with the note and the old Polish text.
    assert note.is_visible()
    assert "Needs review:" in note.inner_text()
    assert "Fundacja" in note.inner_text()
    staff_page.locator(".ui-tabs:has(#id_name_pl) .ui-tabs-nav li").nth(0).click()
    assert not note.is_visible()
    # Ticking "still correct" and saving clears the mark.
    staff_page.check("input[name=confirm_translations][value='name:en']")
    with staff_page.expect_navigation():
        staff_page.click("input[name=_continue]")
    assert staff_page.locator(".messagelist .success").is_visible()
    assert not staff_page.locator("#id_name_en_helptext").is_visible()
    assert off_site_requests == []
