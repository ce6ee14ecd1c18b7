"""Which tests share an expensive fixture, so pytest-xdist runs them on one worker.

One group per rendered combination (the contract tests and level 2 share its installed
project), one per rendered combination of level 1, one for the Docker engine and one for
the release history. pytest-xdist's own `loadgroup` marks no longer reach its scheduler on
pytest 9 (the worker renames `item._nodeid`, which pytest 9 no longer reads), so the groups
are read from the node ids by this scheduler instead.
"""

from __future__ import annotations

from typing import Any

from .matrix import all_combinations, choices, combo_id, covering_set

# the release history is built once per worker; Docker's legacy builder cannot build two
# images at once that share a layer ("unknown parent image ID"): one worker each
WHOLE_FOLDERS = ("docker", "update")
SHARING_A_PROJECT = ("tests/contract/", "tests/test_generated_project.py")
COMBINATIONS = sorted(
    {combo_id(combo) for combo in all_combinations() + covering_set()}, key=len, reverse=True
)
FRAMEWORKS = choices("framework")
# run first: the longest groups, so no worker is left with one of them at the end
FIRST = ("docker", "update", "project:")


def group_of(nodeid: str) -> str | None:
    """The group of a test by its id; None when it shares nothing worth a worker."""
    path, _, rest = nodeid.partition("::")
    parts = path.split("/")
    if len(parts) > 2 and parts[1] in WHOLE_FOLDERS:
        return parts[1]
    params = rest.partition("[")[2]
    if not params:
        return None
    if combination := next((c for c in COMBINATIONS if c in params), None):
        shared = path.startswith(SHARING_A_PROJECT)
        return f"project:{combination}" if shared else f"{path}:{combination}"
    framework = next((f for f in FRAMEWORKS if params.startswith((f"{f}-", f"{f}]"))), None)
    return f"{path}:{framework}" if framework else None


def rank(nodeid: str) -> int:
    group = group_of(nodeid) or ""
    return next((i for i, prefix in enumerate(FIRST) if group.startswith(prefix)), len(FIRST))


def make_scheduler(config: Any, log: Any) -> Any:
    """LoadScope scheduling with our groups as its scopes (ungrouped tests: one each)."""
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid) or nodeid

    return GroupScheduling(config, log)
