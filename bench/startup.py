"""Start-up cost and idle memory of `antt-bot run`, beside a floor process, in one run.

    .venv/bin/python bench/startup.py [--repeat 2] [--idle 10] [--source DIR]

Variants, each in its own process group with a fresh data dir and a free port:
  (a) floor: FastAPI, uvicorn and SQLAlchemy serving one /healthz route (a SELECT 1);
  (b) `antt-bot run`, web chat only (no token);
  (c) `antt-bot run` with every channel: a Telegram token against the fake Bot API
      (tests/fakes/telegram_api.py) and a Zalo token against its fake, both served by a
      process of their own so that their CPU is not counted.
(b) and (c) start twice: cold (an empty data dir: migrations and the demo are made) and warm
(the same data dir again). /healthz is polled every 20 ms; at the first 200 the process's
CPU-seconds (utime+stime from /proc, its waited children included) and the wall time since
the spawn are read; after --idle seconds its VmRSS. The targets are judged on the warm runs.
The source's modules are compiled to bytecode first, as `pip install` does for a wheel: a
checkout run with PYTHONDONTWRITEBYTECODE set (or never run before) compiles its ~210 modules
again at every start, ~0.9 CPU-s that no installed process pays.
--source runs another checkout's bot (e.g. `git archive main | tar -x -C DIR`) with this
venv, to compare before and after a change. The machine's load average is printed: figures
taken while other work runs are inflated.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.02  # seconds between two /healthz requests
START_TIMEOUT = 180.0  # a start-up on a busy machine; a hung one is reported as such
TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ZALO_TOKEN = "1234567890:benchmarkzalotoken"
TARGETS = {"cpu_web": 2.0, "cpu_floor_ratio": 3.0, "rss_web": 120.0, "rss_all": 160.0}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

FLOOR = textwrap.dedent(
    """
    import sys

    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{sys.argv[2]}/floor.db")
    app = FastAPI()


    @app.get("/healthz")
    def healthz() -> JSONResponse:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return JSONResponse({"status": "ok"})


    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
    """
)

# Both fake messengers in one process of their own; prints their URLs, then serves.
FAKES = textwrap.dedent(
    """
    import asyncio, json

    from tests.fakes.telegram_api import FakeTelegram
    from tests.fakes.zalo_api import FakeZalo


    async def main() -> None:
        telegram, zalo = FakeTelegram(), FakeZalo()
        urls = {"telegram": await telegram.start(), "zalo": await zalo.start()}
        print(json.dumps(urls), flush=True)
        await asyncio.Event().wait()


    asyncio.run(main())
    """
)


@dataclass(frozen=True)
class Figures:
    cpu: float  # CPU-seconds at the first 200
    wall: float  # seconds from the spawn to the first 200
    rss: float  # MB resident after the idle wait


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """utime + stime + cutime + cstime of `pid` (its waited children: a migration, if any)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """The whole process group: the server and anything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def measure(command: list[str], env: dict[str, str], cwd: Path, port: int, idle: float) -> Figures:
    log = (cwd / "server.log").open("ab")
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        while not answers(url):
            if process.poll() is not None:
                raise RuntimeError(f"{command[-1]} exited {process.returncode}: see {log.name}")
            if time.monotonic() - started > START_TIMEOUT:
                raise RuntimeError(f"no 200 on {url} in {START_TIMEOUT:.0f} s")
            time.sleep(POLL)
        cpu, wall = cpu_seconds(process.pid), time.monotonic() - started
        time.sleep(idle)
        return Figures(cpu, wall, resident_mb(process.pid))
    finally:
        stop(process)
        log.close()


def bot_env(source: Path, data_dir: Path, port: int, channels: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ANTT_") and key != "PYTHONPATH"
    }
    env.update(
        ANTT_DATA_DIR=str(data_dir),
        ANTT_WEB_HOST="127.0.0.1",
        ANTT_WEB_PORT=str(port),
        PYTHONPATH=str(source),
        **channels,
    )
    return env


@contextmanager
def fake_messengers() -> Iterator[dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", FAKES],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        urls: dict[str, str] = json.loads(process.stdout.readline())
        yield {
            "ANTT_TELEGRAM_TOKEN": TELEGRAM_TOKEN,
            "ANTT_TELEGRAM_API_URL": urls["telegram"],
            "ANTT_ZALO_TOKEN": ZALO_TOKEN,
            "ANTT_ZALO_API_URL": urls["zalo"],
        }
    finally:
        stop(process)


def compiled(source: Path) -> None:
    """Bytecode for every package of the checkout, written even with PYTHONDONTWRITEBYTECODE
    (py_compile ignores it), so that a start reads it as an installed wheel's would."""
    for package in sorted(source.glob("*/__init__.py")):
        if package.parent.name not in {"tests", "bench"}:
            compileall.compile_dir(package.parent, quiet=1)


def bot_command() -> list[str]:
    # The installed console script's own code, run by this interpreter: PYTHONPATH picks the
    # checkout (--source) that serves.
    return [sys.executable, "-c", "from bot.cli import app; app()", "run"]


def one_round(
    source: Path, channels: dict[str, str], idle: float, scratch: Path
) -> dict[str, Figures]:
    found: dict[str, Figures] = {}
    floor_dir = Path(tempfile.mkdtemp(prefix="floor-", dir=scratch))
    (floor_dir / "floor.py").write_text(FLOOR)
    port = free_port()
    found["floor"] = measure(
        [sys.executable, str(floor_dir / "floor.py"), str(port), str(floor_dir)],
        {k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        floor_dir,
        port,
        idle,
    )
    for variant, tokens in (("web", {}), ("all", channels)):
        data_dir = Path(tempfile.mkdtemp(prefix=f"{variant}-", dir=scratch))
        for start in ("cold", "warm"):
            port = free_port()
            env = bot_env(source, data_dir, port, tokens)
            found[f"{variant} {start}"] = measure(bot_command(), env, data_dir, port, idle)
    return found


def table(rounds: list[dict[str, Figures]]) -> list[str]:
    names = list(rounds[0])
    median = {
        name: Figures(
            statistics.median(r[name].cpu for r in rounds),
            statistics.median(r[name].wall for r in rounds),
            statistics.median(r[name].rss for r in rounds),
        )
        for name in names
    }
    floor = median["floor"]
    lines = [
        f"{'variant':<10} {'CPU s':>7} {'x floor':>8} {'wall s':>7} {'x floor':>8} "
        f"{'RSS MB':>7} {'x floor':>8}   (median of {len(rounds)}; every run: CPU s / RSS MB)"
    ]
    for name in names:
        m = median[name]
        each = ", ".join(f"{r[name].cpu:.2f}/{r[name].rss:.0f}" for r in rounds)
        lines.append(
            f"{name:<10} {m.cpu:>7.2f} {m.cpu / floor.cpu:>8.2f} {m.wall:>7.2f} "
            f"{m.wall / floor.wall:>8.2f} {m.rss:>7.1f} {m.rss / floor.rss:>8.2f}   {each}"
        )
    web, every = median["web warm"], median["all warm"]
    checks = [
        (f"web-only CPU ≤ {TARGETS['cpu_web']:.0f} s", web.cpu <= TARGETS["cpu_web"]),
        (
            f"web-only CPU ≤ {TARGETS['cpu_floor_ratio']:.0f}× floor",
            web.cpu <= TARGETS["cpu_floor_ratio"] * floor.cpu,
        ),
        (f"web-only RSS ≤ {TARGETS['rss_web']:.0f} MB", web.rss <= TARGETS["rss_web"]),
        (f"all channels RSS ≤ {TARGETS['rss_all']:.0f} MB", every.rss <= TARGETS["rss_all"]),
    ]
    lines.append(
        "targets (warm runs): "
        + "; ".join(f"{label}: {'met' if ok else 'MISSED'}" for label, ok in checks)
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every variant")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds idle before VmRSS")
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout that serves")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    compiled(args.source.resolve())
    rounds = []
    with tempfile.TemporaryDirectory(prefix="antt-startup-") as scratch, fake_messengers() as urls:
        for n in range(args.repeat):
            rounds.append(one_round(args.source.resolve(), urls, args.idle, Path(scratch)))
            print(f"round {n + 1}/{args.repeat} done, load {os.getloadavg()[0]:.2f}", flush=True)
    print(f"source: {args.source.resolve()}")
    print("\n".join(table(rounds)))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
