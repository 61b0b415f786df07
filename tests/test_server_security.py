"""Requests a web page (or a DNS-rebinding attacker) could make are refused before any upgrade."""

import asyncio
import json

import pytest
from conftest import EXT_ORIGIN, FIREFOX_ORIGIN, open_ws, recv_json
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus


async def raw_request(port: int, request: str) -> tuple[int, dict, bytes]:
    """Send a hand-written HTTP request; return (status, headers, body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request.encode())
    await writer.drain()
    data = await asyncio.wait_for(reader.read(65536), 5)
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
    return status, headers, body


def upgrade_request(port: int, host: str | None, origin: str | None, path: str = "/v1/ws") -> str:
    lines = [f"GET {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    if origin is not None:
        lines.append(f"Origin: {origin}")
    lines += ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
              "Sec-WebSocket-Version: 13", "", ""]
    return "\r\n".join(lines)


@pytest.mark.asyncio
@pytest.mark.parametrize("origin", ["https://evil.example", "null", None, "https://www.linkedin.com",
                                    "chrome-extension://short", "chrome-extension://" + "z" * 32,
                                    "http://127.0.0.1"])
async def test_evil_origins_get_403_before_upgrade(companion_server, origin):
    with pytest.raises(InvalidStatus) as info:
        await open_ws(companion_server.url, origin=origin)
    assert info.value.response.status_code == 403
    # The same with a raw request: a plain 403, no 101, no upgrade headers.
    status, headers, _ = await raw_request(
        companion_server.port, upgrade_request(companion_server.port, f"127.0.0.1:{companion_server.port}", origin))
    assert status == 403 and "upgrade" not in headers.get("connection", "").lower()
    assert "access-control-allow-origin" not in headers


@pytest.mark.asyncio
@pytest.mark.parametrize("host", ["attacker.example:{port}", "127.0.0.1.nip.io:{port}", "0.0.0.0:{port}",
                                  "127.0.0.1:1", "127.0.0.1", "localhost.attacker.example:{port}"])
async def test_bad_hosts_get_403_before_upgrade(companion_server, host):
    port = companion_server.port
    host = host.format(port=port)
    # websockets takes the Host header from the URI; host/port kwargs still connect to loopback.
    with pytest.raises(InvalidStatus) as info:
        await connect(f"ws://{host}/v1/ws", host="127.0.0.1", port=port, origin=EXT_ORIGIN, proxy=None,
                      open_timeout=5)
    assert info.value.response.status_code == 403
    status, _, _ = await raw_request(port, upgrade_request(port, host, EXT_ORIGIN))
    assert status == 403


@pytest.mark.asyncio
async def test_missing_host_gets_403(companion_server):
    status, _, _ = await raw_request(companion_server.port, upgrade_request(companion_server.port, None, EXT_ORIGIN))
    assert status in (400, 403)


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]"])
async def test_loopback_host_names_are_accepted(companion_server, name):
    port = companion_server.port
    async with await connect(f"ws://{name}:{port}/v1/ws", host="127.0.0.1", port=port, origin=EXT_ORIGIN,
                             proxy=None, open_timeout=5) as ws:
        assert (await recv_json(ws))["type"] == "hello"


@pytest.mark.asyncio
async def test_firefox_extension_origin_is_accepted(companion_server):
    async with await open_ws(companion_server.url, origin=FIREFOX_ORIGIN) as ws:
        assert (await recv_json(ws))["type"] == "hello"


@pytest.mark.asyncio
async def test_health_answers_without_cors(companion_server):
    # A web page's request gets no answer at all (test_server_availability.py); a local tool's
    # gets one without CORS headers.
    port = companion_server.port
    status, headers, body = await raw_request(port, f"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
    assert status == 200 and json.loads(body) == {"status": "ok", "version": companion_server.services.version,
                                                  "protocol": 1}
    assert not any(k.startswith("access-control-") for k in headers)


@pytest.mark.asyncio
async def test_health_refuses_rebinding_host(companion_server):
    port = companion_server.port
    status, _, _ = await raw_request(port, f"GET /v1/health HTTP/1.1\r\nHost: attacker.example:{port}\r\n\r\n")
    assert status == 403


@pytest.mark.asyncio
async def test_query_string_on_ws_is_refused(companion_server):
    with pytest.raises(InvalidStatus) as info:
        await open_ws(companion_server.url + "?token=abc")
    assert info.value.response.status_code == 400


@pytest.mark.asyncio
@pytest.mark.parametrize("headers", [
    {},  # no secret
    {"X-Tactful-Admin": "wrong"},
])
async def test_admin_pair_code_needs_the_secret(companion_server, headers):
    port = companion_server.port
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    status, _, body = await raw_request(
        port, f"POST /v1/admin/pair-code HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Content-Length: 0\r\n\r\n")
    assert status == 403 and b"code" not in body.replace(b"pair-code", b"")


@pytest.mark.asyncio
async def test_admin_pair_code_refuses_browser_requests_even_with_the_secret(companion_server):
    """A browser always sends Origin on a cross-origin POST; local tools never do."""
    port = companion_server.port
    secret = companion_server.running.admin_secret
    status, _, _ = await raw_request(
        port, f"POST /v1/admin/pair-code HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://evil.example\r\n"
              f"X-Tactful-Admin: {secret}\r\nContent-Length: 0\r\n\r\n")
    assert status == 403
    status, _, body = await raw_request(
        port, f"POST /v1/admin/pair-code HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
              f"X-Tactful-Admin: {secret}\r\nContent-Length: 0\r\n\r\n")
    assert status == 200 and set(json.loads(body)) == {"code", "expires_in"}


def test_the_access_log_names_every_route():
    """Each route is logged by its path; only paths no route serves become "(other)"."""
    from companion.server.accesslog import KNOWN_PATHS
    from companion.server.app import create_app
    from companion.server.services import Services

    app = create_app(Services(data_dir=None, pairing=None), "secret")
    assert {resource.canonical for resource in app.router.resources()} == KNOWN_PATHS
