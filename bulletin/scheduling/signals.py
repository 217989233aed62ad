"""The hook other apps use to act when a post's publication or expiry time is reached.

    from bulletin.scheduling.signals import moment_reached

    @receiver(moment_reached)
    def record(sender, *, post, moment, due_at, ran_at, **kwargs): ...

It is sent once per moment, inside the transaction that marks the moment done. A
receiver that raises rolls the moment back, and it is tried again later; so write the
history entry here, and it exists exactly when the moment counts as done.
`moment` is a `bulletin.scheduling.models.Moment` ("publish" or "expire").
"""

from django.dispatch import Signal

moment_reached = Signal()
