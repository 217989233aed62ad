from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("posts", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
