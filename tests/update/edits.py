"""What a team typically does to its project between two template releases.

Each edit is applied to a generated default project (package `my_backend`) and later
checked to have survived `copier update`.
"""

from __future__ import annotations

from pathlib import Path

ABOUT_SERVICE = '''\
"""What this deployment is, for support tickets: the distribution and its version."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version


@dataclass(frozen=True, slots=True)
class BuildInfo:
    name: str
    version: str


def build_info(distribution: str = "my-backend") -> BuildInfo:
    return BuildInfo(name=distribution, version=version(distribution))
'''

ABOUT_ROUTE = '''\
"""`GET /api/v1/about`: name and version of the running build."""

from __future__ import annotations

from fastapi import APIRouter

from ...services.about import build_info

router = APIRouter(prefix="/about", tags=["about"])


@router.get("")
async def about() -> dict[str, str]:
    info = build_info()
    return {"name": info.name, "version": info.version}
'''

ABOUT_TEST = '''\
"""The team's own endpoint, tested like the template's."""

from __future__ import annotations

import httpx


async def test_about_names_the_build(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/about")
    assert response.status_code == 200
    assert response.json()["name"] == "my-backend"
'''

OWN_MIGRATION = '''\
"""The team's own migration: an index for searching items by title."""

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_index("ix_items_title", "items", ["title"])


def downgrade() -> None:
    op.drop_index("ix_items_title", table_name="items")
'''

NEW_FILES = {
    "src/my_backend/services/about.py": ABOUT_SERVICE,
    "src/my_backend/api/routes/about.py": ABOUT_ROUTE,
    "tests/integration/test_about.py": ABOUT_TEST,
    "config/alembic/versions/20270101_0002_items_title_index.py": OWN_MIGRATION,
}
SETTING = ("access_token_minutes: 15", "access_token_minutes: 30")
MODEL_INDEX = (
    '        Index("ix_items_created_at", "created_at"),\n',
    '        Index("ix_items_created_at", "created_at"),\n'
    '        Index("ix_items_title", "title"),\n',
)
DEPENDENCY = ("dependencies = [\n", 'dependencies = [\n    "humanize>=4.9",\n')
ROUTER = (
    "from . import auth, health, items, users\n",
    "from . import about, auth, health, items, users\n",
)
ROUTER_INCLUDE = (
    "api_router.include_router(items.router)\n",
    "api_router.include_router(items.router)\napi_router.include_router(about.router)\n",
)
README_SECTION = (
    "Settings come from `config/settings.yaml`, then `.env`, then the environment (highest wins).",
    "Settings come from `config/settings.yaml`, then `.env`, then the environment (highest wins).\n"
    "Our deployments set `ENVIRONMENT=production` and keep secrets in the vault.",
)
# Rewrites the very README line the new release changes: Copier cannot merge it.
README_CLASH = (
    "- `GET /health/live` and `GET /health/ready`.",
    "- `GET /health/live` and `GET /health/ready`, polled by our load balancer.",
)
ENV_LINE = "LOGGING__LEVEL=WARNING\n"
EDITED = {
    "config/settings.yaml": [SETTING],
    "pyproject.toml": [DEPENDENCY],
    "src/my_backend/api/routes/__init__.py": [ROUTER, ROUTER_INCLUDE],
    "src/my_backend/models/item.py": [MODEL_INDEX],
    "README.md": [README_SECTION],
}


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path.name}: {old!r} should appear once"
    path.write_text(text.replace(old, new))


def apply_typical_edits(root: Path) -> None:
    """A new route and service with its test, a setting, a dependency, a README section,
    an own migration and a local `.env` line."""
    for name, text in NEW_FILES.items():
        (root / name).write_text(text)
    for name, pairs in EDITED.items():
        for old, new in pairs:
            replace_once(root / name, old, new)
    with (root / ".env").open("a") as env:
        env.write(ENV_LINE)


def assert_typical_edits_survived(root: Path) -> None:
    for name, text in NEW_FILES.items():
        assert (root / name).read_text() == text, f"{name} was changed by the update"
    for name, pairs in EDITED.items():
        content = (root / name).read_text()
        for _, new in pairs:
            assert new in content, f"{name} lost the team's edit {new!r}"
    assert (root / ".env").read_text().endswith(ENV_LINE)
