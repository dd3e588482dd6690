"""The real-world corpus's applications, started on loopback: each a context manager that yields its base URL.

    with django_admin() as url: ...      # Django's admin, a fresh SQLite DB with seeded users and groups
    with datasette_library() as url: ... # Datasette serving a library catalogue generated at start
    with mkdocs_docs() as url: ...       # a MkDocs Material site built at start, served statically
    with sphinx_docs() as url: ...       # a Sphinx site with the furo theme, built at start, served statically

None of these applications was written for guidedflows; they come from PyPI (the `realworld` extra in
pyproject.toml). Each server listens on 127.0.0.1 only, on a port the kernel picks (the server prints it; no race for
a "free" port), in its own process group, and is stopped by that group. Start-up is waited for on a condition (the
server's "listening" line, then an HTTP 200), never a sleep. `python tests/realworld/apps.py` starts all four, prints
their URLs and start-up times, and keeps them up until Ctrl-C (to look at the pages by hand).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DJANGO_SITE = HERE / "django_site"
DATASETTE_SITE = HERE / "datasette_site"
MKDOCS_SITE = HERE / "mkdocs_site"
SPHINX_SITE = HERE / "sphinx_site"
FLOWS = HERE / "flows"

START_DEADLINE = 60.0  # seconds; a start that takes longer is a failure, said with the server's own output

# Filled in as apps start: name -> seconds from launch to the first HTTP 200 (the record and the report quote them).
STARTUP_SECONDS: dict[str, float] = {}
# The server processes running now, by app name (test_apps checks what they listen on).
RUNNING: dict[str, "Server"] = {}


class AppFailed(RuntimeError):
    """An application did not start (its output is in the message)."""


class Server:
    """A server in its own process group; `url` once its output has announced it; stopped by its process group.

    Its output (stdout and stderr together) is read by a thread for the server's whole life, so the pipe never fills,
    and kept (the last lines) to explain a failed start.
    """

    def __init__(self, name: str, argv: list[str], announce: str, *, cwd: Path | None = None, env: dict | None = None):
        self.name = name
        self.announce = re.compile(announce)
        self.lines: list[str] = []
        self.url: str | None = None
        self._announced = threading.Event()
        self.process = subprocess.Popen(
            argv, cwd=cwd, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, name=f"{name} output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines = (self.lines + [line.rstrip("\n")])[-200:]
            if self.url is None:
                match = self.announce.search(line)
                if match:
                    self.url = match.group("url")
                    self._announced.set()
        self._announced.set()  # the output ended: the process is gone; wait_ready says so

    def wait_ready(self, path: str = "/", deadline: float = START_DEADLINE) -> str:
        """Wait for the announced URL, then for an HTTP 200 at `path`; return the base URL."""
        until = time.monotonic() + deadline
        if not self._announced.wait(deadline) or self.url is None:
            raise AppFailed(self._why("announced no URL"))
        _wait_for_200(self.url + path, until, self)
        return self.url

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # The group may hold children that outlived the leader: end them too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self._reader.join(timeout=10)

    def _why(self, what: str) -> str:
        code = self.process.poll()
        state = f"exited with {code}" if code is not None else "still running"
        return f"{self.name} {what} ({state}); its output:\n" + "\n".join(self.lines[-40:])


def listening_addresses(pid: int) -> list[str]:
    """The TCP addresses ("host:port") that process `pid` and its children listen on, read from /proc (Linux)."""
    pids = {pid} | _descendants(pid)
    inodes = set()
    for each in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{each}/fd"):
                with contextlib.suppress(OSError):
                    target = os.readlink(f"/proc/{each}/fd/{fd}")
                    if target.startswith("socket:["):
                        inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        with open(f"/proc/net/{table}") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    host, port = fields[1].split(":")
                    found.append(f"{_host(host)}:{int(port, 16)}")
    return found


def _descendants(pid: int) -> set[int]:
    children = set()
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                children |= {int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
    return children | {g for c in children for g in _descendants(c)}


def _host(hex_host: str) -> str:
    import socket

    raw = bytes.fromhex(hex_host)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    return "[" + socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))) + "]"


def _wait_for_200(url: str, until: float, server: Server | None = None) -> None:
    """GET `url` until it answers 200 or the deadline passes. Each try blocks on the connection (no sleeps)."""
    last = None
    while time.monotonic() < until:
        if server is not None and server.process.poll() is not None:
            raise AppFailed(server._why("stopped while starting"))
        try:
            with urllib.request.urlopen(url, timeout=max(0.1, until - time.monotonic())) as answer:
                if answer.status == 200:
                    return
                last = f"HTTP {answer.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code < 500:  # an answer that will not change by asking again
                break
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = repr(exc)
    message = f"{url} did not answer 200 in time (last: {last})"
    raise AppFailed(server._why(message) if server is not None else message)


@contextlib.contextmanager
def _started(name: str, server: Server, ready_path: str, since: float | None = None):
    started = time.perf_counter() if since is None else since
    try:
        url = server.wait_ready(ready_path)
        STARTUP_SECONDS[name] = time.perf_counter() - started
        RUNNING[name] = server
        yield url
    finally:
        RUNNING.pop(name, None)
        server.stop()


@contextlib.contextmanager
def django_admin(workdir: Path | None = None):
    """Django's admin on a fresh SQLite DB (migrated and seeded by django_site/serve.py); yields the base URL.

    The admin is at URL + "/admin/"; seeded accounts: django_site/serve.py (USERS, GROUPS).
    """
    with _workdir(workdir) as folder:
        server = Server(
            "django admin",
            [sys.executable, str(DJANGO_SITE / "serve.py"), str(folder / "corpus.sqlite3")],
            r"listening on (?P<url>http://127\.0\.0\.1:\d+)",
            cwd=DJANGO_SITE,
        )
        with _started("django", server, "/admin/login/") as url:
            yield url


@contextlib.contextmanager
def datasette_library(workdir: Path | None = None):
    """Datasette serving datasette_site's library catalogue (a fresh SQLite file) with its metadata; yields the URL."""
    sys.path.insert(0, str(DATASETTE_SITE))
    try:
        from library import write_library
    finally:
        sys.path.remove(str(DATASETTE_SITE))
    with _workdir(workdir) as folder:
        started = time.perf_counter()
        database = write_library(folder / "library.db")
        datasette = Path(sys.executable).with_name("datasette")
        argv = [str(datasette)] if datasette.exists() else [sys.executable, "-m", "datasette"]
        server = Server(
            "datasette",
            [*argv, "serve", str(database), "--host", "127.0.0.1", "--port", "0",
             "--metadata", str(DATASETTE_SITE / "metadata.yaml"), "--setting", "default_page_size", "10"],
            r"Uvicorn running on (?P<url>http://127\.0\.0\.1:\d+)",
        )
        with _started("datasette", server, "/library", since=started) as url:
            yield url


@contextlib.contextmanager
def mkdocs_docs(workdir: Path | None = None):
    """The MkDocs Material site in mkdocs_site, built now with `mkdocs build`, served by helpers.StaticSite."""
    from helpers import StaticSite

    with _workdir(workdir) as folder:
        started = time.perf_counter()
        built = folder / "site"
        mkdocs = Path(sys.executable).with_name("mkdocs")
        argv = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
        done = subprocess.run(
            [*argv, "build", "--quiet", "--strict", "--config-file", str(MKDOCS_SITE / "mkdocs.yml"),
             "--site-dir", str(built)],
            capture_output=True, text=True, timeout=START_DEADLINE,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if done.returncode != 0:
            raise AppFailed(f"mkdocs build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        with StaticSite(built) as site:
            _wait_for_200(site.url + "/", time.monotonic() + START_DEADLINE)
            STARTUP_SECONDS["mkdocs"] = time.perf_counter() - started
            yield site.url


@contextlib.contextmanager
def sphinx_docs(workdir: Path | None = None):
    """The Sphinx project in sphinx_site (furo theme, sphinx-copybutton), built now, served by helpers.StaticSite."""
    from helpers import StaticSite

    with _workdir(workdir) as folder:
        started = time.perf_counter()
        built = folder / "html"
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-d", str(folder / "doctrees"),
             str(SPHINX_SITE), str(built)],
            capture_output=True, text=True, timeout=START_DEADLINE,
        )
        if done.returncode != 0:
            raise AppFailed(f"sphinx-build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        with StaticSite(built) as site:
            _wait_for_200(site.url + "/index.html", time.monotonic() + START_DEADLINE)
            STARTUP_SECONDS["sphinx"] = time.perf_counter() - started
            yield site.url


APPS = {"django": django_admin, "datasette": datasette_library, "mkdocs": mkdocs_docs, "sphinx": sphinx_docs}


@contextlib.contextmanager
def _workdir(given: Path | None):
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="guidedflows-corpus-") as folder:
        yield Path(folder)


def main() -> None:
    sys.path.insert(0, str(HERE.parent))  # tests/, for helpers
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped either way, the servers are stopped too
    with contextlib.ExitStack() as stack:
        for name, app in APPS.items():
            url = stack.enter_context(app())
            print(f"{name:<10} {url}   started in {STARTUP_SECONDS[name]:.2f} s", flush=True)
        print("Ctrl-C stops them.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
