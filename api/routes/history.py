"""Placeholder: filled in by the history read model."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
