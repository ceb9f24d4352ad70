"""Stage 8 (HTTP) for reviewers: log in, review a figure, read its history. Thin over crossings.review.

Who is asking comes from the bearer token: the operator's token (settings.token) is a reviewer named
"operator"; a token from POST /api/login is that account's (reviewer or reader). Reviewing needs a
reviewer (a reader gets 403 and changes nothing); reading a history needs any logged-in account.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from crossings import accounts, review
from crossings.serve.auth import Credentials, bearer
from crossings.serve.models import Country, FigureOut, IsoDate, Kind, SourceType, Unit

FigureId = Annotated[int, Path(ge=1, le=2**53, description="the figure's id")]
Count = Annotated[int, Field(ge=0, le=10**10)]
UNAUTHORIZED = {401: {"description": "not logged in (no or unknown bearer token)"}}
FORBIDDEN = {403: {"description": "logged in, but as a reader: readers cannot review"}}
NOT_FOUND = {404: {"description": "no such figure"}}
BAD = {422: {"description": "unusable decision: unknown action, or fields that do not make a figure"}}
BODY = {400: {"description": "body is not JSON"}, 413: {"description": "body too large"}}

router = APIRouter(prefix="/api", tags=["review"])


class FieldsIn(BaseModel):
    """The values a correction sets; a field left out keeps its value, null clears it."""

    model_config = ConfigDict(extra="forbid")

    origin: Country | None = None
    destination: Country | None = None
    unit: Unit | None = None
    kind: Kind | None = None
    low: Count | None = None
    high: Count | None = None
    qualifier: Literal["exact", "about", "nearly", "at_least", "more_than", "at_most", "range", "vague"] | None = None
    rate_per: Literal["day", "week", "month"] | None = None
    period_start: IsoDate | None = None
    period_end: IsoDate | None = None
    attributed_to: Annotated[str, Field(max_length=500)] | None = None
    source_type: SourceType | None = None


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "correct", "reject", "recommend", "unrecommend"]
    fields: FieldsIn | None = Field(None, description="only with action=correct: the values to set")
    reason: Annotated[str, Field(max_length=2000)] | None = None


class LogEntryOut(BaseModel):
    """One decision as the append-only log keeps it."""

    id: int | None = None
    uid: str
    figure_id: int | None = None
    reviewer: str
    at: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str | None = None
    via: str
    applied: bool = Field(description="false: an imported decision older than one made here, kept for the record")


class ReviewOut(BaseModel):
    figure: FigureOut
    entry: LogEntryOut


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class AccountOut(BaseModel):
    name: str
    role: str
    can_review: bool


class LoginOut(AccountOut):
    token: str = Field(description="send as 'Authorization: Bearer TOKEN'")
    expires_at: str


def account(request: Request, credentials: Credentials = Depends(bearer)) -> accounts.Account | None:
    token = credentials.credentials if credentials else None
    return accounts.account_for(request.app.state.store, token, request.app.state.settings.token)


def logged_in(who: accounts.Account | None = Depends(account)) -> accounts.Account:
    if who is None:
        raise HTTPException(401, "log in first (POST /api/login), or send the operator's token",
                            headers={"WWW-Authenticate": "Bearer"})
    return who


def reviewer(who: accounts.Account = Depends(logged_in)) -> accounts.Account:
    if not who.can_review:
        raise HTTPException(403, f"{who.name} is a {who.role}: only reviewers may review")
    return who


def _store(request: Request):
    return request.app.state.store


@router.post("/figures/{figure_id}/review", response_model=ReviewOut, summary="Accept, correct, reject or "
             "recommend a figure (reviewers only); the decision goes into the figure's history",
             responses={**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **BAD, **BODY})
def review_figure(figure_id: FigureId, body: ReviewIn, who: accounts.Account = Depends(reviewer),
                  store=Depends(_store)):
    fields = _fields(body.fields)
    try:
        entry = review.apply(store, figure_id, body.action, who.name, fields, body.reason, via="api")
    except review.ReviewError as exc:
        raise HTTPException(404 if exc.reason == "not_found" else 422,
                            {"reason": exc.reason, "message": str(exc)}) from exc
    return {"figure": store.figure(figure_id), "entry": entry}


def _fields(given: FieldsIn | None) -> dict[str, Any] | None:
    if given is None:
        return None
    values = given.model_dump(exclude_unset=True)
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


@router.get("/figures/{figure_id}/history", response_model=list[LogEntryOut], summary="Every decision "
            "on a figure, oldest first (any logged-in account)", responses={**UNAUTHORIZED, **NOT_FOUND})
def figure_history(figure_id: FigureId, who: accounts.Account = Depends(logged_in), store=Depends(_store)):
    if store.figure(figure_id) is None:
        raise HTTPException(404, "no such figure")
    return review.history(store, figure_id)


@router.post("/login", response_model=LoginOut, summary="Log in with a user account; answers a bearer token",
             responses={401: {"description": "wrong name or password"}, **BODY})
def login(body: LoginIn, store=Depends(_store)):
    found = accounts.login(store, body.name, body.password)
    if found is None:
        raise HTTPException(401, "wrong name or password")
    token, who, expires = found
    return {"token": token, "name": who.name, "role": who.role, "can_review": who.can_review,
            "expires_at": expires}


@router.post("/logout", status_code=204, response_class=Response, summary="End this bearer token's session",
             responses={204: {"description": "logged out"}, **UNAUTHORIZED, **BODY})
def logout(who: accounts.Account = Depends(logged_in), credentials: Credentials = Depends(bearer),
           store=Depends(_store)):
    if credentials:
        accounts.logout(store, credentials.credentials)
    return Response(status_code=204)


@router.get("/me", response_model=AccountOut, summary="Who this bearer token logs in as",
            responses=UNAUTHORIZED)
def me(who: accounts.Account = Depends(logged_in)):
    return {"name": who.name, "role": who.role, "can_review": who.can_review}
