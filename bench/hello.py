"""The reference: a bare WSGI hello-world app, served by the same gunicorn as Bulletin."""


def app(environ, start_response):
    body = b"Hello, world"
    start_response(
        "200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))]
    )
    return [body]
