"""The HTTP fixtures of tests/api, for the fault tests."""

from tests.api.conftest import auth, catch_up, client, settings

__all__ = ["auth", "catch_up", "client", "settings"]
