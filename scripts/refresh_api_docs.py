"""Regenerate each auth style's docs/API.md template from a freshly generated project.

The endpoint reference is produced by the generated app itself (`openapi --format markdown`);
only the project's title is put back as a Jinja placeholder. Every framework renders the same
reference (same operations, statuses and pydantic schemas), so one file per auth style serves
them all; each generated project's own test proves it for its framework. Run it after changing
any route or schema: `uv run python scripts/refresh_api_docs.py`. The generated project's own
test fails when the two disagree, so a forgotten refresh cannot ship.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.matrix import choices  # noqa: E402
from tests.render import render  # noqa: E402

TITLE = "My Backend"


def main() -> int:
    for auth in choices("auth"):
        refresh(auth)
    return 0


def refresh(auth: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "copier-settings.yml"
        settings.write_text("{}\n")
        os.environ["COPIER_SETTINGS_PATH"] = str(settings)
        project = render(Path(tmp) / "proj", project_name=TITLE, auth=auth)
        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        env["UV_PYTHON_DOWNLOADS"] = "never"
        subprocess.run(["uv", "sync", "--quiet"], cwd=project, env=env, check=True)
        command = ["uv", "run", "my-backend", "openapi", "--format", "markdown"]
        result = subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    heading = f"# {TITLE} — HTTP API"
    text = result.stdout.decode().replace(heading, "# {{ project_name }} — HTTP API")
    target = ROOT / "template" / "docs" / f"{{% if auth == '{auth}' %}}API.md{{% endif %}}.jinja"
    target.write_text(text)
    print(f"wrote {target.relative_to(ROOT)} ({len(text.splitlines())} lines)")


if __name__ == "__main__":
    raise SystemExit(main())
