"""Opaque, signed cursors for keyset pagination.

A cursor names the last post a client has seen by its sort key, (published_at, id) or
(updated_at, id), never by an offset: posts published while a client pages through a
list land before its position and shift nothing after it. The cursor is signed so a
client cannot hand-craft one; a tampered or foreign cursor is refused with 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core import signing

SALT = "bulletin.api.cursor"

# What a list is ordered by; a cursor only continues a list of the same order.
BY_PUBLISHED = "published"
BY_UPDATED = "updated"


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    order: str
    at: datetime
    pk: int

    def encode(self) -> str:
        return signing.dumps([self.order, self.at.isoformat(), self.pk], salt=SALT)

    @classmethod
    def decode(cls, token: str, order: str) -> Cursor:
        try:
            found_order, at, pk = signing.loads(token, salt=SALT)
            cursor = cls(
                order=str(found_order), at=datetime.fromisoformat(at), pk=int(pk)
            )
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise InvalidCursor(
                "The cursor is not one this API gave out; start again without it."
            ) from error
        if cursor.order != order:
            raise InvalidCursor(
                f"This cursor continues a list ordered by {cursor.order} time; "
                f"this request lists by {order} time."
            )
        return cursor
