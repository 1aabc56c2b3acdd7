"""`kg serve`: an Oxigraph SPARQL server over a store folder that never reaches out on its own.

Oxigraph's server evaluates `SERVICE <url> { }` by sending a request to any URL a client names
(and, writable, `LOAD <url>` fetches one), which turns a query endpoint into a way into the
host's network.  `oxigraph serve` has no switch to turn that off (0.5: `--bind`, `--cors`,
`--union-default-graph`, `--timeout-s` only), so kg puts a small proxy in front of it: the
server listens on a free port of 127.0.0.1, and the proxy, on the address asked for, passes
every request on except one whose SPARQL (query string, form or body) holds `SERVICE` (or,
in an update, `LOAD`) outside strings, IRIs and comments, which gets HTTP 403.  The check is
deliberately blunt (it also refuses a prefixed name spelt `service:...`): better a query
refused than a request sent.  `--allow-federation` serves without the proxy, as before.

The store is locked (`kg.lock`) for as long as the server runs: shared when read-only (other
readers may go on, a build is refused naming this server), exclusive when writable.  The lock's
file descriptor is handed to the Oxigraph process, so the lock lasts as long as it does.
"""
from __future__ import annotations

import http.client
import http.server
import ipaddress
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qs, urlsplit

from kg.lock import StoreBusy, StoreLock
from kg.store import QUERY_TIMEOUT, StoreError, serve_command, store_folder, wait_for_server

__all__ = ["serve_store", "federation_in", "is_loopback", "FederationRefused"]

#: the largest request body the proxy reads (a SPARQL query or update, or RDF for /store).
MAX_BODY = 64 * 1024 * 1024

#: what a SPARQL text is lexed into for the check: comments, strings, IRIs and variables are
#: dropped whole (a keyword inside them is no keyword); what is left is searched.
_DATA = re.compile(r'''
    \#[^\n]*
  | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
  | <[^<>"{}|^`\\\x00-\x20]*>
  | [?$]\w+''', re.X | re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class FederationRefused(StoreError):
    """A request would make the server contact another host (SERVICE, LOAD)."""


def federation_in(sparql: str, update: bool = False) -> str | None:
    """The keyword that would make the server reach out (`SERVICE`, or `LOAD` in an update), or None.

    SPARQL's `\\uXXXX` escapes are undone first (they may spell a keyword), then comments,
    strings, IRIs and variables are dropped, and the rest is searched without regard to case
    or word boundaries (Oxigraph's parser does not need a space after a keyword).
    """
    text = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if int(m[1] or m[2], 16) < 0x110000 else "", sparql)
    bare = _DATA.sub(" ", text).upper()
    if "SERVICE" in bare:
        return "SERVICE"
    if update and "LOAD" in bare:
        return "LOAD"
    return None


def is_loopback(bind: str) -> bool:
    """Whether HOST of `HOST:PORT` is a loopback address (or `localhost`)."""
    host = bind.rsplit(":", 1)[0].strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_store(location: str | Path, bind: str = "127.0.0.1:7878", *, writable: bool = False,
                allow_federation: bool = False, public: bool = False,
                timeout: float | None = QUERY_TIMEOUT, announce=print) -> NoReturn:
    """Serve the store at `location` until stopped (see the module docstring).

    A non-loopback `bind` is announced with a warning, and refused when `writable` unless
    `public`.  The store is locked first: a store being built is refused, never served half-built.
    """
    folder = store_folder(location)
    command, url = serve_command(folder, bind, writable, timeout)
    if not is_loopback(bind):
        if writable and not public:
            raise StoreError(f"refusing to serve {folder} writable on {bind}, which is not a loopback address: "
                             f"anyone who reaches it could change the store (pass --i-know-it-is-public)")
        announce(f"warning: {bind} is not a loopback address: anyone who can reach this machine can query "
                 f"{folder}", err=True)
    mode = "read-write" if writable else "read-only"
    lock = StoreLock(folder, exclusive=writable, holder=f"kg serve at {url}")
    try:
        lock.acquire()
    except StoreBusy as busy:
        raise StoreError(str(busy)) from None
    announce(f"serving {location} at {url} ({mode}); SPARQL queries at {url}query"
             + (f", updates at {url}update" if writable else ""))
    if allow_federation:
        _exec_holding(command, lock)
    sys.exit(_serve_behind_proxy(folder, bind, writable, timeout, lock))


def _exec_holding(command: list[str], lock: StoreLock) -> NoReturn:
    """Become the server (exec), keeping the lock's descriptor open so that it holds the lock."""
    assert lock.fd is not None
    os.set_inheritable(lock.fd, True)
    sys.stdout.flush()
    try:
        os.execv(command[0], command)
    except OSError as error:
        raise StoreError(f"cannot start {command[0]}: {error.strerror or error}") from None
    raise AssertionError("unreachable")


def _free_loopback_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_behind_proxy(folder: Path, bind: str, writable: bool, timeout: float | None, lock: StoreLock) -> int:
    """Run Oxigraph on a private loopback port and the filtering proxy on `bind` until a signal."""
    backend_bind = f"127.0.0.1:{_free_loopback_port()}"
    command, backend_url = serve_command(folder, backend_bind, writable, timeout)
    assert lock.fd is not None
    try:
        backend = subprocess.Popen(command, pass_fds=(lock.fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent)
    except OSError as error:
        raise StoreError(f"cannot start {command[0]}: {error.strerror or error}") from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        wait_for_server(backend_url.rstrip("/"), backend, timeout=60)
        host, port = bind.rsplit(":", 1)
        proxy = _ProxyServer((host.strip("[]"), int(port)), _handler(backend_bind, writable))
        sys.stdout.flush()
        proxy.serve_forever()
    except KeyboardInterrupt:
        return 0
    except OSError as error:
        raise StoreError(f"cannot serve on {bind}: {error.strerror or error}") from None
    finally:
        stop_process(backend)
        lock.release()
    return 0


def stop_process(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a child: SIGTERM, and SIGKILL if it has not exited within `grace` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _die_with_parent() -> None:
    """In the Oxigraph child (Linux): be sent SIGTERM if kg serve dies, so no server is orphaned."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _ProxyServer(http.server.ThreadingHTTPServer):
    """The proxy's listening socket (IPv6 when the host is an IPv6 address)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


def _handler(backend: str, writable: bool) -> type[http.server.BaseHTTPRequestHandler]:
    """The request handler class that checks each request and forwards it to `backend`."""
    host, port = backend.rsplit(":", 1)

    class Forward(http.server.BaseHTTPRequestHandler):
        """Check one request for federation, then pass it on and stream the answer back."""

        protocol_version = "HTTP/1.0"  # one request per connection; the answer ends when it closes

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
            pass

        def _forward(self) -> None:
            body = self._body()
            if body is None:
                return
            refused = self._federation(body)
            if refused:
                self._refuse(403, f"{refused} is refused: this server does not contact other hosts "
                                  f"(start kg serve with --allow-federation to allow it)")
                return
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in ("host", "connection", "keep-alive", "transfer-encoding", "proxy-connection")}
            connection = http.client.HTTPConnection(host, int(port), timeout=None)
            try:
                connection.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                                   headers=headers)
                answer = connection.getresponse()
                self.send_response_only(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "keep-alive", "content-length"):
                        self.send_header(key, value)
                self.send_header("Connection", "close")
                self.end_headers()
                while piece := answer.read1(1 << 16):
                    self.wfile.write(piece)
            except (OSError, http.client.HTTPException):
                pass  # the client hung up, or the server went away: nothing more to say
            finally:
                connection.close()

        def _body(self) -> bytes | None:
            """The request body (bounded); None once a refusal has been sent."""
            if self.headers.get("Transfer-Encoding") or self.headers.get("Content-Encoding", "identity") != "identity":
                self._refuse(411, "send the request with a Content-Length and no content encoding")
                return None
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY:
                self._refuse(413, f"the request body must be 0 to {MAX_BODY} bytes")
                return None
            return self.rfile.read(length) if length else b""

        def _federation(self, body: bytes) -> str | None:
            """The keyword that refuses this request, if any (see `federation_in`)."""
            texts: list[tuple[str, bool]] = []
            fields = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            kind = self.headers.get_content_type()
            if kind == "application/x-www-form-urlencoded":
                for name, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    fields.setdefault(name, []).extend(values)
            elif kind in ("application/sparql-query", "application/sparql-update"):
                texts.append((body.decode("utf-8", "replace"), kind.endswith("update")))
            texts += [(value, name == "update") for name in ("query", "update") for value in fields.get(name, [])]
            for text, update in texts:
                found = federation_in(text, update=update)
                if found:
                    return found
            return None

        def _refuse(self, status: int, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _forward

    return Forward
