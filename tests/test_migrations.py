"""Migrations stand alone: they import none of the project's live code (only the validators
that Django's migration writer names by their path), and 0003 derives the sort keys and
search document of existing partners as the models do."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import Partner, fill_in_derived_fields

MIGRATIONS = Path(__file__).resolve().parent.parent / "directory" / "migrations"
BEFORE, AFTER = ("directory", "0002_stale_translations"), ("directory", "0003_search_and_sort")
TEXTS = {
    "name_pl": "Fundacja Łódzkich Dzieci",
    "name_en": "",
    "abbreviation": "FŁD",
    "mission_pl": "Chronimy dzieci przed krzywdą w internecie.",
    "mission_en": "We protect children from harm online.",
}


def live_references(path):
    """The project's modules a migration imports, and the names it reads from them."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("directory"):
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("directory"):
                    yield alias.name, None
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "directory"
        ):
            yield f"directory.{node.value.attr}", [node.attr]


@pytest.mark.parametrize("path", sorted(MIGRATIONS.glob("0*.py")), ids=lambda path: path.stem)
def test_a_migration_imports_no_live_code(path):
    for module, names in live_references(path):
        if module.startswith("directory.migrations"):
            continue
        assert module == "directory.models", (path.name, module)
        assert names is None or all(name.startswith("validate_") for name in names), names


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_0003_derives_the_fields_of_existing_partners_as_the_models_do():
    try:
        old = migrate(BEFORE).get_model("directory", "Partner")
        old.objects.create(
            slug="fundacja",
            organization_type="nonprofit",
            founding_year=2001,
            name=TEXTS["name_pl"],
            mission=TEXTS["mission_pl"],
            **TEXTS,
        )
        migrated = migrate(AFTER).get_model("directory", "Partner").objects.get()
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    expected = Partner(**TEXTS)
    fill_in_derived_fields(Partner, expected)
    assert migrated.search_document == expected.search_document
    assert " krzywda " in migrated.search_document  # the lemma of "krzywdą"
    for code in ("pl", "en"):
        assert getattr(migrated, f"name_sort_{code}") == getattr(expected, f"name_sort_{code}")
