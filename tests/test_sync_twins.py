"""The shared layers of the template, made sync by the rules: every file a Flask render derives,
and the two-flavour modules written by hand beside them."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from .matrix import TEMPLATE_ROOT, choices

Unasync = runpy.run_path(str(TEMPLATE_ROOT / "extensions" / "unasync.py"))["Unasync"]
SHARED = TEMPLATE_ROOT / "template" / "src" / "{{package_name}}"
# all but the adapter: the layers, the container's wiring, the CLI, the readiness check; then
# the migrations' environment and the generated tests
LAYERS = {"core", "db", "models", "repositories", "schemas", "services", "bootstrap.py", "cli.py"}
LAYERS |= {"cli_credentials.py"}  # per auth style
LAYERS |= {"api", "alembic", "tests"}
FLAGS = ("is_async", "not is_async")
# the modules whose async code has no sync counterpart a rule could reach: both flavours
TWO_FLAVOURS = ["core/concurrency.py", "db/connect.py"]
CHOICES = yaml.safe_load((TEMPLATE_ROOT / "extensions" / "choices.yml").read_text())
AUTHS = CHOICES["auths"]


def _twins(auth: str) -> tuple[Any, dict[str, str]]:
    """The sync twin of every shared-layer file a Flask render with `auth` derives, by path.

    A body's `{% if auth ... %}` blocks are settled first, as copier settles them before the
    rules run, with Redis chosen (its files and blocks are shared-layer code too);
    `{{ package_name }}` is left for the caller to fill.
    """
    unasync, twins = Unasync(), {}
    for path in sorted((TEMPLATE_ROOT / "template").rglob("*")):
        if path.is_file() and unasync.applies_to(path.relative_to(TEMPLATE_ROOT).as_posix()):
            name = path.relative_to(TEMPLATE_ROOT / "template").as_posix().removesuffix(".jinja")
            if not _of_style(name, auth):
                continue  # another style's file (two styles may have one of the same name)
            body = _settle(path.read_text(), auth) if path.suffix == ".jinja" else path.read_text()
            twins[re.sub(r"\{%.*?%\}", "", name)] = unasync.transform(body)
    return unasync, twins


def _of_style(name: str, auth: str) -> bool:
    """Whether every auth condition in a file's name holds for `auth` (others are left)."""
    conditions = re.findall(r"\{% if (.*?) %\}", name)
    styled = [c for c in conditions if any(word in c for word in ("auth", "passwords", "users"))]
    return all(_settle(f"{{% if {c} %}}1{{% endif %}}", auth) == "1" for c in styled)


def _settle(body: str, auth: str) -> str:
    style = AUTHS[auth]
    template = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    ).from_string(body)
    return template.render(
        auth=auth,
        auth_style=style,
        auth_routes=style["routes"],
        passwords=style["passwords"],
        users=style["users"],
        redis=True,
        store=CHOICES["redis"],
        project_slug="demo",
        package_name="{{ package_name }}",
    )


@pytest.fixture(params=choices("auth"))
def auth(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_every_shared_layer_file_but_the_two_flavour_ones_becomes_sync_by_rules(auth: str) -> None:
    unasync, twins = _twins(auth)
    assert {_layer(name) for name in twins} == LAYERS
    for name, twin in twins.items():
        compile(re.sub(r"\{\{ ?package_name ?\}\}", "pkg", twin), name, "exec")
    unasync.check(twins)
    assert unasync.unused() == []


@pytest.mark.parametrize("name", TWO_FLAVOURS)
def test_two_flavour_modules_come_in_pairs_and_the_sync_one_is_clean(name: str) -> None:
    """One module per flavour under conditional names; a rule could not make the sync one."""
    folder, module = name.split("/")
    source, sync = (SHARED / folder / f"{{% if {flag} %}}{module}{{% endif %}}" for flag in FLAGS)
    assert Unasync().leftovers(Unasync().transform(source.read_text()), name)
    Unasync().check({name: sync.read_text()})
    assert _names(source.read_text()) == _names(sync.read_text())  # one interface


def _names(module: str) -> list[str]:
    """The public names a module defines: what the shared layers import from it."""
    return re.findall(r"^(?:class|def|async def) ([a-zA-Z]\w*)", module, re.MULTILINE)


def _layer(name: str) -> str:
    """`src/{{package_name}}/core/x.py` -> core; `tests/unit/x.py` -> tests."""
    parts = name.split("/")
    return parts[2] if parts[0] == "src" else parts[1] if parts[0] == "config" else parts[0]


def test_sync_twins_pass_ruff_as_the_generated_project_runs_it(tmp_path: Path, auth: str) -> None:
    """Level 1 runs `ruff format --check`: brackets that `await ` no longer fills come joined."""
    config = (TEMPLATE_ROOT / "template" / "pyproject.toml.jinja").read_text()
    section = re.search(r"(?ms)^\[tool\.ruff\].*?(?=^\[(?!tool\.ruff))", config)
    assert section
    isort = '\n[tool.ruff.lint.isort]\nknown-first-party = ["pkg"]\n'  # its adapter is absent
    (tmp_path / "pyproject.toml").write_text(section[0].replace("{{ py_tag }}", "py311") + isort)
    for name, twin in _twins(auth)[1].items():
        target = tmp_path / name.replace("{{package_name}}", "pkg")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(re.sub(r"\{\{ ?package_name ?\}\}", "pkg", twin))
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("")  # first-party to isort
    for name in TWO_FLAVOURS:  # the sync flavour, written by hand, beside the derived twins
        folder, module = name.split("/")
        sync = SHARED / folder / f"{{% if not is_async %}}{module}{{% endif %}}"
        (tmp_path / "src" / "pkg" / name).write_text(sync.read_text())
    for command in (["check"], ["format", "--check", "--diff"]):
        ruff = [sys.executable, "-m", "ruff", *command, "."]
        result = subprocess.run(ruff, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
