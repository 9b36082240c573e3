"""A minimal HTTP/1.1 keep-alive client over asyncio streams, for the load generator's POSTs.

Why not httpx here: on the benchmark machine an httpx.AsyncClient spends ~1.5 ms of CPU per
request and its pool slows down further with thousands of queued requests, while the no-op
server answers in 0.1 ms — the baseline would measure httpx, not the server. This client does
one thing (JSON request, status + body back, connections reused) and costs a few µs.
"""

import asyncio
import json
from urllib.parse import urlsplit


class TransportError(Exception):
    """The request got no complete response: connection refused, reset or timed out."""


class _Stale(Exception):
    pass


class HttpPool:
    def __init__(self, url: str, size: int = 100, timeout: float = 30):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.authority = f"{self.host}:{self.port}".encode()
        self.gate = asyncio.Semaphore(size)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.timeout = timeout

    async def post_json(self, path: str, payload: dict, headers: dict | None = None):
        """POST JSON; returns (status, decoded JSON or None). Raises TransportError."""
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", **(headers or {})}
        status, _cookies, data = await self.request("POST", path, body, headers)
        try:
            return status, json.loads(data) if data else None
        except ValueError:
            return status, None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        """Any request; returns (status, {cookie name: value} set by it, body bytes).
        Raises TransportError. The phone path of the benchmark GETs pages and POSTs forms."""
        lines = [
            method.encode() + b" " + path.encode() + b" HTTP/1.1",
            b"Host: " + self.authority,
            b"Content-Length: " + str(len(body)).encode(),
        ]
        lines += [f"{k}: {v}".encode() for k, v in (headers or {}).items()]
        request = b"\r\n".join(lines) + b"\r\n\r\n" + body
        async with self.gate:
            try:
                return await asyncio.wait_for(self._send(request), self.timeout)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, _Stale) as exc:
                raise TransportError(type(exc).__name__) from exc

    async def _send(self, request: bytes):
        while self.idle:  # a reused connection the server closed meanwhile: try the next one
            reader, writer = self.idle.pop()
            try:
                return await self._roundtrip(reader, writer, request)
            except (_Stale, ConnectionResetError, BrokenPipeError):
                writer.close()
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            return await self._roundtrip(reader, writer, request)
        except BaseException:
            writer.close()
            raise

    async def _roundtrip(self, reader, writer, request: bytes):
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise _Stale
        status = int(status_line.split()[1])
        length, chunked, keep_alive = None, False, True
        cookies = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                keep_alive = False
            elif name == "set-cookie":
                pair = line.decode("latin-1").partition(":")[2].split(";", 1)[0].strip()
                key, _, cookie = pair.partition("=")
                cookies[key] = cookie
        if chunked:
            data = b""
            while size := int((await reader.readline()).split(b";")[0], 16):
                data += await reader.readexactly(size)
                await reader.readline()
            await reader.readline()
        elif length is not None:
            data = await reader.readexactly(length)
        else:
            data, keep_alive = await reader.read(), False
        if keep_alive:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return status, cookies, data

    def close(self) -> None:
        while self.idle:
            self.idle.pop()[1].close()
