"""The development IdPs (devidp/) started for real in a second process on 127.0.0.1, with
keys made in the test run, and the settings that point a tenant's SP/RP at them."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from devidp import keys

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the IdP process ended ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own 127.0.0.1
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextlib.contextmanager
def _process(args: list[str], url: str) -> Iterator[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", *args], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait(url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class SamlIdpProcess:
    base_url: str
    directory: Path
    sp_key: Path
    sp_cert: Path
    sp_encryption_key: Path
    sp_encryption_cert: Path

    @property
    def metadata(self) -> Path:
        return self.directory / "saml-idp-metadata.xml"

    def config(self, **extra: str) -> dict[str, str]:
        return {"label": "BundID", "idp_metadata": str(self.metadata),
                "sp_key": str(self.sp_key), "sp_cert": str(self.sp_cert),
                "sp_encryption_key": str(self.sp_encryption_key),
                "sp_encryption_cert": str(self.sp_encryption_cert), **extra}  # fmt: skip


@contextlib.contextmanager
def saml_idp(directory: Path, trust: str = "http://") -> Iterator[SamlIdpProcess]:
    port = free_port()
    sp_key, sp_cert = keys.ensure(directory, "sp", "Rathaus Test-SP")
    enc_key, enc_cert = keys.ensure(directory, "sp-encryption", "Rathaus Test-SP (encryption)")
    args = ["devidp.saml_idp", "--port", str(port), "--dir", str(directory),
            "--sp-cert", str(sp_cert), "--sp-encryption-cert", str(enc_cert),
            "--trust", trust]  # fmt: skip
    with _process(args, f"http://127.0.0.1:{port}/metadata"):
        yield SamlIdpProcess(f"http://127.0.0.1:{port}", directory, sp_key, sp_cert,
                             enc_key, enc_cert)  # fmt: skip


@dataclass(frozen=True)
class OidcProviderProcess:
    issuer: str
    secret_file: Path

    def config(self, **extra: str) -> dict[str, str]:
        return {"label": "Hessen-Konto", "issuer": self.issuer, "client_id": "rathaus-dev",
                "client_secret_file": str(self.secret_file), "assurance": "substantiell",
                **extra}  # fmt: skip


@contextlib.contextmanager
def oidc_provider(
    directory: Path, redirect_prefix: str = "http://"
) -> Iterator[OidcProviderProcess]:
    port = free_port()
    args = ["devidp.oidc_op", "--port", str(port), "--dir", str(directory),
            "--redirect-prefix", redirect_prefix]  # fmt: skip
    with _process(args, f"http://127.0.0.1:{port}/.well-known/openid-configuration"):
        yield OidcProviderProcess(f"http://127.0.0.1:{port}", directory / "oidc-client-secret")


def form_of(html: str) -> tuple[str, dict[str, str]]:
    """The first form of a page: its action and its hidden and checked inputs."""
    action = unescape(re.search(r'<form[^>]*action="([^"]*)"', html).group(1))
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]*)"', tag)
        if name is None or (kind and kind.group(1) == "radio" and "checked" not in tag):
            continue
        fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return action, fields


def http(url: str, data: dict[str, str] | None = None) -> tuple[int, str]:
    """A plain HTTP request to an IdP (not through Django's test client)."""
    from urllib.parse import urlencode

    body = urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:  # noqa: S310
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
