"""Seed through the public API, as a client would: two users with 100 items each."""

from __future__ import annotations

import json
import secrets
from base64 import urlsafe_b64decode
from dataclasses import dataclass

import httpx

ITEMS_PER_USER = 100
API = "/api/v1"


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    first_item: int = 0


def login(base_url: str, account: Account) -> str:
    """A fresh access token (they live 15 minutes; every scenario takes a new one)."""
    body = {"email": account.email, "password": account.password}
    response = httpx.post(f"{base_url}{API}/auth/login", json=body, timeout=30)
    response.raise_for_status()
    return str(response.json()["access_token"])


def claims(token: str) -> dict[str, object]:
    """The token's payload, unverified: the floor app needs the issuer and audience."""
    payload = token.split(".")[1]
    decoded: dict[str, object] = json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return decoded


def seed(base_url: str) -> tuple[Account, Account]:
    """Register a reader and a writer, each with ITEMS_PER_USER items; return both."""
    accounts: list[Account] = []
    with httpx.Client(base_url=base_url + API, timeout=30) as client:
        for label in ("reader", "writer"):
            account = Account(f"{label}-{secrets.token_hex(4)}@example.com", secrets.token_hex(12))
            body = {"email": account.email, "password": account.password}
            client.post("/auth/register", json=body).raise_for_status()
            headers = {"Authorization": f"Bearer {login(base_url, account)}"}
            ids = []
            for number in range(ITEMS_PER_USER):
                item = {"title": f"item {number}", "description": "seeded by bench " * 4}
                created = client.post("/items", json=item, headers=headers)
                created.raise_for_status()
                ids.append(int(created.json()["id"]))
            accounts.append(Account(account.email, account.password, first_item=ids[0]))
    return accounts[0], accounts[1]


def same_page(app_url: str, floor_url: str, account: Account) -> None:
    """The floor is a fair floor only if it does the app's work: the same rows, in the same
    order, with the same total, for the same token. Checked before the floor is measured."""
    headers = {"Authorization": f"Bearer {login(app_url, account)}"}
    pages = [
        httpx.get(f"{url}{API}/items?limit=20", headers=headers, timeout=30).json()
        for url in (app_url, floor_url)
    ]
    app, floor = ([item["id"] for item in page["items"]] + [page["total"]] for page in pages)
    if app != floor or len(app) < 2:
        raise RuntimeError(f"the floor answers another page than the app: {floor} != {app}")
