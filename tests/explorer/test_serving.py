"""Serving a team: callback answers kept for a while (never one made while the store was
away), compressed responses, and pages warmed up before the first visitor."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pandas as pd

from benchmarks.callbacks import UPDATE, callback_key, payload
from explorer.app import create_app, warm_up
from explorer.serving import EXTENSION
from graphmodel.errors import StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node
from graphmodel.stores.memory import MemoryStore


class CountingStore(MemoryStore):
    """The mini data; counts how often the About page is made (it asks the graph's
    version each time, to know whether its summary of the graph still holds), and can
    be made to be away."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0
        self.away = False

    def version(self) -> str:
        self.asked += 1
        if self.away:
            raise StoreUnavailable("Neo4j at bolt://10.0.0.7:7687 is not reachable")
        return super().version()


def about_page(app) -> dict:
    key = callback_key(app.callback_map, "page.children")
    values = {"url.pathname": "/over", "url.search": "", "language.value": "nl"}
    return payload(app.callback_map, key, values, ("url.pathname",))


def make(mini_batch) -> tuple[CountingStore, object]:
    store = CountingStore()
    store.load(mini_batch)
    return store, create_app(Graph(store))


def test_the_same_callback_request_is_answered_once_per_minute(mini_batch):
    store, app = make(mini_batch)
    web = app.server.test_client()
    first = web.post(UPDATE, json=about_page(app))
    second = web.post(UPDATE, json=about_page(app))
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert store.asked == 1
    english = about_page(app)
    english["inputs"][1]["value"] = "en"
    assert "About the data" in web.post(UPDATE, json=english).get_data(as_text=True)
    assert store.asked == 2


def test_an_answer_made_while_the_store_was_away_is_not_kept(mini_batch):
    store, app = make(mini_batch)
    web = app.server.test_client()
    store.away = True
    assert "niet bereikbaar" in web.post(UPDATE, json=about_page(app)).get_data(as_text=True)
    store.away = False
    assert "Over de data" in web.post(UPDATE, json=about_page(app)).get_data(as_text=True)
    assert store.asked == 2


def test_a_kept_answer_is_not_given_after_its_time(mini_batch):
    store, app = make(mini_batch)
    app.server.extensions[EXTENSION].answers.seconds = 0.0
    web = app.server.test_client()
    web.post(UPDATE, json=about_page(app))
    web.post(UPDATE, json=about_page(app))
    assert store.asked == 2


def test_responses_are_compressed_for_browsers_that_accept_it(mini_batch):
    _, app = make(mini_batch)
    web = app.server.test_client()
    response = web.post(UPDATE, json=about_page(app), headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Over de data" in json.dumps(json.loads(gzip.decompress(response.data)))
    assert "Content-Security-Policy" in response.headers


def test_the_about_page_counts_what_was_loaded_after_it_was_made(mini_batch):
    store, app = make(mini_batch)
    app.server.extensions[EXTENSION].answers.seconds = 0.0
    web = app.server.test_client()
    before = web.post(UPDATE, json=about_page(app)).get_data(as_text=True)
    nodes = len(store.export().nodes)
    store.load(GraphBatch([Node("topic:nieuw", "Topic", {"name": "Nieuw"})]))
    after = web.post(UPDATE, json=about_page(app)).get_data(as_text=True)
    assert f"{nodes} knopen" in before and f"{nodes + 1} knopen" in after


class SummingStore(MemoryStore):
    """Counts how often the source and date of every fact are read (the About page's
    summary of the graph)."""

    def __init__(self) -> None:
        super().__init__()
        self.summed = 0

    def provenance(self) -> pd.DataFrame:
        self.summed += 1
        return super().provenance()


def test_a_warmed_up_explorer_has_the_about_page_summed_up_before_its_first_visit(mini_batch):
    store = SummingStore()
    store.load(mini_batch)
    app = create_app(Graph(store), today=date(2026, 11, 22))
    warm_up(app)  # as `verbindplaats serve` does before it serves
    assert store.summed == 1
    page = app.server.test_client().post(UPDATE, json=about_page(app))
    assert "Over de data" in page.get_data(as_text=True)
    assert store.summed == 1  # the first visitor did not wait for it
