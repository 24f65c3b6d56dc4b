"""The one rule for a stated purpose: roles that read by their office, not by a relationship to
the plan (supervisors, complaint handlers), name why (a case reference). Every check of a
purpose, on a plan, on a complaint or on a list, calls `require_purpose`."""

from __future__ import annotations

from application.errors import AccessDeniedError


def require_purpose(role: str, purpose: str | None) -> str:
    """The purpose, stripped; refused (403 `purpose-required`, naming `purpose`) if none."""
    if not purpose or not purpose.strip():
        raise AccessDeniedError(
            f"{role} access needs a stated purpose (a case reference)",
            field="purpose",
            rule="purpose-required",
        )
    return purpose.strip()
