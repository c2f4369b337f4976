import re
import unicodedata

import simplemma
from django.db import migrations, models

SEARCH_INDEX = "partner_search_idx"

# A frozen copy of how the sort keys and the search document were derived when this
# migration was written (directory/text.py and directory/search.py): a migration must give
# the same result whatever the live code later becomes.
LANGUAGES = ("pl", "en")
SOURCE_LANGUAGE = "pl"
UNDECOMPOSABLE = str.maketrans(
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
ALPHABETS = {"pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"}
BASIC_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
COLLATION_LENGTH = 100


def transliterate(value):
    value = unicodedata.normalize("NFKD", str(value).translate(UNDECOMPOSABLE))
    return value.encode("ascii", "ignore").decode("ascii")


def weight(number):
    return f"{number:02x}"


def character_weights(char, language):
    alphabet = ALPHABETS.get(language, BASIC_ALPHABET)
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
        primary = weight(2 + int(base))
    elif base in alphabet:
        primary = weight(16 + alphabet.index(base))
    else:
        primary = weight(255) + f"{ord(lower):06x}"
    return primary, weight(2 if accented else 1), weight(2 if char != lower else 1)


def collation_key(text, language):
    primary, secondary, tertiary = [], [], []
    previous_was_space = True
    for char in str(text)[:COLLATION_LENGTH]:
        weights = character_weights(char, language)
        if weights is None:
            if not previous_was_space:
                primary.append(weight(1))
                previous_was_space = True
            continue
        previous_was_space = False
        primary.append(weights[0])
        secondary.append(weights[1])
        tertiary.append(weights[2])
    return "".join(primary) + "00" + "".join(secondary) + "00" + "".join(tertiary)


def fold(word):
    return transliterate(word).lower()


def lemma(word, language):
    if any(char.isdigit() for char in word):
        return fold(word)
    try:
        if simplemma.is_known(word, language, low_memory=True):
            return fold(simplemma.lemmatize(word, language, low_memory=True))
    except ValueError:
        pass
    return fold(word)


def search_document(texts):
    found = set()
    for text, language in texts:
        for word in re.findall(r"\w+", str(text or "")):
            found.add(fold(word))
            found.add(lemma(word, language))
    found.discard("")
    return " " + " ".join(sorted(found)) + " "


def fill_in_derived_fields(partner):
    texts = [(partner.abbreviation, SOURCE_LANGUAGE)]
    for code in LANGUAGES:
        name = getattr(partner, f"name_{code}")
        shown_name = name or getattr(partner, f"name_{SOURCE_LANGUAGE}") or ""
        setattr(partner, f"name_sort_{code}", collation_key(shown_name, code))
        texts.append((name, code))
        texts.append((getattr(partner, f"mission_{code}"), code))
    partner.search_document = search_document(texts)


def create_search_index(apps, schema_editor):
    # A full-text index exists on PostgreSQL only; SQLite searches with LIKE.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON directory_partner "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


def fill_in_existing_partners(apps, schema_editor):
    Partner = apps.get_model("directory", "Partner")
    for partner in Partner.objects.all():
        fill_in_derived_fields(partner)
        partner.save()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_stale_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="name_sort_pl",
            field=models.CharField(db_index=True, default="", editable=False, max_length=700),
        ),
        migrations.AddField(
            model_name="partner",
            name="name_sort_en",
            field=models.CharField(db_index=True, default="", editable=False, max_length=700),
        ),
        migrations.AddField(
            model_name="partner",
            name="search_document",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(fill_in_existing_partners, migrations.RunPython.noop),
    ]
