"""The partner list's query parameters: what each does, and what a bad value gives."""

import pytest
from django.urls import reverse
from django.utils.translation import override


def list_url(language="en"):
    with override(language):
        return reverse("directory:partner-list")


def slugs(response):
    return [partner.slug for partner in response.context["partners"]]


@pytest.fixture
def directory(make_partner, make_focus_area):
    child = make_focus_area(slug="child", name_pl="Dzieci", name_en="Children")
    terror = make_focus_area(slug="terror", name_pl="Terroryzm", name_en="Terrorism")
    make_focus_area(slug="empty", name_pl="Pusty", name_en="Empty")
    make_partner(
        slug="alpha",
        name_en="Alpha",
        focus_areas=[child],
        organization_type="charity",
        country="GB",
        founding_year=1996,
    )
    make_partner(
        slug="beta",
        name_en="Beta",
        focus_areas=[terror],
        organization_type="nonprofit",
        country="US",
        founding_year=2017,
    )
    make_partner(
        slug="gamma",
        name_en="Gamma",
        focus_areas=[child, terror],
        organization_type="nonprofit",
        country="US",
        founding_year=1984,
    )
    make_partner(
        slug="delta",
        name_en="Delta",
        focus_areas=[],
        organization_type="alliance",
        country="",
        founding_year=2016,
    )


def test_no_parameters_lists_every_published_partner_by_name(client, directory):
    response = client.get(list_url())
    assert response.status_code == 200
    assert slugs(response) == ["alpha", "beta", "delta", "gamma"]


def test_several_focus_areas_give_partners_in_any_of_them_once(client, directory):
    response = client.get(list_url(), {"focus": ["child", "terror"]})
    assert slugs(response) == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "nonprofit"}, ["beta", "gamma"]),
        ({"country": "US"}, ["beta", "gamma"]),
        ({"country": "PL"}, []),
        ({"founded_from": "1990"}, ["alpha", "beta", "delta"]),
        ({"founded_to": "1996"}, ["alpha", "gamma"]),
        ({"founded_from": "1996", "founded_to": "2016"}, ["alpha", "delta"]),
        ({"focus": "child", "type": "nonprofit"}, ["gamma"]),
        ({"sort": "-name"}, ["gamma", "delta", "beta", "alpha"]),
        ({"sort": "founded"}, ["gamma", "alpha", "delta", "beta"]),
        ({"sort": "-founded"}, ["beta", "delta", "alpha", "gamma"]),
        (
            {"q": "", "type": "", "country": "", "founded_from": ""},
            ["alpha", "beta", "delta", "gamma"],
        ),
    ],
)
def test_filters_and_sorting(client, directory, params, expected):
    # Followed: empty parameters are redirected to the address without them.
    response = client.get(list_url(), params, follow=True)
    assert response.status_code == 200
    assert slugs(response) == expected


def test_each_option_counts_partners_under_the_other_filters(client, directory):
    response = client.get(list_url(), {"type": "nonprofit", "focus": "child"})
    focus = {area.slug: count for area, count in response.context["focus_options"]}
    types = {value: count for value, _label, count in response.context["type_options"]}
    countries = {code: count for code, _name, count in response.context["country_options"]}
    # Focus counts ignore the focus filter but apply the type filter, and so on.
    assert focus == {"child": 1, "terror": 2, "empty": 0}
    assert types == {"nonprofit": 1, "charity": 1}
    # Countries with no match under the other filters are left out...
    assert countries == {"US": 1}
    # ...unless chosen.
    chosen = client.get(list_url(), {"type": "nonprofit", "country": "GB"})
    assert {code: count for code, _name, count in chosen.context["country_options"]} == {
        "US": 2,
        "GB": 0,
    }


def test_a_type_no_partner_has_is_not_offered_unless_chosen(client, directory):
    offered = client.get(list_url())
    types = {value: count for value, _label, count in offered.context["type_options"]}
    assert types == {"alliance": 1, "charity": 1, "nonprofit": 2}
    assert 'value="intergovernmental"' not in offered.content.decode()

    # A shared link that names it still shows it chosen, with its count, and no partner.
    chosen = client.get(list_url(), {"type": "intergovernmental"})
    assert chosen.status_code == 200
    assert slugs(chosen) == []
    html = chosen.content.decode()
    chosen_option = '<option value="intergovernmental" selected>Intergovernmental organization (0)'
    assert f"{chosen_option}</option>" in html
    assert 'value="alliance"' in html


def test_options_show_their_counts(client, directory):
    html = client.get(list_url(), {"type": "nonprofit"}).content.decode()
    assert '<option value="nonprofit" selected>Non-profit organization (2)</option>' in html
    assert "United States of America (2)" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "spaceship"}, "Select a valid choice"),
        ({"country": "XX"}, "Select a valid choice"),
        ({"country": "united states"}, "Select a valid choice"),
        ({"focus": "no-such-area"}, "Select a valid choice"),
        ({"focus": ["child", "nope"]}, "Select a valid choice"),
        ({"founded_from": "abc"}, "Enter a whole number"),
        ({"founded_from": "1996.5"}, "Enter a whole number"),
        ({"founded_from": "1700"}, "greater than or equal to 1800"),
        ({"founded_to": "3000"}, "no later than"),
        ({"founded_to": "9" * 400}, "no later than"),
        ({"founded_from": "2010", "founded_to": "2000"}, "earlier than"),
        ({"sort": "price"}, "Select a valid choice"),
        ({"q": "x" * 201}, "at most 200 characters"),
        ({"q": "lodz\x00"}, "Null characters are not allowed"),
        ({"page": "abc"}, "is not a page number"),
        ({"page": "0"}, "is not a page number"),
        ({"page": "-1"}, "is not a page number"),
        ({"page": "99"}, "There is no page 99"),
        ({"page": "9" * 400}, "There is no page"),
    ],
)
def test_bad_parameters_say_what_was_wrong_and_never_fail(client, directory, params, message):
    response = client.get(list_url(), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    # The valid parts still apply and the page still lists partners.
    assert response.context["page_obj"].paginator.count >= 1


def test_a_bad_parameter_does_not_drop_the_good_ones(client, directory):
    response = client.get(list_url(), {"type": "nonprofit", "founded_from": "abc"})
    assert response.status_code == 400
    assert slugs(response) == ["beta", "gamma"]


@pytest.mark.parametrize(
    "raw_query",
    [
        "q=%ff%fe",
        "q=%",
        "q=%E0%A4%A",
        "type=nonprofit&type=charity",
        "focus=child&focus=child",
        "q=lodz&q=gdansk",
        "unknown=1&utm_source=x",
        "founded_from=%20%201996%20",
        "q=" + "%C5%81" * 150,
    ],
)
def test_malformed_or_repeated_parameters_never_give_a_server_error(client, directory, raw_query):
    response = client.get(f"{list_url()}?{raw_query}", follow=True)
    assert response.status_code in (200, 400)


def test_empty_result_says_so_and_offers_to_clear_filters(client, directory):
    html = client.get(list_url(), {"q": "nonexistentword"}).content.decode()
    assert "No partner matches these filters." in html
    assert f'<a href="{list_url()}">Clear all filters and see every partner</a>' in html


def test_pagination_keeps_the_filters(client, make_partner):
    for number in range(30):
        make_partner(
            slug=f"p{number:02}", name_en=f"Partner {number:02}", organization_type="charity"
        )
    make_partner(slug="other", organization_type="nonprofit")
    response = client.get(list_url(), {"type": "charity", "sort": "name"})
    assert response.context["page_obj"].paginator.num_pages == 2
    html = response.content.decode()
    assert '?type=charity&amp;sort=name&amp;page=2"' in html
    second = client.get(list_url(), {"type": "charity", "sort": "name", "page": "2"})
    assert len(second.context["partners"]) == 6
    assert "other" not in slugs(second)
