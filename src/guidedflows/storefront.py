"""Serves the mock storefront (plain files) on loopback, for flows, CI checks, demos and docs.

Standard library only. The server answers GET and HEAD for files inside the site root and nothing else: no directory
listings, no path that could name a file outside the root, however it is spelled.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import time
import warnings
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import UsageError

__all__ = ["Storefront", "serve_forever", "site_root"]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}

NOT_FOUND_PAGE = (
    b"<!doctype html><html lang=en><meta charset=utf-8><title>Page not found</title>"
    b"<body style=\"font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem\">"
    b"<h1>Page not found</h1><p>There is nothing at this address.</p><p><a href=\"/\">Go to the store</a></p>"
)


def site_root() -> Path:
    """The packaged copy of the store when installed from a wheel, else the repository's fixtures/storefront."""
    packaged = Path(__file__).parent / "_storefront"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "fixtures" / "storefront"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, handler, root: Path):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.root = root
        super().__init__(address, handler)

    def handle_error(self, request, client_address):
        # A browser closing a connection mid-response is normal; never print a traceback for it.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "guidedflows-storefront"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)

    def _refuse_method(self):
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"only GET and HEAD\n", "text/plain; charset=utf-8",
                   extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # quiet: no per-request noise on stderr

    def _answer(self, *, with_body: bool):
        try:
            target = resolve_request_path(self.server.root, self.path)
        except _Refused as refused:
            if refused.status == HTTPStatus.NOT_FOUND:
                self._send(HTTPStatus.NOT_FOUND, NOT_FOUND_PAGE, CONTENT_TYPES[".html"], with_body=with_body)
            else:
                self._send(refused.status, f"{refused.status.phrase}\n".encode(), "text/plain; charset=utf-8",
                           with_body=with_body)
            return
        if isinstance(target, _Redirect):
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain; charset=utf-8",
                       extra={"Location": target.location}, with_body=with_body)
            return
        try:
            body = target.read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND_PAGE, CONTENT_TYPES[".html"], with_body=with_body)
            return
        content_type = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        self._send(HTTPStatus.OK, body, content_type, with_body=with_body)

    def _send(self, status, body: bytes, content_type: str, *, extra=None, with_body=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)


class _Refused(Exception):
    def __init__(self, status: HTTPStatus):
        super().__init__(status.phrase)
        self.status = status


class _Redirect:
    def __init__(self, location: str):
        self.location = location


def resolve_request_path(root: Path, raw: str) -> Path | _Redirect:
    """The file a request path names inside `root`, or a redirect (directory without its slash), or _Refused."""
    path = urlsplit(raw).path if raw.startswith("/") and not raw.startswith("//") else None
    if path is None or "\\" in raw or "%5c" in raw.lower():
        raise _Refused(HTTPStatus.BAD_REQUEST)
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        raise _Refused(HTTPStatus.BAD_REQUEST) from None
    # Decoding happens once; a "%" left over means double encoding, which no file of the store needs.
    if "%" in decoded or "\\" in decoded or any(ord(ch) < 32 or ord(ch) == 127 for ch in decoded):
        raise _Refused(HTTPStatus.BAD_REQUEST)
    segments = decoded.split("/")[1:]
    inner, trailing_slash = segments[:-1], segments[-1] == ""
    if any(seg in ("", ".", "..") or ":" in seg for seg in inner) or segments[-1] in (".", ".."):
        raise _Refused(HTTPStatus.BAD_REQUEST)
    if any(seg.startswith(".") for seg in segments):
        raise _Refused(HTTPStatus.NOT_FOUND)
    try:
        return _inside(root, [seg for seg in segments if seg], trailing_slash, path)
    except (OSError, RuntimeError):  # a symlink loop, a name too long for the file system
        raise _Refused(HTTPStatus.NOT_FOUND) from None


def _inside(root: Path, segments: list[str], trailing_slash: bool, path: str) -> Path | _Redirect:
    real_root = root.resolve()
    candidate = real_root.joinpath(*segments).resolve()
    if candidate != real_root and real_root not in candidate.parents:
        raise _Refused(HTTPStatus.NOT_FOUND)  # a symlink pointing out of the root
    if candidate.is_dir():
        if not trailing_slash and segments:
            return _Redirect(path.rsplit("/", 1)[-1] + "/")
        candidate = candidate / "index.html"
    elif trailing_slash:
        raise _Refused(HTTPStatus.NOT_FOUND)  # "/index.html/" names no directory
    if not candidate.is_file():
        raise _Refused(HTTPStatus.NOT_FOUND)
    return candidate


class Storefront:
    """The mock store served in a daemon thread: `with Storefront() as store: page.goto(store.url)`."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", *, root: Path | str | None = None,
                 allow_remote: bool = False):
        if not is_loopback(host):
            if not allow_remote:
                raise UsageError(f"refusing to serve the storefront on {host}: it binds to loopback only "
                                 "(127.0.0.1); to serve it elsewhere anyway, pass --allow-remote (allow_remote=True in Python)")
            warnings.warn(f"serving the storefront on non-loopback address {host}: anyone who can reach it "
                          "can read the store", stacklevel=2)
        self.host = host
        self.port = port
        self.root = Path(root) if root is not None else site_root()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        state = self.url if self._server else "stopped"
        return f"<Storefront {state}>"

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) the server socket is bound to."""
        if self._server is None:
            raise RuntimeError("the storefront is not started")
        return self._server.socket.getsockname()[:2]

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the storefront is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._server.server_address[1]}/"

    def start(self) -> Storefront:
        if self._server is not None:
            return self
        if not (self.root / "index.html").is_file():
            raise UsageError(f"the storefront's files are missing: no index.html in {self.root}")
        self._server = self._bind()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="guidedflows-storefront", daemon=True)
        self._thread.start()
        return self

    def _bind(self) -> _Server:
        try:
            return _Server((self.host, self.port), _Handler, self.root)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {self.port} on {self.host} is already in use; pick another with --port, "
                                 "or leave it out to use a free one") from exc
            raise UsageError(f"cannot serve the storefront on {self.host}:{self.port}: {exc.strerror}") from exc

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Storefront:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def serve_forever(port: int = 0, host: str = "127.0.0.1", allow_remote: bool = False) -> None:
    """`guidedflows serve`: print the URL, serve until Ctrl-C, then stop cleanly."""
    if allow_remote and not is_loopback(host):
        print(f"warning: serving on {host}: anyone who can reach this machine can read the store", flush=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said once above, in words
        store = Storefront(port=port, host=host, allow_remote=allow_remote).start()
    try:
        # Said inside the try: a Ctrl-C the moment the address is out (a script that reads it, then stops the server)
        # is a clean stop too, not an "interrupted" exit 130.
        print(f"Serving the storefront at {store.url} (press Ctrl-C to stop)", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
    finally:
        store.stop()
