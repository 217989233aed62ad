"""What back-office views share besides access (`bulletin.accounts.access`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bulletin.editorial.services import WorkflowError
from bulletin.posts.models import Post


def refused(
    request: HttpRequest, error: WorkflowError, post: Post | None = None
) -> HttpResponse:
    """The page for a step the services refused: 403 if not allowed, 409 if the post's
    state does not allow it, always with the reason."""
    return render(
        request,
        "editorial/refused.html",
        {"message": str(error), "post": post},
        status=error.status,
    )
