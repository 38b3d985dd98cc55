"""``python -m verbindplaats.cli``: the same command as ``verbindplaats``."""

from verbindplaats.cli import main

main()
