"""The ``claimkit ls watch`` service itself: loopback only, a token on every webhook, a busy port refused."""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from claimkit.cli import main
from claimkit.labelstudio.client import LabelStudioClient
from claimkit.labelstudio.watch import HOST, PATH, TOKEN_HEADER, Watcher, _Handler, _Server, serve


@pytest.fixture
def service() -> Iterator[str]:
    """The service, bound and serving, before it knows its project (as during start-up)."""
    server = serve(0, "the-token")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _status(url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_it_listens_on_loopback_and_answers_health(service: str) -> None:
    assert service.startswith("http://127.0.0.1:")
    assert _status(f"{service}/health") == 200
    assert _status(f"{service}/elsewhere") == 404


def test_webhooks_without_the_token_are_refused(service: str) -> None:
    assert _status(service + PATH, b"{}") == 403
    assert _status(service + PATH, b"{}", {TOKEN_HEADER: "a-guess"}) == 403
    assert _status(service + "/other", b"{}", {TOKEN_HEADER: "the-token"}) == 403
    assert _status(service + PATH, b"{}", {TOKEN_HEADER: "the-token"}) == 503  # not watching a project yet


def test_a_busy_port_is_reported_before_label_studio_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["ls", "watch", "--port", str(port), "--url", "http://127.0.0.1:9", "--api-key", "k", "--project", "p"]
        assert main(argv) == 2
    assert "E500" in capsys.readouterr().err


@pytest.fixture
def watching() -> Iterator[tuple[_Server, list[str]]]:
    """The service watching project 1 of a server that is never reached: payloads that fail before
    any call to Label Studio must be answered (500) and logged, never kill the request's thread."""
    server = serve(0, "the-token")
    logged: list[str] = []
    server.watcher = Watcher(LabelStudioClient("http://127.0.0.1:9", "unused"), 1, logged.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, logged
    finally:
        server.shutdown()
        server.server_close()


def _post(server: _Server, body: bytes, length: str | None = None) -> int:
    """POST ``body`` with the token (and a given Content-Length); the status, or 0 if none came."""
    connection = http.client.HTTPConnection(HOST, server.server_port, timeout=10)
    try:
        connection.putrequest("POST", PATH)
        connection.putheader(TOKEN_HEADER, "the-token")
        connection.putheader("Content-Length", length if length is not None else str(len(body)))
        connection.endheaders(body)
        return connection.getresponse().status
    except (http.client.HTTPException, OSError):
        return 0
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("body", "length"),
    [
        (b'{"project": {"id": 1}, "annotations": 5}', None),  # a list expected
        (b'{"project": {"id": 1}, "annotation": {"id": [1]}, "task": {"id": 2}}', None),
        (b'{"project": {"id": 1}, "annotation": {"id": 1}, "task": {"id": 2, "data": [1, 2]}}', None),
        (b"[" * 100_000, None),  # nested deeper than the JSON parser recurses
        (b"{}", "two"),
    ],
)
def test_a_malformed_webhook_is_answered_and_logged(
    watching: tuple[_Server, list[str]], body: bytes, length: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    server, logged = watching
    assert _post(server, body, length) == 400
    assert "Traceback" not in capsys.readouterr().err
    assert len(logged) == (0 if length is not None else 1)  # a body that was read is logged
    assert _status(f"http://{HOST}:{server.server_port}/health") == 200


def test_a_client_that_stops_sending_does_not_hold_a_thread_forever(
    watching: tuple[_Server, list[str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server, _ = watching
    assert _Handler.timeout is not None and _Handler.timeout <= 60
    monkeypatch.setattr(_Handler, "timeout", 0.5)
    with socket.create_connection((HOST, server.server_port), timeout=10) as stalled:
        stalled.sendall(f"POST {PATH} HTTP/1.1\r\n{TOKEN_HEADER}: the-token\r\nContent-Length: 100\r\n\r\n{{".encode())
        stalled.settimeout(10)
        assert stalled.recv(100) == b""  # closed by the service, not left waiting for the rest
    assert "Traceback" not in capsys.readouterr().err
    assert _status(f"http://{HOST}:{server.server_port}/health") == 200
