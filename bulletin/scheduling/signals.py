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

# Sent by the job runner at each round, outside any transaction, after due moments are
# queued (`worker_id` names the runner). Apps with work of their own to do on the
# runner's beat (the e-mail outbox) connect here; a receiver that raises is logged and
# the round goes on.
worker_round = Signal()
