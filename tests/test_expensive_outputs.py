"""Sitemaps and full exports cannot hold the workers: sitemap sections are paged small and
read page by page, kept under the page cache's generation; exports are built once per
change of the data into a file (one build at a time, never half a file) and served from it."""

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.opendata import export_files, sitemaps
from directory.opendata import records as opendata

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    from django.core.cache import cache

    cache.clear()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetch(client, path, params=None):
    """The response, its body and the queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
        content = body(response)
    return response, content, [query["sql"] for query in queries]


def locations(content, tag="url"):
    return [
        element.findtext(f"{SITEMAP}loc")
        for element in ET.fromstring(content).iter(f"{SITEMAP}{tag}")
    ]


def files(folder):
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith(".lock"))


def export_files_in(folder):
    return [name for name in files(folder) if not name.startswith(".")]


def test_sitemap_sections_stay_far_within_the_protocols_limits():
    assert sitemaps.URLS_PER_SITEMAP <= 50_000 // 5
    assert all(section.limit == sitemaps.URLS_PER_SITEMAP for section in sitemaps.SITEMAPS.values())


def test_a_sitemap_page_reads_only_its_own_rows(client, make_partner, monkeypatch):
    monkeypatch.setattr(sitemaps._EveryLanguage, "limit", 4)
    for number in range(5):
        make_partner(slug=f"partner-{number}")

    index, content, index_queries = fetch(client, "/sitemap.xml")
    sections = [
        url.removeprefix("https://partners.example.org") for url in locations(content, "sitemap")
    ]
    partner_pages = [url for url in sections if url.startswith("/sitemap-partners.xml")]
    assert partner_pages == [
        "/sitemap-partners.xml",
        "/sitemap-partners.xml?p=2",
        "/sitemap-partners.xml?p=3",
    ]
    listed = []
    for page in partner_pages:
        path, _, query = page.partition("?")
        _response, content, queries = fetch(client, path, dict([query.split("=")]) if query else {})
        listed += locations(content)
        rows = [sql for sql in queries if "COUNT(" not in sql.upper()]
        # One bounded read of this page's partners (two languages: two rows a page).
        assert len(rows) == 1
        assert int(re.search(r"LIMIT (\d+)", rows[0]).group(1)) <= 2
    slugs = [f"partner-{number}" for number in range(5)]
    assert sorted(listed) == sorted(
        f"https://partners.example.org{prefix}{slug}/"
        for slug in slugs
        for prefix in ("/pl/partnerzy/", "/en/partners/")
    )
    # The index asks the database for counts and the latest change, never for every row.
    assert not [
        sql
        for sql in index_queries
        if "LIMIT" not in sql and "COUNT(" not in sql.upper() and "MAX(" not in sql.upper()
    ]


def test_sitemaps_are_kept_until_the_data_changes(
    client, cache_on, make_partner, django_capture_on_commit_callbacks
):
    make_partner(slug="first")

    _response, first, first_queries = fetch(client, "/sitemap-partners.xml")
    repeat, again, repeat_queries = fetch(client, "/sitemap-partners.xml")
    with django_capture_on_commit_callbacks(execute=True):
        make_partner(slug="second")
    _response, changed, _queries = fetch(client, "/sitemap-partners.xml")

    assert first_queries and not repeat_queries
    assert again == first
    assert repeat["ETag"]
    assert "https://partners.example.org/en/partners/second/" in locations(changed)
    assert "https://partners.example.org/en/partners/second/" not in locations(first)


def test_a_full_export_is_built_once_per_change(
    client, cache_on, make_partner, export_folder, django_capture_on_commit_callbacks
):
    make_partner(slug="first")

    first, content, first_queries = fetch(client, "/en/partners.csv")
    repeat, again, repeat_queries = fetch(client, "/en/partners.csv")
    built = export_files_in(export_folder)
    with django_capture_on_commit_callbacks(execute=True):
        make_partner(slug="second")
    _response, changed, _queries = fetch(client, "/en/partners.csv")

    assert first.status_code == repeat.status_code == 200
    assert first_queries and not repeat_queries
    assert again == content
    assert int(repeat["Content-Length"]) == len(content)
    assert b"second" in changed and b"second" not in content
    assert len(built) == 1
    # The file of the earlier data is gone; only the current one is kept.
    assert len(export_files_in(export_folder)) == 1
    assert export_files_in(export_folder) != built


def test_equivalent_addresses_share_one_file(client, cache_on, make_partner, export_folder):
    make_partner(slug="only")
    areas = [make_partner().focus_areas.create(slug=slug, name_pl=slug) for slug in "ab"]
    del areas

    same = [
        {"focus": ["a", "b"]},
        {"focus": ["b", "a"], "sort": "name"},
        {"focus": ["b", "a", "a"], "utm_source": "newsletter", "page": "3"},
    ]
    bodies = {body(client.get("/en/partners.json", params)) for params in same}

    assert len(bodies) == 1
    assert len(export_files_in(export_folder)) == 1
    # The JSON names its address in its canonical form, not the one that built it.
    assert b"utm_source" not in bodies.pop()


def test_at_most_the_configured_number_of_variants_is_kept(
    client, cache_on, make_partner, export_folder, settings
):
    settings.EXPORT_VARIANTS = 2
    make_partner()

    for year in (1990, 1991, 1992, 1993):
        assert client.get("/en/partners.csv", {"founded_from": year}).status_code == 200

    assert len(export_files_in(export_folder)) == 2


def test_filtered_exports_cannot_push_out_the_whole_directorys(
    client, cache_on, make_partner, export_folder, settings
):
    settings.EXPORT_VARIANTS = 2
    make_partner()
    assert client.get("/en/partners.csv").status_code == 200
    whole = set(export_files_in(export_folder))

    for number in range(5):
        assert client.get("/en/partners.csv", {"q": f"nomatch{number}"}).status_code == 200

    files = set(export_files_in(export_folder))
    assert whole <= files
    assert len(files - whole) == 2


def test_while_an_export_is_built_another_build_is_refused_but_built_files_are_served(
    client, cache_on, make_partner
):
    make_partner()
    assert client.get("/en/partners.csv").status_code == 200

    with export_files.build_lock():
        built = client.get("/en/partners.csv")
        csv_busy = client.get("/en/partners.csv", {"lang": "all"})
        json_busy = client.get("/en/partners.json")

    assert built.status_code == 200
    assert csv_busy.status_code == json_busy.status_code == 503
    assert csv_busy["Retry-After"] == str(export_files.RETRY_AFTER)
    assert csv_busy.content.decode().startswith("export: Another export is being prepared")
    assert list(json_busy.json()["errors"]) == ["export"]
    assert client.get("/en/partners.csv", {"lang": "all"}).status_code == 200


HOLD_THE_LOCK = """
import fcntl, sys
with open(sys.argv[1], "a") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_build_in_another_process_is_respected(client, cache_on, make_partner, export_folder):
    make_partner()
    export_folder.mkdir(parents=True, exist_ok=True)
    other = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLD_THE_LOCK), str(export_folder / ".build.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "locked"
        busy = client.get("/en/partners.csv")
    finally:
        other.communicate("", timeout=10)

    assert busy.status_code == 503
    assert client.get("/en/partners.csv").status_code == 200


def test_a_failure_while_building_is_an_error_not_a_short_download(
    client, make_partner, export_folder, monkeypatch
):
    make_partner(slug="first")
    make_partner(slug="second")
    record = opendata.partner_record

    def failing_on_the_second(partner, *args):
        if partner.slug == "second":
            raise RuntimeError("the database went away")
        return record(partner, *args)

    monkeypatch.setattr(opendata, "partner_record", failing_on_the_second)
    client.raise_request_exception = False

    for path in ("/en/partners.csv", "/en/partners.json"):
        response = client.get(path)
        assert response.status_code == 500, path
        assert b"first" not in body(response)
    assert export_files_in(export_folder) == []
    assert not [name for name in files(export_folder) if name.startswith(".building")]
