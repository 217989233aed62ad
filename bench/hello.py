"""The references: a bare WSGI hello-world app, served by the same server as Bulletin.

`/` answers 12 bytes; `/<n>` answers n bytes (a reference of the same size as a page,
to tell the server's cost of sending bytes from the page cache's own).
"""

_bodies: dict[str, bytes] = {}


def app(environ, start_response):
    path = environ.get("PATH_INFO", "/").strip("/")
    body = _bodies.get(path)
    if body is None:
        body = b"x" * int(path) if path.isdigit() else b"Hello, world"
        _bodies[path] = body
    start_response(
        "200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))]
    )
    return [body]
