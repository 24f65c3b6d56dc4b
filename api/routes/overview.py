"""Placeholder: current plans and worklists."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
