"""The clients of bench/scale_out.py: people's browsers behind one load balancer.

Each client is one keep-alive connection with its own cookies. Anonymous visitors read
public pages; signed-in citizens (logged in over HTTP, so their session lives in Redis and
every app server knows it) read "Mein Konto" and the postbox and apply for the
Eheurkunde step by step; others register for an event. A request that fails (the app
server behind it was killed) is recorded with its time and sent again, as a person
reloads the page: the application's idempotency (the submission's key, the registration's
address) keeps the retry from doing anything twice.
"""

from __future__ import annotations

import http.client
import itertools
import random
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

CITIZEN = ("buerger@demo.rathaus.invalid", "Rathaus-Demo-2026")
SERVICE = "/leistungen/eheurkunde/?gemeinde=06411000"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
RETRIES = 8


class Failed(Exception):
    """A request still failing after every retry."""


@dataclass
class Outcome:
    """What the clients saw, shared by all of them."""

    deadline: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    errors: list[tuple[float, str]] = field(default_factory=list)
    references: set[str] = field(default_factory=set)  # confirmations seen
    registered: set[str] = field(default_factory=set)  # addresses answered with success
    kinds: dict[str, int] = field(default_factory=dict)

    def running(self) -> bool:
        return time.monotonic() < self.deadline

    def count(self, kind: str, error: str = "") -> None:
        with self.lock:
            self.requests += 1
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            if error:
                self.errors.append((time.monotonic(), f"{kind}: {error}"))


class Browser:
    def __init__(self, port: int, outcome: Outcome, kind: str):
        self.port, self.outcome, self.kind = port, outcome, kind
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str, str]:
        """(status, Location, body) of the first answer below 500, retried like a reload."""
        for _ in range(RETRIES):
            try:
                status, location, body = self._once(method, path, fields)
            except (OSError, http.client.HTTPException) as error:
                self.outcome.count(self.kind, type(error).__name__)
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            else:
                if status < 500:
                    self.outcome.count(self.kind)
                    return status, location, body
                said = " ".join(re.sub(r"<[^>]+>", " ", body).split())[:80]
                self.outcome.count(self.kind, f"{method} {path} answered {status} ({said})")
            time.sleep(0.5)
        raise Failed(f"{method} {path}")

    def _once(self, method: str, path: str, fields: dict | None) -> tuple[int, str, str]:
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in
                                                            self.cookies.items())}  # fmt: skip
        body = None
        if fields is not None:
            body = urlencode({**fields, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name.strip()] = value
        if token := TOKEN.search(text):
            self.token = token.group(1)
        return response.status, response.headers.get("Location", ""), text

    def expect(self, status: int, method: str, path: str, fields: dict | None = None) -> str:
        got, location, body = self.send(method, path, fields)
        if got != status:
            raise Failed(f"{method} {path} answered {got}, not {status}")
        return location or body


def anonymous(port: int, outcome: Outcome, pages: list[str]) -> None:
    browser = Browser(port, outcome, "anonymous page")
    while outcome.running():
        browser.expect(200, "GET", random.choice(pages))


def citizen(port: int, outcome: Outcome, steps: list[dict]) -> None:
    browser = Browser(port, outcome, "signed-in step")
    browser.expect(200, "GET", "/anmelden/")
    email, password = CITIZEN
    browser.expect(302, "POST", "/anmelden/", {"email": email, "password": password})
    while outcome.running():
        for page in ("/konto/", "/konto/postfach/", SERVICE):
            browser.expect(200, "GET", page)
        apply(browser, outcome, steps)


def apply(browser: Browser, outcome: Outcome, steps: list[dict]) -> None:
    """Start a draft, answer every step, check and submit (retried submits included)."""
    step = browser.expect(302, "POST", "/leistungen/eheurkunde/beantragen/",
                          {"gemeinde": "06411000"})  # fmt: skip
    draft = step.split("/schritt/")[0]
    for number, answers in enumerate(steps, start=1):
        browser.expect(302, "POST", f"{draft}/schritt/{number}/", answers)
    key = KEY.search(browser.expect(200, "GET", f"{draft}/pruefen/"))
    if key is None:
        raise Failed(f"no idempotency key on {draft}/pruefen/")
    browser.kind = "submission"
    done = browser.expect(302, "POST", f"{draft}/pruefen/",
                          {"idempotency_key": key.group(1), "declaration": "yes"})  # fmt: skip
    browser.kind = "signed-in step"
    with outcome.lock:
        outcome.references.add(done.rstrip("/").rsplit("/", 1)[-1])


def registrant(port: int, outcome: Outcome, path: str, numbers: Iterator[int]) -> None:
    browser = Browser(port, outcome, "registration")
    browser.expect(200, "GET", path)
    while outcome.running():
        email = f"person{next(numbers)}@bench.example"
        fields = {"given_name": "Bench", "family_name": email[:12], "email": email}
        status, _, body = browser.send("POST", path, fields)
        # A retry after a lost answer finds the address registered by the first attempt.
        if status == 302 or "ist bereits jemand" in body:
            with outcome.lock:
                outcome.registered.add(email)
        else:
            raise Failed(f"registration of {email} answered {status}")


def run_clients(port: int, seconds: float, pages: list[str], event_path: str,
                steps: list[dict], clients: int) -> tuple[Outcome, list[str]]:  # fmt: skip
    """``clients`` of each kind for ``seconds``; the outcome and the clients that gave up.
    ``steps``: what the citizens answer on each step of the Eheurkunde."""
    outcome = Outcome(deadline=time.monotonic() + seconds)
    numbers = itertools.count(1)
    gave_up: list[str] = []
    targets = [(anonymous, (port, outcome, pages)), (citizen, (port, outcome, steps)),
               (registrant, (port, outcome, event_path, numbers))]  # fmt: skip

    def guarded(function, args) -> None:
        try:
            function(*args)
        except Failed as failure:
            gave_up.append(str(failure))

    threads = [threading.Thread(target=guarded, args=target)
               for target in targets for _ in range(clients)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome, gave_up
