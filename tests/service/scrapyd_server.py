"""A real Scrapyd in a temporary folder, and the project deployed to it with scrapyd-deploy.

Scrapyd cannot listen on port 0 (it treats 0 as "no TCP port"), so a free port is found by
binding port 0 first; a start that loses the port to someone else is retried on a new one.
"""

from __future__ import annotations

import configparser
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
# What scrapyd-deploy needs to build the egg (python setup.py bdist_egg): the packages and
# the build configuration, copied so the build's scratch files never land in the checkout.
PROJECT_FILES = ("pyproject.toml", "setup.py", "scrapy.cfg", "README.md")
PROJECT_PACKAGES = ("crawler", "extractors")
STARTED = "Scrapyd web console available at"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Scrapyd:
    """``scrapyd`` as a child process, its folders under ``root``."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log(self) -> Path:
        return self.root / "scrapyd.out"

    def start(self, attempts: int = 3) -> None:
        for _ in range(attempts):
            self.port = free_port()
            self._write_config()
            if self._launch():
                return
        raise AssertionError(f"scrapyd did not start:\n{self.log.read_text()[-3000:]}")

    def _write_config(self) -> None:
        (self.root / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            "bind_address = 127.0.0.1\n"
            f"http_port = {self.port}\n"
            "poll_interval = 0.5\n"
            "max_proc = 1\n"
            "eggs_dir = eggs\nlogs_dir = logs\nitems_dir = items\njobs_dir = jobs\ndbs_dir = dbs\n",
            "utf-8")

    def _launch(self) -> bool:
        with open(self.log, "wb") as out:  # scrapyd reads scrapyd.conf from its cwd
            self.process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=self.root,
                                            env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # most likely the port was taken meanwhile
            if STARTED in self.log.read_text(errors="replace") and self._answers():
                return True
            time.sleep(0.1)
        self.stop()
        return False

    def _answers(self) -> bool:
        try:
            return self.get("daemonstatus.json")["status"] == "ok"
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        response = httpx.get(self.url + endpoint, params=params, timeout=30)
        response.raise_for_status()
        return response.json()

    def post(self, endpoint: str, data: list[tuple[str, str]]) -> dict[str, Any]:
        response = httpx.post(self.url + endpoint, data=dict(_grouped(data)), timeout=30)
        response.raise_for_status()
        body = response.json()
        assert body["status"] == "ok", body
        return body

    def wait_finished(self, project: str, job: str, timeout: float = 300) -> dict[str, Any]:
        """The job's entry once Scrapyd lists it as finished (a guard, not a measurement)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.get("listjobs.json", project=project)
            for entry in jobs["finished"]:
                if entry["id"] == job:
                    return entry
            time.sleep(0.5)
        raise AssertionError(f"job {job} not finished after {timeout} s: {jobs}")

    def job_log(self, project: str, spider: str, job: str) -> str:
        return (self.root / "logs" / project / spider / f"{job}.log").read_text("utf-8")

    def job_items(self, project: str, spider: str, job: str) -> Path:
        return self.root / "items" / project / spider / f"{job}.jl"


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Form fields, a name given more than once (``setting``) sent once per value."""
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


def copy_project(target: Path, scrapyd_url: str) -> Path:
    """The project's build files in ``target``, scrapy.cfg's own [deploy] pointed at Scrapyd."""
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in PROJECT_PACKAGES:
        shutil.copytree(REPO / package, target / package, ignore=ignore)
    config = configparser.ConfigParser()
    config.read(target / "scrapy.cfg", "utf-8")
    config["deploy"]["url"] = scrapyd_url  # only the address: project name and all as committed
    with open(target / "scrapy.cfg", "w", encoding="utf-8") as out:
        config.write(out)
    return target


def scrapyd_deploy(project_dir: Path, version: str, env: dict[str, str]) -> str:
    """``scrapyd-deploy --version VERSION`` (the default target) in ``project_dir``."""
    result = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "--version", version],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr
