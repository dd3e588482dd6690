"""`--connect WS_URL`: flows on a browser served by `playwright launch-server` on loopback; clear errors (exit 3)
when nothing answers there or the server runs another Playwright version."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from guidedflows.cli.commands import main
from helpers import in_thread
from scalekit import Command, left_behind

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)

PLAYWRIGHT_CLI = Path(sys.executable).parent / "playwright"


@pytest.fixture(scope="module")
def server(browser_choice, tmp_path_factory):
    """`playwright launch-server` on 127.0.0.1 with the browser the suite uses; its ws:// endpoint."""
    config = tmp_path_factory.mktemp("server") / "cfg.json"
    options = {"args": browser_choice.launch_args, "headless": True, "host": "127.0.0.1", "port": 0}
    if browser_choice.path:
        options["executablePath"] = browser_choice.path
    config.write_text(json.dumps(options), encoding="utf-8")
    command = [str(PLAYWRIGHT_CLI), "launch-server", "--browser", "chromium", "--config", str(config)]
    # its own process group: `playwright` is a Python wrapper around the Node server, and both must go at the end
    marker = uuid.uuid4().hex  # in the environment of every process it starts, to see them all gone at the end
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                               env={**os.environ, "GUIDEDFLOWS_TEST_MARKER": marker})
    endpoint = process.stdout.readline().strip()  # the server prints its endpoint once listening
    try:
        assert endpoint.startswith("ws://127.0.0.1:"), endpoint
        yield endpoint
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the wrapper and the server; the server closes its browser on SIGTERM
        process.wait(timeout=30)
        process.stdout.close()
        assert left_behind(marker, within=30) == [], "playwright launch-server still running 30 s after SIGTERM"


def test_flows_run_on_a_playwright_server_with_two_workers(server, flows, site, tmp_path):
    (flows / "c.yaml").unlink()  # the failing one: this is about where the browser is
    out = tmp_path / "out"
    command = Command(["check", str(flows), "--base-url", site, "--connect", server, "--workers", "2",
                       "--output", str(out), "--json", str(out / "results.json")])
    code, printed = command.finish()
    assert code == 0, printed
    assert "3 flows: 3 passed, 0 failed" in printed
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["run"]["versions"]["browser"].startswith("chromium ")
    # The browser is the server's: this run launched none of its own.
    assert not any("chrom" in process for process in command.left_behind())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_nothing_answering_exits_3_with_how_to_start_a_server(flows, site, capsys):
    endpoint = f"ws://127.0.0.1:{_free_port()}/"
    code = in_thread(main, ["check", str(flows), "--base-url", site, "--connect", endpoint])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith(f"error: nothing answers at {endpoint} (ECONNREFUSED): is the Playwright server running")
    assert "run-server --port 3000" in err
    assert "Traceback" not in err


MISMATCH = """\
HTTP/1.1 428 Precondition Required\r
\r
╔═════════════════════════════════════════════╗
║ Playwright version mismatch:                ║
║   - server version: v1.40                   ║
║   - client version: v{client}                   ║
╚═════════════════════════════════════════════╝"""


@pytest.fixture
def old_server():
    """A server answering like a Playwright 1.40 server asked by a newer client (428 and its ASCII box)."""
    from importlib.metadata import version

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    reply = MISMATCH.format(client=".".join(version("playwright").split(".")[:2])).encode()

    def answer() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(reply)

    threading.Thread(target=answer, daemon=True).start()
    yield f"ws://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


def test_another_playwright_version_exits_3_naming_both(old_server, flows, site, capsys):
    code = in_thread(main, ["check", str(flows), "--base-url", site, "--connect", old_server])
    err = capsys.readouterr().err
    assert code == 3
    assert f"error: the Playwright server at {old_server} runs Playwright 1.40, and guidedflows here uses" in err
    assert "pip install 'playwright==1.40.*'" in err
