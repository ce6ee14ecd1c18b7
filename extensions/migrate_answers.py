"""Carry answers over renamed or removed questions, for `copier update` (`_migrations`).

Copier runs this in the generated project before it renders the new template version,
then reads the answers again. The file is edited line by line, not parsed and dumped,
so Copier's header comment and the order of the answers stay exactly as they were.
Only the Python standard library is used: it runs under whichever interpreter Copier
was installed with (`uvx`, pipx, a virtualenv).

    python migrate_answers.py .copier-answers.yml rename OLD NEW
    python migrate_answers.py .copier-answers.yml remove OLD
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(key)}:(?=\s|$)")


def rename(lines: list[str], old: str, new: str) -> list[str]:
    """Give the old answer the new name; an answer already under the new name wins."""
    old_key, new_key = _key_line(old), _key_line(new)
    if any(new_key.match(line) for line in lines):
        return remove(lines, old)
    return [old_key.sub(f"{new}:", line, count=1) for line in lines]


def remove(lines: list[str], old: str) -> list[str]:
    """Drop a top-level answer, with any indented continuation lines below it."""
    kept: list[str] = []
    dropping = False
    for line in lines:
        if _key_line(old).match(line):
            dropping = True
            continue
        if dropping and line[:1] in (" ", "\t", "-"):
            continue
        dropping = False
        kept.append(line)
    return kept


def main(argv: list[str]) -> int:
    usage = "usage: migrate_answers.py ANSWERS_FILE (rename OLD NEW | remove OLD)"
    if len(argv) < 3 or (argv[1], len(argv)) not in {("rename", 4), ("remove", 3)}:
        print(usage, file=sys.stderr)
        return 2
    path, action, *keys = Path(argv[0]), argv[1], *argv[2:]
    if not path.is_file():
        print(f"migrate_answers: {path} not found; nothing to migrate", file=sys.stderr)
        return 0
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = rename(lines, *keys) if action == "rename" else remove(lines, *keys)
    if changed != lines:
        path.write_text("".join(changed), encoding="utf-8")
        print(f"migrate_answers: {action} {' -> '.join(keys)} in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
