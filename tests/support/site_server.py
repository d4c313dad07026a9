"""A local HTTP server for tests: real sockets on 127.0.0.1, routes you control.

``LocalSite`` runs a threaded stdlib ``http.server`` on a free port in a daemon thread. Add
routes (fixed replies, sequences, or functions of the request) and mount folders of static
files, point a client at ``base_url``, then read ``requests_log`` to see what arrived, with
arrival times. Usable as a context manager, through the ``local_site`` pytest fixture, or
from the shell to serve a site mirror::

    python -m tests.support.site_server tests/fixtures/site --port 8000
"""

from __future__ import annotations

import argparse
import mimetypes
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the server saw it. ``time`` is ``time.monotonic()`` at arrival."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    time: float

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass(slots=True)
class Reply:
    """What to send back.

    ``body`` may be bytes or an iterable of byte chunks (streamed, so large generated bodies
    need no memory). ``headers`` is a dict, or a list of pairs when a name repeats
    (``Set-Cookie``). ``Content-Length`` is computed for bytes unless given in ``headers``;
    a header larger than the body, with ``close=True``, simulates a connection dropped
    mid-body. ``delay`` waits before the status line (a slow server).
    """

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0
    close: bool = False


Handler = Callable[[Request], Reply]


class LocalSite:
    """A threaded HTTP/1.1 server on 127.0.0.1 with per-path routes and a request log."""

    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self._mounts: list[tuple[str, Path]] = []
        self._fallback: Handler | None = None
        self._lock = threading.Lock()
        self.requests_log: list[Request] = []
        self._server: ThreadingHTTPServer | None = None
        self._host = "127.0.0.1"
        self._scheme = "http"
        self._thread: threading.Thread | None = None

    # -- routes ---------------------------------------------------------------------------
    def route(self, path: str, handler: Handler) -> None:
        """Answer ``path`` (no query) with ``handler(request)``."""
        self._routes[path] = handler

    def add(self, path: str, reply: Reply | bytes | str) -> None:
        """Answer ``path`` with the same reply every time (str/bytes: a 200 HTML page)."""
        if isinstance(reply, str):
            reply = reply.encode("utf-8")
        fixed = reply if isinstance(reply, Reply) else Reply(body=reply)
        self.route(path, lambda _request: fixed)

    def add_sequence(self, path: str, replies: Sequence[Reply]) -> None:
        """Answer ``path`` with each reply in turn; the last one repeats."""
        counter = iter(range(len(replies) - 1))
        self.route(path, lambda _request: replies[next(counter, len(replies) - 1)])

    def fallback(self, handler: Handler) -> None:
        """Answer every path no route or mount serves with ``handler(request)`` (a site
        that answers 200 for pages it does not have); without one, such paths are 404."""
        self._fallback = handler

    def mount(self, directory: Path | str, prefix: str = "/") -> None:
        """Serve files under ``directory`` at ``prefix``; ``/dir/`` serves ``dir/index.html``."""
        self._mounts.append((prefix, Path(directory)))

    # -- lifecycle ------------------------------------------------------------------------
    def start(
        self, port: int = 0, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
    ) -> LocalSite:
        """Listen on ``host`` (any loopback address 127.x.y.z works on Linux, so each
        test site can be a host of its own) and ``port`` (0: a free one); over HTTPS with
        ``tls``, a server context holding the site's certificate."""
        site = self
        self._host = host
        self._scheme = "https" if tls else "http"

        class _Handler(_RequestHandler):
            local_site = site

        self._server = ThreadingHTTPServer((host, port), _Handler)
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def host(self) -> str:
        return self._host

    @property
    def base_url(self) -> str:
        return f"{self._scheme}://{self._host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def paths(self) -> list[str]:
        """Paths requested so far (with query), in arrival order."""
        with self._lock:
            return [r.path + ("?" + r.query if r.query else "") for r in self.requests_log]

    # -- serving --------------------------------------------------------------------------
    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests_log.append(request)

    def _reply_for(self, request: Request) -> Reply:
        handler = self._routes.get(request.path)
        if handler is not None:
            return handler(request)
        for prefix, directory in self._mounts:
            if request.path.startswith(prefix):
                relative = unquote(request.path[len(prefix) :])
                target = (directory / relative).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file() and target.is_relative_to(directory.resolve()):
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    return Reply(body=target.read_bytes(), content_type=kind)
        if self._fallback is not None:
            return self._fallback(request)
        return Reply(404, b"not found", content_type="text/plain")


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The handler writes the headers and the body separately; with Nagle's algorithm on,
    # the body then waits for the client's delayed ACK (about 40 ms a response on a
    # kept-alive connection), which real servers do not make a crawler wait.
    disable_nagle_algorithm = True
    local_site: LocalSite

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _serve(self, with_body: bool) -> None:
        parts = urlsplit(self.path)
        request = Request(
            method=self.command,
            path=parts.path,
            query=parts.query,
            headers=dict(self.headers.items()),
            time=time.monotonic(),
        )
        self.local_site._log(request)
        reply = self.local_site._reply_for(request)
        if reply.delay:
            time.sleep(reply.delay)
        headers = list(
            reply.headers.items() if isinstance(reply.headers, Mapping) else reply.headers
        )
        names = {name.lower() for name, _ in headers}
        if reply.content_type and "content-type" not in names:
            headers.append(("Content-Type", reply.content_type))
        if isinstance(reply.body, bytes):
            chunks: Iterable[bytes] = [reply.body]
            if "content-length" not in names:
                headers.append(("Content-Length", str(len(reply.body))))
                names.add("content-length")
        else:
            chunks = reply.body
        close = reply.close or "content-length" not in names
        if close:
            headers.append(("Connection", "close"))
        try:
            self.send_response(reply.status)
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if with_body and reply.status not in (204, 304):
                for chunk in chunks:
                    self.wfile.write(chunk)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout or size cap); that is what some tests do
        self.close_connection = close

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``requests_log`` instead."""


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a folder as a local test site.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    site = LocalSite()
    site.mount(args.directory)
    site.start(args.port)
    print(f"serving {args.directory} at {site.base_url} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        site.stop()


if __name__ == "__main__":
    main()
