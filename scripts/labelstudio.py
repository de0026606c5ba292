#!/usr/bin/env python3
"""Install, start and stop a local Label Studio 1.23 server for claimkit (standard library only).

    python3 scripts/labelstudio.py install
    python3 scripts/labelstudio.py start --data-dir .labelstudio --port 8080 [--fresh]
    python3 scripts/labelstudio.py status --data-dir .labelstudio
    python3 scripts/labelstudio.py stop --data-dir .labelstudio

The server runs from its own virtual environment (``.venv-labelstudio``, created on first use),
binds 127.0.0.1 only, uses the embedded SQLite database in the data dir, has sign-up closed and
telemetry off, and refuses a busy port instead of moving to the next one. On the first start of
a data dir it creates the admin user and a legacy API token; both are written to
``<data-dir>/claimkit.env`` (mode 600) for the tests and for ``claimkit ls``. The data dir is
made private (mode 700: it holds the token and the SQLite database) and the server runs with
umask 077. ``<data-dir>/labelstudio.pid`` records the server's PID, start time and command line;
``stop`` signals that process group only if the process still running under that PID is the
same one (a stale PID reused by another process is never signalled).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = "1.23.2"
VENV = Path(os.environ.get("CLAIMKIT_LS_VENV", ROOT / ".venv-labelstudio"))
HOST = "127.0.0.1"
#: Label Studio's own list of banned webhook subnets (core/utils/io.py::validate_ip, 1.23.2) less
#: 127.0.0.0/8: webhooks may reach `claimkit ls watch` on this machine's loopback, nothing else
#: private or reserved. SSRF protection itself stays on.
_BANNED_SUBNETS_BUT_LOOPBACK = (
    "0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,169.254.0.0/16,172.16.0.0/12,192.0.0.0/24,192.0.2.0/24,"
    "192.88.99.0/24,192.168.0.0/16,198.18.0.0/15,198.51.100.0/24,203.0.113.0/24,224.0.0.0/4,"
    "233.252.0.0/24,240.0.0.0/4,255.255.255.255/32,::/128,::1/128,::ffff:0:0/96,::ffff:0:0:0/96,"
    "64:ff9b::/96,64:ff9b:1::/48,100::/64,2001:0000::/32,2001:20::/28,2001:db8::/32,2002::/16,"
    "fc00::/7,fe80::/10,ff00::/8"
)
#: Names Label Studio also reads bare; inherited values would change its behaviour.
_BARE_NAMES = ("USERNAME", "PASSWORD", "PORT", "HOST", "DEBUG", "CI", "DATABASE_NAME", "DJANGO_DB")


def _say(message: str) -> None:
    print(f"labelstudio: {message}", flush=True)


def _fail(message: str) -> int:
    print(f"labelstudio: error: {message}", file=sys.stderr, flush=True)
    return 1


def _executable() -> Path:
    return VENV / "bin" / "label-studio"


def install() -> int:
    marker = VENV / f".installed-{VERSION}"
    if marker.exists():
        return 0
    _say(f"creating {VENV} with label-studio=={VERSION} (first use; about a minute)")
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run([*pip, f"label-studio=={VERSION}"])
    if result.returncode != 0:
        return _fail("pip could not install Label Studio; see the output above")
    marker.touch()
    return 0


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, port)) == 0


def _health(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return json.loads(response.read()).get("status") == "UP"
    except (OSError, ValueError, urllib.error.URLError):
        return False


def _pid_file(data_dir: Path) -> Path:
    return data_dir / "labelstudio.pid"


def _proc_start_time(pid: int) -> str | None:
    """When the process started (clock ticks since boot, /proc/<pid>/stat field 22)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _proc_command(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _same_command(live: list[str] | None, launched: list[str]) -> bool:
    """The live command line runs what was launched (a script's interpreter may come first)."""
    return bool(live) and bool(launched) and launched[0] in live and live[-(len(launched) - 1) :] == launched[1:]  # type: ignore[index]


def _recorded(data_dir: Path) -> dict[str, object] | None:
    """What start recorded about the server: its PID, start time and command line."""
    try:
        text = _pid_file(data_dir).read_text()
    except OSError:
        return None
    if text.strip().isdigit():
        return {"pid": int(text.strip())}  # an older pid file: the PID only
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("pid"), int) else None


def _running_pid(data_dir: Path) -> int | None:
    """The PID of the server this data dir started, if that very process still runs."""
    record = _recorded(data_dir)
    if record is None:
        return None
    pid = int(str(record["pid"]))
    started, live = _proc_start_time(pid), _proc_command(pid)
    if started is None:
        return None  # no such process
    if "start_time" not in record:  # an older pid file: accept only a Label Studio of this data dir
        command = " ".join(live or [])
        return pid if "label-studio" in command and str(data_dir) in command else None
    launched = [str(part) for part in record.get("command") or []]  # type: ignore[union-attr]
    return pid if started == record["start_time"] and _same_command(live, launched) else None


def _server_env(data_dir: Path, username: str, password: str, token: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _BARE_NAMES}
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "LABEL_STUDIO_USERNAME": username,
            "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token,
            "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            "SENTRY_DSN": "",
            "FRONTEND_SENTRY_DSN": "",
            "LATEST_VERSION_CHECK": "false",
            "COLLECT_ANALYTICS": "false",
            "USE_DEFAULT_BANNED_SUBNETS": "false",
            "USER_ADDITIONAL_BANNED_SUBNETS": _BANNED_SUBNETS_BUT_LOOPBACK,
            # Webhooks are sent in the request that saves an annotation: wait for `claimkit ls watch`
            # to write its note, so that the editor's reload shows it (Label Studio's default is 1 s).
            "WEBHOOK_TIMEOUT": "10",
        }
    )
    return env


def _credentials(data_dir: Path) -> dict[str, str]:
    """The admin credentials of this data dir: made once, then reused (Label Studio applies them once)."""
    path = data_dir / "claimkit.env"
    if path.exists():
        path.chmod(0o600)
        return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    values = {
        "LABEL_STUDIO_ADMIN": os.environ.get("CLAIMKIT_LS_ADMIN", "admin@claimkit.invalid"),
        "LABEL_STUDIO_ADMIN_PASSWORD": secrets.token_urlsafe(18),
        "LABEL_STUDIO_API_KEY": secrets.token_hex(20),
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # private from the first byte
    with os.fdopen(descriptor, "w") as handle:
        handle.write("".join(f"{key}={value}\n" for key, value in values.items()))
    return values


def _private_dir(data_dir: Path, fresh: bool) -> None:
    """The data dir, private to its owner: it holds the API token and the SQLite database."""
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)


def _launch(data_dir: Path, port: int, creds: dict[str, str]) -> tuple[subprocess.Popen[bytes], list[str]]:
    env = _server_env(
        data_dir, creds["LABEL_STUDIO_ADMIN"], creds["LABEL_STUDIO_ADMIN_PASSWORD"], creds["LABEL_STUDIO_API_KEY"]
    )
    command = [str(_executable()), "start", "--no-browser", "--internal-host", HOST, "--port", str(port)]
    command += ["--data-dir", str(data_dir)]
    log = os.open(data_dir / "labelstudio.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, umask=0o077
        )
        return process, command
    finally:
        os.close(log)


def _wait_healthy(process: subprocess.Popen[bytes], data_dir: Path, url: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _pid_file(data_dir).unlink(missing_ok=True)
            tail = (data_dir / "labelstudio.log").read_text(errors="replace")[-2000:]
            return _fail(f"Label Studio exited with {process.returncode}:\n{tail}")
        if _health(url):
            _say(f"up: {url}; credentials in {data_dir / 'claimkit.env'}")
            return 0
        time.sleep(0.5)
    stop(data_dir)
    return _fail(f"no healthy answer from {url}/health within {timeout:.0f} s")


def start(data_dir: Path, port: int, fresh: bool, timeout: float) -> int:
    if not _executable().exists() and install() != 0:
        return 1
    if _running_pid(data_dir):
        return _fail(f"a server from {data_dir} is already running (pid {_running_pid(data_dir)}); stop it first")
    if _port_busy(port):
        return _fail(f"port {port} on {HOST} is busy; choose another with --port")
    _private_dir(data_dir, fresh)
    creds = _credentials(data_dir)
    url = f"http://{HOST}:{port}"
    (data_dir / "claimkit.url").write_text(url + "\n")
    process, command = _launch(data_dir, port, creds)
    record = {"pid": process.pid, "start_time": _proc_start_time(process.pid), "command": command}
    _pid_file(data_dir).write_text(json.dumps(record) + "\n")
    _say(f"starting on {url} (pid {process.pid}, log {data_dir / 'labelstudio.log'})")
    return _wait_healthy(process, data_dir, url, timeout)


def stop(data_dir: Path) -> int:
    """Stop the server this data dir started; a PID now held by another process is left alone."""
    record = _recorded(data_dir)
    pid = _running_pid(data_dir)
    _pid_file(data_dir).unlink(missing_ok=True)
    if pid is None:
        stale = f" (pid {record['pid']} is not the server it started: left alone)" if record else ""
        _say(f"not running{stale}")
        return 0
    for sig, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if not _alive(pid):
            break
    _say(f"stopped (pid {pid})")
    return 0


def _alive(pid: int) -> bool:
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def status(data_dir: Path) -> int:
    pid = _running_pid(data_dir)
    url_file = data_dir / "claimkit.url"
    url = url_file.read_text().strip() if url_file.exists() else None
    healthy = bool(url and _health(url))
    _say(f"pid {pid or '-'}, url {url or '-'}, healthy {healthy}")
    return 0 if pid and healthy else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install", help="create the Label Studio virtual environment")
    for name in ("start", "stop", "status"):
        p = sub.add_parser(name)
        p.add_argument("--data-dir", type=Path, default=ROOT / ".labelstudio")
        if name == "start":
            p.add_argument("--port", type=int, default=8080)
            p.add_argument("--fresh", action="store_true", help="delete the data dir first (tests, CI)")
            p.add_argument("--timeout", type=float, default=240.0, help="seconds to wait for /health")
    args = parser.parse_args()
    if args.command == "install":
        return install()
    data_dir = args.data_dir.resolve()
    if args.command == "start":
        return start(data_dir, args.port, args.fresh, args.timeout)
    return stop(data_dir) if args.command == "stop" else status(data_dir)


if __name__ == "__main__":
    sys.exit(main())
