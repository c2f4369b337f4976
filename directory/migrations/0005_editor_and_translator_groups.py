"""The staff roles: Editors and Translators, with the permissions that define them.

The admin reads only permissions (never group names), so a role can be adjusted from the
admin's group page; see directory/roles.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": [
        ("directory", "partner", ["add", "change", "view"]),
        ("directory", "partner", ["change_partner_source", "publish_partner"]),
        ("directory", "focusarea", ["add", "change", "view"]),
        ("directory", "focusarea", ["change_focusarea_source"]),
    ],
    "Translators": [
        ("directory", "partner", ["change", "view"]),
        ("directory", "focusarea", ["change", "view"]),
    ],
}


def codename(model, action):
    return action if "_" in action else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=codename(model, action),
                    )
                )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_history_and_publishing_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
