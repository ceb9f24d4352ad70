"""Fixtures every test module may use. Each issue's own fixtures live in its section below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seed" / "article.txt").is_file():
        pytest.skip(f"../shared/ is not beside this checkout ({SHARED}); the seed tests need it")
    return SHARED


@pytest.fixture(scope="session")
def seed(shared_dir: Path) -> dict:
    expected = json.loads((shared_dir / "seed" / "expected.json").read_text(encoding="utf-8"))
    expected["text"] = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    return expected


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'crossings.sqlite'}"


# --- corpus issue: a throwaway PostgreSQL server for tests marked `postgres` --------------------------


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL cluster for the session (initdb + pg_ctl on 127.0.0.1), removed at the end."""
    from crossings.store.testing import TemporaryPostgres, find_bin_dir

    if find_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin "
                    "(./scripts/system-deps installs Debian's postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'crossings[postgres]'")
    with TemporaryPostgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's server."""
    import uuid

    return postgres_server.create_database(f"test_{uuid.uuid4().hex[:12]}")


# --- ingest issue: a loopback HTTP server for real-HTTP tests of the readers -------------------------

import functools  # noqa: E402 - this section's own imports, kept with it
import http.server  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

SAMPLE = ROOT / "src" / "crossings" / "sample"
BROKEN = DATA / "broken"
HUGE_BYTES = 50 * 1024 * 1024
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom sample</title><id>urn:crossings:atom</id>
<updated>2023-11-15T13:00:00Z</updated>
<entry><title>Returns from Pakistan</title><id>urn:crossings:1</id><updated>2023-11-15T13:00:00Z</updated>
<link href="/articles/2023-11-15-iom-quarter-million-returned.html"/></entry>
<entry><title>Torkham record</title><id>urn:crossings:2</id><published>2023-11-03T17:10:00Z</published>
<updated>2023-11-04T08:00:00Z</updated><link href="/articles/2023-11-03-torkham-record-24000.html"/></entry>
</feed>"""


def _ignore_disconnect(send):
    """A client that gives up (timeout, size cap) closes the socket; the handler just stops."""

    @functools.wraps(send)
    def wrapper(handler):
        try:
            send(handler)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True
    return wrapper


class _LoopbackHandler(http.server.SimpleHTTPRequestHandler):
    """The sample corpus at /, tests/data/broken at /broken/, and the special paths in ROUTES."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SAMPLE), **kwargs)

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if path.startswith("/broken/"):
            return str(BROKEN / path.removeprefix("/broken/").split("?")[0])
        return super().translate_path(path)

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.ROUTES.get(self.path.split("?")[0])
        return route(self) if route else self._static()

    @_ignore_disconnect
    def _static(self):
        super().do_GET()

    def _reply(self, status, body, kind="text/html; charset=utf-8", length=None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _error(self):
        self._reply(500, b"<html><body><p>Internal Server Error</p></body></html>")

    @_ignore_disconnect
    def _slow(self):
        time.sleep(self.server.slow_seconds)
        self._reply(200, b"<html><body><p>Too late.</p></body></html>")

    @_ignore_disconnect
    def _huge(self):
        """50 MB, declared up front in Content-Length."""
        self._reply(200, b"<html><body>", length=HUGE_BYTES)
        _stream_paragraphs(self.wfile, HUGE_BYTES)

    @_ignore_disconnect
    def _huge_undeclared(self):
        """50 MB with no Content-Length (HTTP/1.0: the body ends when the connection closes)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        _stream_paragraphs(self.wfile, HUGE_BYTES)

    def _redirect(self):
        self.send_response(302)
        self.send_header("Location", "/articles/2023-05-25-egypt-150000-sudanese.html")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _atom(self):
        self._reply(200, ATOM.encode(), kind="application/atom+xml")

    ROUTES = {"/500": _error, "/slow": _slow, "/huge": _huge, "/huge-undeclared": _huge_undeclared,
              "/redirect": _redirect, "/atom": _atom}


def _stream_paragraphs(out, total: int) -> None:
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
    for _ in range(total // len(chunk) + 1):
        out.write(chunk)


class Loopback:
    """What a test sees of the server: its base URL and the requests it has had (path, headers)."""

    def __init__(self, server):
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self.requests = server.requests


@pytest.fixture(scope="session")
def _loopback_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LoopbackHandler)
    server.daemon_threads = True
    server.requests = []
    server.slow_seconds = 2.0
    thread = threading.Thread(target=server.serve_forever, name="loopback-http", daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def loopback(_loopback_server) -> Loopback:
    """A threaded http.server on 127.0.0.1 (port 0) serving the sample corpus and the special paths
    /500, /slow (answers after 2 s), /huge and /huge-undeclared (50 MB), /redirect and /atom."""
    _loopback_server.requests.clear()
    return Loopback(_loopback_server)
