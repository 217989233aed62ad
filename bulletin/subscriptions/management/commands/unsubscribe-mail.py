"""Read one mail on standard input and honour the unsubscribe request in its subject.

The `mailto:` half of `List-Unsubscribe` lands in a mailbox; have the mail server pipe
messages for BULLETIN_UNSUBSCRIBE_EMAIL into this command (e.g. a Postfix alias
`unsubscribe: "|bulletin unsubscribe-mail"`).
"""

from __future__ import annotations

import email
import email.policy
import re
import sys
from urllib.parse import unquote

from django.core.management.base import BaseCommand

from bulletin.subscriptions import services, tokens

TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)


class Command(BaseCommand):
    help = "Honour an unsubscribe request mailed to BULLETIN_UNSUBSCRIBE_EMAIL (read from stdin)."

    def handle(self, *args, **options) -> None:
        message = email.message_from_binary_file(
            sys.stdin.buffer, policy=email.policy.default
        )
        match = TOKEN.search(str(message.get("Subject", "")))
        if not match:
            self.stdout.write("no unsubscribe request in the subject")
            return
        try:
            subscriber, ids = tokens.read_unsubscribe(unquote(match.group(1)))
        except tokens.BadToken:
            self.stdout.write("unknown or already unsubscribed")
            return
        services.leave(subscriber, ids)
        self.stdout.write("unsubscribed")
