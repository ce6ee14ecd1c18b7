"""The Jinja side of the sync core: each shared-layer template compiles to both flavours behind
`is_async`, the sync one derived by the rules of unasync.py (loaded beside this file: Copier
imports extensions by path, so a plain sibling import would not resolve)."""

from __future__ import annotations

import re
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType

from jinja2 import Environment
from jinja2.ext import Extension

IF_ASYNC = "{%+ if is_async is not sameas false +%}"  # with no flag, the source (async) wins


def _rules() -> ModuleType:
    """unasync.py under a name of its own, so the rules' module never shadows another."""
    rules = Path(__file__).with_name("unasync.py")
    spec = spec_from_file_location("backend_template_unasync", rules)
    if spec is None or spec.loader is None:
        raise ImportError("extensions/unasync.py is missing beside sync_core.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RULES = _rules()
Unasync, UnasyncError, LEFTOVERS = RULES.Unasync, RULES.UnasyncError, RULES.LEFTOVERS


class SyncCore(Extension):
    """Both flavours of a shared-layer file behind `is_async` (Jinja compiles before the answers
    are known); `{%+ +%}` keep trim_blocks and lstrip_blocks off: async renders as before."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.unasync = Unasync()
        environment.filters["unasync_fail"] = self.fail

    @staticmethod
    def fail(message: str) -> str:
        """Where a sync render meets a twin with leftovers: it stops, naming each one."""
        raise UnasyncError(message)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not self.unasync.applies_to(name) or (sync := self.unasync.transform(source)) == source:
            return source
        if found := self.unasync.leftovers(sync, str(name)):  # Python's string escapes are Jinja's
            sync = f"{{{{ {LEFTOVERS + chr(10).join(found)!r} | unasync_fail }}}}"
        if not self.environment.keep_trailing_newline:  # Jinja drops a file's last newline
            source, sync = (re.sub(r"(\r\n|\r|\n)\Z", "", text) for text in (source, sync))
        return f"{IF_ASYNC}{source}{{%+ else +%}}{sync}{{%+ endif +%}}"
