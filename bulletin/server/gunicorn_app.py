"""Run the site under gunicorn from inside the `bulletin` command."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class BulletinServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from bulletin.wsgi import application

        return application
