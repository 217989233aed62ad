"""Create the Author, Editor and Admin groups with their permissions.

The lists are written out here (not imported) so this migration keeps meaning what
it meant when it ran; `bulletin.accounts.roles` holds the same lists for the code.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

AUTHOR = [
    "posts.view_post",
    "posts.add_post",
    "posts.change_post",
    "posts.view_topic",
    "posts.add_attachment",
    "posts.change_attachment",
    "posts.view_attachment",
]
EDITOR = [
    *AUTHOR,
    "editorial.publish_post",
    "editorial.edit_any_post",
    "posts.add_topic",
    "posts.change_topic",
    "posts.delete_topic",
    "posts.delete_attachment",
    "posts.add_changenote",
    "posts.change_changenote",
    "posts.delete_changenote",
]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    Group.objects.get_or_create(name="Author")[0].permissions.set(permissions(AUTHOR))
    Group.objects.get_or_create(name="Editor")[0].permissions.set(permissions(EDITOR))
    Group.objects.get_or_create(name="Admin")[0].permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Author", "Editor", "Admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("posts", "0002_content_version_row"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
