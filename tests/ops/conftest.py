"""The API fixtures (an app on PostgreSQL, development tokens) and helpers for real processes."""

from __future__ import annotations

from tests.api.conftest import auth, client, settings

__all__ = ["auth", "client", "settings"]
