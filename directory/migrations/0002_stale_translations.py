import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="StaleTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                ("field", models.CharField(max_length=100, verbose_name="field")),
                ("language", models.CharField(max_length=15, verbose_name="language")),
                (
                    "previous_source",
                    models.TextField(blank=True, verbose_name="previous source text"),
                ),
                (
                    "marked_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="marked stale"
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
            ],
            options={
                "verbose_name": "stale translation",
                "verbose_name_plural": "stale translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "field", "language"),
                        name="directory_stale_translation_once",
                    )
                ],
            },
        ),
    ]
