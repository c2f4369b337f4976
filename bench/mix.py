"""The addresses of the load test's mix (bench/mix.lua reads them from a file).

Half the requests are a few pages everyone visits (the page cache answers them after the
first); the other half are searches, filters, sorts and pages drawn from a seeded random
generator, most of them new to the cache. The same seed and size give the same addresses,
so every run asks for the same pages in the same order.

    DEBUG=1 python -m bench.mix SIZE PATH [--seed N]
"""

import argparse
import os
import random
from pathlib import Path
from urllib.parse import urlencode

PAGE_SIZE = 24
# The shipped directory's focus areas and types (fixtures/partners.json, the model's choices).
FOCUS_AREAS = [
    "terrorist-violent-extremist-content",
    "child-sexual-exploitation",
    "missing-children",
    "freedom-of-expression-privacy",
    "trust-safety-practices",
    "support-for-smaller-platforms",
]
TYPES = [
    "multistakeholder-initiative",
    "industry-association",
    "nonprofit",
    "charity",
    "public-private-partnership",
    "alliance",
    "intergovernmental",
]
# The synthetic partners' countries (generate_partners) and the shipped ones.
COUNTRIES = ["CZ", "DE", "FR", "GB", "IE", "LT", "NZ", "PL", "SE", "US"]
SORTS = ["name", "-name", "founded", "-founded"]
# The same pages in both languages: the list's path differs.
LISTS = {"en": "/en/partners/", "pl": "/pl/partnerzy/"}
POPULAR = [
    "/pl/",
    "/en/",
    "/pl/partnerzy/",
    "/en/partners/",
    "/en/partners/?q=dziecko",
    "/pl/partnerzy/gifct/",
    "/en/partners/ncmec/",
    "/en/focus-areas/missing-children/",
    "/pl/o-katalogu/",
    "/en/partners/?founded_from=abc",  # a 400, on purpose
    "/en/partners/no-such-partner/",  # a 404, on purpose
]
# Words that nothing contains: searches with no results.
MISSES = ["zzyzx", "qwerty", "blockchain", "kwantowy"]


def vocabulary():
    """Words of the synthetic partners' names and missions, as people would type them:
    whole words, their beginnings, in either language."""
    from directory.management.commands.generate_partners import (
        KINDS,
        PLACES,
        SENTENCES,
        SUBJECTS,
    )

    texts = [text for pair in KINDS + SUBJECTS + SENTENCES for text in pair]
    texts += [city for city_pl, city_en, _country in PLACES for city in (city_pl, city_en)]
    found = set()
    for text in texts:
        for word in text.replace(",", " ").replace(".", " ").split():
            if len(word) >= 4:
                found.add(word.lower())
                found.add(word.lower()[:5])
    return sorted(found)


def search(rng, words):
    if rng.random() < 0.05:
        return rng.choice(MISSES)
    return " ".join(rng.sample(words, k=rng.choice([1, 1, 1, 2])))


def filtered(rng, size, words):
    """A list address with one to four of the list's parameters, in random order."""
    choices = {
        "q": lambda: search(rng, words),
        "focus": lambda: rng.sample(FOCUS_AREAS, k=rng.choice([1, 1, 2])),
        "type": lambda: rng.choice(TYPES),
        "country": lambda: rng.choice(COUNTRIES),
        "founded_from": lambda: rng.randint(1950, 2020),
        "founded_to": lambda: rng.randint(2000, 2025),
        "sort": lambda: rng.choice(SORTS),
    }
    names = rng.sample(sorted(choices), k=rng.randint(1, 4))
    if "founded_from" in names and "founded_to" in names:
        names.remove("founded_to")  # never a reversed range
    query = [(name, choices[name]()) for name in names]
    if size >= 10_000 and names in (["sort"], ["type"], ["focus"]):
        query.append(("page", rng.randint(2, 3)))  # enough partners for a few pages
    return LISTS[rng.choice(["en", "pl"])] + "?" + urlencode(query, doseq=True)


def page(rng, size):
    """A page of the whole list, anywhere in it (the first page has no `page`: that is
    its canonical address)."""
    last = -(-size // PAGE_SIZE)
    number = rng.randint(1, last)
    return LISTS[rng.choice(["en", "pl"])] + (f"?page={number}" if number > 1 else "")


def addresses(size, seed=1, count=20_000):
    """`count` addresses for a directory of `size` partners."""
    rng = random.Random(f"{seed}-{size}")
    words = vocabulary()
    found = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.5:
            found.append(rng.choice(POPULAR))
        elif roll < 0.9:
            found.append(filtered(rng, size, words))
        else:
            found.append(page(rng, size))
    return found


def write(path, size, seed=1):
    path.write_text("\n".join(addresses(size, seed)) + "\n")
    return path


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partners_site.settings")
    django.setup()
    write(options.path, options.size, options.seed)


if __name__ == "__main__":
    main()
