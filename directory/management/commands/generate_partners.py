"""Synthetic partners for load and scale tests; never part of the shipped data."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from directory import languages
from directory.data.progress import bar
from directory.models import FocusArea, Partner, fill_in_derived_fields

SLUG_PREFIX = "synthetic-"
BATCH_SIZE = 2000

KINDS = [
    ("Fundacja", "Foundation"),
    ("Stowarzyszenie", "Association"),
    ("Inicjatywa", "Initiative"),
    ("Koalicja", "Coalition"),
    ("Sojusz", "Alliance"),
    ("Centrum", "Centre"),
    ("Forum", "Forum"),
    ("Obserwatorium", "Observatory"),
]
SUBJECTS = [
    ("Bezpiecznej Sieci", "Safe Internet"),
    ("Ochrony Dzieci w Internecie", "Online Child Protection"),
    ("Wolności Słowa", "Free Expression"),
    ("Przeciw Ekstremizmowi", "Against Extremism"),
    ("Zaufania Cyfrowego", "Digital Trust"),
    ("Prywatności Użytkowników", "User Privacy"),
    ("Przejrzystości Platform", "Platform Transparency"),
    ("Edukacji Medialnej", "Media Literacy"),
    ("Przeciw Dezinformacji", "Countering Disinformation"),
    ("Praw Człowieka Online", "Human Rights Online"),
]
PLACES = [
    ("Łódź", "Łódź", "PL"),
    ("Gdańsk", "Gdańsk", "PL"),
    ("Kraków", "Kraków", "PL"),
    ("Wrocław", "Wrocław", "PL"),
    ("Warszawa", "Warsaw", "PL"),
    ("Berlin", "Berlin", "DE"),
    ("Praga", "Prague", "CZ"),
    ("Londyn", "London", "GB"),
    ("Dublin", "Dublin", "IE"),
    ("Waszyngton", "Washington, D.C.", "US"),
    ("Wellington", "Wellington", "NZ"),
    ("Paryż", "Paris", "FR"),
    ("Sztokholm", "Stockholm", "SE"),
    ("Wilno", "Vilnius", "LT"),
]
SENTENCES = [
    (
        "Wspiera platformy internetowe w usuwaniu nielegalnych treści.",
        "It helps online platforms remove illegal content.",
    ),
    (
        "Prowadzi badania nad bezpieczeństwem dzieci i młodzieży w sieci.",
        "It researches the safety of children and young people online.",
    ),
    (
        "Łączy firmy technologiczne, rządy i organizacje społeczeństwa obywatelskiego.",
        "It brings together technology companies, governments and civil society organizations.",
    ),
    (
        "Udostępnia mniejszym serwisom narzędzia do wykrywania nadużyć.",
        "It gives smaller services tools for detecting abuse.",
    ),
    (
        "Broni swobody wypowiedzi i prawa do prywatności użytkowników.",
        "It defends users' freedom of expression and right to privacy.",
    ),
    (
        "Szkoli moderatorów treści i publikuje dobre praktyki.",
        "It trains content moderators and publishes good practices.",
    ),
    (
        "Przyjmuje anonimowe zgłoszenia o szkodliwych materiałach.",
        "It takes anonymous reports of harmful material.",
    ),
    (
        "Współpracuje z organami ścigania w wielu krajach.",
        "It works with law enforcement in many countries.",
    ),
]
MARK_PL = "[Dane syntetyczne]"
MARK_EN = "[Synthetic data]"


def _texts(field, polish, english):
    """The model's columns of `field` holding its Polish and English text."""
    return {languages.column(field, "pl"): polish, languages.column(field, "en"): english}


def update_statistics():
    """Tell the query planner what the tables now hold, as after any bulk load. PostgreSQL
    analyzes the partners, their focus areas and the table linking them, and vacuums them
    too where no transaction is open (index-only scans then skip the table's rows); SQLite
    analyzes the whole database."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            connection.ops.quote_name(model._meta.db_table)
            for model in (Partner, Partner.focus_areas.through, FocusArea)
        )
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {tables}")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")


def synthetic_partner(number, rng):
    kind_pl, kind_en = rng.choice(KINDS)
    subject_pl, subject_en = rng.choice(SUBJECTS)
    city_pl, city_en, country = rng.choice(PLACES)
    sentences = rng.sample(SENTENCES, k=rng.randint(2, 3))
    return Partner(
        slug=f"{SLUG_PREFIX}{number:06d}",
        **_texts(
            "name",
            f"{kind_pl} {subject_pl} {city_pl} {number}",
            f"{subject_en} {kind_en} {city_en} {number}",
        ),
        abbreviation="".join(word[0] for word in f"{kind_en} {subject_en}".split()).upper(),
        **_texts(
            "mission",
            " ".join([MARK_PL, *(pl for pl, _en in sentences)]),
            " ".join([MARK_EN, *(en for _pl, en in sentences)]),
        ),
        founding_year=rng.randint(1950, 2025),
        **_texts("founding_note", "", ""),
        organization_type=rng.choice(Partner.OrganizationType.values),
        country=country,
        **_texts("city", city_pl, city_en),
        is_published=True,
        sources=[],
    )


class Command(BaseCommand):
    help = (
        "Add N clearly marked synthetic partners (slugs starting with 'synthetic-', missions "
        "starting with '[Synthetic data]') for load and scale tests, or remove them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, help="How many partners to add.")
        parser.add_argument("--remove", action="store_true", help="Delete every synthetic partner.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, count=None, remove=False, seed=1, **options):
        if remove:
            deleted, _by_model = Partner.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            update_statistics()
            self.stdout.write(f"Removed the synthetic partners ({deleted} rows).")
            return
        if count is None or count < 1:
            raise CommandError("Give how many partners to add (a positive number), or --remove.")
        areas = list(FocusArea.objects.values_list("pk", flat=True))
        if not areas:
            raise CommandError(
                "There are no focus areas; load the directory first (loaddata partners)."
            )
        start = Partner.objects.filter(slug__startswith=SLUG_PREFIX).count() + 1
        rng = random.Random(seed + start)
        through = Partner.focus_areas.through
        progress = bar(self.stderr, desc="Adding partners", total=count, unit=" partners")
        with progress, transaction.atomic():
            for batch_start in range(start, start + count, BATCH_SIZE):
                numbers = range(batch_start, min(batch_start + BATCH_SIZE, start + count))
                partners = [synthetic_partner(number, rng) for number in numbers]
                for partner in partners:
                    fill_in_derived_fields(Partner, partner)
                created = Partner.objects.bulk_create(partners)
                if created[0].pk is None:  # backends that do not return ids
                    slugs = [partner.slug for partner in partners]
                    created = list(Partner.objects.filter(slug__in=slugs).only("pk"))
                through.objects.bulk_create(
                    through(partner_id=partner.pk, focusarea_id=area)
                    for partner in created
                    for area in rng.sample(areas, k=min(len(areas), rng.randint(1, 3)))
                )
                progress.update(len(partners))
        update_statistics()
        self.stdout.write(self.style.SUCCESS(f"Added {count} synthetic partners."))
