from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", email="editor@example.org", password=PASSWORD, is_staff=True
    )
