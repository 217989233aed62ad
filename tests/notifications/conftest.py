"""The back office's people and clients, shared with the editorial tests."""

from tests.editorial.conftest import (  # noqa: F401  (fixtures)
    admin_user,
    author,
    author_client,
    editor,
    editor_client,
    make_user,
    other_author,
)
from tests.subscriptions.conftest import inbox, smtp_server  # noqa: F401
