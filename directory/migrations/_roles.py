"""Granting a role's permissions from a migration (the roles are groups; directory/roles.py)."""

from django.contrib.auth.management import create_permissions


def codename(model, action):
    return action if "_" in action else f"{action}_{model}"


def _permissions(apps, grants):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, actions in grants:
        for action in actions:
            yield Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename(model, action),
            )


def grant(apps, roles):
    Group = apps.get_model("auth", "Group")
    for name, grants in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, grants))


def revoke(apps, roles):
    Group = apps.get_model("auth", "Group")
    for name, grants in roles.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, grants))
