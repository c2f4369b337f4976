"""The partner list's query parameters are defined once, by its filter set; the README's
table, the page's form and the canonical query follow it."""

import re
from pathlib import Path

from directory.models import MIN_FOUNDING_YEAR
from directory.public.filters import LIST_QUERY, SORTS, PartnerFilter

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_parameter_table():
    """The rows of the README's table of the list's parameters: name -> description."""
    text = README.read_text()
    start = text.index("| parameter | what it selects |")
    rows = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        name, description = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name.strip("`")] = description
    return rows


def test_the_readme_lists_exactly_the_filter_sets_parameters_in_order():
    assert tuple(readme_parameter_table()) == LIST_QUERY.parameters
    assert LIST_QUERY.parameters == (*PartnerFilter.base_filters, "page")


def test_the_readme_gives_the_sorts_and_year_limits_the_filters_take():
    rows = readme_parameter_table()
    assert re.findall(r"`([^`]+)`", rows["sort"]) == list(SORTS)
    for name in ("founded_from", "founded_to"):
        assert f"{MIN_FOUNDING_YEAR} to this year" in rows[name]


def test_the_form_has_a_field_for_each_parameter_but_the_page(rf):
    form = PartnerFilter(rf.get("/").GET).form
    assert tuple(form.fields) == LIST_QUERY.parameters[:-1]


def test_the_page_draws_one_input_per_parameter_of_the_form(client, make_partner, make_focus_area):
    make_partner(focus_areas=[make_focus_area()])
    html = client.get("/en/partners/").content.decode()
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    names = re.findall(r'<(?:input|select)[^>]* name="([^"]+)"', form)
    assert list(dict.fromkeys(names)) == list(PartnerFilter.base_filters)
