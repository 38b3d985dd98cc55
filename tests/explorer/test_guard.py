"""The explorer's defences on the web: body limits, security headers, and 400/404 without a
traceback for crafted requests; in Chromium, every page works under the headers."""

from __future__ import annotations

import logging

import pytest
from dash.testing.wait import until

import graphmodel
from benchmarks.callbacks import UPDATE, callback_key, payload
from explorer.app import create_app
from explorer.guard import MAX_BODY


@pytest.fixture(scope="module")
def client():
    app = create_app(graphmodel.open())
    return app, app.server.test_client()


@pytest.mark.parametrize(
    "path", ["/", "/mensen", "/_dash-layout", "/_dash-dependencies", "/assets/style.css"]
)
def test_every_response_carries_the_security_headers(client, path):
    _, web = client
    response = web.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_the_page_allows_its_inline_script_by_hash_and_no_other(client, encoding):
    _, web = client
    response = web.get("/", headers={"Accept-Encoding": encoding})
    policy = response.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'sha256-" in script_src and "unsafe-inline" not in script_src


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    _, web = client
    response = web.post(UPDATE, data=b"x" * (MAX_BODY + 1), content_type="application/json")
    assert response.status_code == 413


def crafted(app) -> list[tuple[str, dict | str]]:
    key = callback_key(app.callback_map, "explore-propose-download.data")
    wrong_type = payload(app.callback_map, key, {"explore-propose.n_clicks": "x"}, ("x",))
    wrong_type["state"][0]["value"] = {"id": ["person:x"]}
    best = callback_key(app.callback_map, "selected.data", "explore-best")
    wrong_best = payload(
        app.callback_map, best, {"explore-best.data": "text"}, ("explore-best.data",)
    )
    return [
        ("empty", {}),
        ("no inputs", {"output": key, "outputs": {"id": "x", "property": "y"}}),
        ("wrong types, answered with nothing", wrong_type),
        ("wrong type in a callback", wrong_best),
        ("nested 100,000 deep", "[" * 100_000 + "]" * 100_000),
        ("not JSON", "{"),
    ]


def test_crafted_callback_requests_get_400_or_nothing_without_a_traceback(client, caplog):
    app, web = client
    for name, body in crafted(app):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            if isinstance(body, str):
                response = web.post(UPDATE, data=body, content_type="application/json")
            else:
                response = web.post(UPDATE, json=body)
        assert response.status_code == (200 if "nothing" in name else 400), name
        assert response.status_code == 400 or response.get_json()["response"] == {}
        assert b"Traceback" not in response.data
        assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/..%2f..%2f..%2fsetup.py",
        "/_dash-component-suites/../dash/deps/x.js",
        "/_dash-component-suites/dash/../../graphmodel/privacy.py",
        "/_dash-component-suites/nowhere/x.js",
        "/_dash-component-suites/dash/deps/nothing.js",
    ],
)
def test_paths_outside_the_served_files_get_404_without_a_traceback(client, caplog, path):
    _, web = client
    with caplog.at_level(logging.INFO):
        response = web.get(path)
    assert response.status_code == 404
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.browser
def test_no_console_errors_under_the_security_headers(browser):
    """Every page, the graph, the map and the route draw with the policy in force: a
    blocked script, style, image or worker would be a console error."""
    browser.start_server(create_app(graphmodel.open()))
    browser.wait_for_element("#search").send_keys("zij-instroom")
    browser.wait_for_element(".result").click()
    until(lambda: browser.driver.execute_script("return !!window.cy"), timeout=10)
    for path, ready in (
        ("/mensen?topic=topic:zij-instroom", ".people-result"),
        ("/dekking", ".js-plotly-plot"),
        ("/over", "#about-totals"),
    ):
        browser.driver.get(browser.server_url + path)
        browser.wait_for_element(ready, timeout=15)
    assert browser.get_logs() == []


@pytest.mark.parametrize("path", ["/foo", "/mensen/extra", "/dekking.csv", "/over/"])
def test_an_unknown_page_answers_404_and_still_says_so_on_the_page(client, path):
    _, web = client
    response = web.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"  # the shell, which draws "Deze pagina bestaat niet."
    assert "_dash-config" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/mensen", "/dekking", "/over"])
def test_every_page_of_the_explorer_answers_200(client, path):
    _, web = client
    assert web.get(path).status_code == 200
