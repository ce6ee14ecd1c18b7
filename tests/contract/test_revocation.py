"""What ends a user's refresh tokens on every device: a new password, a role or status change.

Access tokens are short-lived and each request reads the user, so a deactivation applies at
once; refresh tokens would otherwise outlive the change (and a reactivation revive them).
"""

from __future__ import annotations

import pytest

from .api import Account, Api, assert_problem

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("jwt")]
ME = "/api/v1/users/me"


def test_a_reactivated_user_must_sign_in_again(api: Api, admin: Account, user: Account) -> None:
    url = f"/api/v1/users/{user.id}"
    for active in (False, True):
        changed = api.client.patch(url, json={"is_active": active}, headers=admin.headers)
        assert changed.status_code == 200, changed.text

    assert_problem(api.refresh(user.refresh_token), 401)
    assert api.client.get(ME, headers=user.headers).status_code == 200  # read afresh each time
    assert api.refresh(api.login(user.email, user.password).json()["refresh_token"]).is_success


def test_a_role_change_ends_the_users_refresh_tokens(
    api: Api, admin: Account, user: Account
) -> None:
    url = f"/api/v1/users/{user.id}"
    promoted = api.client.patch(url, json={"role": "admin"}, headers=admin.headers)
    assert promoted.status_code == 200, promoted.text

    assert_problem(api.refresh(user.refresh_token), 401)
    assert api.client.get("/api/v1/users", headers=user.headers).status_code == 200


def test_a_new_password_ends_every_session_of_the_user(api: Api, user: Account) -> None:
    other_device = api.sign_in(user.email, user.password)
    changed = api.change_password(user, "a-brand-new-password")
    assert changed.status_code == 200, changed.text

    for refresh_token in (user.refresh_token, other_device.refresh_token):
        assert_problem(api.refresh(refresh_token), 401)
