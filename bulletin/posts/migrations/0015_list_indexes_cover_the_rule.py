"""The list indexes carry the kind and the expiry after the list order.

The new indexes are made before the old ones are dropped: on PostgreSQL, building an
index blocks writes to the table but not reads, while DROP INDEX blocks reads until
the migration commits, so the drops come last and last an instant.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0014_status_kind_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["language", "status", "published_at", "id", "kind", "expires_at"],
                name="post_list_rule_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["language", "status", "kind", "published_at", "id", "expires_at"],
                name="post_kind_rule_idx",
            ),
        ),
        migrations.RemoveIndex(model_name="post", name="post_list_idx"),
        migrations.RemoveIndex(model_name="post", name="post_kind_list_idx"),
    ]
