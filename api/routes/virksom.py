"""Placeholder: filled in by the virksom read model."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
