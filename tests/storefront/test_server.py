"""The storefront's server: loopback only, files inside the root only, no listings, busy days, clear port errors."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

import guidedflows.storefront as storefront_module
from guidedflows.errors import UsageError
from guidedflows.storefront import Storefront, site_root

CANARY = "CANARY-7c1e-outside-the-root"


def raw_get(store: Storefront, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """One request with the path sent byte for byte (no client normalises it)."""
    host, port = store.address
    with socket.create_connection((host, port), timeout=5) as sock:
        request = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A copy of the store with a canary outside its root, and symlinks inside the root pointing at it."""
    base = tmp_path_factory.mktemp("traversal")
    outside = base / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text(CANARY)
    (base / "canary.txt").write_text(CANARY)
    root = base / "root"
    shutil.copytree(site_root(), root)
    (root / "escape.txt").symlink_to(outside / "canary.txt")
    (root / "escape-dir").symlink_to(outside, target_is_directory=True)
    (root / "assets" / "escape.html").symlink_to(base / "canary.txt")
    (root / ".secret").write_text(CANARY)
    (root / "loop-a").symlink_to(root / "loop-b")
    (root / "loop-b").symlink_to(root / "loop-a")
    with Storefront(root=root) as store:
        yield store


PROBES = [
    "/../canary.txt",
    "/../../../../../../etc/passwd",
    "/assets/../../canary.txt",
    "/..%2fcanary.txt",
    "/%2e%2e/canary.txt",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/%2e%2e/%2e%2e/canary.txt",
    "/.%2e/canary.txt",
    "/%252e%252e/canary.txt",
    "/%252e%252e%252fcanary.txt",
    "/..\\canary.txt",
    "/assets\\..\\..\\canary.txt",
    "/..%5ccanary.txt",
    "/%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "///etc/passwd",
    "/etc/passwd",
    "/canary.txt%00.html",
    "/index.html%00",
    "/%c0%ae%c0%ae/canary.txt",
    "/..;/canary.txt",
    "/C:/Windows/win.ini",
    "/escape.txt",
    "/escape-dir/canary.txt",
    "/escape-dir/",
    "/assets/escape.html",
    "/.secret",
    "/%2esecret",
    "/assets//../../canary.txt",
    "http://127.0.0.1/../canary.txt",
    "/..",
    "/%2e%2e",
    "/index.html/",
    "/loop-a",
    "/" + "a" * 5000,
    "/assets/store.css/../../../canary.txt",
]


@pytest.mark.parametrize("probe", PROBES)
def test_traversal_probe_is_refused_and_never_leaks(guarded, probe):
    status, _, body = raw_get(guarded, probe)
    assert status in (400, 404), probe
    assert CANARY.encode() not in body
    assert b"root:" not in body


def test_the_guarded_copy_still_serves_its_own_files(guarded):
    status, headers, body = raw_get(guarded, "/index.html")
    assert status == 200 and b"<main" in body


def test_binds_to_loopback_only(storefront):
    host, port = storefront.address
    assert host == "127.0.0.1"
    assert storefront.url == f"http://127.0.0.1:{port}/"


def test_refuses_a_non_loopback_host():
    with pytest.raises(UsageError, match="loopback"):
        Storefront(host="0.0.0.0")


def test_a_remote_host_is_allowed_only_when_asked_and_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Storefront(host="0.0.0.0", allow_remote=True)
    assert any("non-loopback" in str(w.message) for w in caught)


def test_a_port_in_use_is_a_clear_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError) as error:
            Storefront(port=port).start()
    assert str(error.value) == (f"port {port} on 127.0.0.1 is already in use; pick another with --port, "
                                "or leave it out to use a free one")
    assert error.value.exit_code == 2


def test_no_directory_listing(storefront):
    status, _, body = raw_get(storefront, "/assets/")
    assert status == 404
    assert b"store.css" not in body
    status, headers, _ = raw_get(storefront, "/assets")
    assert status == 301 and headers["location"] == "assets/"


def test_root_serves_the_home_page_with_utf8_and_no_store(storefront):
    status, headers, body = raw_get(storefront, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert b"assets/js/pages/home.js" in body


@pytest.mark.parametrize("path, content_type", [
    ("/assets/store.css", "text/css; charset=utf-8"),
    ("/assets/js/state.js", "text/javascript; charset=utf-8"),
    ("/favicon.svg", "image/svg+xml; charset=utf-8"),
    ("/alipay.html?x=1", "text/html; charset=utf-8"),
])
def test_content_types(storefront, path, content_type):
    status, headers, _ = raw_get(storefront, path)
    assert (status, headers["content-type"]) == (200, content_type)


def test_head_has_headers_and_no_body(storefront):
    status, headers, body = raw_get(storefront, "/index.html", method="HEAD")
    assert status == 200 and int(headers["content-length"]) > 0 and body == b""


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_only_get_and_head(storefront, method):
    status, headers, _ = raw_get(storefront, "/index.html", method=method)
    assert status == 405 and headers["allow"] == "GET, HEAD"


def test_missing_page_is_404(storefront):
    status, _, body = raw_get(storefront, "/no-such-page.html")
    assert status == 404 and b"Page not found" in body


def test_fifty_concurrent_requests_are_all_served(storefront):
    paths = ["index.html", "orders.html", "assets/store.css", "assets/js/layout.js", "alipay.html"] * 10
    barrier = threading.Barrier(len(paths))

    def fetch(path):
        barrier.wait()
        with urllib.request.urlopen(storefront.url + path, timeout=10) as response:
            return response.status, len(response.read())

    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        results = list(pool.map(fetch, paths))
    assert len(results) == 50
    assert all(status == 200 and size > 0 for status, size in results)


def test_stop_frees_the_port():
    store = Storefront().start()
    port = store.address[1]
    store.stop()
    with Storefront(port=port) as again:
        assert again.address[1] == port


def test_serve_forever_prints_the_url_and_stops_on_ctrl_c(monkeypatch, capsys):
    def interrupt(_seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(storefront_module.time, "sleep", interrupt)
    storefront_module.serve_forever(0)
    out = capsys.readouterr().out
    assert out.startswith("Serving the storefront at http://127.0.0.1:")
    assert "Stopped." in out


def test_site_root_is_the_repository_fixture_when_not_packaged():
    root = site_root()
    assert (root / "index.html").is_file()
    assert os.path.basename(root) in ("storefront", "_storefront")
