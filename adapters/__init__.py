"""Adapters: settings, PostgreSQL (embedded or external), identity (JWT), logging."""
