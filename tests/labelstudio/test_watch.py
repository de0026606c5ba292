"""The ``claimkit ls watch`` service itself: loopback only, a token on every webhook, a busy port refused."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from claimkit.cli import main
from claimkit.labelstudio.watch import HOST, PATH, TOKEN_HEADER, serve


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
