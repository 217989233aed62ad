"""The references: a bare WSGI hello-world app, served by the same server as Bulletin.

`/` answers 12 bytes; `/<n>` answers n bytes (a reference of the same size as a page,
to tell the server's cost of sending bytes from the page cache's own); `/<n>/headers`
answers n bytes with as many headers, of the same lengths, as a kept page sends (to
tell the server's cost of writing headers from the page cache's own).
"""

# Names and value lengths of what a kept page sends (CSP, security headers,
# validators, Vary, Content-Language…), with made-up values of the same size.
PAGE_HEADERS = [
    ("Content-Encoding", "gzip"),
    ("X-Frame-Options", "DENY"),
    ("Content-Language", "en"),
    ("ETag", 'W/"' + "0" * 24 + '"'),
    ("Last-Modified", "Tue, 01 Dec 2026 18:44:54 GMT"),
    ("Cache-Control", "public, max-age=60"),
    ("Content-Security-Policy", "x" * 236),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Vary", "Accept-Encoding"),
]

_answers: dict[str, tuple[bytes, list[tuple[str, str]]]] = {}


def _answer(path: str) -> tuple[bytes, list[tuple[str, str]]]:
    size, _, extra = path.partition("/")
    body = b"x" * int(size) if size.isdigit() else b"Hello, world"
    headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))]
    if extra == "headers":
        headers += PAGE_HEADERS
    return body, headers


def app(environ, start_response):
    path = environ.get("PATH_INFO", "/").strip("/")
    found = _answers.get(path)
    if found is None:
        found = _answers[path] = _answer(path)
    body, headers = found
    start_response("200 OK", list(headers))
    return [body]
