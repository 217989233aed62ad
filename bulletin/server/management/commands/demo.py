from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from bulletin.i18n.seeding import seed_translations
from bulletin.posts.models import Post
from bulletin.server.showcase import build_showcase

DEMO_POSTS = 600


class Command(BaseCommand):
    help = "A newcomer's one command: set up the data directory, demo content and an admin, then serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--posts", type=int, default=DEMO_POSTS)
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up only; do not serve."
        )

    def handle(
        self, *args, host: str, port: int, posts: int, no_serve: bool, **options
    ) -> None:
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        if not Post.objects.exists():
            call_command("seed", posts=posts, stdout=self.stdout)
            # Every feature once: identity, pages, pinned and expired notices, an
            # event, a correction, a withdrawal, accessible formats, an image.
            build_showcase()
            # The newest posts (the showcase among them) in all seven languages.
            made = seed_translations(count=max(12, min(40, posts // 10)))
            self.stdout.write(f"Seeded {made} translations.")
        self.address = f"{host}:{port}"
        self.ensure_admin()
        if not no_serve:
            call_command("serve", host=host, port=port, no_migrate=True)

    def ensure_admin(self) -> None:
        """Create `admin` once; its password is kept in the data directory for newcomers."""
        User = get_user_model()
        password_file = settings.DATA_DIR / "demo-admin-password"
        if not User.objects.filter(username="admin").exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@example.org", password)
            fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(password)
        password = (
            password_file.read_text()
            if password_file.exists()
            else "(set when it was created)"
        )
        self.stdout.write(self.style.SUCCESS("Sign in to the back office:"))
        self.stdout.write(
            f"  http://{self.address}/manage/  user: admin  password: {password}"
        )
