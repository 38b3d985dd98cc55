"""The ``verbindplaats`` command: a thin layer over graphmodel, importers and explorer.

One module per group of commands (`dataset`, `questions`, `freshness`, `verify`,
`serving`, `local_neo4j`, `accounts`, `profiles`, `forum`); each parses its options and
calls the same functions an analyst would call. Our errors become a message and an exit
code in one place (`failures.reported`, around every command): 2 for what the user can
fix, 1 otherwise.
"""

from __future__ import annotations

import click

from verbindplaats.cli import (
    accounts,
    dataset,
    forum,
    freshness,
    local_neo4j,
    profiles,
    questions,
    serving,
    verify,
)
from verbindplaats.cli.failures import reported

__all__ = ["main"]


class _Reporting(click.Group):
    """The command group whose every command runs inside `failures.reported`."""

    def invoke(self, ctx: click.Context) -> object:
        with reported():
            return super().invoke(ctx)


@click.group(cls=_Reporting, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verbindplaats")
def main() -> None:
    """Verbindplaats: het netwerk van de flexibele lerarenopleiding als graaf.

    Verbindplaats: the network of flexible teacher education as a graph.
    """


for command in (
    dataset.check,
    dataset.stats,
    dataset.load,
    dataset.import_command,
    dataset.template,
    dataset.synth,
    questions.find_people,
    questions.ask,
    questions.coverage,
    questions.diff,
    freshness.freshness_command,
    verify.verify,
    serving.serve,
    local_neo4j.neo4j,
    accounts.db,
    accounts.users,
    profiles.profiles,
    forum.forum,
):
    main.add_command(command)
