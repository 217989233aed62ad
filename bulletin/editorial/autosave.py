"""Keeping and giving back what someone typed but did not save (see `Autosave`)."""

from __future__ import annotations

from django.http import QueryDict

from bulletin.editorial.models import Autosave
from bulletin.posts import clock
from bulletin.posts.models import Post

# Fields of the post form that are kept; anything else posted is dropped.
SKIPPED = {"csrfmiddlewaretoken", "save"}
MAX_FIELDS = 100


def keep(user, post: Post | None, data: QueryDict) -> Autosave:
    """Store the form's fields as they are now (one row per person and post)."""
    fields = {
        name: data.getlist(name)
        for name in list(data.keys())[:MAX_FIELDS]
        if name not in SKIPPED
    }
    # update_or_create cannot match post=None with a unique constraint on every
    # database, so look the row up first; the constraint still guards a race.
    kept = Autosave.objects.filter(user=user, post=post).first()
    if kept is None:
        return Autosave.objects.create(
            user=user, post=post, data=fields, saved_at=clock.now()
        )
    kept.data, kept.saved_at = fields, clock.now()
    kept.save(update_fields=["data", "saved_at"])
    return kept


def pending(user, post: Post | None) -> Autosave | None:
    """The kept copy. It is offered even when someone else saved the post since:
    their save must not silently cost this person their work (restoring then meets
    the conflict check). This person's own save throws it away."""
    return Autosave.objects.filter(user=user, post=post).first()


def as_form_data(kept: Autosave) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in kept.data.items():
        if isinstance(values, list):
            data.setlist(name, [str(value) for value in values])
    return data


def forget(user, post: Post | None) -> None:
    Autosave.objects.filter(user=user, post=post).delete()
