"""A curator's approval under `verbindplaats serve` on the embedded store, with two real
server processes on one dataset folder (as gunicorn's workers are): approved through
one, it is seen by the other, and it is in the folder when both have stopped."""

from __future__ import annotations

import os
import shutil
from contextlib import ExitStack

import requests
from sqlalchemy import select

from explorer.accounts.models import Profile
from importers.folderstore import FolderStore
from tests.accounts.conftest import CSRF
from tests.accounts.test_serving import REPOSITORY, serving
from tests.accounts.test_sign_in import token_of
from tests.conftest import MINI
from tests.profiles.conftest import CURATOR, GOOD, PERSON


def post(session: requests.Session, url: str, path: str, data: dict, page: str) -> int:
    """POST `data` as the form on `page` does, with its CSRF token; the status."""
    form = session.get(url + page, timeout=30)
    found = CSRF.search(form.text)
    assert found, f"GET {page}: HTTP {form.status_code}, no form token in {form.text[:300]!r}"
    token = found.group(1)
    answer = session.post(url + path, data={**data, "csrf_token": token}, timeout=60)
    return answer.status_code


def sign_in(session: requests.Session, url: str, mailbox, address: str) -> None:
    assert post(session, url, "/inloggen", {"email": address}, "/inloggen") == 200
    link = mailbox.links_to(address)[-1]
    session.get(url + link.removeprefix("http://localhost"), timeout=30)
    data = {"t": token_of(link)}
    assert post(session, url, "/inloggen/link", data, "/inloggen") in (200, 303)


def test_an_approval_through_one_server_is_seen_by_the_other_and_kept(
    database, mailbox, curator_role, tmp_path
):
    data = shutil.copytree(MINI, tmp_path / "data")
    environ = {
        **os.environ,
        "DATABASE_URL": database.url,
        "VERBINDPLAATS_INSTANCE": str(tmp_path),  # one secret key for both
        "VERBINDPLAATS_PUBLIC_URL": "http://localhost",
        "VERBINDPLAATS_SMTP_HOST": "127.0.0.1",
        "VERBINDPLAATS_SMTP_PORT": str(mailbox.port),
        "VERBINDPLAATS_SMTP_STARTTLS": "0",
    }
    with ExitStack() as stack:
        first, second = stack.enter_context(serving(environ, REPOSITORY, data, count=2))
        person, curator = requests.Session(), requests.Session()
        sign_in(person, first, mailbox, PERSON)
        assert post(person, first, "/profiel", GOOD, "/profiel") == 200
        curator_role(CURATOR)
        sign_in(curator, second, mailbox, CURATOR)
        with database.session() as db:
            profile = db.scalar(select(Profile))
        decision = {"profile": str(profile.id), "decision": "approve"}
        assert post(curator, second, "/curator", decision, "/curator") == 200

        held = person.get(first + "/profiel/gegevens", timeout=30).json()
        assert held["graph"]["node"]["name"] == "Anna de Boer"  # the other process sees it
    assert FolderStore(data).node(profile.person_id).name == "Anna de Boer"  # and kept
