"""The web chat behind Caddy with `tls internal`, in Chromium over HTTPS at a name that is not
localhost: the secure context is what lets the page ask for the phone's location, and the
shared place is saved with the tip (docs/deploy.md's set-up, on a high port)."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries
from tests.e2e.browsing import CHROMIUM, LAN_NAME, free_port, register, send, server, tap

CADDY = shutil.which("caddy")
if CADDY is None:
    pytest.skip("caddy is not installed (apt-get install caddy)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

__all__ = ["server"]  # fixtures

WHERE = (21.0285, 105.8542)  # the phone's position, as its GPS would give it
START_BOUND = 60.0  # seconds: a bound for a hung start, not a timing check


@pytest.fixture
def proxy(server: tuple[str, DemoInvites], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Caddy on a free high port in front of the served chat; its CA lives in a temp dir (no
    trust store of the machine is touched). The https URL, and the CA's root certificate."""
    upstream = urlsplit(server[0]).netloc
    port = free_port()
    home = tmp_path / "caddy"
    home.mkdir()
    config = home / "Caddyfile"
    config.write_text(
        "{\n"
        "\tadmin off\n"
        "\tskip_install_trust\n"
        f"\thttp_port {free_port()}\n"
        f"\thttps_port {port}\n"
        "}\n"
        f"https://{LAN_NAME}:{port} {{\n"
        "\ttls internal\n"
        "\trespond /metrics 404\n"
        f"\treverse_proxy {upstream}\n"
        "}\n"
    )
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    log = (home / "caddy.log").open("wb")
    caddy = subprocess.Popen(
        [str(CADDY), "run", "--config", str(config), "--adapter", "caddyfile"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    root = home / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    try:
        _wait_for_tls(port, root, caddy, home / "caddy.log")
        yield f"https://{LAN_NAME}:{port}/", root
    finally:
        caddy.terminate()
        try:
            caddy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            caddy.kill()
            caddy.wait()
        log.close()


def _wait_for_tls(port: int, root: Path, caddy: subprocess.Popen[bytes], log: Path) -> None:
    """Until Caddy answers /healthz through the proxy with a certificate its root vouches for."""
    deadline = time.monotonic() + START_BOUND
    last: Exception | None = None
    while time.monotonic() < deadline:
        if caddy.poll() is not None:
            raise AssertionError(f"caddy stopped: {log.read_text(errors='replace')[-2000:]}")
        if root.exists():
            try:
                assert _get(port, root, "/healthz").startswith("HTTP/1.1 200")
                return
            except (OSError, ssl.SSLError, AssertionError) as error:
                last = error
        time.sleep(0.1)
    raise AssertionError(f"caddy did not serve: {last!r}; {log.read_text(errors='replace')}")


def _get(port: int, root: Path, path: str) -> str:
    """A GET over TLS to the proxy, checked against Caddy's root for the chat's name."""
    context = ssl.create_default_context(cafile=str(root))
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=LAN_NAME) as tls,
    ):
        request = f"GET {path} HTTP/1.1\r\nHost: {LAN_NAME}:{port}\r\nConnection: close\r\n\r\n"
        tls.sendall(request.encode())
        answer = b""
        while chunk := tls.recv(65536):
            answer += chunk
    return answer.decode(errors="replace")


def _spki_hashes(root: Path) -> str:
    """What Chromium's --ignore-certificate-errors-spki-list takes: the base64 SHA-256 of the
    public keys of Caddy's authority (its intermediate signs the site's certificate and is
    sent with it), so the browser trusts this CA alone, as a phone with its root installed."""
    hashes = []
    for name in ("intermediate.crt", "root.crt"):
        certificate = x509.load_pem_x509_certificate((root.parent / name).read_bytes())
        spki = certificate.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        hashes.append(base64.b64encode(hashlib.sha256(spki).digest()).decode())
    return ",".join(hashes)


def _located(details: Any) -> tuple[float, float] | None:
    """The first place with coordinates in an entry's answers."""
    if isinstance(details, dict):
        if "latitude" in details and "longitude" in details:
            return float(details["latitude"]), float(details["longitude"])
        details = list(details.values())
    if isinstance(details, list):
        for value in details:
            found = _located(value)
            if found is not None:
                return found
    return None


def test_a_tip_shares_its_place_over_https_behind_caddy(
    server: tuple[str, DemoInvites], proxy: tuple[str, Path], tmp_path: Path
) -> None:
    url, root = proxy
    _, demo = server
    port = urlsplit(url).port
    assert port is not None
    # The proxy keeps /metrics to itself, whatever the bot serves.
    assert _get(port, root, "/metrics").startswith("HTTP/1.1 404")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--host-resolver-rules=MAP {LAN_NAME} 127.0.0.1",
                f"--ignore-certificate-errors-spki-list={_spki_hashes(root)}",
            ],
        )
        try:
            context = chromium.new_context(
                viewport={"width": 390, "height": 844},
                locale="vi-VN",
                is_mobile=True,
                has_touch=True,
            )
            context.grant_permissions(["geolocation"], origin=url.rstrip("/"))
            context.set_geolocation({"latitude": WHERE[0], "longitude": WHERE[1]})
            page: Page = context.new_page()
            register(page, url, demo.member.code, "Nguyễn Thị Hoa")
            # HTTPS at a LAN name, not localhost, is what makes the page a secure context.
            assert page.evaluate("window.isSecureContext") is True
            assert page.evaluate("location.protocol") == "https:"
            log = page.locator("#log")
            tap(page, "Báo nguồn tin")
            tap(page, "Trộm cắp, tội phạm")
            send(page, "Hai người lạ cạy khóa xe máy")
            page.get_by_role("button", name="📍 Gửi vị trí của tôi").click()
            expect(log).to_contain_text("Khi nào?")
            tap(page, "Bây giờ")
            tap(page, "Tôi trực tiếp phát hiện")
            tap(page, "Bình thường")
            tap(page, "Bỏ qua")
            expect(log).to_contain_text("Kiểm tra lại trước khi lưu")
            tap(page, "Lưu")
            expect(log).to_contain_text("Đã lưu")
        finally:
            chromium.close()
    database = Database(f"sqlite:///{tmp_path / 'antt.db'}")
    saved = database.run_blocking(
        lambda c: c.execute(select(entries.c.details).order_by(entries.c.id.desc())).first()
    )
    assert saved is not None
    place = _located(saved.details)
    assert place is not None, saved.details
    assert place == pytest.approx(WHERE, abs=1e-6)
