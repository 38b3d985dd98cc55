"""The analyst notebook runs from top to bottom in a real kernel, on both stores."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import graphmodel
from tests.conftest import read_valid
from verbindplaats import neo4j_server

NOTEBOOK = Path(__file__).parents[1] / "docs" / "notebooks" / "analyst.ipynb"


@pytest.mark.neo4j
def test_the_analyst_notebook_runs_and_shows_its_answers(neo4j_store, neo4j_uri, monkeypatch):
    neo4j_store.load(read_valid(graphmodel.BUNDLED_DATA))
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password())
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=300, resources={"metadata": {"path": str(NOTEBOOK.parents[2])}}
    ).execute()
    text = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "100% sourced and dated" in text
    assert "Velon" in text  # among the right people for leeruitkomsten
    assert "Neo4j gives the same ranking" in text
    assert "Windesheim" in text
