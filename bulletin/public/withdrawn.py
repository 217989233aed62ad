"""What the public sees of a withdrawn post: a notice at its old address.

Kept here, beside the workflow that withdraws posts; the public post page asks it
when its own lookup finds nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bulletin.posts.models import Post

# 410 Gone tells search engines to drop the page; people still read the notice.
WITHDRAWN_STATUS = 410


def withdrawn_posts(language: str) -> QuerySet[Post]:
    """Withdrawn posts that had been public, so their address once worked."""
    return Post.objects.withdrawn_after_publication().filter(language=language)


def withdrawal_notice(
    request: HttpRequest, language: str, slug: str
) -> HttpResponse | None:
    """The notice page for a withdrawn post with this slug, or None."""
    post = withdrawn_posts(language).filter(slug=slug).first()
    if post is None:
        return None
    return render(
        request, "public/withdrawn.html", {"post": post}, status=WITHDRAWN_STATUS
    )
