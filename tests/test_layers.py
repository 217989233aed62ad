"""Dependencies point one way: posts at the bottom, accounts beside it, the public
side never importing the back office. The rule is import-linter's "layers" contract
in pyproject.toml; this runs it with the suite, so a wrong import fails a test."""

from __future__ import annotations

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_the_import_layers_are_kept():
    # On failure import-linter prints each forbidden chain (importer -> imported).
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_the_back_office_sits_above_every_public_app():
    """The contract itself says what the style guide says, so it cannot be weakened
    unseen: editorial above the public side, accounts then posts at the bottom."""
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    names = [
        {part.strip() for part in layer.replace("|", ":").split(":")}
        for layer in layers
    ]
    public_side = {"public", "feeds", "search", "api", "i18n", "thumbnails"}
    editorial = next(i for i, layer in enumerate(names) if "editorial" in layer)
    public = next(i for i, layer in enumerate(names) if public_side <= layer)
    assert editorial < public
    assert names[-2:] == [{"accounts"}, {"posts"}]
