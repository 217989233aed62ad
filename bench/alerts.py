"""How long a publication to a list of many followers takes to queue its alerts.

    python bench/alerts.py [--subscribers 100000] [--send 2000] [--database-url URL]

Makes a fresh site (a temporary SQLite data directory, or the PostgreSQL database
given, which must be empty), adds the followers in bulk, then times, in this process:

1. publishing: the moment's transaction that puts a post live (it writes one
   "alert owed" row, whatever the number of followers);
2. queueing: the job runner's fan-out of that row into one outbox mail per follower;
3. sending: the outbox composing and handing `--send` mails to Django's dummy backend
   at an unlimited rate (the site's ceiling per runner; `BULLETIN_EMAIL_RATE` paces it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BULLETIN, bulletin_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bulletin-alerts-bench-"))
    env = bulletin_env(data_dir, args.database_url)
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bulletin.settings.base"
    os.environ["BULLETIN_EMAIL_BACKEND"] = (
        "django.core.mail.backends.dummy.EmailBackend"
    )
    os.environ["BULLETIN_EMAIL_RATE"] = "0"
    os.environ.setdefault("BULLETIN_SITE_URL", "https://news.example.org")
    import django

    django.setup()
    from django.db import connection

    from bulletin.posts import clock
    from bulletin.posts.models import Kind, Post, Status
    from bulletin.scheduling.models import ScheduledMoment
    from bulletin.scheduling.moments import carry_out
    from bulletin.subscriptions import alerts, outbox
    from bulletin.subscriptions.models import (
        AlertEvent,
        Frequency,
        Mail,
        Subscriber,
        Subscription,
        list_key,
    )

    started = time.perf_counter()
    now = clock.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"reader{n}@example.net", language="en")
            for n in range(args.subscribers)
        ),
        batch_size=5000,
    )
    Subscription.objects.bulk_create(
        (
            Subscription(
                subscriber_id=pk,
                language="en",
                kind=Kind.NOTICE if pk % 2 else "",
                frequency=Frequency.IMMEDIATE,
                list_key=list_key("en", Kind.NOTICE if pk % 2 else "", None),
                confirmed_at=now,
            )
            for pk in Subscriber.objects.values_list("pk", flat=True).iterator()
        ),
        batch_size=5000,
    )
    print(
        f"{args.subscribers:,} followers added in {time.perf_counter() - started:.1f} s"
        f" ({connection.vendor})"
    )

    post = Post.objects.create(
        kind=Kind.NOTICE, title="Water cut", status=Status.PUBLISHED, published_at=now
    )
    moment = ScheduledMoment.objects.get(post=post)
    started = time.perf_counter()
    assert carry_out(moment.pk) == "done"
    publish = time.perf_counter() - started

    event = AlertEvent.objects.get()
    started = time.perf_counter()
    queued = alerts.fan_out(event)
    fan_out = time.perf_counter() - started
    assert Mail.objects.count() == queued == args.subscribers

    started = time.perf_counter()
    outcome = outbox.deliver_due(limit=args.send)
    send = time.perf_counter() - started

    print(f"publishing (the moment's transaction):  {publish * 1000:8.1f} ms")
    print(f"queueing {queued:,} alerts (fan-out):    {fan_out:8.2f} s")
    print(
        f"sending {outcome.get('sent', 0):,} (compose + claim + mark): {send:8.2f} s"
        f" = {outcome.get('sent', 0) / send:,.0f} mails/s per runner"
    )


if __name__ == "__main__":
    main()
