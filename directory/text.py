"""Slugs that read the way Polish readers expect and match the admin's prepopulated slug."""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus accent, so that NFKD
# alone would drop them ("Łódź" would become "odz"). Each maps to what the admin's
# URLify JavaScript gives for it.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)


def transliterate(value):
    """ASCII letters for Latin-script text: "Łódź" -> "Lodz", "Gdańsk" -> "Gdansk"."""
    value = unicodedata.normalize("NFKD", str(value).translate(_UNDECOMPOSABLE))
    return value.encode("ascii", "ignore").decode("ascii")


def slugify(value, max_length=None):
    """The admin's URLify, server side: transliterate, drop punctuation, hyphenate, cut.

    Follows django/contrib/admin/static/admin/js/urlify.js step by step, so a slug made by
    the server for a partner saved without one equals the slug the admin form proposes.
    """
    value = transliterate(value).lower()
    value = re.sub(r"[^-\w\s]", "", value, flags=re.ASCII)
    value = value.strip()
    value = re.sub(r"[-\s]+", "-", value)
    if max_length is not None:
        value = value[:max_length]
    return value.rstrip("-")
