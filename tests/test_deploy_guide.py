"""Every command in docs/deploy.md is one that scripts/deploy-rehearsal runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "deploy.md"
REHEARSAL = ROOT / "scripts" / "deploy-rehearsal"


def guide_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(), re.S)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_the_guide_has_commands_at_all():
    commands = guide_commands()
    assert "venv/bin/bulletin migrate" in commands
    assert any(c.startswith("venv/bin/bulletin backup") for c in commands)
    assert any(c.startswith("venv/bin/bulletin export-static") for c in commands)


def test_every_command_of_the_guide_is_run_by_the_rehearsal():
    script = [line.strip() for line in REHEARSAL.read_text().splitlines()]
    missing = [
        command
        for command in guide_commands()
        if not any(line.startswith(command) for line in script)
    ]
    assert missing == []


def test_ci_runs_the_rehearsal():
    steps = "".join(p.read_text() for p in (ROOT / "scripts" / "test.d").glob("*.sh"))
    assert "scripts/deploy-rehearsal" in steps
