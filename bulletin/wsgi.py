"""The site as a WSGI application: static files, then the public page cache, in
front of Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bulletin.settings.base")

django_application = get_wsgi_application()

from bulletin.public.pagecache import PageCacheApp  # noqa: E402  (needs Django set up)
from bulletin.public.staticfiles import StaticFilesApp  # noqa: E402
from bulletin.server.logs import offered_request_id  # noqa: E402

application = StaticFilesApp(
    PageCacheApp(django_application, request_id=offered_request_id),
    request_id=offered_request_id,
)
