"""Bearer-token checks for the API: writes need the operator's token, reads too when read_token is set.

No token configured means writes are refused outright (403); a missing or wrong token is 401. Tokens
are compared in constant time (hmac.compare_digest).
"""

from __future__ import annotations

import hmac

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

Credentials = HTTPAuthorizationCredentials | None
bearer = HTTPBearer(auto_error=False, description="The operator's token (settings.token, CROSSINGS_TOKEN, "
                    "or `crossings serve --token`).")


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison; bytes so that non-ASCII input cannot raise."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _check(request: Request, credentials: Credentials, what: str) -> None:
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, f"{what} are disabled: the operator has set no token")
    if not token_matches(credentials.credentials if credentials else None, expected):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def require_write(request: Request, credentials: Credentials = Depends(bearer)) -> None:
    """Dependency of every route that changes the store."""
    _check(request, credentials, "writes")


def require_read(request: Request, credentials: Credentials = Depends(bearer)) -> None:
    """Dependency of every read route: open unless settings.read_token (then a logged-in account may read)."""
    if request.app.state.settings.read_token and not _logged_in(request, credentials):
        _check(request, credentials, "reads")


def _logged_in(request: Request, credentials: Credentials) -> bool:
    from crossings.accounts import account_for

    token = credentials.credentials if credentials else None
    return account_for(request.app.state.store, token, request.app.state.settings.token) is not None
