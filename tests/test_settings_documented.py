"""Every environment variable the code reads is documented in docs/settings.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READS = re.compile(
    r"""(?:environ(?:\.get)?\(|environ\[|env_bool\(|env_list\(|env_int\()\s*["']((?:BULLETIN_|DATABASE_)[A-Z_]+)["']"""
)


def variables_read_by_the_code() -> set[str]:
    found = set()
    for path in (ROOT / "bulletin").rglob("*.py"):
        found.update(READS.findall(path.read_text()))
    return found


def test_the_code_reads_variables_at_all():
    assert {
        "BULLETIN_DATA_DIR",
        "DATABASE_URL",
        "BULLETIN_SECRET_KEY",
    } <= variables_read_by_the_code()


def test_every_variable_is_documented():
    documented = set(
        re.findall(
            r"`((?:BULLETIN_|DATABASE_)[A-Z_]+)`",
            (ROOT / "docs/settings.md").read_text(),
        )
    )
    assert sorted(variables_read_by_the_code() - documented) == []
