"""The dashboard's pages: two HTML shells from ``warwatch/web/templates`` and the static files.

The pages hold no data: their scripts (``web/static/js``) fetch it from ``/api`` and build the DOM
with text nodes only, so article text can never become markup. No inline script or style, so the
Content-Security-Policy of ``security.py`` needs no ``'unsafe-inline'``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

WEB = Path(__file__).resolve().parents[1] / "web"
templates = Jinja2Templates(directory=WEB / "templates")
pages = APIRouter(include_in_schema=False)


@pages.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    """The map, timeline, filters and table; the URL's query string holds the filters."""
    return templates.TemplateResponse(request, "dashboard.html")


@pages.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: claims side by side and its articles with evidence and claims highlighted."""
    del event_id  # the page's script reads it from the URL and asks /api/events/{id}
    return templates.TemplateResponse(request, "event.html")


def install_pages(app: FastAPI) -> None:
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
