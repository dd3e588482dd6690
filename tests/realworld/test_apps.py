"""The corpus's applications themselves: up once per session, on loopback only, quick to start."""

from __future__ import annotations

import ipaddress
import urllib.request

import pytest

from realworld import apps

pytestmark = pytest.mark.realworld


@pytest.mark.parametrize("app", ["django", "datasette"])
def test_a_server_listens_on_127_0_0_1_only(app, app_urls):
    url = app_urls(app)
    server = apps.RUNNING[app]
    addresses = apps.listening_addresses(server.process.pid)
    assert addresses, f"{app} (pid {server.process.pid}) listens on nothing?"
    assert all(ipaddress.ip_address(a.rsplit(":", 1)[0].strip("[]")) == ipaddress.ip_address("127.0.0.1")
               for a in addresses), addresses
    assert url.rsplit(":", 1)[1] in {a.rsplit(":", 1)[1] for a in addresses}


@pytest.mark.parametrize(("app", "path", "words"), [
    ("django", "/admin/login/", "Django administration"),
    ("datasette", "/library/books", "15 rows"),
    ("mkdocs", "/getting-started/installation/", "Homebrew"),
    ("sphinx", "/quickstart.html", "Install Kettle"),
])
def test_each_app_serves_its_pages(app, path, words, app_urls):
    with urllib.request.urlopen(app_urls(app) + path, timeout=10) as answer:
        assert answer.status == 200
        assert words in answer.read().decode()
    assert app in apps.STARTUP_SECONDS  # measured; printed by `python tests/realworld/apps.py`
