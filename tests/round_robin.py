"""A round-robin TCP proxy, as a load balancer in front of several web processes: each new
connection goes to the next upstream port. A client that keeps no connection alive sends
each request to the next process; one that does stays on its process, as with sticky
sessions. For tests and benches only."""

from __future__ import annotations

import asyncio
import contextlib


class RoundRobin:
    def __init__(self, ports: list[int], host: str = "127.0.0.1") -> None:
        self.ports = ports
        self.host = host
        self.turn = 0
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    async def start(self, port: int = 0) -> None:
        self._server = await asyncio.start_server(self._connect, self.host, port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = self.ports[self.turn % len(self.ports)]
        self.turn += 1
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.host, port)
        except OSError:
            writer.close()
            return
        pipes = [
            asyncio.create_task(_copy(reader, upstream_writer)),
            asyncio.create_task(_copy(upstream_reader, writer)),
        ]
        self._pipes.update(pipes)
        try:
            await asyncio.gather(*pipes, return_exceptions=True)
        finally:
            self._pipes.difference_update(pipes)
            for side in (writer, upstream_writer):
                side.close()


async def serve_forever(port: int, upstreams: list[int]) -> None:
    """The proxy as a process of its own (bench/webchat_load.py --proxy)."""
    proxy = RoundRobin(upstreams)
    await proxy.start(port)
    await asyncio.Event().wait()


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):  # the other side went first
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()  # the other side learns this one is done
