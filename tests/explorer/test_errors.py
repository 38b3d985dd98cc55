"""Errors that say what happened: a question too long, a topic that does not exist, a
database that is away (said without its address, which goes to the log), and a server
that does not answer given up on within the serving patience."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from click.testing import CliRunner

import graphmodel
from benchmarks.callbacks import UPDATE, callback_key, payload
from explorer.app import create_app
from graphmodel.errors import QuestionTooLong, StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.stores.neo4j import SERVING_PATIENCE, Neo4jStore
from graphmodel.text import MAX_QUESTION
from verbindplaats.cli import main

LONG = "zij-instroom " * 4000  # 52 KB of words: minutes of parsing before the limit


@pytest.fixture(scope="module")
def bundled():
    return graphmodel.open()


def answer(app, output: str, values: dict, trigger: str) -> str:
    key = callback_key(app.callback_map, output)
    body = payload(app.callback_map, key, {"language.value": "nl", **values}, (trigger,))
    response = app.server.test_client().post(UPDATE, json=body)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_question_longer_than_the_limit_is_refused_by_every_store_method(bundled):
    fits = "zij-instroom " * (MAX_QUESTION // 13)
    assert bundled.parse(fits).parts
    for ask in (bundled.parse, bundled.search, bundled.ask, bundled.browse):
        with pytest.raises(QuestionTooLong, match=f"at most {MAX_QUESTION}"):
            ask(LONG)


def test_the_explorer_says_a_long_question_is_too_long(bundled):
    app = create_app(bundled)
    shown = answer(app, "results.children", {"search.value": LONG}, "search.value")
    assert f"langer dan {MAX_QUESTION} tekens" in shown
    shown = answer(app, "people-understood.children", {"people-ask.value": LONG}, "people-ask")
    assert f"langer dan {MAX_QUESTION} tekens" in shown


def test_the_cli_says_a_long_question_is_too_long(tmp_path):
    result = CliRunner().invoke(main, ["ask", LONG])
    assert result.exit_code == 2
    assert f"at most {MAX_QUESTION}" in result.output


def test_an_unknown_topic_on_the_coverage_page_is_not_an_outage(bundled):
    app = create_app(bundled)
    values = {"coverage-level.value": "provincie", "coverage-topic.value": "topic:bestaat-niet"}
    shown = answer(app, "coverage-body.children", values, "coverage-topic.value")
    assert "niet bereikbaar" not in shown
    assert "kan niet worden beantwoord" in shown and "topic:bestaat-niet" in shown


@pytest.mark.neo4j
def test_an_outage_is_told_without_address_or_admin_advice_and_logged(caplog):
    store = Graph(Neo4jStore.connect("bolt://127.0.0.1:9", password="x", serving=True))
    app = create_app(store)
    with caplog.at_level(logging.WARNING, logger="explorer"):
        values = {"url.pathname": "/over", "url.search": ""}
        shown = answer(app, "page.children", values, "url.pathname")
        values = {"coverage-level.value": "provincie"}
        shown += answer(app, "coverage-body.children", values, "coverage-level.value")
    store.close()
    assert shown.count("niet bereikbaar") == 2
    for internal in ("bolt://", "127.0.0.1", "neo4j start", "NEO4J"):
        assert internal not in shown
    assert "bolt://127.0.0.1:9" in caplog.text  # for the administrators


@pytest.mark.neo4j
def test_a_server_that_accepts_but_does_not_answer_is_given_up_on_in_time():
    """A Neo4j that is starting accepts connections and says nothing: before, a call
    waited for the driver's 30 s connection timeout."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        store = Graph(Neo4jStore.connect(f"bolt://127.0.0.1:{port}", password="x", serving=True))
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.stats()
        waited = time.monotonic() - started
        store.close()
    assert waited < SERVING_PATIENCE + 0.5
