"""Slugs that read the way Polish readers expect and match the admin's prepopulated slug."""

import functools
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


# Alphabets whose order differs from plain A-Z: each letter listed is a letter of its own,
# sorted where it stands here (Polish: Ł after L, Ś after S, Ź and Ż after Z). A language
# that is not listed sorts letters by their base letter, accents breaking ties only.
ALPHABETS = {
    "pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż",
}
_BASIC_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# How much of a name decides its place; longer names sort by their first characters.
_COLLATION_LENGTH = 100


def _weight(number):
    return f"{number:02x}"


@functools.lru_cache(maxsize=4096)
def _character_weights(char, language):
    """(primary, secondary, tertiary) weights of one character, or None for a space or
    punctuation, which only separates words."""
    alphabet = ALPHABETS.get(language, _BASIC_ALPHABET)
    lower = char.lower()
    if lower in alphabet:
        base, accented = lower, False
    else:
        base = transliterate(lower)
        accented = base != lower
        base = base[:1]
    if char.isspace() or (base != "" and not base.isalnum()):
        return None
    if base.isdigit():
        primary = _weight(2 + int(base))
    elif base in alphabet:
        primary = _weight(16 + alphabet.index(base))
    else:
        # Letters of other scripts: after every Latin letter, in code-point order.
        primary = _weight(255) + f"{ord(lower):06x}"
    return primary, _weight(2 if accented else 1), _weight(2 if char != lower else 1)


def collation_key(text, language):
    """A key whose plain code-point order is the language's alphabetical order of `text`.

    Made of hex digits only, so every database sorts it the same way (SQLite's BINARY,
    PostgreSQL's C or any other collation) and an ordinary index keeps ordering fast.
    Levels as in Unicode collation: letters first, then accents, then case.
    """
    primary, secondary, tertiary = [], [], []
    previous_was_space = True
    for char in str(text)[:_COLLATION_LENGTH]:
        weights = _character_weights(char, language)
        if weights is None:
            # Runs of spaces and punctuation separate words and sort before any letter.
            if not previous_was_space:
                primary.append(_weight(1))
                previous_was_space = True
            continue
        previous_was_space = False
        primary.append(weights[0])
        secondary.append(weights[1])
        tertiary.append(weights[2])
    # "00" ends a level: a shorter key sorts first, as "Tech" before "Tech Coalition".
    return "".join(primary) + "00" + "".join(secondary) + "00" + "".join(tertiary)


def words(text):
    """The words of a text, in order."""
    return re.findall(r"\w+", str(text))


@functools.lru_cache(maxsize=200_000)
def fold(word):
    """A word without case or diacritics: "Łodzi" -> "lodzi"."""
    return transliterate(word).lower()
