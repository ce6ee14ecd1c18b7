"""The contract's table of auth styles against the template's (no server needed): a style for
every auth answer, and `users_only` tests kept for exactly the styles with accounts."""

from __future__ import annotations

import yaml

from ..matrix import TEMPLATE_ROOT, choices
from .styles import STYLES, WITH_USERS


def test_every_auth_answer_has_a_style() -> None:
    assert set(STYLES) == set(choices("auth"))
    assert all(name == style.name for name, style in STYLES.items())


def test_the_styles_with_users_are_the_templates() -> None:
    auths = yaml.safe_load((TEMPLATE_ROOT / "extensions" / "choices.yml").read_text())["auths"]

    assert set(WITH_USERS) == {name for name, auth in auths.items() if auth["users"]}
