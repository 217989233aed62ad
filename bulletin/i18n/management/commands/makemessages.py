"""Django's makemessages, writing catalogues in the project's one format.

Entries are sorted by message id and carry no source locations, so two changes that
add different strings touch different lines of a catalogue and merge without
conflict, and moving code never rewrites every catalogue. The project's ignore list
is built in: `bulletin makemessages -a` is the whole command (see docs/i18n.md).
"""

from __future__ import annotations

from django.core.management.commands import makemessages

IGNORED = ["tests/*", "bench/*", "node_modules/*", "build/*", "artifacts/*", ".venv/*"]


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output"]
    msguniq_options = [*makemessages.Command.msguniq_options, "--sort-output"]
    msgattrib_options = [*makemessages.Command.msgattrib_options, "--sort-output"]

    def handle(self, *args, **options):
        options["no_location"] = True
        options["no_obsolete"] = True
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        return super().handle(*args, **options)
