"""A change to the identity changes every page: raise the content version."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bulletin.identity.models import Identity, IdentityText
from bulletin.posts.state import bump_content_version


@receiver([post_save, post_delete], sender=Identity)
@receiver([post_save, post_delete], sender=IdentityText)
def identity_changed(sender, **kwargs) -> None:
    # In the same transaction, as for posts: the change and the version go together.
    # Every page shows the identity, but no post moves between pages: no day of any
    # list is counted again (None would have every list counted in full).
    bump_content_version(days=())
