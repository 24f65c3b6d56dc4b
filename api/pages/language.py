"""Choosing the written standard: a plain link per standard on every page (no script needed)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from api import i18n
from api.pages.common import local_path, page_router, set_cookie

router = page_router()
A_YEAR = 365 * 24 * 3600


@router.get("/sprak/{language}", name="choose_language")
def choose_language(request: Request, language: str, neste: str | None = None) -> Response:
    """Remember the chosen standard in this browser and go back to the page it was chosen on;
    an unknown standard changes nothing."""
    response = RedirectResponse(local_path(neste), status_code=303)
    if (chosen := i18n.parse(language)) is not None:
        set_cookie(response, request, i18n.COOKIE, chosen, A_YEAR)
    return response
