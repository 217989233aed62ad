"""URL converters shared by every app's URL patterns.

`<id:pk>` is a row number: digits only, and never more than a database integer can
hold. A larger number cannot name a row, so it answers 404 at the URL resolver,
before any query could overflow (SQLite and PostgreSQL both refuse past 2**63 − 1).
Use it for every integer in a path; Django's `<int:…>` has no upper bound.
"""

from __future__ import annotations

# The largest value of a signed 64-bit column (BigAutoField, BIGINT).
LARGEST_ID = 2**63 - 1


class RowIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            # A ValueError makes the resolver treat the pattern as not matching: 404.
            raise ValueError("Too large for a row number")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
