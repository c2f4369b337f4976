import pytest

from directory.text import slugify, transliterate

POLISH_NAMES = [
    ("Łódź", "lodz"),
    ("Gdańsk", "gdansk"),
    ("Kraków", "krakow"),
    ("Wrocław", "wroclaw"),
    ("Białystok", "bialystok"),
    ("Zielona Góra", "zielona-gora"),
    ("Świętokrzyskie", "swietokrzyskie"),
    ("Żółć gęślą jaźń", "zolc-gesla-jazn"),
    ("ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zazolc-gesla-jazn"),
    ("Fundacja Dajemy Dzieciom Siłę", "fundacja-dajemy-dzieciom-sile"),
    ("Stowarzyszenie „Nigdy Więcej”", "stowarzyszenie-nigdy-wiecej"),
    ("Naukowa i Akademicka Sieć Komputerowa – NASK", "naukowa-i-akademicka-siec-komputerowa-nask"),
    (
        "National Center for Missing & Exploited Children",
        "national-center-for-missing-exploited-children",
    ),
    ("  Fundacja  Panoptykon  ", "fundacja-panoptykon"),
    ("Straßburg Øresund", "strassburg-oresund"),
]


@pytest.mark.parametrize(("name", "slug"), POLISH_NAMES)
def test_slug_transliterates_polish_letters(name, slug):
    assert slugify(name) == slug


def test_slug_keeps_the_l_that_djangos_slugify_drops():
    from django.utils.text import slugify as django_slugify

    assert django_slugify("Łódź") == "odz"
    assert slugify("Łódź") == "lodz"


def test_slug_is_cut_to_length_without_a_trailing_hyphen():
    assert slugify("Fundacja Dajemy Dzieciom Siłę", max_length=16) == "fundacja-dajemy"


def test_transliterate_keeps_case_and_spaces():
    assert transliterate("Łódź i Żywiec") == "Lodz i Zywiec"
