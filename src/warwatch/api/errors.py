"""The API's one error shape: ``{"ok": false, "error": "...", "status": 4xx}``, never a traceback.

The library raises ``WarwatchError``s; here they, FastAPI's validation errors and Starlette's HTTP
errors become that envelope. ``InputError`` is the client's fault (400), ``StoreError`` the
database's (503); anything else is logged with its traceback and answered with a bare 500.
``errors(...)`` gives the OpenAPI declaration of each status, so every route declares what it can answer.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import InputError, StoreError, WarwatchError

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """What every error response holds."""

    ok: Literal[False] = False
    error: str
    status: int


class ApiError(HTTPException):
    """An error a route raises on purpose: its message is shown to the client as it is."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)


_MEANINGS = {
    400: "The request is malformed: a bad cursor, an ambiguous id prefix, a body that is not JSON, no article text.",
    401: "A write without a valid bearer token.",
    403: "Writes are disabled: the server was started without WARWATCH_TOKEN.",
    404: "No such event, article or page.",
    409: "The store refused the change (e.g. events already merged).",
    413: "The request body is larger than the server accepts.",
    422: "A parameter or body field is invalid; the message names it.",
    503: "The database failed; retry later.",
}


def errors(*statuses: int, media_type: str | None = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, all with the ``ErrorBody`` envelope.

    ``media_type``: say so when the route's own responses are not JSON (errors always are).
    """
    if media_type is None:
        return {status: {"model": ErrorBody, "description": _MEANINGS[status]} for status in statuses}
    schema = {"$ref": "#/components/schemas/ErrorBody"}  # registered by the routes that use the model
    return {
        status: {"description": _MEANINGS[status], "content": {media_type: {"schema": schema}}} for status in statuses
    }


def envelope(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, *, crash_headers: dict[str, str] | None = None) -> None:
    """Make every error the app answers an envelope.

    ``crash_headers`` go on 500 responses: Starlette answers those outside every middleware, so the
    middleware that adds headers to the other responses never sees them.
    """

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        response = await _unexpected_error(request, exc)
        response.headers.update(crash_headers or {})
        return response

    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(WarwatchError, _warwatch_error)
    app.add_exception_handler(Exception, unexpected)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = "no such page; the API is under /api (see /openapi.json)"
    elif message == "There was an error parsing the body":  # FastAPI's words for a body that is not UTF-8
        message = "the body is not JSON in UTF-8; send the fields as a JSON object"
    return envelope(exc.status_code, message, dict(exc.headers or {}))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return envelope(422, validation_message(exc.errors()))


_FORMS = {"bbox": " west,south,east,north (e.g. 35.5,32.3,42.4,37.3)", "country": " of two letters (e.g. SY)"}


def validation_message(problems: Any) -> str:
    """One line naming each invalid parameter or field and what is wrong with it."""
    parts = []
    for problem in list(problems)[:5]:
        where, *path = [str(part) for part in problem.get("loc", ())] or ["request"]
        place = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(where, where)
        name = ".".join(path)
        label = f"{place} {name!r}" if name else ("the body" if where == "body" else place)
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        if problem.get("type") == "string_pattern_mismatch":
            message = f"{problem.get('input')!r} is not in the expected form{_FORMS.get(path[0] if path else '', '')}"
        parts.append(f"{label}: {message}")
    return "; ".join(parts) or "the request is invalid"


async def _warwatch_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, InputError):
        return envelope(400, str(exc))
    if isinstance(exc, StoreError):
        log.error("store error: %s", exc)
        return envelope(503, f"the store failed: {exc}")
    return await _unexpected_error(_request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return envelope(500, "internal error; the server log has the details")
