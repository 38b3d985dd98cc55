"""CSRF on every state-changing request, rate limits that hold across app instances,
and reading that stays open."""

from __future__ import annotations

import json

from sqlalchemy import select

from benchmarks.callbacks import UPDATE, callback_key, payload
from explorer import ids
from explorer.accounts import header
from explorer.accounts.models import AuditEvent
from tests.accounts.conftest import csrf_of
from tests.accounts.test_sign_in import ADDRESS, ask_link, signed_in_name, use

CSRF_REFUSED = "het beveiligingstoken (CSRF) ontbreekt of klopt niet"


def callback_request(lang: str = "en") -> dict:
    """The header's callback as the browser asks it: the texts in `lang`."""
    outputs = [
        {"id": header.SIGN_IN_LINK, "property": "children"},
        {"id": header.SIGN_IN_LINK, "property": "href"},
        {"id": header.SIGN_OUT_BUTTON, "property": "children"},
        {"id": header.SIGN_OUT_LANGUAGE, "property": "value"},
        {"id": header.NAME, "property": "title"},
    ]
    return {
        "output": "..sign-in-link.children...sign-in-link.href...sign-out-button.children"
        "...sign-out-language.value...account-name.title..",
        "outputs": outputs,
        "inputs": [{"id": ids.LANGUAGE, "property": "value", "value": lang}],
        "changedPropIds": [f"{ids.LANGUAGE}.value"],
        "state": [],
    }


def component(layout: dict, wanted: str) -> dict | None:
    """The props of the component `wanted` in a layout as /_dash-layout gives it."""
    props = layout.get("props", {}) if isinstance(layout, dict) else {}
    if props.get("id") == wanted:
        return props
    children = props.get("children")
    for child in children if isinstance(children, list) else [children]:
        if isinstance(child, dict) and (found := component(child, wanted)) is not None:
            return found
    return None


def signed_in(client, mailbox) -> None:
    ask_link(client)
    use(client, mailbox.links_to(ADDRESS)[-1])
    assert signed_in_name(client) == ADDRESS


def test_forms_without_the_csrf_token_are_refused(client, mailbox):
    for path, data in (
        ("/inloggen", {"email": ADDRESS}),
        ("/inloggen", {"email": ADDRESS, "csrf_token": "guessed"}),
        ("/inloggen/link", {"t": "anything"}),
    ):
        answer = client.post(path, data=data)
        assert answer.status_code == 403, path
        assert CSRF_REFUSED in answer.get_data(as_text=True)
    assert mailbox.messages == []


def test_sign_out_without_the_csrf_token_is_refused_and_changes_nothing(client, mailbox):
    signed_in(client, mailbox)
    for path in ("/uitloggen", "/uitloggen/overal"):
        assert client.post(path).status_code == 403
    assert signed_in_name(client) == ADDRESS
    assert client.post("/uitloggen", data={"csrf_token": csrf_of(client)}).status_code == 303
    assert signed_in_name(client) is None


def test_a_callback_from_a_session_needs_the_token_dash_sends(client, mailbox):
    signed_in(client, mailbox)
    body = json.dumps(callback_request())
    refused = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert refused.status_code == 403
    assert CSRF_REFUSED in refused.get_data(as_text=True)

    # the renderer copies the _csrf_token cookie into the X-CSRFToken header
    cookie = client.get_cookie("_csrf_token")
    assert cookie is not None and not cookie.http_only
    answered = client.post(
        "/_dash-update-component",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": cookie.value},
    )
    assert answered.status_code == 200
    assert "Sign in" in answered.get_data(as_text=True)


def test_reading_needs_no_account_and_the_header_offers_to_sign_in(app):
    reader = app.server.test_client()
    assert reader.get("/").status_code == 200
    link = component(reader.get("/_dash-layout").get_json(), header.SIGN_IN_LINK)
    assert (link["children"], link["href"], link["hidden"]) == ("Inloggen", "/inloggen", False)
    assert component(reader.get("/_dash-layout").get_json(), header.NAME)["children"] == ""
    # a script with no session reads like before
    fresh = app.server.test_client(use_cookies=False)
    answer = fresh.post(
        "/_dash-update-component",
        data=json.dumps(callback_request("nl")),
        content_type="application/json",
    )
    assert answer.status_code == 200 and "Inloggen" in answer.get_data(as_text=True)


def test_the_header_shows_who_is_signed_in(client, mailbox):
    signed_in(client, mailbox)
    layout = client.get("/_dash-layout").get_json()
    name = component(layout, header.NAME)
    assert (name["children"], name["href"], name["hidden"]) == (ADDRESS, "/profiel", False)
    assert component(layout, header.SIGN_IN_LINK)["hidden"] is True
    assert component(layout, header.SIGN_OUT_BUTTON)["children"] == "Uitloggen"


def test_a_burst_of_link_requests_for_one_address_is_refused(client, mailbox, database, clock):
    answers = [ask_link(client).status_code for _ in range(7)]
    assert answers == [200] * 5 + [429] * 2
    refused = ask_link(client)
    assert "Te veel inlogverzoeken" in refused.get_data(as_text=True)
    assert len(mailbox.links_to(ADDRESS)) == 5
    with database.session() as db:
        kinds = [e.kind for e in db.scalars(select(AuditEvent))]
    assert kinds.count("link_refused") == 3

    clock.advance(minutes=15, seconds=1)
    assert ask_link(client).status_code == 200


def test_the_limit_holds_across_app_instances_sharing_the_database(make_app, mailbox):
    first, second = make_app().server.test_client(), make_app().server.test_client()
    answers = [ask_link(c).status_code for c in (first, second, first, second, first)]
    assert answers == [200] * 5
    assert ask_link(second).status_code == 429
    assert ask_link(first).status_code == 429


def test_a_burst_from_one_client_is_refused_whatever_the_addresses(client, mailbox):
    answers = [ask_link(client, f"collega{n}@example.nl").status_code for n in range(31)]
    assert answers == [200] * 30 + [429]


def test_the_sign_in_pages_carry_the_security_headers(client):
    answer = client.get("/inloggen")
    policy = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    # the link's token never travels on to another site
    assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_the_navigation_names_the_forum_in_the_chosen_language(app):
    """Asked as a script would, as the server's very first request: Dash then draws the
    layout, whose sign-out form makes a token, before the request is checked."""
    reader = app.server.test_client(use_cookies=False)
    values = {"url.pathname": "/", "url.search": "", "language.value": "en"}
    key = callback_key(app.callback_map, "page.children")
    body = payload(app.callback_map, key, values, ("url.pathname",))
    answer = reader.post(UPDATE, json=body)
    assert answer.status_code == 200
    nav = answer.get_json()["response"]["nav"]["children"]
    forum = [link["props"] for link in nav if link["props"].get("href", "").startswith("/forum")]
    assert forum == [{"children": "Forum", "href": "/forum?lang=en", "className": "nav-link"}]
    assert reader.get("/forum?lang=en").status_code == 200
