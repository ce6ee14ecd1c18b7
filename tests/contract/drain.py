"""Stopping one of two balanced replicas (SIGTERM) while clients read and write through the
balancer, and what came of it: every answer, by phase, and what the database kept.

The phases go by when a request was sent: before the SIGTERM, during the drain (until the
replica has exited and haproxy has marked it DOWN), after it. The load runs on for a while
after the drain, so "no 5xx once drained" is tried on real traffic, not on none.

During the drain a request may fail, and is counted: the replica may close a connection
haproxy has just sent a request on (uvicorn and gunicorn close the connections they have
read nothing from yet). haproxy must not retry it (the request was sent: tests/load_balancer.py)
and, the connection being a client's keep-alive one, closes it without an answer or a log
line, as a server's keep-alive timeout would (a first request would get a 502 instead).
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import pytest

from ..generated_project import GeneratedProject, LiveServer
from ..live_server import serve_replica, tail
from ..load_balancer import balance
from ..robustness.load import ITEMS, Answer, Load
from .api import Account, Api
from .conftest import CLIENT_TIMEOUT

CLIENTS = 4
WARM_UP = 2.0  # seconds of load on both replicas before the SIGTERM
AFTER_DRAIN = 2.0  # seconds of load on the survivor alone
EXIT_TIMEOUT = 12.0  # the generated graceful timeout (7 s) and a margin
DOWN_TIMEOUT = 5.0  # haproxy checks every 200 ms, two failures take a server out
PAGE = 100  # the largest page the API serves
Phase = Literal["before", "during", "after"]
PHASES: tuple[Phase, ...] = ("before", "during", "after")


@dataclass(frozen=True)
class Drain:
    answers: list[Answer]
    signalled: float  # time.monotonic() of the SIGTERM
    drained: float  # when the replica had exited and haproxy had marked it DOWN
    exit_code: int
    stats: dict[str, dict[str, str]]  # haproxy's `show stat` per server, once the load ended
    balancer_log: str

    def phase(self, answer: Answer) -> Phase:
        if answer.started < self.signalled:
            return "before"
        return "during" if answer.started < self.drained else "after"

    def in_phase(self, phase: Phase) -> list[Answer]:
        return [answer for answer in self.answers if self.phase(answer) == phase]

    def failed(self, phase: Phase) -> tuple[int, int]:
        """How many requests of the phase had a 5xx, and how many no answer at all."""
        statuses = [answer.status for answer in self.in_phase(phase)]
        return sum(status >= 500 for status in statuses), statuses.count(0)

    def served_by(self, phase: Phase) -> set[str]:
        return {answer.served_by for answer in self.in_phase(phase)}

    def unexpected(self) -> list[Answer]:
        """Failures other than a 5xx or no answer during the drain: a 4xx, or any outside it."""
        return [
            answer
            for answer in self.answers
            if not answer.ok
            and not (self.phase(answer) == "during" and (answer.status >= 500 or not answer.status))
        ]

    def acknowledged(self) -> list[str]:
        """The paths of the items whose creation was answered 201."""
        return [f"{ITEMS}/{answer.item_id}" for answer in self.answers if answer.item_id]

    def figures(self, found: int, stored: int) -> str:
        statuses = dict(sorted(Counter(answer.status for answer in self.answers).items()))
        failed = {phase: "{}/{}".format(*self.failed(phase)) for phase in PHASES}
        after = Counter(answer.served_by for answer in self.in_phase("after"))
        return (
            f"{len(self.answers)} requests through haproxy ({CLIENTS} clients), statuses"
            f" {statuses} (0: no answer); writes acknowledged {len(self.acknowledged())}, found"
            f" {found}, stored {stored}; 5xx/no answer before SIGTERM {failed['before']}, during"
            f" the drain ({self.drained - self.signalled:.2f} s) {failed['during']}, after it"
            f" {failed['after']} (of {after.total()} requests, served by {dict(after)});"
            f" haproxy redispatched {self.counter('wredis') + self.counter('wretr')} refused"
            f" connections, r1 cut {self.counter('srv_abrt')} requests sent to it;"
            f" r1 exit code {self.exit_code}"
        )

    def counter(self, field: str) -> int:
        """A haproxy counter summed over the servers (wretr: retries, wredis: redispatches,
        srv_abrt: requests whose connection the server closed before answering)."""
        return sum(int(row[field] or 0) for row in self.stats.values())


def stop_one_under_load(
    project: GeneratedProject, server: LiveServer, writer: Account, workdir: pytest.TempPathFactory
) -> Drain:
    """r0 (`server`) and a new replica r1 behind haproxy; `writer`'s load; r1 is stopped."""
    folder = workdir.mktemp("drain")
    with (
        serve_replica(project, server, folder) as (url, victim),
        balance({"r0": server.base_url, "r1": url}, folder) as balancer,
    ):
        with Load(
            balancer.base_url, writer.headers, clients=CLIENTS, timeout=CLIENT_TIMEOUT
        ) as load:
            assert load.wait_for(lambda answer: answer.served_by == "r1", 10), load.answers[:5]
            time.sleep(WARM_UP)
            signalled = time.monotonic()
            victim.send_signal(signal.SIGTERM)
            try:
                exit_code = victim.wait(EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                pytest.fail(
                    f"r1 still runs {EXIT_TIMEOUT}s after SIGTERM:\n{tail(folder / 'replica.log')}"
                )
            drained = balancer.wait_for("r1", "DOWN", DOWN_TIMEOUT)
            time.sleep(AFTER_DRAIN)
        return Drain(load.answers, signalled, drained, exit_code, balancer.stats(), balancer.log())


def stored_titles(api: Api, owner: Account) -> Counter[str]:
    """How many items of each title the owner has (each request of the load sends its own)."""
    titles: Counter[str] = Counter()
    for offset in range(0, 10**6, PAGE):
        page = api.client.get(
            ITEMS, params={"limit": PAGE, "offset": offset}, headers=owner.headers
        )
        assert page.status_code == 200, page.text
        titles.update(item["title"] for item in page.json()["items"])
        if offset + PAGE >= page.json()["total"]:
            return titles
    raise AssertionError("more items than the load could have written")
