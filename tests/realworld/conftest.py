"""Session fixtures for the real-world corpus: one server per application per test session, started on first use.

Later tests (guide mode on real sites, an exported in-page tour) reuse these fixtures; the apps themselves are in
apps.py, importable without pytest.
"""

from __future__ import annotations

import pytest

from realworld.apps import datasette_library, django_admin, mkdocs_docs, sphinx_docs


@pytest.fixture(scope="session")
def django_url(tmp_path_factory):
    """Django's admin: the base URL (the admin is under /admin/); accounts in django_site/serve.py."""
    with django_admin(tmp_path_factory.mktemp("django")) as url:
        yield url


@pytest.fixture(scope="session")
def datasette_url(tmp_path_factory):
    """Datasette serving the library catalogue (datasette_site): the base URL."""
    with datasette_library(tmp_path_factory.mktemp("datasette")) as url:
        yield url


@pytest.fixture(scope="session")
def mkdocs_url(tmp_path_factory):
    """The MkDocs Material site (mkdocs_site), built at session start: the base URL."""
    with mkdocs_docs(tmp_path_factory.mktemp("mkdocs")) as url:
        yield url


@pytest.fixture(scope="session")
def sphinx_url(tmp_path_factory):
    """The Sphinx + furo site (sphinx_site), built at session start: the base URL."""
    with sphinx_docs(tmp_path_factory.mktemp("sphinx")) as url:
        yield url


@pytest.fixture(scope="session")
def app_urls(request):
    """app_urls("django") → that app's base URL, starting the app only when a test asks for it."""
    return lambda name: request.getfixturevalue(f"{name}_url")


# Guided runs on these applications (test_guide.py) play the person in a browser of their own, as tests/guide does.
from person import person_browser  # noqa: E402, F401
