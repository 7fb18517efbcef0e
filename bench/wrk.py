"""Drive a load with wrk (Debian's package: C, keep-alive, many connections, its latency
histogram) and read its figures: requests/s, p50, p99, non-2xx/3xx answers and errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["available", "run"]

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def available() -> bool:
    return shutil.which("wrk") is not None


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


# What every browser sends with each request (the baseline ignores it: it compresses nothing)
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


def _lua(paths: list[str], headers: dict[str, str], method: str, body: str) -> str:
    """A wrk script sending ``paths`` in turn (one or many: the mixed load)."""
    quoted = ", ".join(f'"{p}"' for p in paths)
    set_headers = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
    return (
        f"local paths = {{{quoted}}}\nlocal i = 0\n{set_headers}"
        f'wrk.method = "{method}"\n'
        + (f"wrk.body = [[{body}]]\n" if body else "")
        + "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\nend\n"
    )


def run(
    port: int,
    paths: list[str],
    *,
    seconds: float,
    connections: int = 32,
    threads: int = 2,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body: str = "",
) -> dict:
    """One wrk run against 127.0.0.1:``port``; the figures as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "paths.lua"
        script.write_text(_lua(paths, {**BROWSER, **(headers or {})}, method, body))
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "--latency", "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "p99_ms": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "bad": 0,
        "errors": 0,
    }
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        found["bad"] = int(match.group(1))
    socket_errors = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    if match := re.search(socket_errors, out):
        found["errors"] = sum(int(n) for n in match.groups())
    return found
