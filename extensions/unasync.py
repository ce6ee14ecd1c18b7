"""Derive the sync core (Flask) from the async source (FastAPI) as Copier renders: a twin kept
by hand would drift. Rules are data (unasync.yml), applied as regular expressions (tokenizers
differ between Pythons) outside Jinja tags; what stays async fails closed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

RULES = Path(__file__).with_name("unasync.yml")
JINJA = re.compile(  # a raw block, or an expression, a statement, a comment
    r"(?s)(?P<open>\{%[-+]?\s*raw\s*[-+]?%\})(?P<body>.*?)(?P<close>\{%[-+]?\s*endraw\s*[-+]?%\})"
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
)
TAG = re.compile(r"\{%.*?%\}")
LEFTOVERS = "async code survived the sync transform:\n"
HOLE = re.compile("\ue000(\\d+)(\n*)\ue001")  # where a tag was: its index, then its newlines
IMPORT = re.compile(r"from (\S+) import ([\w, ]+)")  # top level, one line, no alias


class UnasyncError(ValueError):
    """The sync twin would be wrong: something async survived the rules."""


class Unasync:
    """The rules of unasync.yml, and how often each one matched: `unused` names the dead."""

    def __init__(self, rules: Mapping[str, Any] | None = None) -> None:
        self.rules = rules or yaml.safe_load(RULES.read_text(encoding="utf-8"))
        self.patterns = [(re.compile(p), r) for p, r in self.rules["patterns"]]
        self.names: dict[str, str | None] = self.rules["names"]  # None: dropped from imports
        renamed = "|".join(re.escape(name) for name, sync in self.names.items() if sync)
        self.renames = re.compile(rf"\b({renamed})\b")
        self.forbidden = re.compile("|".join(self.rules["forbidden"]), re.IGNORECASE)
        self.used: Counter[str] = Counter()
        self.hug = re.compile(self.rules["rejoin"]["pattern"], re.MULTILINE)

    @staticmethod
    def protect(text: str) -> tuple[str, list[str]]:
        """Replace each Jinja tag by a hole that keeps its newlines, so rules see only Python."""
        tags: list[str] = []

        def hole(tag: str) -> str:
            tags.append(tag)
            return f"\ue000{len(tags) - 1}" + "\n" * tag.count("\n") + "\ue001"

        def keep(t: re.Match[str]) -> str:  # a raw block's body is Python text, not a tag
            return hole(t["open"]) + t["body"] + hole(t["close"]) if t["open"] else hole(t[0])

        return JINJA.sub(keep, text), tags

    @staticmethod
    def isort(names: list[str]) -> str:
        """The names of one import as ruff's isort orders them: CONSTANTS, Classes, functions."""
        kind = {n: (not n.isupper() or len(n) < 2, not n[0].isupper()) for n in names}
        return ", ".join(sorted(kind, key=lambda n: (*kind[n], n.lower())))

    def applies_to(self, name: str | None) -> bool:
        """Whether the template `name` gets a sync twin (None: a copier.yml string or a path)."""
        path = (name or "").removesuffix(".jinja")
        if "is_async" in path:  # one flavour of a module written in both: never transformed
            return False
        rendered = TAG.sub("", path)  # `{% if database != 'sqlite' %}x.py{% endif %}` -> x.py
        paths = self.rules["paths"]
        return rendered.endswith(".py") and any(fnmatchcase(rendered, p) for p in paths)

    def transform(self, source: str) -> str:
        """The sync twin of `source`; Jinja tags and `{% raw %}` markers come out unchanged."""
        text, tags = self.protect(source)
        text = self._imports(text)
        for pattern, replacement in self.patterns:
            text, count = pattern.subn(replacement, text)
            self.used[pattern.pattern] += count
        self.used.update(self.renames.findall(text))
        text = self.renames.sub(lambda name: str(self.names[name[0]]), text)
        return HOLE.sub(lambda hole: tags[int(hole[1])], self.hug.sub(self._join, text))

    def _join(self, hug: re.Match[str]) -> str:
        """A bracket ruff format now puts on one line, as `await ` and the names got shorter."""
        fits = len(flat := "".join(hug.groups())) <= self.rules["rejoin"]["line_length"]
        self.used["rejoin"] += fits
        return flat if fits else hug[0]

    def _imports(self, text: str) -> str:
        """Rename imported names and move each to its sync home; the type-only ones go."""
        lines = text.splitlines(keepends=True)
        at: dict[str, int] = {}  # module -> its first import line, or where its names come from
        wanted: dict[str, list[str]] = {}
        for i, line in enumerate(lines):
            if (match := IMPORT.fullmatch(line.rstrip())) and match[1] not in at:
                at[match[1]], wanted[match[1]] = i, match[2].split(", ")
        changed: set[int] = set()
        for module, i in list(at.items()):
            moving = [name for name in wanted[module] if name in self.names]
            self.used.update(moving)
            wanted[module] = [name for name in wanted[module] if name not in moving]
            changed.update([i] if moving else [])
            for sync in filter(None, [self.names[name] for name in moving]):
                home: str = self.rules["homes"].get(sync, module)
                wanted.setdefault(home, []).append(sync)
                changed.add(at.setdefault(home, i))
        for i in changed:
            modules = sorted(m for m, line in at.items() if line == i and wanted[m])
            lines[i] = "".join(f"from {m} import {self.isort(wanted[m])}\n" for m in modules)
        return "".join(lines)

    def unused(self) -> list[str]:
        """Rules that never matched over everything transformed so far: dead, or moved."""
        rules = [p.pattern for p, _ in self.patterns] + [*self.names, "rejoin"]
        return [rule for rule in rules if not self.used[rule]]

    def leftovers(self, text: str, path: str, jinja: bool = True) -> list[str]:
        """`path:line: text` where a forbidden token survived; Jinja tags aside unless rendered."""
        plain = HOLE.sub(r"\2", self.protect(text)[0]) if jinja else text
        lines = enumerate(plain.splitlines(), start=1)
        return [f"{path}:{n}: {line.strip()}" for n, line in lines if self.forbidden.search(line)]

    def check(self, texts: Mapping[str, str], jinja: bool = True) -> None:
        """Fail closed: raise with every leftover of the sync `texts` (path -> template or file)."""
        if found := [hit for path, t in texts.items() for hit in self.leftovers(t, path, jinja)]:
            raise UnasyncError(LEFTOVERS + "\n".join(found))
