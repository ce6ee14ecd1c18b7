"""Cut a template release: check everything a team relies on, then tag `vX.Y.Z`.

    uv run python scripts/release.py 0.2.0 [--dry-run]

Teams update with `copier update`, which moves them to the newest PEP 440 tag, so a
tag is a promise: it is created once, on a clean main, and never moved. Before
tagging, the CHANGELOG must say what changes in generated projects and what a team
must do, and no `_migrations` step may be written for a version after this one
(it would run at the wrong update).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
HEADING_RE = re.compile(r"^## (\S+)(.*)$", re.MULTILINE)
REQUIRED_PARTS = ("### What a team must do", "### In generated projects")


class ReleaseError(Exception):
    """A check failed; the message says what to fix."""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    if done.returncode:
        raise ReleaseError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def parse_version(text: str) -> Version:
    try:
        version = Version(text)
    except InvalidVersion:
        raise ReleaseError(f"{text!r} is not a PEP 440 version (e.g. 0.2.0)") from None
    if str(version) != text or version.local:
        raise ReleaseError(f"give the version in normal form without 'v': {version.public}")
    return version


def check_repository(repo: Path, version: Version) -> None:
    if git(repo, "status", "--porcelain"):
        raise ReleaseError("the working tree has uncommitted changes; commit or stash them")
    branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    if branch != "main":
        raise ReleaseError(f"releases are cut from main, not {branch}")
    tags = [line[1:] for line in git(repo, "tag", "--list", "v*").split()]
    if str(version) in tags:
        raise ReleaseError(f"v{version} exists; tags are never moved: release a new version")
    released = [Version(tag) for tag in tags if _is_version(tag)]
    if released and version <= max(released):
        raise ReleaseError(f"v{version} is not after the newest release v{max(released)}")


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def check_changelog(text: str, version: Version, *, releasing: bool = True) -> str:
    """The section of `version`: the newest release, complete; Unreleased emptied into it."""
    headings = list(HEADING_RE.finditer(text))
    names = [match.group(1) for match in headings]
    if str(version) not in names:
        raise ReleaseError(f"CHANGELOG.md has no '## {version} — YYYY-MM-DD' section")
    releases = [name for name in names if name != "Unreleased"]
    if releases[0] != str(version):
        raise ReleaseError(f"## {version} must be the newest release in CHANGELOG.md")
    index = names.index(str(version))
    if not re.search(r"\d{4}-\d{2}-\d{2}", headings[index].group(2)):
        raise ReleaseError(f"## {version} needs its date: '## {version} — YYYY-MM-DD'")
    end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
    section = text[headings[index].end() : end]
    for part in REQUIRED_PARTS:
        if part not in section:
            raise ReleaseError(f"## {version} lacks '{part}': say it for the teams that update")
    if releasing and "Unreleased" in names:
        unreleased = names.index("Unreleased")
        body = text[headings[unreleased].end() : headings[unreleased + 1].start()].strip()
        if body not in ("", "Nothing yet."):
            raise ReleaseError("move the Unreleased entries into the release section")
    return section.strip()


def check_migrations(config: dict[str, object], version: Version) -> None:
    for step in config.get("_migrations") or []:
        declared = parse_version(str(step["version"]).removeprefix("v"))
        if declared > version:
            raise ReleaseError(f"a _migrations step is for v{declared}, after v{version}")


def release(repo: Path, text: str, *, dry_run: bool) -> str:
    version = parse_version(text)
    check_repository(repo, version)
    notes = check_changelog((repo / "CHANGELOG.md").read_text(), version)
    check_migrations(yaml.safe_load((repo / "copier.yml").read_text()), version)
    if not dry_run:
        git(repo, "tag", "--annotate", f"v{version}", "--message", f"v{version}\n\n{notes}")
    return f"v{version}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, e.g. 0.2.0")
    parser.add_argument("--dry-run", action="store_true", help="check only, create no tag")
    parser.add_argument("--repo", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        tag = release(args.repo, args.version, dry_run=args.dry_run)
    except ReleaseError as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{tag}: every check passed (dry run, no tag created)")
    else:
        print(f"tagged {tag}; publish it with: git push origin {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
