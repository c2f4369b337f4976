from django.db import migrations

from directory import full_text


def create_index(apps, schema_editor):
    # SQLite only: PostgreSQL has had its full-text index since 0003.
    if schema_editor.connection.vendor == "sqlite":
        full_text.create(schema_editor.execute)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        full_text.drop(schema_editor.execute)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_partner_facts_checked_on"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
