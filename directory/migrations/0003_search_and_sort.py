from django.db import migrations, models

from directory.models import fill_in_derived_fields

SEARCH_INDEX = "partner_search_idx"


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
        fill_in_derived_fields(Partner, partner)
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
