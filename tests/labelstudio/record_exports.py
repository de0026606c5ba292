#!/usr/bin/env python3
"""Record Label Studio exports from real servers, one per supported version, for the unit tests.

    .venv/bin/python tests/labelstudio/record_exports.py [--versions 1.23.2 1.13.1]

For each version: a virtual environment of its own (``.venv-labelstudio`` for the version the
project runs, ``.venv-labelstudio-<version>`` for the others; created and installed with pip on
first use, about 1 GB each), a throwaway server started by ``scripts/labelstudio.py`` on a free
port of 127.0.0.1, the team's day of ``scenario.py`` made through the endpoints the web UI uses,
then everything the server exports of it, written to ``cases/recorded/<version>/``:

- ``ui-export.json``: what the UI's Export button downloads as JSON (``GET /api/projects/{id}/export``),
  and the lossy formats it offers (``ui-export-min.json``, ``.csv``, ``.tsv``, ``.conll``);
- ``snapshot.json``: an export snapshot made through the API with default options (drafts as ids);
- ``pull-snapshot.json``: the snapshot ``claimkit ls pull`` asks for (annotators and drafts expanded);
- ``pulled/``: the corpus ``claimkit ls pull --include-drafts`` wrote from that same server state
  (with the test key ``scenario.RECORDING_KEY``), and ``pull-report.json`` (its ``--format json``);
- ``server.json``: the version, URL and project, and the ids of everything the scenario made.

The exports are stored gzipped (``*.gz``, as a lead may hand them over); the pulled corpus is not.

Run it again to re-record (the recordings are committed; nothing here runs in the test suite).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.labelstudio.scenario import RECORDING_KEY, Http, build, save_exports  # noqa: E402

SCRIPT = ROOT / "scripts" / "labelstudio.py"
RECORDED = Path(__file__).parent / "cases" / "recorded"
CURRENT = "1.23.2"


def _venv(version: str) -> Path:
    venv = ROOT / (".venv-labelstudio" if version == CURRENT else f".venv-labelstudio-{version}")
    if not (venv / "bin" / "label-studio").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, f"label-studio=={version}"], check=True)
    return venv


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pull(url: str, token: str, title: str, folder: Path) -> None:
    env = {
        **os.environ,
        "LABEL_STUDIO_URL": url,
        "LABEL_STUDIO_API_KEY": token,
        "CLAIMKIT_PSEUDONYM_KEY": RECORDING_KEY,
    }
    command = [sys.executable, "-m", "claimkit", "ls", "pull", "--project", title, "--include-drafts"]
    done = subprocess.run([*command, "--out", "pulled", "--format", "json"], capture_output=True, env=env, cwd=folder)
    if done.returncode not in (0, 1):
        print(f"  pull failed ({done.returncode}): {done.stderr.decode()[-500:]}", flush=True)
        shutil.rmtree(folder / "pulled", ignore_errors=True)
        return
    (folder / "pull-report.json").write_bytes(done.stdout)


def _compress(folder: Path) -> None:
    """Every export file gzipped in place (reproducibly: no name, no time in the header)."""
    for path in sorted(folder.glob("*-export*")) + sorted(folder.glob("*snapshot.json")):
        with path.open("rb") as raw, gzip.GzipFile(path.with_name(path.name + ".gz"), "wb", mtime=0) as packed:
            shutil.copyfileobj(raw, packed)
        path.unlink()


def record(version: str) -> None:
    folder = RECORDED / version
    shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=f"claimkit-record-{version}-") as work:
        data_dir, port = Path(work) / "data", _free_port()
        env = {**os.environ, "CLAIMKIT_LS_VENV": str(_venv(version))}
        start = [sys.executable, str(SCRIPT), "start", "--data-dir", str(data_dir), "--port", str(port), "--fresh"]
        subprocess.run(start, check=True, env=env)
        try:
            values = dict(line.split("=", 1) for line in (data_dir / "claimkit.env").read_text().splitlines())
            url, token = f"http://127.0.0.1:{port}", values["LABEL_STUDIO_API_KEY"]
            http = Http(url, token)
            scenario = build(http, "recorded")
            save_exports(http, scenario.project, folder)
            _pull(url, token, "recorded", folder)
            _compress(folder)
            server = {"version": version, "url": url, "title": "recorded", **asdict(scenario)}
            (folder / "server.json").write_text(json.dumps(server, ensure_ascii=False, indent=2) + "\n")
        finally:
            subprocess.run([sys.executable, str(SCRIPT), "stop", "--data-dir", str(data_dir)], env=env)
    print(f"recorded {version} into {folder}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", nargs="+", default=[CURRENT, "1.13.1"])
    for version in parser.parse_args().versions:
        record(version)


if __name__ == "__main__":
    main()
