"""A steady background load of authenticated API requests, every answer kept with its timing.

Each client is a thread with its own connection, alternating a page of items (a read) and
a new item (a write), so both session kinds of the app meet whatever the database does.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import httpx

from ..contract.api import PROBLEM_TYPE
from ..load_balancer import SERVED_BY

ITEMS = "/api/v1/items"
PAUSE = 0.01  # between two requests of a client: a busy service, not a benchmark


@dataclass(frozen=True, slots=True)
class Answer:
    started: float  # time.monotonic() when the request was sent
    seconds: float
    method: str
    status: int  # 0: no HTTP answer at all (the reason is in `code`)
    code: str  # the problem's code, or "" for a success
    item_id: int | None = None  # what a 201 created
    served_by: str = ""  # the replica a balancer names (tests/load_balancer.py), if any

    @property
    def finished(self) -> float:
        return self.started + self.seconds

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def __str__(self) -> str:
        return f"{self.method} {self.status} {self.code} after {self.seconds:.2f}s"


def answer_of(method: str, started: float, response: httpx.Response) -> Answer:
    code = ""
    if response.headers.get("content-type", "").startswith(PROBLEM_TYPE):
        code = str(response.json().get("code", "?"))
    elif response.status_code >= 400:
        code = f"not a problem: {response.headers.get('content-type')}"
    seconds = time.monotonic() - started
    item_id = response.json()["id"] if response.status_code == 201 else None
    served_by = response.headers.get(SERVED_BY, "")
    return Answer(started, seconds, method, response.status_code, code, item_id, served_by)


class Load:
    """`clients` threads sending requests until the block ends; `answers` grows meanwhile."""

    def __init__(
        self, base_url: str, headers: dict[str, str], *, clients: int, timeout: float
    ) -> None:
        self._base_url, self._headers, self._timeout = base_url, headers, timeout
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._answers: list[Answer] = []
        self._threads = [threading.Thread(target=self._client, args=(n,)) for n in range(clients)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType
    ) -> None:
        self._done.set()
        for thread in self._threads:
            thread.join()

    @property
    def answers(self) -> list[Answer]:
        with self._lock:
            return sorted(self._answers, key=lambda answer: answer.started)

    def _client(self, number: int) -> None:
        client = httpx.Client(
            base_url=self._base_url, headers=self._headers, timeout=self._timeout, trust_env=False
        )
        with client:
            for sent in itertools.count():
                if self._done.is_set():
                    return
                started = time.monotonic()
                method = "GET" if sent % 2 else "POST"
                try:
                    if method == "GET":
                        response = client.get(ITEMS, params={"limit": 5})
                    else:
                        response = client.post(ITEMS, json={"title": f"load {number}-{sent}"})
                    answer = answer_of(method, started, response)
                except httpx.TransportError as exc:
                    answer = Answer(started, time.monotonic() - started, method, 0, repr(exc))
                with self._lock:
                    self._answers.append(answer)
                time.sleep(PAUSE)

    def wait_for(self, wanted: Callable[[Answer], bool], timeout: float) -> Answer | None:
        """The first answer (by finish time) that is `wanted`, waiting up to `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            found = [answer for answer in self.answers if wanted(answer)]
            if found:
                return min(found, key=lambda answer: answer.finished)
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)
