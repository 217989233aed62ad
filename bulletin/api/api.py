"""The read API: one NinjaAPI, mounted at /api/, with versioned routers under it."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from bulletin.api.views import router as v1

DESCRIPTION = """\
Read-only JSON access to the public posts and topics of this site.

* Only published posts whose publication time has come are ever shown; drafts,
  scheduled and withdrawn posts are absent from lists and answer 404.
* Lists are paged by an opaque cursor: follow `next` until it is null.
* Answers carry an `ETag`; send it back as `If-None-Match` to get `304 Not Modified`.
* Any origin may read (CORS); nothing here needs a key.
"""

api = NinjaAPI(
    title="Bulletin API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Served from ninja's packaged static files; the online validator badge is off so
    # the docs page calls nowhere else.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/v1", v1)
