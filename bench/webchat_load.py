"""The web chat under load: the bot as a process (uvicorn) beside a bare FastAPI echo floor.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/webchat_load.py [--small] [--profile] [--web-processes N]
    ANTT_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres  (adds PostgreSQL)

Members are registered beforehand straight through the registration service (one transaction),
each with a session cookie whose HMAC is its web chat id, as the page's would be. Every member
then logs tips through `POST /api/web/messages` (9 messages a tip, taps chosen by label from the
previous answer, each with a message_id as the page sends). The floor (`POST /echo`, returning
the JSON it got) is served by uvicorn with the bot's options and logging, in its own process,
and driven by the same client with the same bodies and cookies.

  saturation (closed loop): K members (10, 50, 200) back to back; messages/s over a window
      after a warm-up, and latency p50/p95/p99.
  a person's pace (open loop): 1,000 members, each sending at Poisson times of mean 5 s (200
      messages/s offered); latency from the scheduled time, so a late answer delays nothing
      unseen (no coordinated omission).
The client runs in its own processes (aiohttp); its CPU is printed beside the bot's CPU per
message. On a 2-core machine client and server share the cores: read the ratio to the floor,
measured the same way in the same run, and the load average printed with each figure.
Checks: no non-2xx answer; each member's entries in the database are the tips it completed,
in the order sent, none duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body  # the floor's annotation is read from this module's globals

ROOT = Path(__file__).resolve().parent.parent
SECRET = "w" * 40
COOKIE = "antt_session"  # bot/channels/web.py
REFERENCE = re.compile(r"\b[A-Z]{2}-\d{4}-\d{6}\b")
# The tip flow as a person on the page goes through it: ("say", text) or ("tap", label).
TIP: list[tuple[str, str]] = [
    ("say", "/baotin"),
    ("tap", "Ma túy"),
    ("say", "Có người lạ tụ tập sử dụng ma túy ở nhà hoang"),
    ("say", "Nhà hoang cuối xóm 3, thôn Đông"),
    ("tap", "Bây giờ"),
    ("tap", "tôi trực tiếp"),
    ("tap", "Bình thường"),
    ("tap", "Bỏ qua"),
    ("tap", "Lưu"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chat_id(token: str, secret: str = SECRET) -> str:
    """The web chat's id for a session cookie (bot/channels/web.py `WebChat.chat_id`)."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()[:40]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


# ---------------------------------------------------------------------------------------------
# Servers


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process (and of its waited-for children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass
class Served:
    """Server processes, each in its own process group, one URL each."""

    processes: list[subprocess.Popen[bytes]]
    urls: list[str]
    logs: list[Path] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def cpu_seconds(self) -> float:
        return sum(_cpu_seconds(pid) for pid in self.pids)

    async def wait_ready(self, path: str, seconds: float = 120) -> None:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            for url, process in zip(self.urls, self.processes, strict=True):
                deadline = time.monotonic() + seconds
                while True:
                    if process.poll() is not None:
                        tail = self.logs[0].read_text()[-3000:] if self.logs else ""
                        raise RuntimeError(f"server at {url} exited:\n{tail}")
                    try:
                        async with session.get(url + path) as response:
                            if response.status < 500:
                                break
                    except aiohttp.ClientError:
                        pass
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"server at {url} did not start")
                    await asyncio.sleep(0.2)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )


def start_bot(
    database_url: str,
    data_dir: Path,
    *,
    processes: int = 1,
    secret: str = SECRET,
    env: dict[str, str] | None = None,
    role_of: Callable[[int], str] | None = None,
) -> Served:
    """`antt-bot run` as it is deployed, `processes` of them on one database, each on its own
    port (a member sticks to one). `role_of(i)`: ANTT_ROLE of process i (default: all for the
    first, web for the others)."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    served = Served([], [])
    for index in range(processes):
        port = free_port()
        role = role_of(index) if role_of else ("all" if index == 0 else "web")
        process_env = {
            **os.environ,
            "ANTT_DATA_DIR": str(data_dir),
            "ANTT_DATABASE_URL": database_url,
            "ANTT_SECRET_KEY": secret,
            "ANTT_WEB_HOST": "127.0.0.1",
            "ANTT_WEB_PORT": str(port),
            "ANTT_ROLE": role,
            **(env or {}),
        }
        log = data_dir / f"bot-{index}.log"
        # `antt-bot run` from this tree (cwd first on the path), whatever is installed.
        command = [sys.executable, "-c", "from bot.cli import app; app()", "run"]
        served.processes.append(_spawn(command, process_env, log))
        served.urls.append(f"http://127.0.0.1:{port}")
        served.logs.append(log)
        if index == 0 and processes > 1:
            # The first one migrates and makes the demo: the others start on a ready database.
            asyncio.run(served.wait_ready("/healthz"))
    return served


def behind_proxy(served: Served, log_dir: Path) -> Served:
    """The processes behind a round-robin TCP proxy of their own (tests/round_robin.py), as a
    load balancer: each new connection goes to the next process, so the members' requests
    spread over them, whichever member sends them. The proxy's CPU counts as the server's."""
    port = free_port()
    upstreams = ",".join(url.rsplit(":", 1)[1] for url in served.urls)
    command = [sys.executable, __file__, "--serve-proxy", f"{port}:{upstreams}"]
    log = log_dir / f"proxy-{port}.log"
    processes = [*served.processes, _spawn(command, dict(os.environ), log)]
    url = f"http://127.0.0.1:{port}"
    return Served(processes, [url] * len(processes), [*served.logs, log])


async def start_web_and_jobs(database_url: str, data_dir: Path, web: int) -> Served:
    """`web` processes `antt-bot run --role web` behind the proxy and one `--role jobs` (first:
    it migrates; the web processes start together, on a ready database)."""
    jobs = start_bot(database_url, data_dir, role_of=lambda _: "jobs")
    await jobs.wait_ready("/healthz")
    webs = Served([], [])
    for _ in range(web):
        one = start_bot(database_url, data_dir, role_of=lambda _: "web")
        webs.processes += one.processes
        webs.urls += one.urls
        webs.logs += one.logs
    await webs.wait_ready("/healthz")
    served = behind_proxy(webs, data_dir)
    served.processes.append(jobs.processes[0])  # after the web ones: pids[0] is profiled
    served.urls.append(served.urls[0])
    served.logs += jobs.logs
    return served


def start_floor(log_dir: Path, processes: int = 1) -> Served:
    served = Served([], [])
    for index in range(processes):
        port = free_port()
        log = log_dir / f"floor-{index}.log"
        command = [sys.executable, str(Path(__file__).resolve()), "--serve-floor", str(port)]
        served.processes.append(_spawn(command, dict(os.environ), log))
        served.urls.append(f"http://127.0.0.1:{port}")
        served.logs.append(log)
    return served


def serve_floor(port: int) -> None:
    """A bare FastAPI JSON echo, served as `antt-bot run` serves (bot/cli.py `run`)."""
    import uvicorn
    from fastapi import FastAPI

    from bot import logs

    app = FastAPI()

    @app.post("/echo")
    async def echo(body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
        return body

    logs.configure([])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="info", log_config=None)


# ---------------------------------------------------------------------------------------------
# The database and its members


@dataclass(frozen=True)
class Member:
    index: int
    token: str
    member_id: int


async def prepare(database_url: str, data_dir: Path, count: int) -> list[Member]:
    """A migrated database with the demo units and `count` registered web chat members."""
    from datetime import datetime

    from bot.settings import load_settings
    from campaign.roles import Role
    from services.demo import ensure_demo
    from services.invites import create_invites
    from services.registration import register
    from storage.database import Database
    from storage.migrate import upgrade
    from storage.repository import Repository
    from storage.sealing import Sealer
    from storage.unit_of_work import UnitOfWork

    await asyncio.to_thread(upgrade, database_url)
    settings = load_settings(data_dir=data_dir, database_url=database_url, secret_key=SECRET)
    database = Database(database_url)
    now = datetime.now(settings.zone)
    tokens = [f"bench-{n:05d}-{random.getrandbits(64):016x}" for n in range(count)]

    def work(connection: Any) -> list[Member]:
        units = UnitOfWork(connection).units
        ensure_demo(units, now, plan=False)
        made = create_invites(units, unit_code="DEMO-XA-T1", role=Role.MEMBER, count=count, now=now)
        invites = Repository(connection, Sealer(SECRET))
        members = []
        for n, (invite, token) in enumerate(zip(made, tokens, strict=True)):
            chat = chat_id(token)
            done = register(
                invites,
                invite.code,
                full_name=f"Thành viên {n}",
                namesake_id=None,
                channel="web",
                user_id=chat,
                chat_id=chat,
                language="vi",
                now=now,
            )
            members.append(Member(n, token, done.member.id))
        return members

    try:
        return await database.run(work)
    finally:
        await database.dispose()
        database.close()


async def entries_by_member(database_url: str) -> list[tuple[int, str, str]]:
    from sqlalchemy import select

    from storage.database import Database
    from storage.schema import entries

    database = Database(database_url)
    try:
        rows = await database.run(
            lambda c: c.execute(
                select(entries.c.member_id, entries.c.reference, entries.c.delivery_key).order_by(
                    entries.c.id
                )
            ).all()
        )
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]
    finally:
        await database.dispose()
        database.close()


# ---------------------------------------------------------------------------------------------
# The client (its own processes)


@dataclass
class Job:
    mode: str  # "closed" or "open"
    urls: list[str]
    members: list[tuple[int, str]]  # (index, token)
    floor: bool
    start_at: float  # time.monotonic(), the same clock in every process on Linux
    warmup: float
    window: float
    gap: float = 5.0
    seed: int = 0


def _body(step: tuple[str, str], last: list[dict[str, Any]], floor: bool, key: str) -> bytes:
    kind, value = step
    if kind == "say":
        return json.dumps({"text": value, "message_id": key}).encode()
    if floor:
        return json.dumps({"choice": "1", "message_id": key}).encode()
    wanted = value.casefold()
    for message in reversed(last):
        for choice in message["choices"]:
            if wanted in choice["label"].casefold():
                return json.dumps({"choice": choice["id"], "message_id": key}).encode()
    raise LookupError(f"no choice {value!r}")


class _Client:
    """One client process's members, on one aiohttp session."""

    def __init__(self, job: Job, session: Any) -> None:
        self.job = job
        self.session = session
        self.measure_from = job.start_at + job.warmup
        self.end = self.measure_from + job.window
        self.latencies: list[float] = []
        self.failures: dict[str, int] = {}
        self.references: dict[int, list[str]] = {index: [] for index, _ in job.members}
        self.sent = 0

    def failed(self, key: str) -> None:
        self.failures[key] = self.failures.get(key, 0) + 1

    async def post(self, url: str, token: str, body: bytes) -> list[dict[str, Any]] | None:
        import aiohttp

        headers = {"Content-Type": "application/json", "Cookie": f"{COOKIE}={token}"}
        self.sent += 1
        for attempt in range(2):
            try:
                async with self.session.post(url, data=body, headers=headers) as response:
                    data = await response.read()
                    if response.status != 200:
                        self.failed(f"HTTP {response.status}")
                        return None
                break
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as error:
                # A kept-alive connection the server closed as it was reused: the page sends
                # the message again with the same message_id, and so does this.
                self.failed(f"{type(error).__name__}, sent again")
                if attempt:
                    return None
            except aiohttp.ClientError as error:
                self.failed(type(error).__name__)
                return None
        return [] if self.job.floor else list(json.loads(data)["messages"])

    async def member(self, index: int, token: str) -> None:
        job = self.job
        url = job.urls[index % len(job.urls)] + ("/echo" if job.floor else "/api/web/messages")
        rng = random.Random(job.seed * 100_003 + index)
        due = job.start_at + (rng.uniform(0, job.gap) if job.mode == "open" else 0.0)
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        seq = 0
        while time.monotonic() < self.end:  # a tip begun is finished, measured or not
            last: list[dict[str, Any]] | None = []
            for step in TIP:
                seq += 1
                try:
                    body = _body(step, last or [], job.floor, f"b{job.seed}m{index}s{seq}")
                except LookupError:  # the answer lacked the next question (a failed turn)
                    self.failed("unexpected answer")
                    last = None
                    break
                if job.mode == "open":
                    now = time.monotonic()
                    due = now if due > self.end else due + rng.expovariate(1.0 / job.gap)
                    if due > now:
                        await asyncio.sleep(due - now)
                    begin = due  # latency from the scheduled time: no coordinated omission
                else:
                    begin = time.monotonic()
                last = await self.post(url, token, body)
                done = time.monotonic()
                if last is None:
                    break
                if self.measure_from <= begin and done <= self.end:
                    self.latencies.append(done - begin)
            if last is not None and not job.floor:
                said = "\n".join(m["text"] for m in last)
                found = REFERENCE.search(said)
                if found is None or "Đã lưu" not in said:
                    self.failed("not saved")
                else:
                    self.references[index].append(found.group(0))


async def _client(job: Job) -> dict[str, Any]:
    import aiohttp

    # Idle connections closed before uvicorn's keep-alive (5 s) does: a person's pace leaves
    # them idle about that long. Each member sends its own cookie.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=3.0)
    cpu_before = os.times()
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:
        client = _Client(job, session)
        await asyncio.gather(*(client.member(index, token) for index, token in job.members))
    cpu_after = os.times()
    return {
        "latencies": client.latencies,
        "failures": client.failures,
        "references": client.references,
        "sent": client.sent,
        "cpu": (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system),
    }


def _client_process(job: Job, results: Any) -> None:
    results.put(asyncio.run(_client(job)))


@dataclass
class Outcome:
    rate: float
    latencies: list[float]
    failures: dict[str, int]
    references: dict[int, list[str]]
    client_cpu: float
    server_cpu_per_message: float  # seconds, over every message sent (warm-up and tail too)
    loadavg: str

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self, label: str) -> str:
        per = self.server_cpu_per_message * 1e6
        bad = ", ".join(f"{k}: {v}" for k, v in sorted(self.failures.items())) or "none"
        return (
            f"{label:<34} {self.rate:7.0f} msg/s  p50 {self.percentile(50):6.1f}  "
            f"p95 {self.percentile(95):6.1f}  p99 {self.percentile(99):6.1f} ms  "
            f"server {per:5.0f} us CPU/msg  client CPU {self.client_cpu:5.1f} s  "
            f"errors {bad}  ({self.loadavg})"
        )


def drive(job: Job, server: Served, client_processes: int) -> Outcome:
    """Run the job split over client processes; the server's CPU is taken over the whole run
    (warm-up and tail included) and divided by messages measured, so it is per message only
    roughly: compare it between variants of one run."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    parts = [job.members[i::client_processes] for i in range(client_processes)]
    workers = [
        context.Process(
            target=_client_process, args=(Job(**{**job.__dict__, "members": p}), results)
        )
        for p in parts
        if p
    ]
    cpu_before = server.cpu_seconds()
    for worker in workers:
        worker.start()
    collected = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    cpu_after = server.cpu_seconds()
    sent = sum(c["sent"] for c in collected)
    latencies = [x for c in collected for x in c["latencies"]]
    failures: dict[str, int] = {}
    references: dict[int, list[str]] = {}
    for c in collected:
        for key, value in c["failures"].items():
            failures[key] = failures.get(key, 0) + value
        references.update(c["references"])
    return Outcome(
        rate=len(latencies) / job.window,
        latencies=latencies,
        failures=failures,
        references=references,
        client_cpu=sum(c["cpu"] for c in collected),
        server_cpu_per_message=(cpu_after - cpu_before) / max(1, sent),
        loadavg=load(),
    )


# ---------------------------------------------------------------------------------------------
# Profile


def top_functions(speedscope: Path, shown: int = 30) -> str:
    """Where the bot's time goes: own time by package, the functions with the most own time,
    and the project's and libraries' functions with the most time on the stack."""
    data = json.loads(speedscope.read_text())
    frames = data["shared"]["frames"]
    own: dict[int, float] = {}
    on_stack: dict[int, float] = {}
    total = 0.0
    for profile in data["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            total += weight
            if stack:
                own[stack[-1]] = own.get(stack[-1], 0) + weight
            for frame in set(stack):
                on_stack[frame] = on_stack.get(frame, 0) + weight

    def where(index: int) -> str:
        path = str(frames[index].get("file", ""))
        path = path.replace(str(ROOT) + "/", "")
        return re.sub(r".*/(site-packages|python3\.\d+)/", "", path)

    def name(index: int) -> str:
        return f"{frames[index]['name']} ({where(index)}:{frames[index].get('line', '')})"

    packages: dict[str, float] = {}
    for index, weight in own.items():
        package = where(index).split("/")[0].removesuffix(".py")
        packages[package] = packages.get(package, 0) + weight
    lines = [f"samples: {total:.0f}", "own time by package:"]
    for package, weight in sorted(packages.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"  {weight / total:6.1%}  {package}")
    lines.append("own time by function:")
    for index, weight in sorted(own.items(), key=lambda kv: -kv[1])[:shown]:
        lines.append(f"  {weight / total:6.1%}  {name(index)}")
    lines.append("cumulative (on the stack), below the web framework's layers:")
    deep = [(i, w) for i, w in on_stack.items() if w / total < 0.6]
    for index, weight in sorted(deep, key=lambda kv: -kv[1])[:shown]:
        lines.append(f"  {weight / total:6.1%}  {name(index)}")
    return "\n".join(lines)


def start_profile(pid: int, seconds: float, out: Path) -> subprocess.Popen[bytes]:
    spy = Path(sys.executable).parent / "py-spy"
    return subprocess.Popen(
        [
            str(spy),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(max(1, int(seconds))),
            "--rate",
            "200",
            "--nonblocking",
            "--format",
            "speedscope",
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class Plan:
    ks: list[int]
    window: float
    warmup: float
    open_members: int
    open_window: float
    open_warmup: float
    gap: float
    client_processes: int
    web_processes: int
    profile: bool
    floor: bool = True
    proxy: bool = False


def run_variant(
    label: str, server: Served, plan: Plan, members: list[Member], floor: bool, out: Path
) -> tuple[list[str], dict[int, list[str]]]:
    lines: list[str] = []
    references: dict[int, list[str]] = {}
    for seed, k in enumerate(plan.ks, start=1):
        job = Job(
            mode="closed",
            urls=server.urls,
            members=[(m.index, m.token) for m in members[:k]],
            floor=floor,
            start_at=time.monotonic() + 2.0,  # the client processes' start-up
            warmup=plan.warmup,
            window=plan.window,
            seed=seed,
        )
        spy = None
        if plan.profile and k == 50 and not floor:
            out_file = (
                Path(tempfile.gettempdir())
                / f"webload-profile-{label.split()[0].lower()}-k50.speedscope.json"
            )
            spy = (start_profile(server.pids[0], plan.window, out_file), out_file)
            job.start_at += 0.5
        outcome = drive(job, server, plan.client_processes)
        for index, found in outcome.references.items():
            references.setdefault(index, []).extend(found)
        lines.append(outcome.line(f"{label} closed K={k}"))
        print(lines[-1], flush=True)
        if spy is not None:
            process, out_file = spy
            _, error = process.communicate()
            if out_file.exists():
                print(f"profile ({out_file}):\n{top_functions(out_file)}", flush=True)
            else:
                print(f"py-spy failed: {error.decode()[-500:]}", flush=True)
    if plan.open_window <= 0:  # --open-window 0: saturation only
        return lines, references
    job = Job(
        mode="open",
        urls=server.urls,
        members=[(m.index, m.token) for m in members[: plan.open_members]],
        floor=floor,
        start_at=time.monotonic() + 2.0,
        warmup=plan.open_warmup,
        window=plan.open_window,
        gap=plan.gap,
        seed=len(plan.ks) + 1,
    )
    outcome = drive(job, server, plan.client_processes)
    for index, found in outcome.references.items():
        references.setdefault(index, []).extend(found)
    offered = plan.open_members / plan.gap
    lines.append(outcome.line(f"{label} open {offered:.0f}/s offered"))
    print(lines[-1], flush=True)
    return lines, references


def check(
    label: str, rows: list[tuple[int, str, str]], members: list[Member], sent: dict[int, list[str]]
) -> list[str]:
    """Entries per member equal the tips it completed, in the order sent, none duplicated."""
    problems = []
    by_member: dict[int, list[str]] = {}
    for member_id, reference, _ in rows:
        by_member.setdefault(member_id, []).append(reference)
    keys = [key for _, _, key in rows]
    if len(set(keys)) != len(keys):
        problems.append("duplicate delivery keys")
    references = [reference for _, reference, _ in rows]
    if len(set(references)) != len(references):
        problems.append("duplicate references")
    ids = {m.member_id for m in members}
    strangers = set(by_member) - ids
    if strangers:
        problems.append(f"entries of {len(strangers)} members the bench does not know")
    for member in members:
        stored = by_member.get(member.member_id, [])
        told = sent.get(member.index, [])
        if stored != told:
            problems.append(
                f"member {member.index}: {len(stored)} entries stored, {len(told)} tips "
                f"told saved" + (" (order differs)" if sorted(stored) == sorted(told) else "")
            )
    total = sum(len(v) for v in sent.values())
    verdict = "ok" if not problems else "; ".join(problems[:5])
    return [f"{label} checks: {len(rows)} entries, {total} tips completed: {verdict}"]


async def backend(
    label: str, database_url: str, folder: Path, plan: Plan, floor: Served | None
) -> list[str]:
    count = max([*plan.ks, plan.open_members])
    data_dir = folder / label
    members = await prepare(database_url, data_dir, count)
    if plan.proxy:
        server = await start_web_and_jobs(database_url, data_dir, plan.web_processes)
    else:
        server = start_bot(database_url, data_dir, processes=plan.web_processes)
    try:
        await server.wait_ready("/healthz")
        lines, sent = await asyncio.to_thread(
            run_variant, f"{label} bot", server, plan, members, False, folder
        )
    finally:
        server.stop()
    lines += check(label, await entries_by_member(database_url), members, sent)
    print(lines[-1], flush=True)
    return lines


async def main(plan: Plan, backends: list[str]) -> None:
    import scratch_db

    print(
        f"{os.cpu_count()} cores; client: {plan.client_processes} processes; "
        f"bot: {plan.web_processes} process(es)"
        f"{' --role web behind a round-robin proxy, and one --role jobs' if plan.proxy else ''}; "
        f"{load()}",
        flush=True,
    )
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="webload-") as name:
        folder = Path(name)
        if plan.floor:
            floor = start_floor(folder, plan.web_processes)
            if plan.proxy:
                floor = behind_proxy(floor, folder)
            try:
                await floor.wait_ready("/echo")
                count = max([*plan.ks, plan.open_members])
                members = [Member(n, f"floor-{n}", 0) for n in range(count)]
                found, _ = await asyncio.to_thread(
                    run_variant, "floor echo", floor, plan, members, True, folder
                )
                lines += found
            finally:
                floor.stop()
        pg_server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
        for which in backends:
            if which == "sqlite":
                lines += await backend("SQLite", f"sqlite:///{folder}/bench.db", folder, plan, None)
            elif pg_server:
                url, db_name = await scratch_db.create(pg_server, "webload_bench")
                try:
                    lines += await backend("PostgreSQL", url, folder, plan, None)
                finally:
                    await scratch_db.drop(pg_server, db_name)
            else:
                lines.append("PostgreSQL: skipped (set ANTT_BENCH_POSTGRES_URL)")
    print("\nsummary")
    for line in lines:
        print(line)
    floor_rates = {
        line.split("msg/s")[0].split()[-2]: float(line.split("msg/s")[0].split()[-1])
        for line in lines
        if line.startswith("floor echo closed")
    }
    for line in lines:
        if " bot closed " in line:
            k = line.split("msg/s")[0].split()[-2]
            rate = float(line.split("msg/s")[0].split()[-1])
            if floor_rates.get(k):
                print(f"{line.split(' bot ')[0]} {k}: {rate / floor_rates[k]:.2f} x the floor")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="a quick run: few members, short")
    parser.add_argument("--k", default="10,50,200", help='closed-loop member counts ("": none)')
    parser.add_argument("--window", type=float, default=15.0, help="closed loop: seconds measured")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--members", type=int, default=1000, help="open loop: members")
    parser.add_argument("--gap", type=float, default=5.0, help="open loop: mean seconds apart")
    parser.add_argument("--open-window", type=float, default=60.0, help="0: no open loop")
    parser.add_argument("--open-warmup", type=float, default=10.0)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--web-processes", type=int, default=1)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--profile", action="store_true", help="py-spy on the bot at K=50")
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="--web-processes N as deployed: N --role web behind a round-robin TCP proxy (its "
        "own process) and one --role jobs; otherwise members split over N processes by index",
    )
    parser.add_argument("--serve-floor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve-proxy", help=argparse.SUPPRESS)  # PORT:UPSTREAM,UPSTREAM
    arguments = parser.parse_args()
    if arguments.serve_floor:
        sys.path.insert(0, str(ROOT))
        serve_floor(arguments.serve_floor)
        sys.exit(0)
    sys.path.insert(0, str(ROOT))
    if arguments.serve_proxy:
        from tests.round_robin import serve_forever

        port, upstreams = arguments.serve_proxy.split(":")
        asyncio.run(serve_forever(int(port), [int(u) for u in upstreams.split(",")]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    small = arguments.small
    plan = Plan(
        ks=[10, 50] if small else [int(k) for k in arguments.k.split(",") if k],
        window=4.0 if small else arguments.window,
        warmup=1.0 if small else arguments.warmup,
        open_members=100 if small else arguments.members,
        open_window=8.0 if small else arguments.open_window,
        open_warmup=2.0 if small else arguments.open_warmup,
        gap=arguments.gap,
        client_processes=arguments.client_processes,
        web_processes=arguments.web_processes,
        profile=arguments.profile,
        floor=not arguments.no_floor,
        proxy=arguments.proxy,
    )
    asyncio.run(main(plan, arguments.backends.split(",")))
