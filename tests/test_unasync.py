"""The sync-core transform (extensions/unasync.py) and the Jinja extension that applies it
(extensions/sync_core.py), on small inputs; tests/test_sync_twins.py covers the template."""

from __future__ import annotations

import re
import runpy

import pytest
from jinja2 import DictLoader, Environment

from .matrix import TEMPLATE_ROOT

EXT = runpy.run_path(str(TEMPLATE_ROOT / "extensions" / "sync_core.py"))  # it loads the rules
Unasync, UnasyncError, SyncCore = EXT["Unasync"], EXT["UnasyncError"], EXT["SyncCore"]
NAME = "template/src/{{package_name}}/services/demo.py.jinja"  # a name inside `paths`
# one example per rule, so that together they leave none unused; then ruff's layout and Jinja
EXAMPLES = [
    (
        "async def f():\n    async with a:\n        async for b in c:\n            await b\n",
        "def f():\n    with a:\n        for b in c:\n            b\n",
    ),
    (
        "from collections.abc import Awaitable, Callable\n"
        "from contextlib import AbstractAsyncContextManager\n\n"
        "s: Callable[[], AbstractAsyncContextManager[None]]\ne: Callable[[], Awaitable[int]]\n",
        "from collections.abc import Callable\nfrom contextlib import AbstractContextManager\n\n"
        "s: Callable[[], AbstractContextManager[None]]\ne: Callable[[], int]\n",
    ),
    (  # a name moves to its sync home, merged into that module's import line if there is one
        "from sqlalchemy import event\nfrom sqlalchemy.exc import DBAPIError\n"
        "from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker\n"
        "from sqlalchemy.orm import ORMExecuteState, Session\n",
        "from sqlalchemy import Engine, event\nfrom sqlalchemy.exc import DBAPIError\n"
        "from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker\n",
    ),
    ("from sqlalchemy.ext.asyncio import AsyncSession\n", "from sqlalchemy.orm import Session\n"),
    (  # an engine's events: an AsyncEngine takes them through its sync engine
        "from sqlalchemy.ext.asyncio import create_async_engine\n\n"
        "e = create_async_engine(url)\nevent.listen(e.sync_engine, 'connect', f)\n",
        "from sqlalchemy import create_engine\n\n"
        "e = create_engine(url)\nevent.listen(e, 'connect', f)\n",
    ),
    (  # run_sync hands an async connection's sync twin to sync code; a sync one is passed on
        "async def go(engine: AsyncEngine) -> None:\n"
        "    async with engine.connect() as connection:\n        await connection.run_sync(f)\n",
        "def go(engine: Engine) -> None:\n    with engine.connect() as connection:\n"
        "        f(connection)\n",
    ),
    (
        "async def get(client: httpx.AsyncClient) -> None: ...\n",
        "def get(client: httpx.Client) -> None: ...\n",
    ),
    (
        "from collections.abc import AsyncIterator\nfrom contextlib import asynccontextmanager\n\n"
        "@asynccontextmanager\nasync def scope() -> AsyncIterator[None]:\n    yield\n",
        "from collections.abc import Iterator\nfrom contextlib import contextmanager\n\n"
        "@contextmanager\ndef scope() -> Iterator[None]:\n    yield\n",
    ),
    (
        '"""The async driver."""\nASYNC_DRIVERS = ["aiosqlite", "asyncpg", "asyncmy"]\n',
        '"""The sync driver."""\nSYNC_DRIVERS = ["pysqlite", "psycopg", "pymysql"]\n',
    ),
    (
        "    async def __aenter__(self) -> Self: ...\n    async def __aexit__(self) -> None: ...\n",
        "    def __enter__(self) -> Self: ...\n    def __exit__(self) -> None: ...\n",
    ),
    (  # redis-py: the same names in another module; its async close has its own name
        "from redis.asyncio import Redis\nawait client.aclose()\n",
        "from redis import Redis\nclient.close()\n",
    ),
    ("x = f(\n    await g(a), b\n)\n", "x = f(g(a), b)\n"),  # ruff format would now join it
    ("x = f(\n    await a, b,\n)\n", "x = f(\n    a, b,\n)\n"),  # a magic trailing comma
    (f"x = f(\n    await {'a' * 95}\n)\n", f"x = f(\n    {'a' * 95}\n)\n"),  # too long joined
    (  # Jinja tags are left intact, and what they hold is not output: the check skips it
        "from {{ package_name }}.db import ASYNC_DRIVERS\n{% if auth == 'jwt' %}\n"
        "async def f() -> None:  {# await nothing #}\n    await g({{ 'await x' }})\n"
        "{%- endif %}\n{% raw %}await {{ not_a_tag }}{% endraw %}\n",
        "from {{ package_name }}.db import SYNC_DRIVERS\n{% if auth == 'jwt' %}\n"
        "def f() -> None:  {# await nothing #}\n    g({{ 'await x' }})\n"
        "{%- endif %}\n{% raw %}{{ not_a_tag }}{% endraw %}\n",
    ),
]


@pytest.mark.parametrize(("source", "sync"), EXAMPLES)
def test_each_rule_on_a_small_input(source: str, sync: str) -> None:
    assert Unasync().transform(source) == sync
    Unasync().check({"example.py": sync})


def test_rules_that_never_match_are_reported_and_the_examples_leave_none() -> None:
    unasync = Unasync()
    unasync.transform("async def f() -> None: ...\n")
    assert "\\bawait " in unasync.unused()
    assert "\\basync (def|with|for)\\b" not in unasync.unused()
    for source, _ in EXAMPLES:
        unasync.transform(source)
    assert unasync.unused() == []
    assert set(unasync.rules["homes"]) <= {sync for sync in unasync.names.values() if sync}


def test_the_check_fails_closed_naming_file_and_line() -> None:
    """Rules keep to word boundaries; whatever async they leave, anywhere, is reported."""
    text = "{% if x\n   and y %}\nimport asyncio\n{% endif %}\nx = MyAsyncSession(asyncpg_pool)\n"
    assert Unasync().transform(text) == text
    with pytest.raises(UnasyncError, match=r"f\.py:3: import asyncio\nf\.py:5: x = MyAsync"):
        Unasync().check({"f.py": text, "clean.py": "x = 1\n"})
    with pytest.raises(UnasyncError, match=r"r\.py:1"):  # a rendered file hides nothing in braces
        Unasync().check({"r.py": 'f"{{await}}"\n'}, jinja=False)


@pytest.mark.parametrize("is_async", [True, False, None])
def test_sync_core_puts_both_flavours_behind_is_async(is_async: bool | None) -> None:
    source = "\n{% if true %}\nimport x\n{% endif %}\nasync def f() -> None:\n    await x.y()\n  "
    options = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    env = Environment(loader=DictLoader({NAME: source}), extensions=[SyncCore], **options)
    context = {} if is_async is None else {"is_async": is_async}
    flavour = Unasync().transform(source) if is_async is False else source
    rendered = env.get_template(NAME).render(context)
    assert rendered == Environment(**options).from_string(flavour).render()  # no flag: async


@pytest.mark.parametrize("keep_trailing_newline", [True, False])
def test_sync_core_fails_sync_renders_only_when_async_survives(keep_trailing_newline: bool) -> None:
    templates = {NAME: "import asyncio\n\nawait asyncio.sleep(0)\n", "api.py.jinja": "await x\n"}
    options = {"keep_trailing_newline": keep_trailing_newline}
    env = Environment(loader=DictLoader(templates), extensions=[SyncCore], **options)
    plain = Environment(loader=DictLoader(templates), **options)
    assert env.get_template(NAME).render(is_async=True) == plain.get_template(NAME).render()
    assert env.get_template("api.py.jinja").render(is_async=False).startswith("await x")
    with pytest.raises(UnasyncError, match=re.escape(f"{NAME}:1: import asyncio")):
        env.get_template(NAME).render(is_async=False)
