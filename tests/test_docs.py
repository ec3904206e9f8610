"""Every command has help text and is shown in docs/."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from factcheck.cli import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(group: click.Group, ctx: click.Context, prefix: str) -> list[tuple[str, click.Command]]:
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = f"{prefix} {name}".strip()
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, ctx, path))
    return found


COMMANDS = _commands(cli, click.Context(cli), "")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_has_help(path, command):
    assert (command.help or "").strip(), f"`factcheck {path}` has no help text"


# global options may stand between `factcheck` and the command: `factcheck --user ana review start 1`
GLOBAL_OPTIONS = re.compile(r"factcheck(?:\s+\[?--(?:db|user)[ =]\S+?\]?)+(?=\s)")


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_docs_show_every_command(path):
    text = GLOBAL_OPTIONS.sub("factcheck", "\n".join(p.read_text() for p in DOCS.glob("*.md")))
    assert re.search(rf"factcheck\s+{re.escape(path)}\b", text), f"docs/ never shows `factcheck {path}`"
