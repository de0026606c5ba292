"""A real browser against the live server: Debian's chromium driven by Playwright.

``make browser`` (part of ``make test``) installs chromium when it is missing; Playwright never
downloads a browser of its own. Annotators join the organization the way people do, through the
invitation link ("Add Members"), and log in with the login form. Every step of a test saves a
screenshot under ``test-artifacts/browser/<test>/`` (gitignored) to look at after a run.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tests.conftest import ROOT
from tests.live.conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, and quiet on a machine without network: no background requests, updates or sync.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PASSWORD = "annotator-pw-0123456789"
TIMEOUT_MS = 60_000

Shot = Callable[[Page, str], Path]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium fonts-noto-core)", False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Shot:
    """``shot(page, "name")`` saves ``NN-name.png`` for this test (numbered in the order taken)."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken: list[Path] = []

    def take(page: Page, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path))
        taken.append(path)
        return path

    return take


def _api(server: LiveServer, path: str) -> dict[str, str]:
    request = urllib.request.Request(server.url + path, headers={"Authorization": f"Token {server.api_key}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        found: dict[str, str] = json.loads(answer.read())
        return found


@dataclass(frozen=True)
class Annotator:
    email: str
    server: LiveServer

    def log_in(self, browser: Browser) -> tuple[BrowserContext, Page]:
        """A fresh browser context (no shared cookies or drafts), logged in with the login form."""
        context = browser.new_context(viewport=VIEWPORT, locale="ar")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto(f"{self.server.url}/user/login/")
        page.fill("input[name=email]", self.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/user/login" not in url)
        return context, page


@pytest.fixture(scope="session")
def annotators(label_studio: LiveServer, browser: Browser) -> tuple[Annotator, Annotator]:
    """Two annotators who signed up with the organization's invitation link ("Add Members")."""
    invite = _api(label_studio, "/api/invite")["invite_url"]
    people = (
        Annotator("salma.annotator@example.org", label_studio),
        Annotator("karim.annotator@example.org", label_studio),
    )
    for person in people:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(label_studio.url + invite)
        page.fill("input[name=email]", person.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/user/signup" not in url, timeout=TIMEOUT_MS)
        context.close()
    return people


@dataclass
class Watch:
    """A running ``claimkit ls watch`` and what it printed."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    started: str = ""

    def wait_for(self, fragment: str, timeout: float = 60.0) -> str:
        """The first line printed from now on that contains ``fragment``; fails with the output seen."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            seen.append(line)
            if fragment in line:
                return line
        raise AssertionError(f"`claimkit ls watch` never printed {fragment!r}; it printed:\n{''.join(seen)}")


@contextmanager
def watching(server: LiveServer, title: str) -> Iterator[Watch]:
    """``claimkit ls watch`` for project ``title`` on a free port, stopped with SIGTERM afterwards."""
    env = {**os.environ, "LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": server.api_key}
    command = [sys.executable, "-m", "claimkit", "ls", "watch", "--project", title, "--port", "0"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    output = process.stdout
    assert output is not None
    threading.Thread(target=lambda: [lines.put(line) for line in output], daemon=True).start()
    watch = Watch(process, lines)
    try:
        watch.started = watch.wait_for("watching project")
        yield watch
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
