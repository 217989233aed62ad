"""A day of a list is counted from the list index alone, on both databases.

After a change, each list recounts the days it touched (`bulletin.posts.recount`).
Its rule reads the kind and the expiry besides the order; were they not in the index,
every post of the day would cost a read of its table row (at 1,000,000 posts on
PostgreSQL, 2,613 blocks from disk and 134 ms for the newest day).
"""

from datetime import UTC, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bulletin.posts.listing import PostList
from bulletin.posts.models import Kind
from bulletin.posts.recount import count_days

# Transactional: VACUUM, which cannot run in a transaction, marks the pages visible.
pytestmark = pytest.mark.django_db(transaction=True)


def plan_of(sql: str) -> str:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(str(row) for row in cursor.fetchall())
    with connection.cursor() as cursor:
        # Statistics left by an earlier test's ANALYZE (a bulk load's) outlive its
        # rollback; fresh ones, and pages marked all-visible, make an index-only scan
        # the cheapest path wherever one exists. `enable_indexscan = off` would forbid
        # index-only scans too, leaving the planner nothing but forbidden paths.
        cursor.execute("VACUUM ANALYZE posts_post")
    with transaction.atomic(), connection.cursor() as cursor:
        # On a test's few rows the table itself is cheaper still: leave it out.
        for path in ("seqscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{path} = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize("kind", [None, Kind.NOTICE], ids=["all posts", "one kind"])
def test_a_days_count_reads_the_list_index_alone(now, make_post, kind):
    for n in range(6):
        make_post(published_at=now - timedelta(hours=n), kind=kind or Kind.NEWS)
    post_list = PostList(language="en", kind=kind)
    day = (now - timedelta(hours=1)).astimezone(UTC).date()
    with CaptureQueriesContext(connection) as queries:
        assert count_days("a list", post_list, now, {day}) == {day: 6}
    (sql,) = [q["sql"] for q in queries.captured_queries]
    plan = plan_of(sql)
    # Either list index answers it (the kind's, for a list of all posts, on a tiny
    # table), as long as it answers alone.
    assert "post_list_rule_idx" in plan or "post_kind_rule_idx" in plan, plan
    if connection.vendor == "postgresql":
        assert "Index Only Scan" in plan, plan
    else:
        assert "COVERING INDEX" in plan, plan
