"""The running examples in the importers' docstrings run (pytest collects doctests from
graphmodel, explorer and verbindplaats by path; `import/` is the package `importers`,
whose name is not its folder's, so its modules are run here by name)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import importers

MODULES = sorted(m.name for m in pkgutil.walk_packages(importers.__path__, "importers."))


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_of_every_importers_module_run(name: str) -> None:
    failed, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failed == 0


def test_the_importers_have_running_examples() -> None:
    """The check above can fail: there are examples to run."""
    found = sum(doctest.testmod(importlib.import_module(n)).attempted for n in MODULES)
    assert found > 0
