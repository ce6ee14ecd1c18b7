"""Registration: the user returned, duplicates, the password policy, and input validation."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from .api import Api, assert_no_secrets, assert_problem, pointers, unique_email

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("jwt", "session")]


def test_register_returns_the_new_user_without_secrets(api: Api) -> None:
    email = unique_email("register")

    response = api.register(email, full_name="Ada Lovelace")

    assert response.status_code == 201, response.text
    user = response.json()
    assert isinstance(user["id"], int)
    assert user["email"] == email
    assert user["role"] == "user"
    assert user["is_active"] is True
    assert user["full_name"] == "Ada Lovelace"
    assert_no_secrets(user)


def test_full_name_is_optional(api: Api) -> None:
    response = api.register(unique_email("nameless"))

    assert response.status_code == 201, response.text


def test_registering_an_existing_email_conflicts(api: Api) -> None:
    email = unique_email("duplicate")
    assert api.register(email).status_code == 201

    assert_problem(api.register(email, password="another-password-1"), 409)


def test_registration_cannot_choose_a_role(api: Api) -> None:
    response = api.register(unique_email("escalate"), role="admin")

    assert "#/role" in pointers(response)


@pytest.mark.parametrize("length", [8, 64, 128])
def test_passwords_of_8_to_128_characters_are_accepted(api: Api, length: int) -> None:
    response = api.register(unique_email(f"len{length}"), password="p" * length)

    assert response.status_code == 201, response.text


@pytest.mark.parametrize("length", [0, 7, 129, 1000])
def test_passwords_shorter_than_8_or_longer_than_128_are_refused(api: Api, length: int) -> None:
    response = api.register(unique_email(f"len{length}"), password="p" * length)

    assert "#/password" in pointers(response)


def test_a_128_character_password_is_checked_whole(
    api: Api, client_from_new_address: Callable[[], httpx.Client]
) -> None:
    email, password = unique_email("long"), "x" * 127 + "y"
    assert api.register(email, password=password).status_code == 201
    elsewhere = Api(client_from_new_address())

    assert elsewhere.login(email, password).status_code == 200
    assert elsewhere.login(email, "x" * 127 + "z").status_code == 401


@pytest.mark.parametrize("email", ["not-an-email", "", "a@", "@example.com"])
def test_malformed_emails_are_refused(api: Api, email: str) -> None:
    assert "#/email" in pointers(api.register(email))


def test_validation_errors_never_echo_the_input(api: Api) -> None:
    email, password = f"{unique_email('echo')}@", "Sh0rt!x"

    response = api.register(email, password=password)

    assert {"#/email", "#/password"} <= set(pointers(response))
    assert password not in response.text
    assert email not in response.text


def test_missing_fields_are_each_pointed_at(api: Api) -> None:
    response = api.client.post("/api/v1/auth/register", json={})

    assert {"#/email", "#/password"} <= set(pointers(response))
