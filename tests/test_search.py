"""Search: any word of the name, abbreviation or mission, in any language, ignoring case,
diacritics and inflection; the same results on SQLite and PostgreSQL."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Partner
from directory.search import highlight, query_words


def found(query):
    return sorted(Partner.objects.published().search(query).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Case and diacritics do not matter.
        ("gifct", ["gifct"]),
        ("GIFCT", ["gifct"]),
        ("ONZ", ["tech-against-terrorism"]),
        ("onz", ["tech-against-terrorism"]),
        ("ofiary", ["internet-watch-foundation", "ncmec"]),
        ("OFIARY", ["internet-watch-foundation", "ncmec"]),
        ("wiktymizacji", ["ncmec"]),
        ("swobody wypowiedzi", ["global-network-initiative"]),
        ("ŚWOBODY", ["global-network-initiative"]),
        # A word's basic form finds the paragraph that inflects it.
        (
            "dziecko",
            ["internet-watch-foundation", "ncmec", "tech-coalition", "weprotect-global-alliance"],
        ),
        ("terrorysta", ["gifct", "tech-against-terrorism"]),
        ("platforma", ["gifct"]),
        ("prywatność", ["global-network-initiative"]),
        ("prywatnosc", ["global-network-initiative"]),
        # An inflected form finds the basic one, and other forms.
        (
            "dzieciom",
            ["internet-watch-foundation", "ncmec", "tech-coalition", "weprotect-global-alliance"],
        ),
        # English words find the English texts.
        (
            "children",
            ["internet-watch-foundation", "ncmec", "tech-coalition", "weprotect-global-alliance"],
        ),
        (
            "child",
            ["internet-watch-foundation", "ncmec", "tech-coalition", "weprotect-global-alliance"],
        ),
        ("human rights", ["tech-against-terrorism"]),
        # Every word must match.
        ("dziecko zaginione", ["ncmec"]),
        ("nothing-like-this", []),
        ("", None),
    ],
)
def test_search_finds_partners_by_any_word(shipped_directory, query, expected):
    if expected is None:
        expected = sorted(Partner.objects.values_list("slug", flat=True))
    assert found(query) == expected


def test_search_ignores_case_and_diacritics_in_both_directions(make_partner):
    make_partner(slug="lodz", name_pl="Fundacja Łódź", mission_pl="Działa w ŁODZI.")
    make_partner(slug="other", name_pl="Inna fundacja")
    assert found("lodz") == ["lodz"]
    assert found("ŁÓDŹ") == ["lodz"]
    assert found("łódź") == ["lodz"]
    assert found("Lodzi") == ["lodz"]


def test_partner_without_english_text_is_found_on_english_pages(client, make_partner):
    make_partner(
        slug="polish-only",
        name_pl="Żółta fundacja",
        name_en="",
        mission_pl="Chronimy dzieci.",
        mission_en="",
    )
    with override("en"):
        response = client.get(reverse("directory:partner-list"), {"q": "dziecko"})
    assert [p.slug for p in response.context["partners"]] == ["polish-only"]
    html = response.content.decode()
    assert 'lang="pl">Żółta fundacja</a>' in html
    assert "<mark>dzieci</mark>" in html


def test_a_polish_word_on_an_english_page_finds_the_partner(client, shipped_directory):
    with override("en"):
        response = client.get(reverse("directory:partner-list"), {"q": "zaginionych"})
    assert [p.slug for p in response.context["partners"]] == ["ncmec"]


def test_matches_are_highlighted_and_text_is_escaped():
    assert highlight("Dzieci <script>", "dziecko", "pl") == "<mark>Dzieci</mark> &lt;script&gt;"
    assert highlight("Łódź i Kraków", "lodz", "pl") == "<mark>Łódź</mark> i Kraków"
    assert highlight("No match here", "", "en") == "No match here"


def test_search_results_page_marks_matches(client, shipped_directory):
    with override("pl"):
        html = client.get(reverse("directory:partner-list"), {"q": "GIFCT"}).content.decode()
    assert "<mark>GIFCT</mark>" in html


def test_search_follows_every_kind_of_save(shipped_directory):
    partner = Partner.objects.get(slug="gifct")
    partner.mission_pl = "Nowa misja o pszczołach."
    partner.save()
    assert found("pszczoła") == ["gifct"]
    assert "terrorysta" not in partner.search_document


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text index")
def test_postgresql_search_uses_the_full_text_index(shipped_directory):
    # Nine rows would always be scanned; with scans ruled out, the planner must find the
    # matching rows through an index, and the search condition has one.
    queryset = Partner.objects.search("dziecko").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    assert "partner_search_idx" in plan


def reference(query):
    """What the full-text indexes must find, by the definition in directory.search: every
    query word (one of its forms, split into tokens at anything but a letter or digit)
    begins consecutive tokens of the partner's search document."""
    token = re.compile(r"[a-z0-9]+")
    words = [
        tokenized
        for forms in query_words(query)
        if (tokenized := [token.findall(form) for form in forms if token.search(form)])
    ]
    if not query_words(query):
        return sorted(Partner.objects.published().values_list("slug", flat=True))

    def begins(tokens, at, form):
        return at + len(form) <= len(tokens) and all(
            tokens[at + i].startswith(part) for i, part in enumerate(form)
        )

    def matches(document):
        tokens = token.findall(document)
        return bool(words) and all(
            any(begins(tokens, at, form) for form in forms for at in range(len(tokens)))
            for forms in words
        )

    return sorted(
        slug
        for slug, document in Partner.objects.published().values_list("slug", "search_document")
        if matches(document)
    )


@pytest.fixture
def odd_words(make_partner):
    make_partner(slug="underscored", name_pl="Sieć foo_bar", mission_pl="Słowa: and, or, not.")
    make_partner(slug="near", name_pl="NEAR Fundacja", mission_pl="Zawsze blisko (near).")
    make_partner(slug="numbers", name_pl="Fundacja 501c3", mission_pl="Od 1999 roku, 24/7.")


# Query syntax of either index, typed by a visitor, is text to search for, never an operator.
HOSTILE_QUERIES = [
    '"',
    '""',
    "*",
    "dzieci*",
    "*dzieci",
    "AND",
    "dziecko AND",
    "OR dziecko",
    "NOT dziecko",
    "dziecko -terrorysta",
    "-",
    "NEAR(",
    "NEAR(dziecko terrorysta, 2)",
    ":",
    "search_document:dziecko",
    "^dziecko",
    "(",
    ")",
    "{dziecko}",
    "dziecko + platforma",
    "a & b | !c <-> d:*",
    "'",
    "\\",
    "_",
    "_ gifct",
    "foo_bar",
    "foo_",
    "and or not near",
    "501c3",
    "24/7",
    "١٢٣ 日本 Ω",
    "dziec",
    "d",
    "z",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_syntax_is_searched_as_text(shipped_directory, odd_words, query):
    assert found(query) == reference(query)


def test_search_finds_words_that_begin_with_the_query(shipped_directory):
    assert found("dziec") == found("dziecko") != []
    assert found("terror") == ["christchurch-call", "gifct", "tech-against-terrorism"]
    assert found("platf") == found("platforma")


def test_search_finds_what_the_reference_does(shipped_directory, odd_words):
    for query in ["and", "near", "foo_bar", "bar", "or not", "501", "501c", "c3", "2", "1999"]:
        assert found(query) == reference(query), query
    assert "underscored" in found("and")
    assert found("near fundacja") == ["near"]
    assert found("foo_bar") == ["underscored"]


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.one_of(
        st.text(max_size=30),
        st.text(alphabet='abcdefghijklmnoprstuwyzłóśżź0123456789 _-*"():^+&|!', max_size=20),
        st.lists(st.sampled_from(HOSTILE_QUERIES), max_size=3).map(" ".join),
    )
)
def test_generated_queries_find_what_the_reference_does(shipped_directory, odd_words, query):
    assert found(query) == reference(query)
