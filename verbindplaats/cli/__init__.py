"""The ``verbindplaats`` command: a thin layer over graphmodel, importers and explorer.

One module per group of commands (`dataset`, `questions`, `freshness`, `verify`,
`serving`, `local_neo4j`, `accounts`, `profiles`, `forum`); each parses its options and
calls the same functions an analyst would call. Our errors become a message and an exit
code in one place (`failures.reported`, around every command): 2 for what the user can
fix, 1 otherwise.
"""

from __future__ import annotations

import importlib

import click

from verbindplaats.cli.failures import reported

__all__ = ["main"]

# Each command by name, and where it is defined: imported only when asked for, so that
# `verbindplaats import` does not load the explorer, the accounts and Alembic (3.6 s of
# imports for every command, where the command itself may take less).
COMMANDS = {
    "check": "dataset:check",
    "stats": "dataset:stats",
    "load": "dataset:load",
    "import": "dataset:import_command",
    "template": "dataset:template",
    "synth": "dataset:synth",
    "find-people": "questions:find_people",
    "ask": "questions:ask",
    "coverage": "questions:coverage",
    "diff": "questions:diff",
    "freshness": "freshness:freshness_command",
    "verify": "verify:verify",
    "serve": "serving:serve",
    "neo4j": "local_neo4j:neo4j",
    "db": "accounts:db",
    "users": "accounts:users",
    "profiles": "profiles:profiles",
    "forum": "forum:forum",
}


class _Commands(click.Group):
    """The command group: its commands are imported when asked for (`COMMANDS`), and each
    runs inside `failures.reported`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        assert command.name == cmd_name, (command.name, cmd_name)  # COMMANDS names it so
        return command

    def invoke(self, ctx: click.Context) -> object:
        with reported():
            return super().invoke(ctx)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verbindplaats")
def main() -> None:
    """Verbindplaats: het netwerk van de flexibele lerarenopleiding als graaf.

    Verbindplaats: the network of flexible teacher education as a graph.
    """
