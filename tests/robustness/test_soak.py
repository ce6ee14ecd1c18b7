"""Level 5: a long mixed load leaves the production server correct, without errors, no bigger.

16 clients acting for 8 users send 10,000 requests (create, read, update, list, delete) to
the server on PostgreSQL, after a warm-up that fills the pool and the caches. Each client
changes only the items it created, so it knows what every one of them must read back; the
server's RSS comes from /proc (with one worker, uvicorn runs the app in the process started).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from ..contract.api import Account, Api
from ..generated_project import GeneratedProject
from ..live_server import start_server
from ..processes import rss_kib

pytestmark = pytest.mark.slow
CLIENTS = 16
USERS = 8
WARM_UP_PER_CLIENT = 100
REQUESTS_PER_CLIENT = 625  # 10,000 in all
MAX_RSS_GROWTH = 0.10
ITEMS = "/api/v1/items"
MIX = {"create": 30, "read": 25, "update": 20, "list": 15, "delete": 10}  # weights
EXPECTED = {"create": 201, "read": 200, "update": 200, "list": 200, "delete": 204}


class Client:
    """One client: a connection of its own, a user's token, and the items it made and kept."""

    def __init__(self, base_url: str, account: Account, seed: int) -> None:
        self.http = httpx.Client(
            base_url=base_url, headers=account.headers, timeout=30, trust_env=False
        )
        self.random = random.Random(seed)
        self.titles: dict[int, str] = {}  # item id -> the title it must read back
        self.answers: Counter[tuple[str, int | str]] = Counter()

    def run(self, requests: int) -> None:
        operations, weights = list(MIX), list(MIX.values())
        for _ in range(requests):
            operation = self.random.choices(operations, weights)[0] if self.titles else "create"
            try:
                outcome = getattr(self, f"_{operation}")()
            except httpx.TransportError as exc:
                outcome = type(exc).__name__
            self.answers[(operation, outcome)] += 1

    def _create(self) -> int | str:
        title = f"soak {self.random.getrandbits(40):010x}"
        response = self.http.post(ITEMS, json={"title": title, "description": "soak"})
        if response.status_code == 201:
            self.titles[response.json()["id"]] = title
        return response.status_code

    def _read(self) -> int | str:
        item_id = self.random.choice(list(self.titles))
        return self.check(item_id, self.http.get(f"{ITEMS}/{item_id}"))

    def _update(self) -> int | str:
        item_id = self.random.choice(list(self.titles))
        title = f"renamed {self.random.getrandbits(40):010x}"
        response = self.http.patch(f"{ITEMS}/{item_id}", json={"title": title})
        if response.status_code == 200:
            self.titles[item_id] = title
        return self.check(item_id, response)

    def _list(self) -> int | str:
        return self.http.get(ITEMS, params={"limit": 20}).status_code

    def _delete(self) -> int | str:
        item_id = self.random.choice(list(self.titles))
        response = self.http.delete(f"{ITEMS}/{item_id}")
        if response.status_code == 204:
            del self.titles[item_id]
        return response.status_code

    def check(self, item_id: int, response: httpx.Response) -> int | str:
        if response.status_code == 200 and response.json()["title"] != self.titles[item_id]:
            return "stale title"
        return response.status_code

    def unreadable(self) -> list[str]:
        """The items this client kept that do not read back as it left them."""
        found = {
            item_id: self.check(item_id, self.http.get(f"{ITEMS}/{item_id}"))
            for item_id in self.titles
        }
        return [f"{item_id}: {outcome}" for item_id, outcome in found.items() if outcome != 200]


def run_all(clients: list[Client], requests: int) -> float:
    """Every client sends `requests` at once; the seconds it took."""
    started = time.monotonic()
    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(lambda client: client.run(requests), clients))
    return time.monotonic() - started


def test_ten_thousand_mixed_requests_on_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = GeneratedProject.create(tmp_path / "project", {"database": "postgresql"})
    with start_server(project, tmp_path) as (server, process):
        with httpx.Client(base_url=server.base_url, timeout=30, trust_env=False) as http:
            accounts = [Api(http).new_account(f"soak{n}") for n in range(USERS)]
        clients = [Client(server.base_url, accounts[n % USERS], n) for n in range(CLIENTS)]
        run_all(clients, WARM_UP_PER_CLIENT)
        warm_rss = rss_kib(process.pid)
        for client in clients:
            client.answers.clear()
        seconds = run_all(clients, REQUESTS_PER_CLIENT)
        end_rss = rss_kib(process.pid)
        answers = sum((client.answers for client in clients), Counter())
        with ThreadPoolExecutor(CLIENTS) as pool:
            unreadable = [item for found in pool.map(Client.unreadable, clients) for item in found]
        kept = sum(len(client.titles) for client in clients)
        for client in clients:
            client.http.close()
        assert process.poll() is None, "the server died under the load"

    total = sum(answers.values())
    growth = end_rss / warm_rss - 1
    with capsys.disabled():
        tally = sorted(answers.items(), key=str)
        counts = ", ".join(f"{op} {outcome}: {n}" for (op, outcome), n in tally)
        print(
            f"\n  soak on postgresql: {total} requests from {CLIENTS} clients in {seconds:.1f}s"
            f" ({total / seconds:.0f}/s); {counts}; {kept} items kept, all read back"
            f" {'correctly' if not unreadable else 'WRONG'}; RSS after warm-up {warm_rss} KiB,"
            f" at the end {end_rss} KiB ({growth:+.1%})"
        )
    assert total == CLIENTS * REQUESTS_PER_CLIENT
    server_errors = {key: n for key, n in answers.items() if str(key[1]).startswith("5")}
    assert not server_errors, f"5xx answers: {server_errors}"
    unexpected = {key: n for key, n in answers.items() if key[1] != EXPECTED[key[0]]}
    assert not unexpected, f"answers other than the expected ones: {unexpected}"
    assert not unreadable, f"kept items that do not read back: {unreadable[:20]}"
    assert growth <= MAX_RSS_GROWTH, f"RSS grew {growth:.1%}: {warm_rss} -> {end_rss} KiB"
